import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import {
  parseEntityRef,
  stringifyEntityRef,
  type Entity,
} from '@backstage/catalog-model';
import { useQuery } from '@tanstack/react-query';
import { aiGatewayQueryKeys } from '../../query/keys';

/** An entity that can hold a key. */
export interface ConsumerOption {
  ref: string;
  kind: string;
  title: string;
}

const CONSUMER_KINDS = ['component', 'system', 'group'];

function optionOf(entity: Entity): ConsumerOption {
  return {
    ref: stringifyEntityRef(entity),
    kind: entity.kind,
    title: entity.metadata.title ?? entity.metadata.name,
  };
}

/**
 * The components, systems and groups the signed-in user owns, from the catalog: entities owned by one of the
 * user's ownership refs, plus the groups among those refs. Sorted by kind and title.
 */
export function useOwnedConsumers() {
  const identityApi = useApi(identityApiRef);
  const catalogApi = useApi(catalogApiRef);
  return useQuery({
    queryKey: aiGatewayQueryKeys.accessOwnedConsumers(),
    queryFn: async (): Promise<ConsumerOption[]> => {
      const { ownershipEntityRefs } = await identityApi.getBackstageIdentity();
      if (ownershipEntityRefs.length === 0) return [];
      const fields = [
        'kind',
        'metadata.name',
        'metadata.namespace',
        'metadata.title',
      ];
      const owned = await catalogApi.getEntities({
        filter: ['component', 'system'].map(kind => ({
          kind,
          'relations.ownedBy': ownershipEntityRefs,
        })),
        fields,
      });
      const groupRefs = ownershipEntityRefs.filter(
        r => parseEntityRef(r).kind.toLowerCase() === 'group',
      );
      const groups = groupRefs.length
        ? await catalogApi.getEntitiesByRefs({ entityRefs: groupRefs, fields })
        : { items: [] };
      const options = [
        ...owned.items.map(optionOf),
        ...groups.items.flatMap(g => (g ? [optionOf(g)] : [])),
      ].filter(o => CONSUMER_KINDS.includes(o.kind.toLowerCase()));
      const unique = new Map(options.map(o => [o.ref, o]));
      return [...unique.values()].sort(
        (a, b) =>
          a.kind.localeCompare(b.kind) || a.title.localeCompare(b.title),
      );
    },
  });
}
