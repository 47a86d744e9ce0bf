import {
  KubeObject,
  ResourceItem,
  ResourceKindDescriptor,
  toResourceItem as commonToResourceItem,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';

/** A table row: the item without its object (what the tables show). */
export type ResourceRow = Omit<ResourceItem, 'object'>;

/**
 * Items per object version: the caches replace an object on every change, so an object identity is one version and
 * its summary, conditions and references are computed once, not per request.
 */
const byObject = new WeakMap<KubeObject, Map<string, ResourceItem>>();

/** One cached object as a tab lists it (the shared `toResourceItem` of `-common`), memoized per object version. */
export function toResourceItem(
  cluster: string,
  kind: ResourceKindDescriptor,
  object: KubeObject,
  relation: ResourceItem['relation'],
): ResourceItem {
  let perObject = byObject.get(object);
  if (!perObject) {
    perObject = new Map();
    byObject.set(object, perObject);
  }
  const key = `${cluster}\u0000${relation}`;
  let item = perObject.get(key);
  if (!item) {
    item = commonToResourceItem(object, { cluster, kind, relation });
    perObject.set(key, item);
  }
  return item;
}

const rows = new WeakMap<ResourceItem, ResourceRow>();

/** The row of an item (memoized with it). */
export function toResourceRow(item: ResourceItem): ResourceRow {
  let row = rows.get(item);
  if (!row) {
    const { object: _object, ...rest } = item;
    row = rest;
    rows.set(item, row);
  }
  return row;
}
