import type { KubeObject } from './registry/types';
import type { AiGatewayApiSchemas as Schemas } from './models';

/** Why a cluster could not answer (`Unreachable`, `Unauthorized` 401, `Forbidden` 403, `NotSynced`, `Unknown`). */
export type ClusterErrorReason = NonNullable<
  Schemas['ClusterState']['error']
>['reason'];

export type ClusterState = Schemas['ClusterState'];

/**
 * One object as a tab lists it (the generated `ResourceItem`). Secrets never carry values, only key names.
 * Refined in TypeScript only: `object` is the typed {@link KubeObject}. `summary` is the generated
 * `ResourceSummary` (values may be `undefined` while building, absent on the wire).
 */
export interface ResourceItem extends Omit<Schemas['ResourceItem'], 'object'> {
  /** The full object (spec + status) for detail views and the YAML editor; Secrets: data values removed. */
  object: KubeObject;
}

/**
 * A generated model whose `ResourceItem` / `KubeObject` fields (one level down, also in arrays) carry the refined
 * types of this package.
 */
export type WithRefinedModels<T> = {
  [K in keyof T]: T[K] extends Schemas['ResourceItem'][]
    ? ResourceItem[]
    : T[K] extends Schemas['ResourceItem'] | undefined
    ? ResourceItem | Extract<T[K], undefined>
    : T[K] extends Schemas['KubeObject'] | undefined
    ? KubeObject | Extract<T[K], undefined>
    : T[K];
};

/** Where the backend looks for an entity's objects, derived from its annotations (never sent by the browser). */
export type EntitySelection = Schemas['EntitySelection'];

export type TabResponse = WithRefinedModels<Schemas['TabResponse']>;

/** `GET /platform/overview`: the shared platform objects of every cluster. */
export type PlatformOverviewResponse = WithRefinedModels<
  Schemas['PlatformOverviewResponse']
>;

/** Error names the backend uses (Backstage error body `error.name`) so the UI can tell them apart. */
export const AI_GATEWAY_ERRORS = {
  /** 404: no such catalog entity (or not visible to the caller) */
  entityNotFound: 'NotFoundError',
  /** 400: the entity has none of the kubernetes annotations */
  entityNotAnnotated: 'EntityNotAnnotatedError',
  /** 403: the permission framework denied the call */
  notAllowed: 'NotAllowedError',
} as const;
