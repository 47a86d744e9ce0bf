import { InputError } from '@backstage/errors';

/** One requirement of a Kubernetes label selector (`k=v`, `k!=v`, `k in (a,b)`, `k notin (a)`, `k`, `!k`). */
export type LabelRequirement =
  | { key: string; op: 'in'; values: string[] }
  | { key: string; op: 'notin'; values: string[] }
  | { key: string; op: 'exists' }
  | { key: string; op: 'doesnotexist' };

const KEY =
  /^([a-z0-9A-Z]([-a-z0-9A-Z.]*[a-z0-9A-Z])?\/)?[a-z0-9A-Z]([-a-z0-9A-Z_.]*[a-z0-9A-Z])?$/;
const VALUE = /^([a-z0-9A-Z]([-a-z0-9A-Z_.]*[a-z0-9A-Z])?)?$/;

function checkKey(key: string, selector: string): string {
  if (!KEY.test(key))
    throw new InputError(
      `Invalid label selector '${selector}': bad key '${key}'`,
    );
  return key;
}

function checkValue(value: string, selector: string): string {
  if (!VALUE.test(value) || value.length > 63) {
    throw new InputError(
      `Invalid label selector '${selector}': bad value '${value}'`,
    );
  }
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
 * Parses the Kubernetes label-selector string syntax (equality- and set-based), as used in the
 * `backstage.io/kubernetes-label-selector` annotation. Throws `InputError` on malformed input.
 */
export function parseLabelSelector(selector: string): LabelRequirement[] {
  return splitTerms(selector).map(term => {
    const set = /^(\S+)\s+(in|notin)\s*\((.*)\)$/.exec(term);
    if (set) {
      const values = set[3].split(',').map(v => checkValue(v.trim(), selector));
      return {
        key: checkKey(set[1], selector),
        op: set[2] as 'in' | 'notin',
        values,
      };
    }
    const eq = /^([^=!\s]+)\s*(==|=|!=)\s*(\S*)$/.exec(term);
    if (eq) {
      const key = checkKey(eq[1], selector);
      const value = checkValue(eq[3], selector);
      return eq[2] === '!='
        ? { key, op: 'notin', values: [value] }
        : { key, op: 'in', values: [value] };
    }
    const not = /^!\s*(\S+)$/.exec(term);
    if (not) return { key: checkKey(not[1], selector), op: 'doesnotexist' };
    if (/^\S+$/.test(term))
      return { key: checkKey(term, selector), op: 'exists' };
    throw new InputError(
      `Invalid label selector '${selector}': cannot parse '${term}'`,
    );
  });
}

export function matchesRequirement(
  labels: Record<string, string> | undefined,
  r: LabelRequirement,
): boolean {
  const has =
    labels !== undefined && Object.prototype.hasOwnProperty.call(labels, r.key);
  switch (r.op) {
    case 'in':
      return has && r.values.includes(labels![r.key]);
    case 'notin':
      return !has || !r.values.includes(labels![r.key]);
    case 'exists':
      return has;
    case 'doesnotexist':
      return !has;
    default:
      return false;
  }
}

export function matchesLabels(
  labels: Record<string, string> | undefined,
  requirements: LabelRequirement[],
): boolean {
  return requirements.every(r => matchesRequirement(labels, r));
}
