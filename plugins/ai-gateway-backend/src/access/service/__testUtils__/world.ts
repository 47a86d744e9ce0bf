/*
 * The demo world of the access tests: the demo cluster (examples/cluster, `support-openai` annotated auto-approve),
 * the demo catalog plus the API entities the catalog module would emit for it (with the relations the catalog
 * computes), the example policy's rules for access, and the principals of the authorization matrix.
 */
import { mockCredentials } from '@backstage/backend-test-utils';
import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  Entity,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  AI_GATEWAY_API_ANNOTATIONS as A,
  ANNOTATION_AUTO_APPROVE,
  DISCOVERY_LOCATION_PREFIX,
  DiscoveredApi,
  KubeObject,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import {
  testPolicyModule,
  testUserInfoFactory,
} from '../../../__testUtils__/testPolicy';
import { buildSnapshot } from '../../../discovery/buildSnapshot';
import { OwnerLookup, toOwnerEntities } from '../../../discovery/owners';
import {
  clusterOf,
  demoConfig,
  demoEntities,
  demoObjects,
} from '../../../discovery/__testUtils__/demo';

export const PLATFORM_GROUP = 'group:default/platform-team';
export const USERS = {
  requester: 'user:default/sofia.search',
  apiOwner: 'user:default/sam.support',
  otherTeam: 'user:default/pat.payments',
  platformAdmin: 'user:default/paula.platform',
  guest: 'user:development/guest',
} as const;
const MEMBERSHIPS: Record<string, string[]> = {
  [USERS.requester]: ['group:default/team-search'],
  [USERS.apiOwner]: ['group:default/team-support'],
  [USERS.otherTeam]: ['group:default/team-payments'],
  [USERS.platformAdmin]: [PLATFORM_GROUP],
  [USERS.guest]: [],
};

/** The principals of the authorization matrix, as request headers. */
export const PRINCIPALS = {
  ...Object.fromEntries(
    Object.entries(USERS).map(([k, ref]) => [
      k,
      mockCredentials.user.header(ref),
    ]),
  ),
  noToken: mockCredentials.user.invalidHeader(),
  service: mockCredentials.service.header({
    onBehalfOf: mockCredentials.service('plugin:other'),
    targetPluginId: 'ai-gateway',
  }),
} as Record<keyof typeof USERS | 'noToken' | 'service', string>;
export type Principal = keyof typeof PRINCIPALS;

export const CONSUMER = 'component:default/search-answer-agent';
export const LLM_API = 'api:default/team-support.support-chat';
export const MCP_API = 'api:default/team-support.support-kb-mcp';
export const AUTO_API = 'api:default/team-support.support-openai';
export const SECRET_REF_API = 'api:default/team-payments.payments-azure-openai';
export const GONE_API = 'api:default/team-support.support-anthropic';

/** The demo cluster; `support-openai` approves requests by itself. */
export function accessSeed(): KubeObject[] {
  return demoObjects.map(o =>
    o.kind === 'HTTPRoute' && o.metadata.name === 'support-openai'
      ? {
          ...o,
          metadata: {
            ...o.metadata,
            annotations: {
              ...o.metadata.annotations,
              [ANNOTATION_AUTO_APPROVE]: 'true',
            },
          },
        }
      : o,
  );
}

/**
 * What the catalog module emits for one API (catalog-backend-module-ai-gateway `entities.ts`, `apiEntity`): its
 * `ai-gateway:` location (the tools route serves only such entities), the owner's kubernetes annotations and the
 * annotations the access service reads.
 */
function apiEntity(api: DiscoveredApi): Entity {
  const { source, ownership } = api;
  const location = `${DISCOVERY_LOCATION_PREFIX}${source.cluster}/${source.kind}/${source.namespace}/${source.name}`;
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'API',
    metadata: {
      name: api.name,
      namespace: 'default',
      title: api.title,
      description: api.description,
      annotations: {
        [ANNOTATION_LOCATION]: location,
        [ANNOTATION_ORIGIN_LOCATION]: location,
        [A.cluster]: source.cluster,
        [A.source]: `${source.kind}:${source.namespace}/${source.name}`,
        ...(ownership.kubernetesAnnotations ?? {}),
        ...(ownership.unowned ? { [A.unowned]: 'true' } : {}),
        [A.baseUrl]: api.baseUrl,
        [A.auth]: api.auth.kind,
        [A.authHeader]: api.auth.header,
        [A.authScheme]: api.auth.scheme,
        [A.gateway]: api.gateways.join(','),
        ...(ownership.entityRef ? { [A.providedBy]: ownership.entityRef } : {}),
      },
    },
    spec: {
      type: api.type,
      lifecycle: 'production',
      owner: api.ownership.owner,
      definition: JSON.stringify(api.definition),
    },
  };
}

/** Relations as the catalog computes them (ownedBy, hasMember): the notifications backend resolves recipients by them. */
function withRelations(entities: Entity[]): Entity[] {
  const members = new Map<string, string[]>();
  for (const e of entities.filter(x => x.kind === 'User')) {
    for (const g of (e.spec?.memberOf as string[] | undefined) ?? []) {
      const ref = stringifyEntityRef({
        kind: 'group',
        namespace: 'default',
        name: g.replace(/^group:(default\/)?/, ''),
      });
      members.set(ref, [...(members.get(ref) ?? []), stringifyEntityRef(e)]);
    }
  }
  return entities.map(e => {
    const relations = [];
    if (typeof e.spec?.owner === 'string')
      relations.push({ type: 'ownedBy', targetRef: e.spec.owner });
    for (const m of members.get(stringifyEntityRef(e)) ?? [])
      relations.push({ type: 'hasMember', targetRef: m });
    return { ...e, relations };
  });
}

/** The demo catalog with the API entities of the demo cluster. */
export function accessEntities(objects: KubeObject[] = accessSeed()): Entity[] {
  const config = demoConfig();
  const snapshot = buildSnapshot({
    clusters: [clusterOf(objects)],
    owners: new OwnerLookup(toOwnerEntities(demoEntities), config.defaultOwner),
    config,
  });
  return withRelations([...demoEntities, ...snapshot.apis.map(apiEntity)]);
}

const PEOPLE = { memberships: MEMBERSHIPS, platformGroup: PLATFORM_GROUP };

/** The example policy (ai-gateway-node/example-policy) for the people above. */
export const accessPolicyModule = testPolicyModule(PEOPLE);

/** userInfo with the memberships above. */
export const accessUserInfoFactory = testUserInfoFactory(PEOPLE);
