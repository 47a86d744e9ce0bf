import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';

/** `{kind}/{namespace}/{name}` from the URL path → a normalized entity ref. */
export function entityRefFromPath(params: {
  kind: string;
  namespace: string;
  name: string;
}): string {
  return stringifyEntityRef({
    kind: params.kind,
    namespace: params.namespace,
    name: params.name,
  });
}

/** Loads an entity through the catalog with the caller's credentials (so catalog visibility applies). */
export class EntityResolver {
  constructor(private readonly catalog: CatalogService) {}

  async get(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<Entity> {
    const entity = await this.catalog.getEntityByRef(entityRef, {
      credentials,
    });
    if (!entity) throw new NotFoundError(`Entity ${entityRef} not found`);
    return entity;
  }
}
