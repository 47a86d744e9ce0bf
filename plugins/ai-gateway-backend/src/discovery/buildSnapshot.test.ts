import {
  A2aApiDefinition,
  DiscoveredApi,
  KubeObject,
  LlmApiDefinition,
  McpDiscoveryResult,
  McpServerDefinition,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { buildSnapshot } from './buildSnapshot';
import { OwnerLookup, toOwnerEntities } from './owners';
import { A2aDiscoverySource, McpDiscoverySource } from './types';
import { paymentsAgentCard } from '@ai-gateway-backstage/mcp-demo-server';
import {
  clusterOf,
  demoConfig,
  demoEntities,
  demoObjects,
} from './__testUtils__/demo';

const owners = (defaultOwner = 'group:default/unowned') =>
  new OwnerLookup(toOwnerEntities(demoEntities), defaultOwner);

const build = (
  objects: KubeObject[] = demoObjects,
  extra: {
    config?: object;
    mcp?: McpDiscoverySource;
    a2a?: A2aDiscoverySource;
  } = {},
) =>
  buildSnapshot({
    clusters: [clusterOf(objects)],
    owners: owners(demoConfig(extra.config).defaultOwner),
    config: demoConfig(extra.config),
    mcp: extra.mcp,
    a2a: extra.a2a,
    now: new Date('2026-12-01T00:00:00Z'),
  });

const api = (apis: DiscoveredApi[], name: string) => {
  const found = apis.find(a => a.name === name);
  if (!found) throw new Error(`no API ${name} in ${apis.map(a => a.name)}`);
  return found;
};

describe('buildSnapshot over the demo cluster', () => {
  const snapshot = build();

  it('one API per consumable endpoint, typed by its backends; none for static, broken or Internal ones', () => {
    expect(snapshot.apis.map(a => [a.name, a.type])).toEqual([
      ['team-payments.payments-agent', 'a2a'],
      ['team-payments.payments-azure-openai', 'llm'],
      ['team-search.model.gemini-2.5-flash', 'llm'],
      ['team-search.model.search-default', 'llm'],
      ['team-search.search-bedrock', 'llm'],
      ['team-search.search-gemini', 'llm'],
      ['team-search.search-index-mcp', 'mcp-server'],
      ['team-search.search-tools-mcp', 'mcp-server'],
      ['team-search.search-vertex', 'llm'],
      ['team-support.support-anthropic', 'llm'],
      ['team-support.support-chat', 'llm'],
      ['team-support.support-kb-mcp', 'mcp-server'],
      ['team-support.support-openai', 'llm'],
    ]);
    expect(snapshot.complete).toBe(true);
    expect(snapshot.enabled).toBe(true);
    expect(snapshot.problems).toEqual([]);
  });

  it('llm route: owner, system and kubernetes annotations of the selecting component; OpenAPI as the gateway exposes it', () => {
    const a = api(snapshot.apis, 'team-support.support-openai');
    expect(a.ownership).toEqual({
      owner: 'group:default/team-support',
      system: 'system:default/customer-support',
      unowned: false,
      entityRef: 'component:default/support-assistant',
      kubernetesAnnotations: {
        'backstage.io/kubernetes-id': 'support-assistant',
        'backstage.io/kubernetes-namespace': 'team-support',
      },
    });
    expect(a.lifecycle).toBe('production');
    expect(a.baseUrl).toBe('https://ai.example.com');
    expect(a.url).toBe('https://ai.example.com/support/openai');
    expect(a.auth).toEqual({
      kind: 'api-key',
      header: 'Authorization',
      scheme: 'Bearer ',
      mode: 'Strict',
    });
    expect(a.dependsOn).toEqual([
      'team-support.support-openai',
      'agentgateway-system.ai-gateway',
    ]);
    const def = a.definition as LlmApiDefinition;
    expect(def.openapi).toBe('3.0.3');
    expect(def.servers).toEqual([{ url: 'https://ai.example.com' }]);
    const post: any = (def.paths['/support/openai'] as any).post;
    expect(
      post.requestBody.content['application/json'].schema.properties.model.enum,
    ).toEqual(['gpt-4.1-mini']);
    expect(def.components).toEqual({
      securitySchemes: { gateway: { type: 'http', scheme: 'bearer' } },
    });
    expect(def.security).toEqual([{ gateway: [] }]);
    expect(def['x-ai-gateway'].sdkBaseUrl).toBeUndefined();
    expect(def['x-ai-gateway'].providers).toEqual(['openai']);
    expect(def['x-ai-gateway'].policies.map(p => [p.kind, p.text])).toEqual([
      ['auth', 'API key required in the Authorization header (Bearer)'],
      ['prompt-guard', 'Prompt guard: 2 rules on prompts (regex)'],
      ['rate-limit', '5,000 requests per minute (burst 1,000)'],
    ]);
  });

  it('llm route on a failover backend: every model, the token limit, the SDK base URL', () => {
    const a = api(snapshot.apis, 'team-support.support-chat');
    const ext = (a.definition as LlmApiDefinition)['x-ai-gateway'];
    expect(ext.models).toEqual([
      'gpt-4.1',
      'claude-sonnet-4-5',
      'gpt-4.1-mini',
    ]);
    expect(a.searchTerms).toEqual(
      expect.arrayContaining(['gpt-4.1', 'anthropic']),
    );
    expect(ext.sdkBaseUrl).toBe('https://ai.example.com/support/chat');
    expect(ext.endpoints).toEqual([
      {
        method: 'POST',
        path: '/support/chat/chat/completions',
        url: 'https://ai.example.com/support/chat/chat/completions',
        format: 'chat-completions',
      },
    ]);
    expect(ext.policies.map(p => p.text)).toEqual(
      expect.arrayContaining([
        '60 requests per minute (burst 20)',
        '50,000 LLM tokens per minute',
      ]),
    );
    // anthropic rewrite → Messages format
    const anthropic = api(snapshot.apis, 'team-support.support-anthropic');
    expect(
      (anthropic.definition as LlmApiDefinition)['x-ai-gateway'].endpoints[0]
        .format,
    ).toBe('messages');
  });

  it('JWT auth, Bedrock guardrail and CORS in plain words', () => {
    const gemini = api(snapshot.apis, 'team-search.search-gemini');
    expect(gemini.auth).toMatchObject({ kind: 'jwt', header: 'Authorization' });
    const texts = (gemini.definition as LlmApiDefinition)[
      'x-ai-gateway'
    ].policies.map(p => p.text);
    expect(texts).toContain(
      'JWT required in the Authorization header (Bearer), issued by solo.io',
    );
    expect(texts).toContain(
      'Browser access (CORS) from https://search.example.com',
    );
    const bedrock = api(snapshot.apis, 'team-search.search-bedrock');
    expect(
      (bedrock.definition as LlmApiDefinition)['x-ai-gateway'].policies.map(
        p => p.text,
      ),
    ).toContain(
      'Amazon Bedrock guardrail search-content-guardrail (version 3)',
    );
  });

  it('AgentgatewayModel: requested by name at /v1/chat/completions', () => {
    const a = api(snapshot.apis, 'team-search.model.gemini-2.5-flash');
    expect(a.title).toBe('gemini-2.5-flash');
    expect(a.url).toBe('https://ai.example.com/v1/chat/completions');
    expect(a.ownership.owner).toBe('group:default/team-search');
    const ext = (a.definition as LlmApiDefinition)['x-ai-gateway'];
    expect(ext.models).toEqual(['gemini-2.5-flash']);
    expect(ext.sdkBaseUrl).toBe('https://ai.example.com/v1');
    expect(ext.providers).toEqual(['gemini']);
    const virtual = api(snapshot.apis, 'team-search.model.search-default');
    expect(virtual.description).toContain(
      'routes to search-vertex-gemini-pro, gemini-2.5-flash',
    );
  });

  it('mcp-server: pending until discovery ran; federated targets listed', () => {
    const kb = api(snapshot.apis, 'team-support.support-kb-mcp');
    const def = kb.definition as McpServerDefinition;
    expect(def).toMatchObject({
      kind: 'mcp-server',
      url: 'https://ai.example.com/support/mcp',
      transport: 'streamable-http',
      discovery: { status: 'pending', tools: [], prompts: [], resources: [] },
      auth: { kind: 'none' },
    });
    const federated = api(snapshot.apis, 'team-search.search-tools-mcp');
    expect(
      (federated.definition as McpServerDefinition).targets.map(t => t.name),
    ).toEqual(['indexes', 'web-fetcher', 'vector-db']);
    expect(federated.description).toContain(
      'federating indexes, web-fetcher, vector-db',
    );
  });

  it('a2a: the agent card as the gateway knows it', () => {
    const a = api(snapshot.apis, 'team-payments.payments-agent');
    const def = a.definition as A2aApiDefinition;
    expect(def.url).toBe('https://ai.example.com/payments/agent');
    expect(def.agentCardUrl).toBe(
      'https://ai.example.com/payments/agent/.well-known/agent-card.json',
    );
    expect(def.agentCard).toMatchObject({
      name: 'payments-agent',
      url: def.url,
    });
    expect(def.auth.kind).toBe('api-key');
    expect(def.policies.map(p => p.text)).toEqual(
      expect.arrayContaining([
        'Requests time out after 60s',
        'Retried up to 2 times on 502, 503, 504',
      ]),
    );
  });

  it('a2a: the fetched agent card becomes the definition, its skills the search terms; a failure keeps it and says why', () => {
    // the demo agent's card as A2A 0.3 clients see it (url instead of supportedInterfaces)
    const { supportedInterfaces, ...v1 } = paymentsAgentCard('http://agent');
    const card = { ...v1, url: supportedInterfaces[0].url };
    const calls: string[] = [];
    const a2a: A2aDiscoverySource = {
      getAgent: (cluster, ns, name) => {
        calls.push(`${cluster}/${ns}/${name}`);
        return {
          status: 'failed',
          card: card as never,
          cardUrl: 'http://agent/.well-known/agent-card.json',
          discoveredAt: '2026-12-01T00:00:00Z',
          error: { at: '2026-12-01T01:00:00Z', message: 'HTTP 503' },
        };
      },
      onChange: () => () => {},
    };
    const a = api(
      build(demoObjects, { a2a }).apis,
      'team-payments.payments-agent',
    );
    expect(calls).toEqual(['local/team-payments/payments-agent-a2a']);
    const def = a.definition as A2aApiDefinition;
    expect(def.agentCard).toEqual(card);
    expect(def.discovery).toEqual({
      status: 'failed',
      cardUrl: 'http://agent/.well-known/agent-card.json',
      discoveredAt: '2026-12-01T00:00:00Z',
      error: { at: '2026-12-01T01:00:00Z', message: 'HTTP 503' },
    });
    expect(a.searchTerms).toEqual(
      expect.arrayContaining([
        'Payment status',
        'refund_payment',
        'Explain an invoice',
      ]),
    );
    expect(a.description).toContain('Payments agent');
    expect(a.tags).toEqual(expect.arrayContaining(['a2a', 'refunds']));
  });

  it('Resources: the Gateway and every AI / MCP / A2A backend, backends depending on their Gateways', () => {
    const names = snapshot.resources.map(r => `${r.type} ${r.name}`);
    expect(names).toContain('ai-gateway agentgateway-system.ai-gateway');
    expect(names).toContain(
      'ai-gateway-backend team-support.support-llm-failover',
    );
    expect(names).not.toContain(
      'ai-gateway-backend team-search.search-reranker',
    ); // static
    const gw = snapshot.resources.find(
      r => r.name === 'agentgateway-system.ai-gateway',
    )!;
    expect(gw.ownership.owner).toBe('group:default/platform-team');
    expect(gw.baseUrl).toBe('https://ai.example.com');
    const kb = snapshot.resources.find(
      r => r.name === 'team-support.support-kb-mcp',
    )!;
    expect(kb.dependsOn).toEqual(['agentgateway-system.ai-gateway']);
    expect(kb.ownership.entityRef).toBe('component:default/support-assistant');
  });
});

describe('buildSnapshot: ownership, opt-out, switches, bad input', () => {
  const route = (
    name: string,
    extra: Partial<KubeObject['metadata']> = {},
    spec?: unknown,
  ): KubeObject => ({
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: { name, namespace: 'team-x', ...extra },
    spec:
      spec !== undefined
        ? spec
        : {
            parentRefs: [
              { name: 'ai-gateway', namespace: 'agentgateway-system' },
            ],
            rules: [
              {
                matches: [
                  { path: { type: 'PathPrefix', value: `/x/${name}` } },
                ],
                backendRefs: [
                  {
                    name: 'support-openai',
                    namespace: 'team-support',
                    group: 'agentgateway.dev',
                    kind: 'AgentgatewayBackend',
                  },
                ],
              },
            ],
          },
  });

  it('a route no catalog entity selects: default owner, marked unowned, no provider', () => {
    const s = build([...demoObjects, route('orphan')], {
      config: { catalog: { defaultOwner: 'group:default/platform-team' } },
    });
    const a = api(s.apis, 'team-x.orphan');
    expect(a.ownership).toEqual({
      owner: 'group:default/platform-team',
      unowned: true,
    });
  });

  it('two entities selecting the route (ambiguous): unowned; discovery-emitted entities never count', () => {
    const twin = {
      ...demoEntities.find(e => e.metadata.name === 'support-assistant')!,
      metadata: {
        name: 'support-twin',
        annotations: { 'backstage.io/kubernetes-id': 'support-assistant' },
      },
    };
    const emitted = {
      ...twin,
      kind: 'API',
      metadata: {
        name: 'team-support.support-openai',
        annotations: {
          'backstage.io/kubernetes-id': 'support-assistant',
          'backstage.io/managed-by-location':
            'ai-gateway:local/HTTPRoute/team-support/support-openai',
        },
      },
    };
    const lookup = new OwnerLookup(
      toOwnerEntities([...demoEntities, emitted]),
      'group:default/unowned',
    );
    const route1 = demoObjects.find(
      o => o.kind === 'HTTPRoute' && o.metadata.name === 'support-openai',
    )!;
    expect(lookup.ownership(route1).entityRef).toBe(
      'component:default/support-assistant',
    );
    const ambiguous = new OwnerLookup(
      toOwnerEntities([...demoEntities, twin]),
      'group:default/unowned',
    );
    expect(ambiguous.ownership(route1)).toEqual({
      owner: 'group:default/unowned',
      unowned: true,
    });
  });

  it('opt-out annotation on a route, a backend or a gateway; lifecycle label', () => {
    const optOut = {
      annotations: { 'ai-gateway.backstage.io/discoverable': 'false' },
    };
    const s = build([
      ...demoObjects,
      route('hidden', optOut),
      route('beta', {
        labels: { 'ai-gateway.backstage.io/lifecycle': 'experimental' },
      }),
    ]);
    expect(s.apis.map(a => a.name)).not.toContain('team-x.hidden');
    expect(api(s.apis, 'team-x.beta').lifecycle).toBe('experimental');
    const hiddenGateway = demoObjects.map(o =>
      o.kind === 'Gateway'
        ? { ...o, metadata: { ...o.metadata, ...optOut } }
        : o,
    );
    const none = build(hiddenGateway);
    expect(none.apis).toEqual([]);
    expect(none.resources.filter(r => r.type === 'ai-gateway')).toEqual([]);
  });

  it('aiGateway.catalog.enabled: false → nothing', () => {
    const s = build(demoObjects, { config: { catalog: { enabled: false } } });
    expect(s).toMatchObject({ enabled: false, apis: [], resources: [] });
  });

  it('MCP discovery results from the store; tool lists beyond the limit are cut and marked', () => {
    const result: McpDiscoveryResult = {
      status: 'ok',
      tools: [
        {
          name: 'search_kb',
          description: 'Search',
          inputSchema: { type: 'object' },
        },
        { name: 'create_issue' },
        { name: 'close_issue' },
      ],
      prompts: [{ name: 'triage' }],
      resources: [],
      discoveredAt: '2026-12-01T00:00:00Z',
    };
    const mcp: McpDiscoverySource = {
      getServer: (cluster, ns, name) =>
        cluster === 'local' &&
        ns === 'team-support' &&
        name === 'support-kb-mcp'
          ? result
          : undefined,
      onChange: () => () => {},
    };
    const s = build(demoObjects, {
      mcp,
      config: { catalog: { maxToolsPerEntity: 2 } },
    });
    const kb = api(s.apis, 'team-support.support-kb-mcp');
    const def = kb.definition as McpServerDefinition;
    expect(def.discovery.status).toBe('ok');
    expect(def.discovery.tools.map(t => t.name)).toEqual([
      'search_kb',
      'create_issue',
    ]);
    expect(def.truncated).toBe(true);
    expect(kb.searchTerms).toEqual(['search_kb', 'create_issue', 'triage']);
  });

  it('malformed routes are skipped or reported, never fatal', () => {
    const hostile: KubeObject = route('hostile');
    Object.defineProperty(hostile, 'spec', {
      get() {
        throw new Error('boom');
      },
    });
    const s = build([
      ...demoObjects,
      route(
        'rules-not-a-list',
        {},
        {
          parentRefs: [
            { name: 'ai-gateway', namespace: 'agentgateway-system' },
          ],
          rules: 'garbage',
        },
      ),
      route(
        'null-rule',
        {},
        {
          parentRefs: [
            { name: 'ai-gateway', namespace: 'agentgateway-system' },
          ],
          rules: [
            null,
            { backendRefs: 'x', matches: [{ path: { value: 42 } }] },
          ],
        },
      ),
      route('parents-not-a-list', {}, { parentRefs: 5 }),
      route('no-spec', {}, null),
      hostile,
    ]);
    expect(s.apis.length).toBe(13);
    expect(s.problems).toEqual([
      expect.stringContaining('HTTPRoute team-x/hostile: boom'),
    ]);
  });

  it('several clusters: names carry the cluster; a cluster that has not synced makes the snapshot incomplete', () => {
    const s = buildSnapshot({
      clusters: [
        clusterOf(demoObjects, 'eu'),
        {
          ...clusterOf([], 'us'),
          ok: false,
          message: 'HTTPRoute: not synced yet',
        },
      ],
      owners: owners(),
      config: demoConfig(),
    });
    expect(s.apis.map(a => a.name)).toContain('eu.team-support.support-openai');
    expect(s.complete).toBe(false);
    expect(s.clusters).toEqual([
      { name: 'eu', ok: true },
      { name: 'us', ok: false, message: 'HTTPRoute: not synced yet' },
    ]);
  });

  it('without aiGateway.gateways: the HTTPS listener hostname', () => {
    const s = buildSnapshot({
      clusters: [clusterOf(demoObjects)],
      owners: owners(),
      config: { ...demoConfig(), gateways: new Map() },
    });
    expect(api(s.apis, 'team-support.support-kb-mcp').url).toBe(
      'https://ai.example.com/support/mcp',
    );
  });
});
