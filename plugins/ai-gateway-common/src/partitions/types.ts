/**
 * The platform's partition of a shared Gateway's URL space (issue 11 item 3). Gateway API's listener `hostname` and
 * `allowedRoutes` decide WHICH namespaces may attach routes to a Gateway, not WHAT part of its URL space each may
 * claim; a partition assigns that: hostnames and / or path prefixes per owner (a catalog entity, or the group owning
 * the entities) or per namespace, optionally on one listener.
 */

/** The Gateway annotation holding the partition (a YAML or JSON list of {@link PartitionAssignment}). */
export const ANNOTATION_GATEWAY_PARTITIONS =
  'ai-gateway.backstage.io/partitions';

/** One assignment: whose routes (`owner` or `namespace`), on which listener, may claim which hostnames / paths. */
export interface PartitionAssignment {
  /**
   * A catalog entity ref (`component:default/search-agent`): routes written for that entity; or a group / user
   * (`group:default/team-search`): routes written for entities it owns (`spec.owner`).
   */
  owner?: string;
  /** routes in this Kubernetes namespace */
  namespace?: string;
  /** only on this listener (`sectionName`); routes must then name it in their parentRef */
  listener?: string;
  /** hostnames the routes may claim (exact or `*.suffix`); absent: every host the listener serves */
  hostnames?: string[];
  /** path prefixes every match must stay under (path-element-wise); absent: every path */
  pathPrefixes?: string[];
  /** RegularExpression path matches are refused (they cannot be proved inside the prefixes) unless true */
  allowRegularExpressions?: boolean;
}

/** A Gateway's partition as the backend resolved it (annotation + `aiGateway.gateways[].partitions`). */
export interface GatewayPartition {
  /** `<namespace>/<name>` */
  gateway: string;
  assignments: PartitionAssignment[];
  /** the annotation could not be read: the Gateway is treated as partitioned with no assignment (fail closed) */
  error?: string;
  /** listener name → its `hostname` (absent: every host), for routes that name no hostnames */
  listeners?: Record<string, string | undefined>;
}

/** Who writes (or owns) a route: its namespace, the catalog entity and that entity's owner(s). */
export interface PartitionSubject {
  namespace: string;
  entityRef?: string;
  /** normalized refs of the entity's `spec.owner` */
  owners?: string[];
}

/** What a route's parentRef to a ListenerSet resolves to: the Gateway it attaches its listeners to, and them. */
export interface ListenerSetParent {
  /** `<namespace>/<name>` of the Gateway (the ListenerSet's `spec.parentRef`) */
  gateway: string;
  /** the ListenerSet's listeners: name → its `hostname` (absent: every host) */
  listeners: Record<string, string | undefined>;
}

/** How `partitionViolations` resolves parentRefs to ListenerSets (the backend: its watch cache). */
export interface ListenerSetLookup {
  /** the ListenerSet `<namespace>/<name>`; undefined when it is not known (not in the cache, kind not served) */
  listenerSet(ref: string): ListenerSetParent | undefined;
  /** the partitioned Gateways (`<namespace>/<name>`) of the cluster: an unknown ListenerSet might attach to any */
  partitionedGateways(): string[];
}

/** One place where a route leaves its assignment: the field (as a Kubernetes field path) and why. */
export interface PartitionViolation {
  /**
   * The partitioned Gateway (`<namespace>/<name>`); for a ListenerSet that cannot be resolved, the partitioned
   * Gateways it might attach to (comma-separated).
   */
  gateway: string;
  /** the ListenerSet (`<namespace>/<name>`) the route's parentRef names, when it attaches through one */
  listenerSet?: string;
  field: string;
  reason: 'FieldValueForbidden' | 'FieldValueRequired';
  message: string;
}
