import { InputError } from '@backstage/errors';
import {
  AccessLimits,
  AccessScope,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { ResolvedApi } from './apis';
import { AccessConfig } from './types';

const DAY_MS = 24 * 60 * 60 * 1000;

function unknownNames(
  field: 'models' | 'tools',
  asked: string[] | undefined,
  offered: string[],
  api: ResolvedApi,
): string[] {
  if (!asked) return [];
  const set = new Set(offered);
  const unknown = [...new Set(asked.filter(n => !set.has(n)))];
  if (unknown.length)
    throw new InputError(
      `${field}: ${api.apiRef} does not offer ${unknown.join(', ')}${
        offered.length ? ` (it offers ${offered.join(', ')})` : ''
      }`,
    );
  return [...new Set(asked)];
}

function checkLimits(
  limits: AccessLimits | undefined,
  own: AccessLimits | undefined,
): AccessLimits | undefined {
  if (!limits) return undefined;
  const out: AccessLimits = {};
  for (const key of ['requestsPerMinute', 'tokensPerMinute'] as const) {
    const v = limits[key];
    if (v === undefined) continue;
    if (!Number.isInteger(v) || v <= 0)
      throw new InputError(`limits.${key}: must be a positive integer`);
    const max = own?.[key];
    if (max !== undefined && v > max)
      throw new InputError(
        `limits.${key}: ${v} is above the API's own limit of ${max}`,
      );
    out[key] = v;
  }
  return Object.keys(out).length ? out : undefined;
}

/**
 * The scope asked for (or approved), checked against what the API offers: models for `llm`, tools for
 * `mcp-server`, nothing for `a2a`; unknown names and limits above the API's own are a 400 naming them.
 */
export function validateScope(
  api: ResolvedApi,
  asked: { models?: string[]; tools?: string[]; limits?: AccessLimits },
): AccessScope {
  if (!api.live)
    throw new InputError(
      `apiRef: ${api.apiRef} is not served by the gateway any more (its ${api.source} is gone)`,
    );
  if (api.type !== 'llm' && asked.models?.length)
    throw new InputError(`models: ${api.apiRef} is not an llm API`);
  if (api.type !== 'mcp-server' && asked.tools?.length)
    throw new InputError(`tools: ${api.apiRef} is not an mcp-server API`);
  const models = unknownNames('models', asked.models, api.offers.models, api);
  const tools = unknownNames('tools', asked.tools, api.offers.tools, api);
  // an llm route that pins no model offers any model: the grant then does not restrict models
  if (api.type === 'llm' && api.offers.models.length && !models.length)
    throw new InputError('models: name at least one model the API offers');
  if (api.type === 'mcp-server' && !api.offers.tools.length)
    throw new InputError(
      `tools: the tools of ${api.apiRef} are not discovered yet; try again later`,
    );
  if (api.type === 'mcp-server' && !tools.length)
    throw new InputError('tools: name at least one tool the API offers');
  const limits = checkLimits(asked.limits, api.offers.limits);
  return {
    ...(api.type === 'llm' && models.length ? { models } : {}),
    ...(api.type === 'mcp-server' ? { tools } : {}),
    ...(limits ? { limits } : {}),
  };
}

/** An approval narrows: only what was asked (400 naming what was not). */
export function validateNarrowing(
  asked: AccessScope,
  approved: AccessScope,
): void {
  for (const field of ['models', 'tools'] as const) {
    const allowed = new Set(asked[field] ?? []);
    const extra = (approved[field] ?? []).filter(n => !allowed.has(n));
    if (extra.length)
      throw new InputError(
        `${field}: ${extra.join(
          ', ',
        )} was not requested; an approval may only narrow the request`,
      );
  }
  for (const key of ['requestsPerMinute', 'tokensPerMinute'] as const) {
    const a = asked.limits?.[key];
    const b = approved.limits?.[key];
    if (a !== undefined && (b === undefined || b > a))
      throw new InputError(
        `limits.${key}: must stay at or below the requested ${a}`,
      );
  }
}

/** The expiry: default from config, in the future, at most `maxExpiryDays` ahead (400 otherwise). */
export function validateExpiry(
  value: string | undefined,
  config: AccessConfig,
  now = new Date(),
): string {
  if (value === undefined)
    return new Date(
      now.getTime() + config.defaultExpiryDays * DAY_MS,
    ).toISOString();
  const t = Date.parse(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(t))
    throw new InputError('expiresAt: not an ISO date-time');
  if (t <= now.getTime())
    throw new InputError('expiresAt: must be in the future');
  if (t > now.getTime() + config.maxExpiryDays * DAY_MS)
    throw new InputError(
      `expiresAt: at most ${config.maxExpiryDays} days ahead (aiGateway.access.maxExpiryDays)`,
    );
  return new Date(t).toISOString();
}

export function validateReason(reason: unknown): string {
  const text = typeof reason === 'string' ? reason.trim() : '';
  if (!text) throw new InputError('reason: required');
  if (text.length > 2000)
    throw new InputError('reason: at most 2000 characters');
  return text;
}
