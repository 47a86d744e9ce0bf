import * as crypto from 'node:crypto';

/** The hash of each entity's JSON, by entity name (API and Resource names are unique within their list). */
export interface EntityHashes {
  apis: Map<string, string>;
  resources: Map<string, string>;
}

/** sha256 in one call (`crypto.hash`, Node ≥ 20.12) where there is one: no Hash object per entity. */
const sha256: (text: string) => Buffer =
  typeof crypto.hash === 'function'
    ? text => crypto.hash('sha256', text, 'buffer')
    : text => crypto.createHash('sha256').update(text).digest();

/**
 * sha256 of one entity's JSON, its first 64 bits in hex (collisions among 10⁵–10⁶ entities are negligible); a flat
 * 16-character string, not a slice that would keep the whole digest alive.
 */
export function entityHash(entity: object): string {
  return sha256(JSON.stringify(entity)).toString('hex', 0, 8);
}

/**
 * Hashes every entity's JSON once and combines the hashes, in the lists' order, into the snapshot's version: the
 * same entities give the same version, any changed, added, removed or reordered entity another one. The per-entity
 * hashes also tell which entities a new snapshot changed ({@link changedEntities}) without stringifying them again.
 */
export function hashEntities(
  apis: ReadonlyArray<{ name: string }>,
  resources: ReadonlyArray<{ name: string }>,
  known?: (list: 'apis' | 'resources', entity: object) => string | undefined,
): { version: string; hashes: EntityHashes } {
  const hashList = (
    list: ReadonlyArray<{ name: string }>,
    which: 'apis' | 'resources',
  ) => {
    const out = new Map<string, string>();
    for (const entity of list)
      out.set(entity.name, known?.(which, entity) ?? entityHash(entity));
    return out;
  };
  const hashes = {
    apis: hashList(apis, 'apis'),
    resources: hashList(resources, 'resources'),
  };
  return { version: combineHashes(apis, resources, hashes), hashes };
}

/** The version of these lists from their entities' hashes (see {@link hashEntities}). */
export function combineHashes(
  apis: ReadonlyArray<{ name: string }>,
  resources: ReadonlyArray<{ name: string }>,
  hashes: EntityHashes,
): string {
  // one string, hashed at once: the same digest as one update per hash, without a native call per entity
  let text = '';
  for (const a of apis) text += hashes.apis.get(a.name) ?? '';
  for (const r of resources) text += hashes.resources.get(r.name) ?? '';
  // the list sizes keep an API from counting as a Resource of the same content
  text += `${apis.length}/${resources.length}`;
  return sha256(text).toString('hex', 0, 8);
}

/**
 * The entity names whose content differs between two snapshots (added ones included) and the names that are gone,
 * as the change event `ai-gateway.discovery` announces them.
 */
export function changedEntities(
  before: EntityHashes,
  after: EntityHashes,
): { changed: string[]; removed: string[] } {
  const changed = new Set<string>();
  const removed = new Set<string>();
  for (const list of ['apis', 'resources'] as const) {
    for (const [name, hash] of after[list]) {
      if (before[list].get(name) !== hash) changed.add(name);
    }
  }
  const known = (h: EntityHashes, name: string) =>
    h.apis.has(name) || h.resources.has(name);
  for (const list of ['apis', 'resources'] as const) {
    for (const name of before[list].keys()) {
      if (!known(after, name)) removed.add(name);
    }
  }
  return { changed: [...changed], removed: [...removed] };
}
