import { screen } from '@testing-library/react';
import { coreExtensionData } from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import type { Entity } from '@backstage/catalog-model';
import plugin from '.';
import {
  aiApiAccessCard,
  aiApiConsumersContent,
  aiConsumerAccessContent,
} from './access';
import { aiGatewayPlugin } from '../plugin';
import {
  AiGatewayAccessClient,
  aiGatewayAccessApiRef,
  aiGatewayApiRef,
} from '../api';
import {
  AccessBackend,
  BASE_URL,
} from '../components/Access/__testUtils__/accessBackend';
import { AiGatewayPlatformPage } from './platformPage';
import { FixtureAiGatewayApi } from '../testing/FixtureAiGatewayApi';

jest.setTimeout(60_000);

const entity = (kind: string, type?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name: `${kind}-${type ?? 'x'}`, namespace: 'default' },
  spec: type ? { type } : {},
});
const cases = [
  entity('API', 'llm'),
  entity('API', 'mcp-server'),
  entity('API', 'a2a'),
  entity('API', 'openapi'),
  entity('Component', 'service'),
  entity('System'),
  entity('Group', 'team'),
  entity('User'),
];

describe('access extensions', () => {
  it('are part of the plugin, with the access API', () => {
    for (const id of [
      'api:ai-gateway/access',
      'entity-card:ai-gateway/ai-api-access',
      'entity-content:ai-gateway/ai-api-consumers',
      'entity-content:ai-gateway/ai-access',
    ] as const) {
      expect(plugin.getExtension(id)).toBeDefined();
    }
    const factory = [...aiGatewayPlugin.getApis()].find(
      f => f.api.id === aiGatewayAccessApiRef.id,
    )!;
    expect(
      factory.factory({
        discoveryApi: { getBaseUrl: async () => BASE_URL },
        fetchApi: { fetch },
      }),
    ).toBeInstanceOf(AiGatewayAccessClient);
  });

  it('the request card and Consumers tab are on llm / mcp-server APIs, AI access on components, systems and groups', () => {
    const card = createExtensionTester(aiApiAccessCard).get(
      EntityCardBlueprint.dataRefs.filterFunction,
    )!;
    const consumers = createExtensionTester(aiApiConsumersContent);
    const access = createExtensionTester(aiConsumerAccessContent);
    expect(consumers.get(EntityContentBlueprint.dataRefs.title)).toBe(
      'Consumers',
    );
    expect(consumers.get(coreExtensionData.routePath)).toBe('ai-consumers');
    expect(access.get(EntityContentBlueprint.dataRefs.title)).toBe('AI access');
    expect(access.get(coreExtensionData.routePath)).toBe('ai-access');
    const on = (f: (e: Entity) => boolean) =>
      cases.filter(f).map(e => e.metadata.name);
    expect(on(card)).toEqual(['API-llm', 'API-mcp-server']);
    expect(
      on(consumers.get(EntityContentBlueprint.dataRefs.filterFunction)!),
    ).toEqual(['API-llm', 'API-mcp-server']);
    expect(
      on(access.get(EntityContentBlueprint.dataRefs.filterFunction)!),
    ).toEqual(['Component-service', 'System-x', 'Group-team']);
  });

  it('the AI Gateway page has the Access requests inbox', async () => {
    const backend = new AccessBackend([]);
    renderInTestApp(<AiGatewayPlatformPage />, {
      apis: [
        [aiGatewayApiRef, new FixtureAiGatewayApi({})],
        [
          aiGatewayAccessApiRef,
          new AiGatewayAccessClient({
            discoveryApi: { getBaseUrl: async () => BASE_URL },
            fetchApi: { fetch: backend.fetch },
          }),
        ],
      ],
    });
    (await screen.findByRole('tab', { name: 'Access requests' })).click();
    expect(
      await screen.findByText(
        'Nothing to decide: no request is waiting for you.',
      ),
    ).toBeInTheDocument();
    expect(backend.calls).toEqual([{ method: 'GET', path: '/access/inbox' }]);
  });
});
