import { KubeObject, ResourceType, deepClone } from '../types';
import { crdStatus } from './crdStatus';

/**
 * What an update / patch / apply makes of the stored object before validation: a `/status` write changes only
 * `.status` (and managedFields for apply); a main-resource write keeps the server-owned metadata (rest.BeforeUpdate:
 * the deletion timestamp and grace period can never be set, removed or changed) and, with a status subresource,
 * the stored status.
 */
export function replacement(
  type: ResourceType,
  existing: KubeObject,
  obj: KubeObject,
  opts: {
    subresource?: string;
    keepManagedFields?: boolean;
    seeding?: boolean;
  },
): KubeObject {
  let next: KubeObject;
  if (opts.subresource === 'status') {
    next = deepClone(existing);
    if (obj.status === undefined) delete next.status;
    else next.status = obj.status;
    if (opts.keepManagedFields)
      next.metadata!.managedFields = obj.metadata?.managedFields;
  } else {
    next = obj;
    const m = next.metadata!;
    const uid = m.uid;
    // an update can never set, remove or change the deletion timestamp and grace period (rest.BeforeUpdate)
    for (const k of [
      'name',
      'namespace',
      'creationTimestamp',
      'generation',
      'resourceVersion',
      'deletionTimestamp',
      'deletionGracePeriodSeconds',
    ]) {
      if (existing.metadata![k] === undefined) delete m[k];
      else m[k] = existing.metadata![k];
    }
    m.uid = uid || existing.metadata!.uid;
    if (type.hasStatus && !opts.seeding) {
      if (existing.status === undefined) delete next.status;
      else next.status = existing.status;
    }
    if (type.kind === 'CustomResourceDefinition') next.status = crdStatus(next);
  }
  return next;
}
