import { mockServices } from '@backstage/backend-test-utils';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  EntityProviderConnection,
  EntityProviderMutation,
} from '@backstage/plugin-catalog-node';
import {
  DiscoveredApi,
  DiscoverySnapshot,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { AiGatewayEntityProvider } from './AiGatewayEntityProvider';

const auth = {
  kind: 'api-key' as const,
  header: 'Authorization',
  scheme: 'Bearer ',
};
const owned = {
  owner: 'group:default/team-support',
  system: 'system:default/customer-support',
  unowned: false,
  entityRef: 'component:default/support-assistant',
  kubernetesAnnotations: {
    'backstage.io/kubernetes-id': 'support-assistant',
    'backstage.io/kubernetes-namespace': 'team-support',
  },
};
const source = (kind: string, name: string, namespace = 'team-support') => ({
  cluster: 'local',
  kind,
  namespace,
  name,
});

const llm: DiscoveredApi = {
  name: 'team-support.support-openai',
  title: 'support-openai',
  description: 'LLM endpoint',
  type: 'llm',
  lifecycle: 'production',
  source: source('HTTPRoute', 'support-openai'),
  ownership: owned,
  baseUrl: 'https://ai.example.com',
  url: 'https://ai.example.com/support/openai',
  auth,
  searchTerms: ['gpt-4.1-mini', 'openai'],
  tags: ['llm', 'openai'],
  dependsOn: ['team-support.support-openai', 'agentgateway-system.ai-gateway'],
  gateways: ['agentgateway-system/ai-gateway'],
  definition: {
    openapi: '3.0.3',
    info: { title: 'support-openai', version: '1.0.0' },
    servers: [{ url: 'https://ai.example.com' }],
    paths: {
      '/support/openai': {
        post: {
          summary: 'Chat completion',
          responses: { '200': { description: 'OK' } },
        },
      },
    },
    'x-ai-gateway': {
      baseUrl: 'https://ai.example.com',
      endpoints: [],
      models: ['gpt-4.1-mini'],
      providers: ['openai'],
      auth,
      policies: [],
    },
  },
};
const mcp: DiscoveredApi = {
  ...llm,
  name: 'team-support.support-kb-mcp',
  title: 'support-kb-mcp',
  type: 'mcp-server',
  source: source('HTTPRoute', 'support-kb-mcp'),
  url: 'https://ai.example.com/support/mcp',
  searchTerms: ['create_issue'],
  tags: ['mcp'],
  dependsOn: ['team-support.support-kb-mcp'],
  definition: {
    kind: 'mcp-server',
    url: 'https://ai.example.com/support/mcp',
    transport: 'streamable-http',
    discovery: {
      status: 'failed',
      tools: [{ name: 'create_issue' }],
      prompts: [],
      resources: [],
      discoveredAt: '2026-12-01T00:00:00Z',
      error: { at: '2026-12-01T01:00:00Z', message: 'timeout after 15 s' },
    },
    auth,
    policies: [],
    targets: [{ name: 'kb', destination: 'kb:8080/mcp' }],
  },
};
const a2a: DiscoveredApi = {
  ...llm,
  name: 'team-payments.payments-agent',
  type: 'a2a',
  source: source('HTTPRoute', 'payments-agent', 'team-payments'),
  ownership: { owner: 'group:default/unowned', unowned: true },
  searchTerms: [],
  definition: {
    kind: 'a2a',
    url: 'https://ai.example.com/payments/agent',
    agentCardUrl:
      'https://ai.example.com/payments/agent/.well-known/agent-card.json',
    agentCard: { name: 'payments-agent' },
    auth,
    policies: [],
  },
};
const model: DiscoveredApi = {
  ...llm,
  name: 'team-search.model.gemini-2.5-flash',
  source: source('AgentgatewayModel', 'gemini-2.5-flash', 'team-search'),
};

const snapshot = (
  apis: DiscoveredApi[],
  extra: Partial<DiscoverySnapshot> = {},
): DiscoverySnapshot => ({
  enabled: true,
  version: String(apis.length),
  generatedAt: '2026-12-01T00:00:00Z',
  complete: true,
  clusters: [{ name: 'local', ok: true }],
  apis,
  resources: [
    {
      name: 'agentgateway-system.ai-gateway',
      title: 'ai-gateway',
      description: 'Gateway',
      type: 'ai-gateway',
      source: source('Gateway', 'ai-gateway', 'agentgateway-system'),
      ownership: { owner: 'group:default/platform-team', unowned: false },
      dependsOn: [],
      tags: ['gateway'],
      baseUrl: 'https://ai.example.com',
    },
  ],
  problems: [],
  ...extra,
});

function recorder() {
  const mutations: EntityProviderMutation[] = [];
  const connection: EntityProviderConnection = {
    applyMutation: async m => {
      mutations.push(m);
    },
    refresh: async () => {},
  };
  return { mutations, connection };
}

const entitiesOf = (m: EntityProviderMutation): Entity[] =>
  m.type === 'full'
    ? m.entities.map(e => e.entity)
    : m.added.map(e => e.entity);

async function setup(reads: DiscoverySnapshot[], enabled = true) {
  const queue = [...reads];
  const provider = new AiGatewayEntityProvider({
    read: async () => {
      const next = queue.length > 1 ? queue.shift()! : queue[0];
      return next;
    },
    logger: mockServices.logger.mock(),
    enabled,
  });
  const r = recorder();
  await provider.connect(r.connection);
  return { provider, ...r };
}

describe('AiGatewayEntityProvider', () => {
  it('full mutation: API entities of every shape with owner, annotations, definition; Gateway Resource', async () => {
    const { provider, mutations } = await setup([
      snapshot([llm, mcp, a2a, model]),
    ]);
    await provider.refresh();
    expect(mutations).toHaveLength(1);
    expect(mutations[0].type).toBe('full');
    const entities = entitiesOf(mutations[0]);
    expect(entities.map(e => stringifyEntityRef(e)).sort()).toEqual([
      'api:default/team-payments.payments-agent',
      'api:default/team-search.model.gemini-2.5-flash',
      'api:default/team-support.support-kb-mcp',
      'api:default/team-support.support-openai',
      'resource:default/agentgateway-system.ai-gateway',
    ]);
    const api = entities.find(e => e.metadata.name === llm.name)!;
    expect(api).toMatchObject({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'API',
      metadata: {
        namespace: 'default',
        title: 'support-openai',
        tags: ['llm', 'openai'],
        annotations: {
          'backstage.io/managed-by-location':
            'ai-gateway:local/HTTPRoute/team-support/support-openai',
          'backstage.io/managed-by-origin-location':
            'ai-gateway:local/HTTPRoute/team-support/support-openai',
          'ai-gateway.backstage.io/cluster': 'local',
          'ai-gateway.backstage.io/source':
            'HTTPRoute:team-support/support-openai',
          'ai-gateway.backstage.io/base-url': 'https://ai.example.com',
          'ai-gateway.backstage.io/auth': 'api-key',
          'ai-gateway.backstage.io/auth-header': 'Authorization',
          'ai-gateway.backstage.io/auth-scheme': 'Bearer ',
          'ai-gateway.backstage.io/provided-by':
            'component:default/support-assistant',
          'ai-gateway.backstage.io/gateway': 'agentgateway-system/ai-gateway',
          'ai-gateway.backstage.io/models': 'gpt-4.1-mini,openai',
          'backstage.io/kubernetes-id': 'support-assistant',
          'backstage.io/kubernetes-namespace': 'team-support',
        },
        links: [
          {
            url: 'https://ai.example.com/support/openai',
            title: 'Gateway endpoint',
          },
        ],
      },
      spec: {
        type: 'llm',
        lifecycle: 'production',
        owner: 'group:default/team-support',
        system: 'system:default/customer-support',
        dependsOn: [
          'resource:default/team-support.support-openai',
          'resource:default/agentgateway-system.ai-gateway',
        ],
      },
    });
    expect(JSON.parse(api.spec!.definition as string).openapi).toBe('3.0.3');
    expect(
      api.metadata.annotations!['ai-gateway.backstage.io/unowned'],
    ).toBeUndefined();

    const mcpEntity = entities.find(e => e.metadata.name === mcp.name)!;
    expect(mcpEntity.spec).toMatchObject({
      type: 'mcp-server',
      remotes: [
        { type: 'streamable-http', url: 'https://ai.example.com/support/mcp' },
      ],
    });
    expect(mcpEntity.metadata.annotations).toMatchObject({
      'ai-gateway.backstage.io/discovery-status': 'failed',
      'ai-gateway.backstage.io/discovered-at': '2026-12-01T00:00:00Z',
      'ai-gateway.backstage.io/discovery-error':
        '2026-12-01T01:00:00Z: timeout after 15 s',
    });
    expect(
      JSON.parse(mcpEntity.spec!.definition as string).discovery.tools,
    ).toEqual([{ name: 'create_issue' }]);

    const unowned = entities.find(e => e.metadata.name === a2a.name)!;
    expect(unowned.spec).toMatchObject({
      type: 'a2a',
      owner: 'group:default/unowned',
    });
    expect(unowned.metadata.annotations).toMatchObject({
      'ai-gateway.backstage.io/unowned': 'true',
    });
    expect(
      unowned.metadata.annotations!['ai-gateway.backstage.io/provided-by'],
    ).toBeUndefined();

    const modelEntity = entities.find(e => e.metadata.name === model.name)!;
    expect(
      modelEntity.metadata.annotations!['backstage.io/managed-by-location'],
    ).toBe('ai-gateway:local/AgentgatewayModel/team-search/gemini-2.5-flash');

    const gw = entities.find(e => e.kind === 'Resource')!;
    expect(gw.spec).toEqual({
      type: 'ai-gateway',
      owner: 'group:default/platform-team',
      dependsOn: [],
    });
  });

  it('a deleted route disappears: the next full mutation lacks it, a change event removes it at once', async () => {
    const { provider, mutations } = await setup([
      snapshot([llm, mcp]),
      snapshot([llm]),
    ]);
    await provider.refresh();
    await provider.onChange();
    expect(mutations[1]).toEqual({
      type: 'delta',
      added: [],
      removed: [
        expect.objectContaining({
          entity: expect.objectContaining({
            metadata: expect.objectContaining({ name: mcp.name }),
          }),
        }),
      ],
    });
    await provider.refresh();
    expect(entitiesOf(mutations[2]).map(e => e.metadata.name)).not.toContain(
      mcp.name,
    );
  });

  it('change events apply only what changed; nothing when nothing did', async () => {
    const changed = { ...llm, lifecycle: 'deprecated' };
    const { provider, mutations } = await setup([
      snapshot([llm, mcp]),
      snapshot([changed, mcp]),
      snapshot([changed, mcp]),
    ]);
    await provider.refresh();
    await provider.onChange();
    expect(mutations[1].type).toBe('delta');
    expect(entitiesOf(mutations[1]).map(e => e.metadata.name)).toEqual([
      llm.name,
    ]);
    await provider.onChange();
    expect(mutations).toHaveLength(2);
  });

  it('an incomplete snapshot (a cluster not synced) adds and updates but removes nothing', async () => {
    const { provider, mutations } = await setup([
      snapshot([llm, mcp]),
      snapshot([llm], {
        complete: false,
        clusters: [{ name: 'local', ok: false, message: 'not synced' }],
      }),
    ]);
    await provider.refresh();
    await provider.refresh();
    expect(mutations[1]).toMatchObject({ type: 'delta', removed: [] });
  });

  it('aiGateway.catalog.enabled: false removes every entity and never reads', async () => {
    const read = jest.fn();
    const provider = new AiGatewayEntityProvider({
      read,
      logger: mockServices.logger.mock(),
      enabled: false,
    });
    const r = recorder();
    await provider.connect(r.connection);
    await provider.refresh();
    await provider.onChange();
    expect(r.mutations).toEqual([{ type: 'full', entities: [] }]);
    expect(read).not.toHaveBeenCalled();
  });

  it('a snapshot of a disabled backend empties the catalog', async () => {
    const { provider, mutations } = await setup([
      snapshot([llm], { enabled: false }),
    ]);
    await provider.refresh();
    expect(mutations[0]).toEqual({ type: 'full', entities: [] });
  });

  it('bad input: a malformed descriptor is skipped, a malformed snapshot throws (nothing applied)', async () => {
    const broken = { ...mcp, source: undefined } as unknown as DiscoveredApi;
    const { provider, mutations } = await setup([snapshot([llm, broken])]);
    await provider.refresh();
    expect(entitiesOf(mutations[0]).map(e => e.metadata.name)).toEqual([
      llm.name,
      'agentgateway-system.ai-gateway',
    ]);
    const bad = await setup([
      { nonsense: true } as unknown as DiscoverySnapshot,
    ]);
    await expect(bad.provider.refresh()).rejects.toThrow(/malformed snapshot/);
    expect(bad.mutations).toEqual([]);
  });
});
