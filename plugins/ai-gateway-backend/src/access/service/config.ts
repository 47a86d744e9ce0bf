import { Config } from '@backstage/config';
import { AccessConfig } from './types';

/** Reads `aiGateway.access` (defaults in ACCESS-DESIGN.md / config.d.ts). */
export function readAccessConfig(root: Config): AccessConfig {
  const c = root.getOptionalConfig('aiGateway.access');
  const positive = (key: string, fallback: number) => {
    const v = c?.getOptionalNumber(key) ?? fallback;
    if (!(v > 0)) throw new Error(`aiGateway.access.${key} must be > 0`);
    return v;
  };
  const maxExpiryDays = positive('maxExpiryDays', 365);
  // the default default stays within a configured maximum
  const defaultExpiryDays = positive(
    'defaultExpiryDays',
    Math.min(90, maxExpiryDays),
  );
  if (defaultExpiryDays > maxExpiryDays)
    throw new Error(
      'aiGateway.access.defaultExpiryDays must not exceed maxExpiryDays',
    );
  return {
    enabled: c?.getOptionalBoolean('enabled') ?? true,
    defaultExpiryDays,
    maxExpiryDays,
    rotationGraceHours: c?.getOptionalNumber('rotationGraceHours') ?? 24,
    allowSelfApproval: c?.getOptionalBoolean('allowSelfApproval') ?? false,
    autoApproveNamespaces:
      c?.getOptionalStringArray('autoApproveNamespaces') ?? [],
    lifecycleFrequencySeconds: positive('lifecycleFrequencySeconds', 300),
  };
}
