/** Deterministic full-text scoring and hashing embeddings for the demo tools (no model, no network). */

export function terms(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(t => t.length > 1);
}

/** How many query terms occur in the text (title terms count twice). */
export function score(query: string, title: string, text: string): number {
  const haystack = new Set(terms(text));
  const titleTerms = new Set(terms(title));
  let s = 0;
  for (const t of terms(query)) {
    if (titleTerms.has(t)) s += 2;
    if (haystack.has(t)) s += 1;
  }
  return s;
}

/** The `limit` best-scoring items with a positive score, best first, ties by input order. */
export function rank<T>(
  items: T[],
  query: string,
  fields: (item: T) => { title: string; text: string },
  limit: number,
): Array<{ item: T; score: number }> {
  return items
    .map((item, i) => {
      const f = fields(item);
      return { item, i, score: score(query, f.title, f.text) };
    })
    .filter(r => r.score > 0)
    .sort((a, b) => b.score - a.score || a.i - b.i)
    .slice(0, limit)
    .map(({ item, score: s }) => ({ item, score: s }));
}

export const EMBEDDING_DIMENSIONS = 16;

/** A unit-length feature-hashing embedding of the text (FNV-1a per term). */
export function embed(text: string): number[] {
  const v = new Array<number>(EMBEDDING_DIMENSIONS).fill(0);
  for (const t of terms(text)) {
    let h = 0x811c9dc5;
    for (let i = 0; i < t.length; i++) {
      h ^= t.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    v[h % EMBEDDING_DIMENSIONS] += (h & 0x10000) === 0 ? 1 : -1;
  }
  const norm = Math.sqrt(v.reduce((n, x) => n + x * x, 0)) || 1;
  return v.map(x => Math.round((x / norm) * 1e4) / 1e4);
}

export function cosine(a: number[], b: number[]): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return Math.round(s * 1e4) / 1e4;
}
