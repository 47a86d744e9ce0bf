import { Config } from '@backstage/config';
import {
  ANNOTATION_GATEWAY_PARTITIONS,
  GatewayPartition,
  KubeObject,
  ListenerSetLookup,
  PartitionAssignment,
  listenerSetParent,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { parseAnnotation, toAssignments } from './assignments';

/** `aiGateway.gateways[].partitions`: assignments per Gateway (`ns/name`), optionally for one cluster. */
interface Configured {
  gateway: string;
  cluster?: string;
  assignments: PartitionAssignment[];
}

/** Reads `aiGateway.gateways[].partitions`; a malformed entry stops the start (like any bad config). */
export function readConfiguredPartitions(config: Config): Configured[] {
  return (config.getOptionalConfigArray('aiGateway.gateways') ?? []).flatMap(
    (entry, i) => {
      const raw = entry.getOptional('partitions');
      if (raw === undefined) return [];
      try {
        return [
          {
            gateway: entry.getString('gateway').trim(),
            cluster: entry.getOptionalString('cluster'),
            assignments: toAssignments(raw),
          },
        ];
      } catch (e) {
        throw new Error(
          `aiGateway.gateways[${i}].partitions${
            (e as Error).message.startsWith('[') ? '' : ': '
          }${(e as Error).message}`,
        );
      }
    },
  );
}

function listenersOf(gateway: KubeObject): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  const listeners = (gateway.spec as { listeners?: unknown })?.listeners;
  for (const l of Array.isArray(listeners) ? listeners : []) {
    const { name, hostname } = (l ?? {}) as {
      name?: unknown;
      hostname?: unknown;
    };
    if (typeof name === 'string')
      out[name] = typeof hostname === 'string' ? hostname : undefined;
  }
  return out;
}

/**
 * A Gateway's partition: the assignments of its `ai-gateway.backstage.io/partitions` annotation (declared by whoever
 * manages the Gateway: the platform, in the cluster) plus those of `aiGateway.gateways[].partitions` in app-config.
 * A Gateway with neither is not partitioned. An annotation that cannot be read partitions the Gateway with no
 * assignment (fail closed) and says why. Parsed annotations are reused while the Gateway's value is unchanged.
 */
export class PartitionResolver {
  private readonly parsed = new Map<
    string,
    { value: string; result: ReturnType<typeof parseAnnotation> }
  >();

  constructor(
    private readonly o: {
      configured: Configured[];
      /** the Gateway from the watch cache */
      gateway(
        cluster: string,
        namespace: string,
        name: string,
      ): KubeObject | undefined;
      /** every Gateway of the cluster from the watch cache (which of them are partitioned) */
      gateways?(cluster: string): KubeObject[];
      /** the ListenerSet from the watch cache (undefined also when the cluster does not serve the kind) */
      listenerSet?(
        cluster: string,
        namespace: string,
        name: string,
      ): KubeObject | undefined;
    },
  ) {}

  /**
   * How routes attached through a ListenerSet are checked in this cluster: the ListenerSet from the cache (its
   * `spec.parentRef` Gateway and its listeners), and the cluster's partitioned Gateways for a ListenerSet that is not
   * in the cache (`partitionViolations` then refuses the parentRef while any Gateway is partitioned: fail closed).
   */
  listenerSets(cluster: string): ListenerSetLookup {
    let partitioned: string[] | undefined;
    return {
      listenerSet: ref => {
        const [namespace, name] = ref.split('/');
        return listenerSetParent(
          this.o.listenerSet?.(cluster, namespace, name),
        );
      },
      partitionedGateways: () =>
        (partitioned ??= this.partitionedGateways(cluster)),
    };
  }

  /** The Gateways of the cluster that are partitioned (annotated, or configured for it), sorted. */
  partitionedGateways(cluster: string): string[] {
    const names = new Set(
      this.o.configured
        .filter(
          c => c.assignments.length && (!c.cluster || c.cluster === cluster),
        )
        .map(c => c.gateway),
    );
    for (const g of this.o.gateways?.(cluster) ?? [])
      if (g.metadata.annotations?.[ANNOTATION_GATEWAY_PARTITIONS] !== undefined)
        names.add(`${g.metadata.namespace ?? ''}/${g.metadata.name}`);
    return [...names].sort();
  }

  partitionOf(cluster: string, gateway: string): GatewayPartition | undefined {
    const [namespace, name] = gateway.split('/');
    const object = this.o.gateway(cluster, namespace, name);
    const fromConfig = this.o.configured
      .filter(
        c => c.gateway === gateway && (!c.cluster || c.cluster === cluster),
      )
      .flatMap(c => c.assignments);
    const value = object?.metadata.annotations?.[ANNOTATION_GATEWAY_PARTITIONS];
    if (value === undefined && fromConfig.length === 0) return undefined;
    const annotated =
      value === undefined ? undefined : this.parse(cluster, gateway, value);
    return {
      gateway,
      assignments: [
        ...(annotated && 'assignments' in annotated
          ? annotated.assignments
          : []),
        ...fromConfig,
      ],
      ...(annotated && 'error' in annotated
        ? {
            error: `annotation ${ANNOTATION_GATEWAY_PARTITIONS}: ${annotated.error}`,
          }
        : {}),
      ...(object ? { listeners: listenersOf(object) } : {}),
    };
  }

  private parse(cluster: string, gateway: string, value: string) {
    const key = `${cluster}|${gateway}`;
    const hit = this.parsed.get(key);
    if (hit?.value === value) return hit.result;
    const result = parseAnnotation(value);
    this.parsed.set(key, { value, result });
    return result;
  }
}
