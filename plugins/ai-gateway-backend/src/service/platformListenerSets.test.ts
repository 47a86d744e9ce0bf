/*
 * ListenerSets on the platform page and in overlap warnings, on the demo cluster and catalog on kube-local seeded
 * with a ListenerSet of the demo Gateway (with the status agentgateway writes) and two teams' routes on its listener
 * (seeded, as kubectl or an admin would write them: the partition check is for writes through the plugin). Every
 * answer is checked against openapi.yaml (checkedRequest).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { Entity } from '@backstage/catalog-model';
import { startTestEnvironment } from '../__testUtils__/testBackend';
import { checkedRequest } from '../__testUtils__/openApiResponses';

jest.setTimeout(300_000);

const EXAMPLES = resolve(__dirname, '../../../../examples');
const readYamlDir = <T>(dir: string): T[] =>
  readdirSync(dir)
    .filter(f => f.endsWith('.yaml'))
    .sort()
    .flatMap(f =>
      parseAllDocuments(readFileSync(join(dir, f), 'utf8')).map(
        d => d.toJSON() as T,
      ),
    )
    .filter(Boolean);

const condition = (type: string) => ({
  type,
  status: 'True',
  reason: type,
  message: '',
  lastTransitionTime: '2026-12-02T10:00:00Z',
});
const listenerSet = {
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'ListenerSet',
  metadata: { name: 'extra', namespace: 'agentgateway-system' },
  spec: {
    parentRef: { name: 'ai-gateway' },
    listeners: [
      {
        name: 'shared-8080',
        protocol: 'HTTP',
        port: 8080,
        allowedRoutes: { namespaces: { from: 'All' } },
      },
    ],
  },
  status: {
    conditions: [condition('Accepted'), condition('Programmed')],
    listeners: [
      {
        name: 'shared-8080',
        attachedRoutes: 2,
        supportedKinds: [
          { group: 'gateway.networking.k8s.io', kind: 'HTTPRoute' },
        ],
        conditions: [condition('Accepted'), condition('Programmed')],
      },
    ],
  },
};
const route = (
  namespace: string,
  entity: string,
  name: string,
  path: string,
) => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'HTTPRoute',
  metadata: {
    name,
    namespace,
    labels: { 'backstage.io/kubernetes-id': entity },
  },
  spec: {
    parentRefs: [
      {
        kind: 'ListenerSet',
        name: 'extra',
        namespace: 'agentgateway-system',
        sectionName: 'shared-8080',
      },
    ],
    rules: [{ matches: [{ path: { type: 'PathPrefix', value: path } }] }],
  },
});

describe('ListenerSets on the platform page and in overlaps', () => {
  let env: Awaited<ReturnType<typeof startTestEnvironment>>;
  const api = () => checkedRequest(env.backend.server);
  beforeAll(async () => {
    env = await startTestEnvironment({
      seed: [
        ...readYamlDir<object>(join(EXAMPLES, 'cluster')),
        listenerSet,
        route('team-search', 'search-rag', 'search-extra', '/search'),
        route('team-payments', 'payments-agent', 'payments-catch-all', '/'),
      ],
      entities: readYamlDir<Entity>(join(EXAMPLES, 'catalog')),
    });
  });
  afterAll(() => env?.close());

  it('lists the ListenerSet with its Gateway, listeners, routes and status on the platform overview', async () => {
    const res = await api().get('/api/ai-gateway/platform/overview');
    expect(res.status).toBe(200);
    expect(res.body.listenerSets).toEqual([
      expect.objectContaining({
        kind: 'ListenerSet',
        namespace: 'agentgateway-system',
        name: 'extra',
        summary: {
          gateways: ['agentgateway-system/ai-gateway'],
          listeners: ['shared-8080 HTTP/8080'],
          attachedRoutes: ['shared-8080: 2'],
        },
        conditions: [
          expect.objectContaining({ type: 'Accepted', status: 'True' }),
          expect.objectContaining({ type: 'Programmed', status: 'True' }),
        ],
      }),
    ]);
    // the other platform kinds are unchanged
    expect(res.body.gateways.map((g: { name: string }) => g.name)).toEqual([
      'ai-gateway',
    ]);
  });

  it("warns both teams of routes overlapping on the ListenerSet's listener, and the platform", async () => {
    const platform = await api().get('/api/ai-gateway/platform/overview');
    const onSet = platform.body.overlaps.filter((p: { message: string }) =>
      p.message.includes('ListenerSet agentgateway-system/extra'),
    );
    expect(onSet.map((p: { name: string }) => p.name).sort()).toEqual([
      'payments-catch-all',
      'search-extra',
    ]);
    expect(onSet[0].message).toContain(
      'on ListenerSet agentgateway-system/extra listener shared-8080 (Gateway agentgateway-system/ai-gateway)',
    );
    const search = await api().get(
      '/api/ai-gateway/entity/component/default/search-rag/problems',
    );
    expect(search.status).toBe(200);
    expect(
      search.body.problems.filter(
        (p: { type: string }) => p.type === 'OverlappingMatch',
      ),
    ).toEqual([
      expect.objectContaining({
        severity: 'warning',
        namespace: 'team-search',
        name: 'search-extra',
        reference: expect.objectContaining({
          kind: 'HTTPRoute',
          namespace: 'team-payments',
          name: 'payments-catch-all',
        }),
      }),
    ]);
    const payments = await api().get(
      '/api/ai-gateway/entity/component/default/payments-agent/problems',
    );
    expect(
      payments.body.problems
        .filter((p: { type: string }) => p.type === 'OverlappingMatch')
        .map((p: { name: string }) => p.name),
    ).toEqual(['payments-catch-all']);
  });
});
