import { badRequest } from '../errors/StatusError';

/** One requirement of a label selector (`k8s.io/apimachinery/pkg/labels` syntax). */
export type Requirement =
  | { key: string; op: '=' | '!='; value: string }
  | { key: string; op: 'in' | 'notin'; values: string[] }
  | { key: string; op: 'exists' | '!' };

export type LabelSelector = Requirement[];

/** Split on commas that are not inside parentheses. */
function splitTerms(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of s) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out.map(t => t.trim()).filter(t => t.length > 0);
}

const KEY = /^([a-z0-9A-Z]([-a-z0-9A-Z_.]*[a-z0-9A-Z])?\/)?[a-z0-9A-Z]([-a-z0-9A-Z_.]*[a-z0-9A-Z])?$/;
const VALUE = /^([a-z0-9A-Z]([-a-z0-9A-Z_.]*[a-z0-9A-Z])?)?$/;

function checkKey(key: string, raw: string): string {
  if (!KEY.test(key)) throw badRequest(`unable to parse requirement: invalid label key "${key}" in "${raw}"`);
  return key;
}

function checkValue(v: string, raw: string): string {
  if (!VALUE.test(v) || v.length > 63) throw badRequest(`unable to parse requirement: invalid label value "${v}" in "${raw}"`);
  return v;
}

/** Parse `a=b,c!=d,e in (x,y),f notin (z),g,!h`; throws 400 BadRequest on syntax errors. */
export function parseLabelSelector(selector: string | undefined | null): LabelSelector {
  if (!selector) return [];
  return splitTerms(selector).map((term): Requirement => {
    let m = /^!\s*(\S+)$/.exec(term);
    if (m) return { key: checkKey(m[1], term), op: '!' };
    m = /^(\S+)\s+(in|notin)\s*\(([^)]*)\)$/.exec(term);
    if (m) {
      const values = m[3].split(',').map(v => checkValue(v.trim(), term));
      return { key: checkKey(m[1], term), op: m[2] as 'in' | 'notin', values };
    }
    m = /^([^=!\s]+)\s*(==|=|!=)\s*(\S*)$/.exec(term);
    if (m) return { key: checkKey(m[1], term), op: m[2] === '!=' ? '!=' : '=', value: checkValue(m[3], term) };
    if (/^[^=!\s()]+$/.test(term)) return { key: checkKey(term, term), op: 'exists' };
    throw badRequest(`unable to parse requirement: found '${term}', expected: a valid label selector requirement`);
  });
}

export function matchesLabels(sel: LabelSelector, labels: Record<string, string> | undefined): boolean {
  const l = labels ?? {};
  return sel.every(r => {
    const has = Object.prototype.hasOwnProperty.call(l, r.key);
    switch (r.op) {
      case '=':
        return has && l[r.key] === r.value;
      case '!=':
        return !has || l[r.key] !== r.value;
      case 'in':
        return has && r.values.includes(l[r.key]);
      case 'notin':
        return !has || !r.values.includes(l[r.key]);
      case 'exists':
        return has;
      case '!':
        return !has;
      default:
        return false;
    }
  });
}
