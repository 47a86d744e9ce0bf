import { createHash } from 'node:crypto';

const MAX = 63;

/** One name part made of the characters a catalog entity name allows, separators never doubled. */
function clean(part: string): string {
  return part
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/[-._]{2,}/g, m => m[0])
    .replace(/^[-._]+|[-._]+$/g, '');
}

/**
 * A valid, stable catalog entity name from its parts joined with `.` (e.g. `team-support.support-openai`):
 * `[A-Za-z0-9]` separated by single `-_.`, at most 63 characters (longer ones end in a short hash of the parts).
 */
export function entityName(...parts: string[]): string {
  const joined = parts.map(clean).filter(Boolean).join('.');
  if (joined.length <= MAX && joined) return joined;
  const hash = createHash('sha1').update(parts.join('\0')).digest('hex');
  const head = joined.slice(0, MAX - 9).replace(/[-._]+$/, '');
  return `${head}-${hash.slice(0, 8)}`;
}

/** A valid catalog tag (`[a-z0-9:+#]` words joined by `-`), or undefined. */
export function tag(value: string): string | undefined {
  const t = value
    .toLowerCase()
    .replace(/[^a-z0-9:+#]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63)
    .replace(/-+$/, '');
  return t || undefined;
}

export function tags(values: string[]): string[] {
  return [
    ...new Set(values.map(tag).filter((t): t is string => t !== undefined)),
  ];
}
