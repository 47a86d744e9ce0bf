import { KubeObject, ObjectReference, ResourceTab, StatusCondition, SummaryValues } from './registry/types';

/** Why a cluster could not answer; the UI shows each distinctly. */
export type ClusterErrorReason =
  /** network error, DNS, TLS, timeout */
  | 'Unreachable'
  /** 401 from the cluster: the configured token is wrong or expired */
  | 'Unauthorized'
  /** 403 from the cluster: the service account may not list this kind */
  | 'Forbidden'
  /** the watch cache has not finished its first LIST yet */
  | 'NotSynced'
  | 'Unknown';

export interface ClusterState {
  name: string;
  ok: boolean;
  error?: { reason: ClusterErrorReason; message: string; kind?: string };
}

/** One object as a tab lists it. Secrets never carry values, only key names. */
export interface ResourceItem {
  cluster: string;
  kind: string;
  group: string;
  version: string;
  name: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  creationTimestamp?: string;
  labels?: Record<string, string>;
  summary: SummaryValues;
  conditions: StatusCondition[];
  references: ObjectReference[];
  /** How the object relates to the entity: it selects it, or it is a shared gateway its routes attach to. */
  relation: 'owned' | 'attached';
  /** The full object (spec + status) for detail views and the YAML editor; Secrets: data values removed. */
  object: KubeObject;
}

/** Where the backend looks for an entity's objects, derived from its annotations (never sent by the browser). */
export interface EntitySelection {
  entityRef: string;
  kubernetesId?: string;
  labelSelector?: string;
  namespace?: string;
}

export interface TabResponse {
  tab: ResourceTab;
  selection: EntitySelection;
  items: ResourceItem[];
  clusters: ClusterState[];
}

/** `GET /platform/overview`: the shared platform objects of every cluster. */
export interface PlatformOverviewResponse {
  gatewayClasses: ResourceItem[];
  gateways: ResourceItem[];
  parameters: ResourceItem[];
  clusters: ClusterState[];
}

/** Error names the backend uses (Backstage error body `error.name`) so the UI can tell them apart. */
export const AI_GATEWAY_ERRORS = {
  /** 404: no such catalog entity (or not visible to the caller) */
  entityNotFound: 'NotFoundError',
  /** 400: the entity has none of the kubernetes annotations */
  entityNotAnnotated: 'EntityNotAnnotatedError',
  /** 403: the permission framework denied the call */
  notAllowed: 'NotAllowedError',
} as const;
