import {
  ANNOTATION_GATEWAY_PARTITIONS,
  GatewayPartition,
  KubeObject,
  ListenerSetLookup,
  ValidationCause,
  partitionViolations,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { parseAnnotation } from '../partitions/assignments';
import type { WriteScope } from './scopes';

/** What the writer asks about partitions (see `PartitionResolver`). */
export interface PartitionCheck {
  partitionOf(cluster: string, gateway: string): GatewayPartition | undefined;
  /** the cluster's ListenerSets, for routes attached through one (see `partitionViolations`) */
  listenerSets(cluster: string): ListenerSetLookup;
}

/**
 * The partition causes of a write (422 at the field): an HTTPRoute that leaves its writer's assignment on a
 * partitioned Gateway (platform admins are not limited), directly or through a ListenerSet of it (one that is not in
 * the cache is refused while the cluster has a partitioned Gateway), and a Gateway whose partitions annotation
 * cannot be read.
 */
export async function partitionCauses(
  partitions: PartitionCheck | undefined,
  scope: WriteScope,
  cluster: string,
  object: KubeObject,
): Promise<ValidationCause[]> {
  if (object.kind === 'Gateway') return annotationCauses(object);
  if (!partitions || object.kind !== 'HTTPRoute') return [];
  const violations = partitionViolations(
    object,
    scope.partitionSubject(object.metadata.namespace ?? ''),
    gateway => partitions.partitionOf(cluster, gateway),
    partitions.listenerSets(cluster),
  );
  if (violations.length === 0 || (await scope.partitionExempt())) return [];
  return violations.map(({ field, reason, message }) => ({
    field,
    reason,
    message,
  }));
}

function annotationCauses(gateway: KubeObject): ValidationCause[] {
  const value = gateway.metadata.annotations?.[ANNOTATION_GATEWAY_PARTITIONS];
  if (value === undefined) return [];
  const parsed = parseAnnotation(value);
  return 'error' in parsed
    ? [
        {
          field: `metadata.annotations[${ANNOTATION_GATEWAY_PARTITIONS}]`,
          reason: 'FieldValueInvalid',
          message: `the Gateway's partitions: ${parsed.error}`,
        },
      ]
    : [];
}
