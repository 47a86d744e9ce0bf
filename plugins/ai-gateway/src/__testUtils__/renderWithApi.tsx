import { ReactElement } from 'react';
import { SWRConfig } from 'swr';
import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import {
  permissionApiRef,
  PermissionApi,
} from '@backstage/plugin-permission-react';
import { aiGatewayApiRef } from '../api/AiGatewayApi';
import { FixtureAiGatewayApi } from '../testing/FixtureAiGatewayApi';
import { fixturePermissionApi } from './fixturePermissionApi';
import type { AiGatewayApi } from '../api/AiGatewayApi';
import {
  AiGatewayQueryProvider,
  createAiGatewayQueryClient,
} from '../query/AiGatewayQueryProvider';

export function entityOf(
  name: string,
  annotations: Record<string, string> = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', annotations },
    spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
  };
}

/**
 * Renders inside a test app with the given API implementation, an optional entity and a fresh query cache.
 * Permissions are answered by `options.permissions` (default: from the fixture's `writes.capabilities`, else
 * everything allowed).
 */
export function renderWithApi(
  element: ReactElement,
  options: { api: AiGatewayApi; entity?: Entity; permissions?: PermissionApi },
) {
  const permissions =
    options.permissions ??
    fixturePermissionApi(
      options.api instanceof FixtureAiGatewayApi
        ? options.api.capabilities
        : {},
    );
  const client = createAiGatewayQueryClient();
  client.setDefaultOptions({
    queries: { ...client.getDefaultOptions().queries, retry: false },
  });
  const inner = options.entity ? (
    <EntityProvider entity={options.entity}>{element}</EntityProvider>
  ) : (
    element
  );
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [aiGatewayApiRef, options.api],
        [permissionApiRef, permissions],
      ]}
    >
      {/* usePermission caches answers in SWR's global cache: a fresh cache per render keeps tests independent */}
      <SWRConfig value={{ provider: () => new Map() }}>
        <AiGatewayQueryProvider client={client}>{inner}</AiGatewayQueryProvider>
      </SWRConfig>
    </TestApiProvider>,
  );
}
