/**
 * The string / number formats the structural validator knows, as one object: ajv is given these, and the
 * build-time generated validators (./generated/) `require` this module for them, so generated and runtime-compiled
 * validators check exactly the same.
 */
import { fullFormats } from 'ajv-formats/dist/formats';
import type { Format } from 'ajv';
import { isRequestUri } from './goUrl';

const INT32 = [-2147483648, 2147483647];
const INT64 = [-9223372036854775808, 9223372036854775807];

const FROM_AJV_FORMATS = [
  'date-time',
  'date',
  'time',
  'hostname',
  'ipv4',
  'ipv6',
  'email',
  'uuid',
  'byte',
  'duration',
] as const;

export const FORMATS: Record<string, Format> = {
  ...Object.fromEntries(
    FROM_AJV_FORMATS.map(name => [name, fullFormats[name] as Format]),
  ),
  // kube-openapi checks `uri` with Go's url.ParseRequestURI (not RFC 3986 strictly, not a browser's parser)
  uri: (s: string) => isRequestUri(s),
  int32: {
    type: 'number',
    validate: (n: number) => n >= INT32[0] && n <= INT32[1],
  },
  int64: {
    type: 'number',
    validate: (n: number) => n >= INT64[0] && n <= INT64[1],
  },
  // Accepted as-is, as the apiserver does (they only describe the value).
  float: true,
  double: true,
  password: true,
  binary: true,
};
