import { KubeObject } from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { StringPool } from './StringPool';

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** metadata values unique to one object: not worth a place in the pool */
const UNIQUE_METADATA = new Set(['name', 'uid', 'resourceVersion']);

/** The kind's own `apiVersion` / `kind` strings, shared by every object of the kind. */
export interface KindStrings {
  apiVersion: string;
  kind: string;
}

const sharedPool = new StringPool();

/**
 * An object as the cache keeps it. Dropped: what no view needs, `metadata.managedFields` (often larger than the
 * object) and kubectl's `last-applied-configuration` annotation (a second copy of the object). Writes never send
 * cached objects back without their resourceVersion check, and the API server keeps both fields.
 *
 * Memory and CPU (100,000 objects, `scripts/bench-reads.ts`): nothing is serialized again. Only the top level and
 * metadata are copied, and only when something is dropped (when `managedFields` is metadata's last field, as
 * kube-apiserver writes it, the copy keeps V8's compact layout). An `apiVersion` / `kind` equal to the kind's
 * becomes the kind's own string, and the repeated strings of metadata (namespace, creationTimestamp, labels,
 * annotations, owner references), spec and status come from a {@link StringPool}. The content is unchanged
 * otherwise; the input is not modified, except that strings may be replaced by an equal pooled instance.
 */
export function stripObject(
  obj: KubeObject,
  kind?: KindStrings,
  pool: StringPool = sharedPool,
): KubeObject {
  const source = obj.metadata;
  const annotations = source.annotations;
  const lastApplied = !!annotations && LAST_APPLIED in annotations;
  if (!('managedFields' in source) && !lastApplied) {
    if (!Object.isFrozen(obj)) share(obj, kind, pool);
    return obj;
  }
  const metadata =
    'managedFields' in source ? withoutManagedFields(source) : { ...source };
  if (annotations && lastApplied) {
    const { [LAST_APPLIED]: _dropped, ...rest } = annotations;
    if (Object.keys(rest).length) metadata.annotations = rest;
    else delete metadata.annotations;
  }
  const out: KubeObject = { ...obj, metadata };
  share(out, kind, pool);
  return out;
}

/** Replaces strings by the kind's or the pool's equal instance. */
function share(
  obj: KubeObject,
  kind: KindStrings | undefined,
  pool: StringPool,
) {
  if (kind && obj.apiVersion === kind.apiVersion)
    obj.apiVersion = kind.apiVersion;
  if (kind && obj.kind === kind.kind) obj.kind = kind.kind;
  const metadata = obj.metadata as Record<string, unknown>;
  if (!Object.isFrozen(metadata))
    for (const key of Object.keys(metadata))
      if (!UNIQUE_METADATA.has(key))
        metadata[key] = pool.internDeep(metadata[key]);
  if (obj.spec !== undefined) obj.spec = pool.internDeep(obj.spec);
  if (obj.status !== undefined) obj.status = pool.internDeep(obj.status);
}

/** A shallow copy of metadata without `managedFields`. */
function withoutManagedFields(
  source: KubeObject['metadata'],
): KubeObject['metadata'] {
  let last: string | undefined;
  // eslint-disable-next-line guard-for-in
  for (const key in source) last = key;
  if (last === 'managedFields') {
    // deleting the last-added property of a copy keeps its compact layout (V8 rolls the shape back)
    const copy = { ...source };
    delete copy.managedFields;
    return copy;
  }
  const { managedFields: _dropped, ...rest } = source;
  return rest;
}
