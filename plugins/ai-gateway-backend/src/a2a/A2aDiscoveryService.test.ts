import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import {
  McpDemoServer,
  startMcpDemoServer,
} from '@ai-gateway-backstage/mcp-demo-server';
import { KubeObject } from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { cachesWith, exampleObjects } from '../mcp/__testUtils__/caches';
import { a2aBaseUrl, A2aDiscoveryService } from './A2aDiscoveryService';
import { A2aConfig } from './config';
import { DatabaseA2aDiscoveryStore } from './store';

jest.setTimeout(60_000);

const databases = TestDatabases.create({
  ids: ['SQLITE_3'],
  disableDocker: true,
});

const backend: KubeObject = {
  apiVersion: 'agentgateway.dev/v1alpha1',
  kind: 'AgentgatewayBackend',
  metadata: { name: 'agent', namespace: 'team-a' },
  spec: { a2a: { host: 'agent.team-a.svc.cluster.local', port: 9090 } },
};

const validCard = {
  name: 'Test agent',
  description: 'Answers tests.',
  url: 'http://agent',
  version: '1.0.0',
  capabilities: {},
  defaultInputModes: ['text/plain'],
  defaultOutputModes: ['text/plain'],
  skills: [
    {
      id: 'run',
      name: 'Run tests',
      description: 'Runs them',
      tags: ['ci'],
      examples: ['run the tests'],
    },
  ],
};

/** A small HTTP server answering by path; `answer` may change between requests. */
async function startAgent(
  answer: (path: string, res: ServerResponse, req: IncomingMessage) => void,
) {
  const http = createServer((req, res) => answer(req.url ?? '/', res, req));
  await new Promise<void>(r => http.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>(r => {
        http.closeAllConnections();
        http.close(() => r());
      }),
  };
}

const json = (res: ServerResponse, body: unknown, status = 200) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};

function config(url: string, timeoutMs = 5_000): A2aConfig {
  return {
    enabled: true,
    frequencyMs: 60_000,
    timeoutMs,
    maxResponseBytes: 1024 * 1024,
    maxSkills: 500,
    concurrency: 2,
    endpoints: [{ backend: 'team-a/agent', url, headers: {} }],
    gateways: new Map(),
  };
}

async function service(objects: KubeObject[], cfg: A2aConfig) {
  const knex = await databases.init('SQLITE_3');
  const database = mockServices.database({ knex, migrations: { skip: false } });
  const { caches, collections } = await cachesWith(objects);
  const make = async () =>
    new A2aDiscoveryService({
      reader: caches,
      store: await DatabaseA2aDiscoveryStore.create(database),
      config: cfg,
      logger: mockServices.logger.mock(),
    });
  return { svc: await make(), make, caches, collections };
}

