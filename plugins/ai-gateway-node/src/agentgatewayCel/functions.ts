/**
 * The agentgateway-specific CEL functions (upstream `schema/cel-functions.md`) as `@bufbuild/cel` functions:
 * `json`, `toJson`, `merge`, `flatten`, `flattenRecursive`, `base64.encode` / `base64.decode`, `random`, `uuid`,
 * `fail`, `regexReplace`, `unredacted`, `stripPrefix` / `stripSuffix`. The macros (`with`, `default`,
 * `filterKeys`, `removeKeys`, `mapValues`) are AST rewrites in ./macros.ts.
 */
import { randomUUID } from 'node:crypto';
import {
  CelFunc,
  CelMap,
  CelScalar,
  CelValue,
  celFunc,
  celList,
  celMap,
  celMethod,
  isCelList,
  isCelMap,
  isCelUint,
  mapType,
} from '@bufbuild/cel';
import { RE2JS } from '@bufbuild/re2';
import { PRESENT } from './macros';

const { STRING, BYTES, DYN, DOUBLE, BOOL } = CelScalar;
const MAP = mapType(STRING, DYN);

type MapKey = string | bigint | boolean;

/** A JSON value as a CEL value: objects become maps, integral numbers `int`, other numbers `double`. */
export function jsonToCel(value: unknown): CelValue {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return celList(value.map(jsonToCel));
  if (typeof value === 'object') {
    const out = new Map<MapKey, CelValue>();
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (v !== undefined) out.set(k, jsonToCel(v));
    }
    return celMap(out);
  }
  if (typeof value === 'number')
    return Number.isSafeInteger(value) ? BigInt(value) : value;
  if (typeof value === 'bigint') return value;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  throw new Error(`cannot convert ${typeof value} to a CEL value`);
}

/** A CEL value as plain JSON-like JavaScript (maps → objects, lists → arrays, int → number when safe). */
export function celToJs(value: unknown): unknown {
  if (isCelMap(value) || value instanceof Map) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of value as ReadonlyMap<unknown, unknown>)
      out[String(k)] = celToJs(v);
    return out;
  }
  if (isCelList(value) || Array.isArray(value))
    return Array.from(value as Iterable<unknown>, celToJs);
  if (isCelUint(value)) return celToJs(value.value);
  if (typeof value === 'bigint') {
    const n = Number(value);
    return Number.isSafeInteger(n) ? n : value.toString();
  }
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  return value;
}

function parseJson(text: string): CelValue {
  try {
    return jsonToCel(JSON.parse(text));
  } catch (e: unknown) {
    throw new Error(`json: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function mergeMaps(a: CelMap, b: CelMap): CelMap {
  const out = new Map<MapKey, CelValue>();
  for (const [k, v] of a) out.set(k as MapKey, v);
  for (const [k, v] of b) out.set(k as MapKey, v);
  return celMap(out);
}

/** `regexReplace`: the pattern is checked with RE2 (as the gateway's Rust regex), replaced with a JS RegExp. */
function regexReplace(text: string, pattern: string, replacement: string) {
  RE2JS.compile(pattern);
  const caseless = pattern.startsWith('(?i)');
  const source = caseless ? pattern.slice(4) : pattern;
  return text.replace(
    new RegExp(source, caseless ? 'gi' : 'g'),
    replacement.replace(/\$\{(\w+)\}/g, '$$<$1>'),
  );
}

export const agentgatewayFunctions: CelFunc[] = [
  celFunc('json', [STRING], DYN, s => parseJson(s)),
  celFunc('json', [BYTES], DYN, b => parseJson(Buffer.from(b).toString())),
  celFunc(PRESENT, [DYN], BOOL, () => true),
  celFunc('toJson', [DYN], STRING, v => JSON.stringify(celToJs(v))),
  celMethod('merge', MAP, [MAP], MAP, function merge(other) {
    return mergeMaps(this, other);
  }),
  celFunc('flatten', [DYN], DYN, v => v),
  celFunc('flattenRecursive', [DYN], DYN, v => v),
  celFunc('base64.encode', [STRING], STRING, s =>
    Buffer.from(s).toString('base64'),
  ),
  celFunc('base64.encode', [BYTES], STRING, b =>
    Buffer.from(b).toString('base64'),
  ),
  celFunc(
    'base64.decode',
    [STRING],
    BYTES,
    s => new Uint8Array(Buffer.from(s, 'base64')),
  ),
  celFunc('random', [], DOUBLE, () => Math.random()),
  celFunc('uuid', [], STRING, () => randomUUID()),
  celFunc('fail', [], DYN, () => {
    throw new Error('fail() called');
  }),
  celFunc('fail', [STRING], DYN, (m: string) => {
    throw new Error(m);
  }),
  celMethod(
    'regexReplace',
    STRING,
    [STRING, STRING],
    STRING,
    function rr(p, r) {
      return regexReplace(this, p, r);
    },
  ),
  celMethod('unredacted', STRING, [], STRING, function unredacted() {
    return this;
  }),
  celMethod('stripPrefix', STRING, [STRING], STRING, function stripPrefix(p) {
    return this.startsWith(p) ? this.slice(p.length) : this;
  }),
  celMethod('stripSuffix', STRING, [STRING], STRING, function stripSuffix(s) {
    return s && this.endsWith(s) ? this.slice(0, -s.length) : this;
  }),
];
