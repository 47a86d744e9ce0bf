import { screen } from '@testing-library/react';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { getComponentData } from '@backstage/core-plugin-api';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import {
  AiGatewayPage,
  EntityAiGatewayPoliciesContent,
  aiGatewayApiRef,
  aiGatewayPlugin,
  aiGatewayRouteRef,
  isAiGatewayAvailable,
} from './index';
import { AiGatewayClient } from './api';
import { FixtureAiGatewayApi } from './testing/FixtureAiGatewayApi';
import { policy } from './testing/fixtures';
import { entityOf } from './__testUtils__/renderWithApi';
import { fixturePermissionApi } from './__testUtils__/fixturePermissionApi';
import { permissionApiRef } from '@backstage/plugin-permission-react';

jest.setTimeout(30_000);

describe('legacy ai-gateway plugin', () => {
  it('is the ai-gateway plugin and registers the API client factory', () => {
    expect(aiGatewayPlugin.getId()).toBe('ai-gateway');
    const factory = [...aiGatewayPlugin.getApis()].find(
      f => f.api.id === aiGatewayApiRef.id,
    )!;
    expect(Object.keys(factory.deps).sort()).toEqual([
      'discoveryApi',
      'fetchApi',
    ]);
    const client = factory.factory({
      discoveryApi: {
        getBaseUrl: async () => 'http://127.0.0.1/api/ai-gateway',
      },
      fetchApi: { fetch },
    });
    expect(client).toBeInstanceOf(AiGatewayClient);
  });

  it('re-exports isAiGatewayAvailable for EntitySwitch', () => {
    expect(
      isAiGatewayAvailable(
        entityOf('a', { 'backstage.io/kubernetes-label-selector': 'app=a' }),
      ),
    ).toBe(true);
    expect(isAiGatewayAvailable(entityOf('b'))).toBe(false);
  });

  it('renders an entity content extension for the entity in context', async () => {
    const api = new FixtureAiGatewayApi({
      entities: { 'component:default/chat': { objects: [policy] } },
    });
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [aiGatewayApiRef, api],
          [permissionApiRef, fixturePermissionApi()],
        ]}
      >
        <EntityProvider
          entity={entityOf('chat', {
            'backstage.io/kubernetes-id': 'chat-service',
          })}
        >
          <EntityAiGatewayPoliciesContent />
        </EntityProvider>
      </TestApiProvider>,
    );
    expect(
      await screen.findByRole('button', {
        name: 'Show details of Policy llm-combined-limit',
      }),
    ).toBeInTheDocument();
  });

  it('exposes the page as a routable extension mounted on the plugin root route', () => {
    expect(getComponentData(<AiGatewayPage />, 'core.mountPoint')).toBe(
      aiGatewayRouteRef,
    );
    expect(aiGatewayPlugin.routes.root).toBe(aiGatewayRouteRef);
  });
});
