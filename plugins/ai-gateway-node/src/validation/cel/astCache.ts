/**
 * On-disk cache of parsed CEL expressions. Parsing is the costly part of compiling a rule (the PEG parser takes
 * milliseconds per rule, hundreds of rules per kind), so each parsed AST is kept as tagged JSON in the package's
 * cache folder (../../cacheDirectory.ts), keyed by a SHA-256 of the expression and the CEL library version; another
 * process decodes it in microseconds. The decoded tree is structurally identical to the parser's output (bigints,
 * bytes and undefined fields are tagged), which `astCache.test.ts` checks for every bundled rule.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from '@bufbuild/cel';
import { readCacheEntry, writeCacheEntry } from '../../cacheDirectory';

type ParsedExpr = ReturnType<typeof parse>;

const TAG = '\u0000';

/** A JSON-safe copy of a parsed expression: bigint, Uint8Array and undefined values are tagged. */
export function encodeAst(v: unknown): unknown {
  if (v === undefined) return { [TAG]: 'u' };
  if (typeof v === 'bigint') return { [TAG]: 'n', v: v.toString() };
  if (v instanceof Uint8Array) return { [TAG]: 'y', v: Array.from(v) };
  if (Array.isArray(v)) return v.map(encodeAst);
  if (v !== null && typeof v === 'object') {
    if (Object.getPrototypeOf(v) !== Object.prototype)
      throw new Error('unexpected object in a CEL AST');
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = encodeAst(x);
    return out;
  }
  return v;
}

export function decodeAst(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(decodeAst);
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, any>;
    if (TAG in o) {
      if (o[TAG] === 'u') return undefined;
      if (o[TAG] === 'n') return BigInt(o.v);
      if (o[TAG] === 'y') return Uint8Array.from(o.v);
      throw new Error('unknown tag in a cached CEL AST');
    }
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(o)) out[k] = decodeAst(x);
    return out;
  }
  return v;
}

let celVersion: string | undefined;

function entryName(expression: string): string {
  celVersion ??= installedCelVersion();
  const key = createHash('sha256')
    .update(`cel ${celVersion} ast v1\n`)
    .update(expression)
    .digest('hex')
    .slice(0, 40);
  return `cel-${key}.json`;
}

/** The installed @bufbuild/cel version (its package.json is not exported: found from the resolved entry point). */
function installedCelVersion(): string {
  try {
    let dir = path.dirname(require.resolve('@bufbuild/cel'));
    for (let i = 0; i < 4; i++, dir = path.dirname(dir)) {
      const file = path.join(dir, 'package.json');
      if (!fs.existsSync(file)) continue;
      const pkg = JSON.parse(fs.readFileSync(file, 'utf8'));
      if (pkg.name === '@bufbuild/cel') return String(pkg.version);
    }
  } catch {
    // fall through
  }
  return 'unknown';
}

/** `parse(expression)` through the on-disk cache. Parse errors are thrown as by `parse` (and not cached). */
export function parseCached(expression: string): ParsedExpr {
  const name = entryName(expression);
  const text = readCacheEntry(name);
  if (text !== undefined) {
    try {
      const entry = JSON.parse(text);
      if (entry.expression === expression)
        return decodeAst(entry.ast) as ParsedExpr;
    } catch {
      // unusable: parse again
    }
  }
  const parsed = parse(expression);
  writeCacheEntry(name, JSON.stringify({ expression, ast: encodeAst(parsed) }));
  return parsed;
}
