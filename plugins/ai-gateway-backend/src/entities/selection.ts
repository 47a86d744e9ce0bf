import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CustomErrorBase } from '@backstage/errors';
import {
  ANNOTATION_KUBERNETES_ID,
  ANNOTATION_KUBERNETES_LABEL_SELECTOR,
  ANNOTATION_KUBERNETES_NAMESPACE,
  EntitySelection,
  LABEL_KUBERNETES_ID,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { LabelRequirement, parseLabelSelector } from './labelSelector';
import type { ObjectQuery } from '../cache/ResourceCaches';

/** 400: the entity carries neither `backstage.io/kubernetes-id` nor `backstage.io/kubernetes-label-selector`. */
export class EntityNotAnnotatedError extends CustomErrorBase {
  name = 'EntityNotAnnotatedError' as const;
  /** read by Backstage's error middleware */
  statusCode = 400;
}

/** An entity's selection plus the parsed form the caches use. */
export interface ResolvedSelection {
  selection: EntitySelection;
  query: ObjectQuery & { requirements: LabelRequirement[] };
}

/**
 * Derives where an entity's objects live from its annotations, as Backstage's Kubernetes plugin does:
 * `backstage.io/kubernetes-label-selector` wins; else `backstage.io/kubernetes-id: x` selects label
 * `backstage.io/kubernetes-id=x`; `backstage.io/kubernetes-namespace` restricts the namespace.
 */
export function resolveSelection(entity: Entity): ResolvedSelection {
  const annotations = entity.metadata.annotations ?? {};
  const entityRef = stringifyEntityRef(entity);
  const kubernetesId =
    annotations[ANNOTATION_KUBERNETES_ID]?.trim() || undefined;
  const labelSelector =
    annotations[ANNOTATION_KUBERNETES_LABEL_SELECTOR]?.trim() || undefined;
  const namespace =
    annotations[ANNOTATION_KUBERNETES_NAMESPACE]?.trim() || undefined;
  if (!kubernetesId && !labelSelector) {
    throw new EntityNotAnnotatedError(
      `Entity ${entityRef} has neither the ${ANNOTATION_KUBERNETES_ID} nor the ` +
        `${ANNOTATION_KUBERNETES_LABEL_SELECTOR} annotation`,
    );
  }
  const requirements = labelSelector
    ? parseLabelSelector(labelSelector)
    : [
        {
          key: LABEL_KUBERNETES_ID,
          op: 'in' as const,
          values: [kubernetesId!],
        },
      ];
  if (requirements.length === 0) {
    // an empty selector would select everything in the cluster
    throw new EntityNotAnnotatedError(
      `Entity ${entityRef} has an empty ${ANNOTATION_KUBERNETES_LABEL_SELECTOR}`,
    );
  }
  return {
    selection: {
      entityRef,
      ...(kubernetesId ? { kubernetesId } : {}),
      ...(labelSelector ? { labelSelector } : {}),
      ...(namespace ? { namespace } : {}),
    },
    query: { requirements, ...(namespace ? { namespaces: [namespace] } : {}) },
  };
}