describe('A2aDiscoveryService', () => {
  const closers: Array<() => Promise<void>> = [];
  afterEach(async () => {
    await Promise.all(closers.splice(0).map(c => c()));
  });

  it('reads the demo agent card (official A2A SDK server), stores it, and another replica loads it', async () => {
    const demo: McpDemoServer = await startMcpDemoServer({ port: 0 });
    closers.push(() => demo.close());
    const demoBackend = exampleObjects().find(
      o => o.metadata.name === 'payments-agent-a2a',
    )!;
    const { svc, make } = await service([demoBackend], {
      ...config(demo.a2aAgents[0].url),
      endpoints: [
        {
          backend: 'team-payments/payments-agent-a2a',
          url: demo.a2aAgents[0].url,
          headers: {},
        },
      ],
    });
    await svc.refreshAll();
    const result = svc.getAgent('local', 'team-payments', 'payments-agent-a2a');
    expect(result).toMatchObject({
      status: 'ok',
      cardUrl: `${demo.a2aAgents[0].url}/.well-known/agent-card.json`,
    });
    expect(result?.card?.name).toBe('Payments agent');
    expect(result?.card?.skills.map(s => s.id)).toEqual([
      'payment_status',
      'refund_payment',
      'explain_invoice',
    ]);
    const other = await make();
    await other.syncFromStore();
    expect(
      other.getAgent('local', 'team-payments', 'payments-agent-a2a')?.card,
    ).toEqual(result?.card);
  });

  it('falls back to /.well-known/agent.json (older agents)', async () => {
    const agent = await startAgent((path, res) =>
      path === '/.well-known/agent.json'
        ? json(res, validCard)
        : json(res, { error: 'not found' }, 404),
    );
    closers.push(agent.close);
    const { svc } = await service([backend], config(agent.url));
    const result = await svc.refreshBackend('local', backend);
    expect(result.status).toBe('ok');
    expect(result.cardUrl).toBe(`${agent.url}/.well-known/agent.json`);
  });

  it('records a malformed card, a hanging agent and a 10 MB answer as errors and keeps the last known card', async () => {
    let mode: 'ok' | 'malformed' | 'hang' | 'huge' = 'ok';
    const agent = await startAgent((_path, res) => {
      if (mode === 'ok') json(res, validCard);
      else if (mode === 'malformed')
        json(res, { ...validCard, skills: [{ id: 'x', name: 'x' }] });
      else if (mode === 'huge') {
        // no content-length: the limit must cut the stream itself
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(`{"name":"${'x'.repeat(10 * 1024 * 1024)}"}`);
      }
      // hang: never answer
    });
    closers.push(agent.close);
    const { svc } = await service([backend], config(agent.url, 3_000));
    expect((await svc.refreshBackend('local', backend)).status).toBe('ok');

    mode = 'malformed';
    let result = await svc.refreshBackend('local', backend);
    expect(result.status).toBe('failed');
    expect(result.error?.message).toContain(
      'skills[0].description must be a string',
    );
    expect(result.card?.name).toBe('Test agent');

    mode = 'hang';
    const started = Date.now();
    result = await svc.refreshBackend('local', backend);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(result.error?.message).toContain('no complete answer within 3 s');
    expect(result.card?.skills).toHaveLength(1);

    mode = 'huge';
    result = await svc.refreshBackend('local', backend);
    expect(result.error?.message).toMatch(/larger than the limit of 1048576/);
    expect(result.card?.name).toBe('Test agent');
    expect(result.discoveredAt).toBeDefined();
  });

  it('forgets a deleted backend', async () => {
    const agent = await startAgent((_p, res) => json(res, validCard));
    closers.push(agent.close);
    const { svc, collections } = await service([backend], config(agent.url));
    await svc.refreshAll();
    expect(svc.getAgent('local', 'team-a', 'agent')?.status).toBe('ok');
    collections.get('AgentgatewayBackend')!.apply('DELETED', backend);
    await new Promise(r => setTimeout(r, 50));
    await svc.refreshAll();
    expect(svc.getAgent('local', 'team-a', 'agent')).toBeUndefined();
  });

  it('reads the card through the gateway URL when configured, else the backend target', async () => {
    const route: KubeObject = {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { name: 'agent', namespace: 'team-a' },
      spec: {
        parentRefs: [{ name: 'gw', namespace: 'gw-ns' }],
        rules: [
          {
            matches: [{ path: { type: 'PathPrefix', value: '/a/agent' } }],
            backendRefs: [
              {
                group: 'agentgateway.dev',
                kind: 'AgentgatewayBackend',
                name: 'agent',
              },
            ],
          },
        ],
      },
    };
    const { caches } = await cachesWith([backend, route]);
    const none = { endpoints: [], gateways: new Map() };
    expect(a2aBaseUrl(caches, 'local', backend, none)?.url).toBe(
      'http://agent.team-a.svc.cluster.local:9090',
    );
    expect(
      a2aBaseUrl(caches, 'local', backend, {
        endpoints: [],
        gateways: new Map([['gw-ns/gw', 'https://ai.example.com']]),
      })?.url,
    ).toBe('https://ai.example.com/a/agent');
  });
});
