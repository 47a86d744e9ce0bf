import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ANNOTATION_KUBERNETES_ID,
  ANNOTATION_KUBERNETES_LABEL_SELECTOR,
  isDiscoveryEntity,
  KubeObject,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { ResolvedSelection, resolveSelection } from '../entities/selection';
import { isSelected, ownersOf } from './ownership';

/**
 * Which catalog entities select an object. The rule for two entities claiming the same objects: an object
 * selected by more than one entity is read-only to all of them (409 `AmbiguousOwnership` naming the
 * claimants) until the annotations are made disjoint. The index of annotated entities is loaded from the
 * catalog with the plugin's own credentials and refreshed when older than `refreshMs` (default 60 s).
 */
export class OwnershipIndex {
  private selections: Array<ResolvedSelection & { owners: string[] }> = [];
  private loadedAt = 0;
  private loading?: Promise<void>;
  private readonly refreshMs: number;

  constructor(
    private readonly options: {
      catalog: CatalogService;
      auth: AuthService;
      logger?: LoggerService;
      refreshMs?: number;
    },
  ) {
    this.refreshMs = options.refreshMs ?? 60_000;
  }

  /** Entity refs (sorted) of every annotated entity whose selection matches the object. */
  async claimants(obj: KubeObject): Promise<string[]> {
    await this.fresh();
    return this.selections
      .filter(s => isSelected(s, obj))
      .map(s => s.selection.entityRef)
      .sort();
  }

  /** Every annotated entity selecting the object, with its owner (for the shared Gateways' partitions). */
  async subjects(
    obj: KubeObject,
  ): Promise<Array<{ entityRef: string; owners: string[] }>> {
    await this.fresh();
    return this.selections
      .filter(s => isSelected(s, obj))
      .map(s => ({ entityRef: s.selection.entityRef, owners: s.owners }));
  }

  private async fresh(): Promise<void> {
    if (Date.now() - this.loadedAt < this.refreshMs) return;
    this.loading ??= this.load().finally(() => {
      this.loading = undefined;
    });
    await this.loading;
  }

  private async load(): Promise<void> {
    const credentials = await this.options.auth.getOwnServiceCredentials();
    const { items } = await this.options.catalog.getEntities(
      {
        filter: [
          {
            [`metadata.annotations.${ANNOTATION_KUBERNETES_ID}`]:
              CATALOG_FILTER_EXISTS,
          },
          {
            [`metadata.annotations.${ANNOTATION_KUBERNETES_LABEL_SELECTOR}`]:
              CATALOG_FILTER_EXISTS,
          },
        ],
        fields: [
          'kind',
          'metadata.namespace',
          'metadata.name',
          'metadata.annotations',
          'spec.owner',
        ],
      },
      { credentials },
    );
    const selections: Array<ResolvedSelection & { owners: string[] }> = [];
    for (const entity of items) {
      // API / Resource entities emitted by catalog discovery copy their owner's annotations: not claimants
      if (isDiscoveryEntity(entity)) continue;
      try {
        selections.push({
          ...resolveSelection(entity),
          owners: ownersOf(entity),
        });
      } catch (e) {
        // an entity with a malformed or empty selector selects nothing
        this.options.logger?.debug(
          `ai-gateway: ignoring selection of entity: ${e}`,
        );
      }
    }
    this.selections = selections;
    this.loadedAt = Date.now();
  }
}
