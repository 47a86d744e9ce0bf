/**
 * The one parser of the Kubernetes label-selector string syntax (`k8s.io/apimachinery/pkg/labels`), shared by the
 * backend (the `backstage.io/kubernetes-label-selector` annotation, MCP target selectors), kube-local (`?labelSelector=`)
 * and the frontend. Isomorphic: no Node or Backstage runtime dependency.
 */

/** One requirement: `k=v` / `k==v` → `in [v]`, `k!=v` → `notin [v]`, `k in (a,b)`, `k notin (a)`, `k`, `!k`. */
export type LabelRequirement =
  | { key: string; op: 'in'; values: string[] }
  | { key: string; op: 'notin'; values: string[] }
  | { key: string; op: 'exists' }
  | { key: string; op: 'doesnotexist' };

/** A selector that does not parse; `message` in the words of the Kubernetes API server. */
export class LabelSelectorSyntaxError extends Error {
  readonly name = 'LabelSelectorSyntaxError';
  constructor(
    message: string,
    /** the whole selector */
    readonly selector: string,
    /** the term that failed */
    readonly term: string,
  ) {
    super(message);
  }
}

const KEY =
  /^([a-z0-9A-Z]([-a-z0-9A-Z.]*[a-z0-9A-Z])?\/)?[a-z0-9A-Z]([-a-z0-9A-Z_.]*[a-z0-9A-Z])?$/;
const VALUE = /^([a-z0-9A-Z]([-a-z0-9A-Z_.]*[a-z0-9A-Z])?)?$/;
const MAX_NAME = 63;

function checkKey(key: string, selector: string, term: string): string {
  const name = key.includes('/') ? key.slice(key.indexOf('/') + 1) : key;
  if (!KEY.test(key) || name.length > MAX_NAME)
    throw new LabelSelectorSyntaxError(
      `unable to parse requirement: invalid label key "${key}" in "${term}"`,
      selector,
      term,
    );
  return key;
}

function checkValue(value: string, selector: string, term: string): string {
  if (!VALUE.test(value) || value.length > MAX_NAME)
    throw new LabelSelectorSyntaxError(
      `unable to parse requirement: invalid label value "${value}" in "${term}"`,
      selector,
      term,
    );
  return value;
}

/** Splits on commas that are not inside a `( … )` value set. */
function splitTerms(selector: string): string[] {
  const terms: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of selector) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      terms.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  terms.push(current);
  return terms.map(t => t.trim()).filter(t => t.length > 0);
}

/**
 * Parses equality- and set-based selectors (`a=b,c!=d,e in (x,y),f notin (z),g,!h`). An empty or blank selector has
 * no requirements (selects everything). Throws {@link LabelSelectorSyntaxError}.
 */
export function parseLabelSelector(
  selector: string | undefined | null,
): LabelRequirement[] {
  if (!selector) return [];
  return splitTerms(selector).map((term): LabelRequirement => {
    let m = /^!\s*(\S+)$/.exec(term);
    if (m) return { key: checkKey(m[1], selector, term), op: 'doesnotexist' };
    m = /^(\S+)\s+(in|notin)\s*\(([^()]*)\)$/.exec(term);
    if (m) {
      const values = m[3]
        .split(',')
        .map(v => checkValue(v.trim(), selector, term));
      const key = checkKey(m[1], selector, term);
      return m[2] === 'in'
        ? { key, op: 'in', values }
        : { key, op: 'notin', values };
    }
    m = /^([^=!\s]+)\s*(==|=|!=)\s*(\S*)$/.exec(term);
    if (m) {
      const key = checkKey(m[1], selector, term);
      const values = [checkValue(m[3], selector, term)];
      return m[2] === '!='
        ? { key, op: 'notin', values }
        : { key, op: 'in', values };
    }
    if (/^[^=!\s()]+$/.test(term))
      return { key: checkKey(term, selector, term), op: 'exists' };
    throw new LabelSelectorSyntaxError(
      `unable to parse requirement: found '${term}', expected: a valid label selector requirement`,
      selector,
      term,
    );
  });
}

export function matchesRequirement(
  labels: Record<string, string> | undefined,
  r: LabelRequirement,
): boolean {
  const has =
    labels !== undefined && Object.prototype.hasOwnProperty.call(labels, r.key);
  const value = has ? labels[r.key] : undefined;
  switch (r.op) {
    case 'in':
      return value !== undefined && r.values.includes(value);
    case 'notin':
      return value === undefined || !r.values.includes(value);
    case 'exists':
      return has;
    case 'doesnotexist':
      return !has;
    default:
      return false;
  }
}

/** Whether labels satisfy every requirement (missing labels count as absent). */
export function matchesLabels(
  labels: Record<string, string> | undefined,
  requirements: readonly LabelRequirement[],
): boolean {
  return requirements.every(r => matchesRequirement(labels, r));
}

/** The canonical string of requirements (e.g. for stamping or cache keys): `k=v`, `k!=v`, `k in (a,b)`, `k`, `!k`. */
export function formatLabelSelector(
  requirements: readonly LabelRequirement[],
): string {
  return requirements
    .map(r => {
      switch (r.op) {
        case 'in':
          return r.values.length === 1
            ? `${r.key}=${r.values[0]}`
            : `${r.key} in (${r.values.join(',')})`;
        case 'notin':
          return r.values.length === 1
            ? `${r.key}!=${r.values[0]}`
            : `${r.key} notin (${r.values.join(',')})`;
        case 'exists':
          return r.key;
        default:
          return `!${r.key}`;
      }
    })
    .join(',');
}
