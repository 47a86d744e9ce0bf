import type {
  BackstageCredentials,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';

/** At most this many consumers are looked at for "my grants" (a user rarely owns more agents than this). */
export const MAX_CONSUMERS = 100;

/**
 * The consumer entities (components, systems, groups) the calling user owns: the groups they belong to
 * (their ownership refs) and every component / system owned by them or by one of those groups. Read from the
 * catalog with the caller's credentials, so the catalog's own permissions apply.
 */
export async function consumersOwnedBy(
  credentials: BackstageCredentials,
  deps: { catalog: CatalogService; userInfo: UserInfoService },
): Promise<string[]> {
  const principal = credentials.principal as { type?: string } | undefined;
  if (principal?.type !== 'user') {
    throw new InputError(
      'consumerRef: required when the caller is not a user (a service owns no consumers)',
    );
  }
  const { ownershipEntityRefs } = await deps.userInfo.getUserInfo(credentials);
  const groups = ownershipEntityRefs.filter(r => r.startsWith('group:'));
  const owned = await deps.catalog.getEntities(
    {
      filter: {
        kind: ['component', 'system'],
        'relations.ownedBy': ownershipEntityRefs,
      },
      fields: ['kind', 'metadata.name', 'metadata.namespace'],
    },
    { credentials },
  );
  const refs = [
    ...groups,
    ...owned.items.map(e => stringifyEntityRef(e).toLocaleLowerCase('en-US')),
  ];
  return [...new Set(refs)].slice(0, MAX_CONSUMERS);
}
