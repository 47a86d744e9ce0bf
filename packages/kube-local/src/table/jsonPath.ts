/**
 * The JSONPath subset of `additionalPrinterColumns` (k8s.io/client-go/util/jsonpath with AllowMissingKeys):
 * `.a.b`, `['a.b']`, `[0]`, `[*]`, and filters `[?(@.type=="Ready")]` / `[?(@.x)]`. Returns every match in order.
 */
type Step =
  | { kind: 'field'; name: string }
  | { kind: 'index'; index: number }
  | { kind: 'all' }
  | { kind: 'filter'; path: string[]; op?: '==' | '!='; value?: unknown };

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
  while (i < path.length) {
    const rest = path.slice(i);
    let m: RegExpExecArray | null;
    if ((m = re.all.exec(rest))) steps.push({ kind: 'all' });
    else if ((m = re.field.exec(rest)))
      steps.push({ kind: 'field', name: m[1] });
    else if ((m = re.quoted.exec(rest)))
      steps.push({ kind: 'field', name: m[1] ?? m[2] });
    else if ((m = re.index.exec(rest)))
      steps.push({ kind: 'index', index: Number(m[1]) });
    else if ((m = re.filter.exec(rest))) {
      const raw = m[3];
      let value: unknown;
      if (raw !== undefined)
        value = /^['"]/.test(raw) ? raw.slice(1, -1) : JSON.parse(raw);
      steps.push({
        kind: 'filter',
        path: m[1].split('.').filter(Boolean),
        op: m[2] as '==' | '!=' | undefined,
        value,
      });
    } else throw new Error(`unrecognized column definition "${path}"`);
    i += m[0].length;
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
