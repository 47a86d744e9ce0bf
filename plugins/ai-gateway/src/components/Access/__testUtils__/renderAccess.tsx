import { SWRConfig } from 'swr';
import { ReactElement } from 'react';
import type { Entity } from '@backstage/catalog-model';
import { identityApiRef } from '@backstage/core-plugin-api';
import {
  catalogApiRef,
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import {
  TestApiProvider,
  mockApis,
  renderInTestApp,
} from '@backstage/test-utils';
import { aiGatewayAccessApiRef } from '../../../api/AiGatewayAccessApi';
import { AiGatewayAccessClient } from '../../../api/AiGatewayAccessClient';
import {
  AiGatewayQueryProvider,
  createAiGatewayQueryClient,
} from '../../../query/AiGatewayQueryProvider';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { AccessBackend, BASE_URL } from './accessBackend';

const owned = (
  kind: string,
  name: string,
  owner: string,
  extra: Partial<Entity> = {},
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, namespace: 'default' },
  spec: { owner },
  relations: [{ type: 'ownedBy', targetRef: owner }],
  ...extra,
});

/** The catalog of the tests: the requester (team-dev) owns an agent and a system; another team owns a service. */
export const catalogEntities: Entity[] = [
  owned('Component', 'triage-agent', 'group:default/team-dev', {
    metadata: {
      name: 'triage-agent',
      namespace: 'default',
      title: 'Triage agent',
    },
  }),
  owned('System', 'support', 'group:default/team-dev'),
  owned('Component', 'billing', 'group:default/team-billing'),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'team-dev', namespace: 'default' },
    spec: { type: 'team', children: [] },
  },
];

/**
 * Renders inside a test app with the real access client talking to `backend` through the fetch API, the
 * catalog above, and the signed-in user `dev` of team-dev.
 */
export function renderAccess(
  element: ReactElement,
  options: {
    backend: AccessBackend;
    entity?: Entity;
    /** permissions answered DENY (every other one is allowed) */
    deny?: string[];
  },
) {
  const client = createAiGatewayQueryClient();
  client.setDefaultOptions({
    queries: { ...client.getDefaultOptions().queries, retry: false },
  });
  const accessClient = new AiGatewayAccessClient({
    discoveryApi: { getBaseUrl: async () => BASE_URL },
    fetchApi: { fetch: options.backend.fetch },
  });
  const inner = options.entity ? (
    <EntityProvider entity={options.entity}>{element}</EntityProvider>
  ) : (
    element
  );
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [aiGatewayAccessApiRef, accessClient],
        [catalogApiRef, catalogApiMock({ entities: catalogEntities })],
        [
          permissionApiRef,
          {
            authorize: async ({ permission }) => ({
              result: options.deny?.includes(permission.name)
                ? AuthorizeResult.DENY
                : AuthorizeResult.ALLOW,
            }),
          },
        ],
        [
          identityApiRef,
          mockApis.identity({
            userEntityRef: 'user:default/dev',
            ownershipEntityRefs: ['user:default/dev', 'group:default/team-dev'],
          }),
        ],
      ]}
    >
      {/* usePermission caches answers in SWR's global cache: a fresh cache per render keeps tests independent */}
      <SWRConfig value={{ provider: () => new Map() }}>
        <AiGatewayQueryProvider client={client}>{inner}</AiGatewayQueryProvider>
      </SWRConfig>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

/** An API entity of the AI gateway's catalog module. */
export function apiEntity(name: string, type: 'llm' | 'mcp-server'): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'API',
    metadata: { name, namespace: 'default' },
    spec: {
      type,
      owner: 'group:default/team-support',
      lifecycle: 'production',
      definition: '{}',
    },
  };
}
