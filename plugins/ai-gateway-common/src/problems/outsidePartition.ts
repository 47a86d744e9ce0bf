import type { PartitionViolation } from '../partitions/types';
import type { Problem } from './findProblems';

/**
 * The problem an owner (and the platform) sees for a route that leaves its assignment on a partitioned Gateway,
 * e.g. one written before the partition was set or by a platform admin (who is not limited): type
 * `OutsidePartition`, severity `error` (the platform did not give that URL space to this owner), the Gateway as
 * `reference` (the ListenerSet, for a route attached through one), the field and the assignment in the message.
 */
export function outsidePartitionProblem(
  cluster: string,
  route: { namespace: string; name: string },
  v: PartitionViolation,
): Problem {
  const [namespace, name] = (v.listenerSet ?? v.gateway).split('/');
  return {
    type: 'OutsidePartition',
    severity: 'error',
    cluster,
    kind: 'HTTPRoute',
    namespace: route.namespace,
    name: route.name,
    reference: {
      group: 'gateway.networking.k8s.io',
      kind: v.listenerSet ? 'ListenerSet' : 'Gateway',
      namespace,
      name,
      role: 'parent',
    },
    message: `HTTPRoute ${route.name}: ${v.field}: ${v.message}`,
  };
}
