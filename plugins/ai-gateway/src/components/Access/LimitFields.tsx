import Box from '@mui/material/Box';
import TextField from '@mui/material/TextField';
import { configApiRef, useApi } from '@backstage/core-plugin-api';
import type { AccessLimits } from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { daysFrom } from './format';

/** Default and maximum expiry in days (`aiGateway.access.*ExpiryDays`; the backend enforces the maximum). */
export function useExpiryBounds(): { defaultDays: number; maxDays: number } {
  const config = useApi(configApiRef);
  return {
    defaultDays:
      config.getOptionalNumber('aiGateway.access.defaultExpiryDays') ?? 90,
    maxDays: config.getOptionalNumber('aiGateway.access.maxExpiryDays') ?? 365,
  };
}

/** The limit fields as typed (empty = no limit of one's own). */
export interface LimitInput {
  requestsPerMinute: string;
  tokensPerMinute: string;
}

export function limitInputOf(limits?: AccessLimits): LimitInput {
  return {
    requestsPerMinute: limits?.requestsPerMinute?.toString() ?? '',
    tokensPerMinute: limits?.tokensPerMinute?.toString() ?? '',
  };
}

/** The limits to send, or undefined when none was typed. */
export function limitsOf(input: LimitInput): AccessLimits | undefined {
  const n = (v: string) => (v.trim() ? Number(v) : undefined);
  const limits: AccessLimits = {};
  const rpm = n(input.requestsPerMinute);
  const tpm = n(input.tokensPerMinute);
  if (rpm !== undefined) limits.requestsPerMinute = rpm;
  if (tpm !== undefined) limits.tokensPerMinute = tpm;
  return Object.keys(limits).length ? limits : undefined;
}

/** A number above the ceiling (the API's own limit, or what was asked when narrowing), or not a positive integer. */
export function limitError(value: string, max?: number): string | undefined {
  if (!value.trim()) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) return 'A whole number above 0';
  if (max !== undefined && n > max) return `At most ${max}`;
  return undefined;
}

export interface LimitFieldsProps {
  value: LimitInput;
  onChange: (value: LimitInput) => void;
  /** the ceilings (the API's own limits, or what was asked) */
  max?: AccessLimits;
  expiry: string;
  onExpiryChange: (date: string) => void;
  /** latest date allowed, `YYYY-MM-DD` */
  maxExpiry: string;
  expiryHelp: string;
  expiryError?: string;
}

/** Optional request / token limits within the ceilings, and the expiry date. */
export function LimitFields(props: LimitFieldsProps) {
  const { value, onChange, max } = props;
  const field = (key: keyof LimitInput, label: string, ceiling?: number) => {
    const error = limitError(value[key], ceiling);
    return (
      <TextField
        label={label}
        type="number"
        size="small"
        value={value[key]}
        onChange={e => onChange({ ...value, [key]: e.target.value })}
        error={!!error}
        helperText={
          error ?? (ceiling ? `Optional, at most ${ceiling}` : 'Optional')
        }
        inputProps={{ min: 1, ...(ceiling ? { max: ceiling } : {}) }}
      />
    );
  };
  return (
    <Box display="flex" flexWrap="wrap" gap={2} mt={2}>
      {field(
        'requestsPerMinute',
        'Requests per minute',
        max?.requestsPerMinute,
      )}
      {field('tokensPerMinute', 'Tokens per minute', max?.tokensPerMinute)}
      <TextField
        label="Expires on"
        type="date"
        size="small"
        value={props.expiry}
        onChange={e => props.onExpiryChange(e.target.value)}
        error={!!props.expiryError}
        helperText={props.expiryError ?? props.expiryHelp}
        InputLabelProps={{ shrink: true }}
        inputProps={{ min: daysFrom(1), max: props.maxExpiry }}
      />
    </Box>
  );
}
