import type { AiGatewayApiSchemas as Schemas } from '../models';
import type { CrdTypes } from '../generated/crds';

type KubeObjectModel = Schemas['KubeObject'];
type ObjectMetaModel = KubeObjectModel['metadata'];

/** `metadata` of a Kubernetes object: the generated model's fields plus the ones this project reads. */
export interface ObjectMeta extends ObjectMetaModel {
  uid?: string;
  generation?: number;
  creationTimestamp?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

/**
 * Transitional: what `spec` / `status` of a `KubeObject` without type arguments are, until every consumer names its
 * kind ({@link KubeObjectOf}) or narrows `unknown`; then this becomes `unknown`. Code in this package always passes
 * type arguments.
 * @deprecated name the kind: `KubeObjectOf<'HTTPRoute'>`, or `KubeObject<unknown, unknown>`
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type UntypedField = any;

/**
 * A Kubernetes object as the API returns it: the generated `KubeObject` model with `metadata` fields named and
 * `spec` / `status` typed by the caller (see {@link KubeObjectOf} for the bundled CRD kinds).
 */
export interface KubeObject<Spec = UntypedField, Status = UntypedField>
  extends KubeObjectModel {
  metadata: ObjectMeta;
  spec?: Spec;
  status?: Status;
  /** Secrets and ConfigMaps */
  data?: Record<string, string>;
  /** Secrets */
  type?: string;
}

/** An object of a bundled CRD kind, its `spec` and `status` typed from the CRD schema (generated). */
export type KubeObjectOf<K extends keyof CrdTypes> = KubeObject<
  CrdTypes[K]['spec'],
  CrdTypes[K]['status']
>;

/** An object of any kind whose `spec` / `status` the caller has to narrow. */
export type UnknownKubeObject = KubeObject<unknown, unknown>;

/** The four entity tabs, plus the platform page and Secrets (managed beside backends and policies). */
export type ResourceTab = Schemas['ResourceTab'];

/**
 * Who may write a kind:
 * - `entity`: objects that belong to a catalog entity (selected by its kubernetes annotations);
 * - `platform`: shared infrastructure managed by platform operators (read by everyone who may read);
 * - `secret`: write-only values, with a permission of their own.
 */
export type ResourceScope = 'entity' | 'platform' | 'secret';

/** A column of the kind's table: its value comes from the kind's summary. */
export interface SummaryColumn {
  /** key in the kind's {@link ResourceSummary} */
  id: keyof ResourceSummary;
  title: string;
}

/**
 * One status condition as the controllers write it (metav1.Condition), flattened with where it came from; `scope`,
 * for route parents / policy ancestors: which parent or ancestor the condition is about, e.g. `Gateway platform/ai-gw`.
 */
export type StatusCondition = Schemas['StatusCondition'];

/** One value of a table column or of a topology node's details. */
export type SummaryValue = string | number | string[];

/** Values shown in a topology node's details (ready to render; `undefined` values are not sent). */
export type SummaryValues = Record<string, SummaryValue | undefined>;

/**
 * Kind-specific values shown in the kind's table columns (the generated `ResourceSummary`: one closed set of keys,
 * each typed; `undefined` values are not sent). Also a valid {@link SummaryValues}.
 */
export type ResourceSummary = Schemas['ResourceSummary'];

/**
 * A reference from one object to another, extracted so UI, completeness checks and topology share one parser:
 * `role` parent / backend / target / secret / selector, `sectionName` the listener it narrows to, `weight` for
 * weighted backendRefs.
 */
export type ObjectReference = Schemas['ObjectReference'];

export interface ResourceKindDescriptor {
  /** The Kubernetes kind, also the registry key. */
  kind: string;
  group: string;
  version: string;
  plural: string;
  namespaced: boolean;
  /** Human name, singular. */
  displayName: string;
  /** The entity tab that lists it; undefined for kinds only shown on the platform page. */
  tab?: ResourceTab;
  scope: ResourceScope;
  /** GatewayClass: only read through this plugin. */
  readOnly?: boolean;
  /**
   * A cluster may not serve the kind (its CRD is not installed, e.g. ListenerSet before Gateway API v1.5): a LIST
   * answered 404 leaves the kind's cache empty and `unavailable` (retried with backoff) instead of failing the
   * cluster's reads.
   */
  optional?: boolean;
  /** Columns after name / namespace / status. */
  columns: SummaryColumn[];
  /** Condition types shown as chips, in order. */
  conditionTypes: string[];
  /** Kind-specific summary. Pure: same input, same output; runs in the browser and in the backend. */
  summarize(obj: KubeObject): ResourceSummary;
  /** References this object makes (parents, backends, targets, secrets). */
  references(obj: KubeObject): ObjectReference[];
  /** Conditions shown for the object (flattened from parents / ancestors where the kind keeps them there). */
  conditions(obj: KubeObject): StatusCondition[];
}

export function apiVersionOf(
  d: Pick<ResourceKindDescriptor, 'group' | 'version'>,
): string {
  return d.group ? `${d.group}/${d.version}` : d.version;
}
