/**
 * The JSONPath subset of `additionalPrinterColumns` (k8s.io/client-go/util/jsonpath with AllowMissingKeys):
 * `.a.b`, `['a.b']`, `[0]`, `[*]`, and filters `[?(@.type=="Ready")]` / `[?(@.x)]`. Returns every match in order.
 */
type Step =
  | { kind: 'field'; name: string }
  | { kind: 'index'; index: number }
  | { kind: 'all' }
  | { kind: 'filter'; path: string[]; op?: '==' | '!='; value?: unknown };

/** A filter's comparison value: a quoted string, a number or a boolean. */
function literal(raw: string | undefined): unknown {
  if (raw === undefined) return undefined;
  return /^['"]/.test(raw) ? raw.slice(1, -1) : JSON.parse(raw);
}

function parse(path: string): Step[] {
  const steps: Step[] = [];
  let i = 0;
  const re = {
    field: /^\.([A-Za-z0-9_$-]+)/,
    quoted: /^\[\s*'([^']*)'\s*\]|^\[\s*"([^"]*)"\s*\]/,
    index: /^\[\s*(-?\d+)\s*\]/,
    all: /^\[\s*\*\s*\]|^\.\*/,
    filter:
      /^\[\s*\?\(\s*@((?:\.[A-Za-z0-9_$-]+)+)\s*(?:(==|!=)\s*("[^"]*"|'[^']*'|-?\d+(?:\.\d+)?|true|false))?\s*\)\s*\]/,
  };
  const rules: Array<[RegExp, (m: RegExpExecArray) => Step]> = [
    [re.all, () => ({ kind: 'all' })],
    [re.field, m => ({ kind: 'field', name: m[1] })],
    [re.quoted, m => ({ kind: 'field', name: m[1] ?? m[2] })],
    [re.index, m => ({ kind: 'index', index: Number(m[1]) })],
    [
      re.filter,
      m => ({
        kind: 'filter',
        path: m[1].split('.').filter(Boolean),
        op: m[2] as '==' | '!=' | undefined,
        value: literal(m[3]),
      }),
    ],
  ];
  while (i < path.length) {
    const rest = path.slice(i);
    let matched: RegExpExecArray | null = null;
    for (const [regex, make] of rules) {
      matched = regex.exec(rest);
      if (matched) {
        steps.push(make(matched));
        break;
      }
    }
    if (!matched) throw new Error(`unrecognized column definition "${path}"`);
    i += matched[0].length;
  }
  return steps;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function step(values: unknown[], s: Step): unknown[] {
  const out: unknown[] = [];
  for (const v of values) {
    if (s.kind === 'field') {
      if (isRecord(v) && v[s.name] !== undefined) out.push(v[s.name]);
    } else if (s.kind === 'index') {
      if (Array.isArray(v)) {
        const item = v[s.index < 0 ? v.length + s.index : s.index];
        if (item !== undefined) out.push(item);
      }
    } else if (s.kind === 'all') {
      if (Array.isArray(v)) out.push(...v);
      else if (isRecord(v)) out.push(...Object.values(v));
    } else if (Array.isArray(v)) {
      for (const item of v) {
        let cur: unknown = item;
        for (const p of s.path) cur = isRecord(cur) ? cur[p] : undefined;
        const keep =
          s.op === undefined
            ? cur !== undefined && cur !== null && cur !== false
            : (cur === s.value) === (s.op === '==');
        if (keep) out.push(item);
      }
    }
  }
  return out;
}

export function findResults(obj: unknown, jsonPath: string): unknown[] {
  const trimmed = jsonPath
    .trim()
    .replace(/^\{(.*)\}$/, '$1')
    .replace(/^\$/, '');
  return parse(trimmed).reduce<unknown[]>((vals, s) => step(vals, s), [obj]);
}
