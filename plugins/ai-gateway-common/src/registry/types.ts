/** A Kubernetes object as the API returns it; fields this project does not model stay `unknown`. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    uid?: string;
    resourceVersion?: string;
    generation?: number;
    creationTimestamp?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    [key: string]: unknown;
  };
  spec?: any;
  status?: any;
  data?: Record<string, string>;
  type?: string;
  [key: string]: unknown;
}

/** The four entity tabs, plus the platform page and Secrets (managed beside backends and policies). */
export type ResourceTab = 'gateways' | 'backends' | 'routes' | 'policies';

/**
 * Who may write a kind:
 * - `entity`: objects that belong to a catalog entity (selected by its kubernetes annotations);
 * - `platform`: shared infrastructure managed by platform operators (read by everyone who may read);
 * - `secret`: write-only values, with a permission of their own.
 */
export type ResourceScope = 'entity' | 'platform' | 'secret';

/** A column of the kind's table: its value comes from the kind's summary. */
export interface SummaryColumn {
  /** key in {@link ResourceSummary.summary} */
  id: string;
  title: string;
}

/** One status condition as the controllers write it (metav1.Condition), flattened with where it came from. */
export interface StatusCondition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
  /** For route parents / policy ancestors: which parent or ancestor the condition is about, e.g. `Gateway platform/ai-gw`. */
  scope?: string;
}

/** Kind-specific summary values shown in table columns (always strings or string lists, ready to render). */
export type SummaryValues = Record<string, string | string[] | number | undefined>;

/** A reference from one object to another, extracted so UI, completeness checks and topology share one parser. */
export interface ObjectReference {
  /** parentRef, backendRef, targetRef, secretRef, selector... */
  role: 'parent' | 'backend' | 'target' | 'secret' | 'selector';
  group: string;
  kind: string;
  namespace: string;
  name: string;
  /** listener / section the reference narrows to */
  sectionName?: string;
  /** for weighted backendRefs */
  weight?: number;
}

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
  /** Columns after name / namespace / status. */
  columns: SummaryColumn[];
  /** Condition types shown as chips, in order. */
  conditionTypes: string[];
  /** Kind-specific summary. Pure: same input, same output; runs in the browser and in the backend. */
  summarize(obj: KubeObject): SummaryValues;
  /** References this object makes (parents, backends, targets, secrets). */
  references(obj: KubeObject): ObjectReference[];
  /** Conditions shown for the object (flattened from parents / ancestors where the kind keeps them there). */
  conditions(obj: KubeObject): StatusCondition[];
}

export function apiVersionOf(d: Pick<ResourceKindDescriptor, 'group' | 'version'>): string {
  return d.group ? `${d.group}/${d.version}` : d.version;
}
