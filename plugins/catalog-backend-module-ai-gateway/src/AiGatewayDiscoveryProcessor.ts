import {
  Entity,
  getCompoundEntityRef,
  parseEntityRef,
  RELATION_API_PROVIDED_BY,
  RELATION_DEPENDENCY_OF,
  RELATION_DEPENDS_ON,
  RELATION_PROVIDES_API,
} from '@backstage/catalog-model';
import {
  CatalogProcessor,
  CatalogProcessorEmit,
  LocationSpec,
  processingResult,
} from '@backstage/plugin-catalog-node';
import {
  AI_GATEWAY_API_ANNOTATIONS,
  isDiscoveryEntity,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';

/**
 * Relations of the API entities the ai-gateway provider emits (only those: `backstage.io/managed-by-location`
 * `ai-gateway:…`, which the catalog sets itself for entities from other locations): the owning component
 * `providesApi` the API (from `ai-gateway.backstage.io/provided-by`; the provider cannot edit the component's
 * YAML), and the API `dependsOn` its backend and Gateway Resources (`spec.dependsOn`).
 */
export class AiGatewayDiscoveryProcessor implements CatalogProcessor {
  getProcessorName(): string {
    return 'AiGatewayDiscoveryProcessor';
  }

  async postProcessEntity(
    entity: Entity,
    _location: LocationSpec,
    emit: CatalogProcessorEmit,
  ): Promise<Entity> {
    if (entity.kind !== 'API' || !isDiscoveryEntity(entity)) return entity;
    const self = getCompoundEntityRef(entity);
    const ref = (value: unknown, defaultKind: string) => {
      if (typeof value !== 'string' || !value) return undefined;
      try {
        return parseEntityRef(value, {
          defaultKind,
          defaultNamespace: self.namespace,
        });
      } catch {
        return undefined;
      }
    };
    const provider = ref(
      entity.metadata.annotations?.[AI_GATEWAY_API_ANNOTATIONS.providedBy],
      'component',
    );
    if (provider) {
      emit(
        processingResult.relation({
          source: provider,
          type: RELATION_PROVIDES_API,
          target: self,
        }),
      );
      emit(
        processingResult.relation({
          source: self,
          type: RELATION_API_PROVIDED_BY,
          target: provider,
        }),
      );
    }
    const deps = (entity.spec as { dependsOn?: unknown } | undefined)
      ?.dependsOn;
    for (const dep of Array.isArray(deps) ? deps : []) {
      const target = ref(dep, 'resource');
      if (!target) continue;
      emit(
        processingResult.relation({
          source: self,
          type: RELATION_DEPENDS_ON,
          target,
        }),
      );
      emit(
        processingResult.relation({
          source: target,
          type: RELATION_DEPENDENCY_OF,
          target: self,
        }),
      );
    }
    return entity;
  }
}
