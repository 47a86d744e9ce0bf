/*
 * Two backend replicas (the real plugin twice, each with its own watch caches) on one PostgreSQL database and one
 * cluster answer reads identically — behind a load balancer without sticky sessions — also right after a change
 * made to the cluster, once each replica's watch has seen it.
 */
import knexFactory, { Knex } from 'knex';
import { TestDatabases } from '@backstage/backend-test-utils';
import { startKubeLocal, KubeLocal } from '@ai-gateway-backstage/kube-local';
import { eventually } from '../__testUtils__/testBackend';
import {
  AccessBackend,
  startAccessBackend,
} from '../access/service/__testUtils__/env';
import { accessSeed } from '../access/service/__testUtils__/world';

jest.setTimeout(300_000);
const PG_VAR = 'BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING';
// PostgreSQL listens on 127.0.0.1:5432 on these machines and in CI
process.env[PG_VAR] ??= 'postgresql://postgres@127.0.0.1:5432';
const databases = TestDatabases.create({
  ids: ['POSTGRES_15'],
  disableDocker: true,
});
const TABS = '/api/ai-gateway/entity/component/default/support-assistant/tabs';

describe('two replicas answer reads identically', () => {
  let kube: KubeLocal;
  let second: Knex;
  let r1: AccessBackend;
  let r2: AccessBackend;

  beforeAll(async () => {
    const first = await databases.init('POSTGRES_15');
    second = knexFactory(first.client.config);
    kube = await startKubeLocal({ port: 0, seed: accessSeed() });
    const aiGateway = { mcp: { enabled: false } };
    // a rolling start, as in src/access/service/replicas.test.ts
    r1 = await startAccessBackend({ kube, database: first, aiGateway });
    r2 = await startAccessBackend({ kube, database: second, aiGateway });
  });
  afterAll(async () => {
    await Promise.all([r1?.stop(), r2?.stop()]);
    await second?.destroy();
    await kube?.close();
  });

  const read = async (r: AccessBackend) => {
    const res = await r.as('requester').get(TABS);
    expect(res.status).toBe(200);
    return res.body;
  };
  const backendNames = (body: {
    tabs: { backends: Array<{ name: string }> };
  }) => body.tabs.backends.map(r => r.name).sort();

  it('the same entity tabs from both, before and after a change to the cluster', async () => {
    const before = await read(r1);
    expect(backendNames(before)).toContain('support-openai');
    expect(await read(r2)).toEqual(before);

    const res = await fetch(
      `${kube.url}/apis/agentgateway.dev/v1alpha1/namespaces/team-support/agentgatewaybackends`,
      {
        method: 'POST',
        headers: {
          authorization: `Bearer ${kube.adminToken}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({
          apiVersion: 'agentgateway.dev/v1alpha1',
          kind: 'AgentgatewayBackend',
          metadata: {
            name: 'support-replica-check',
            namespace: 'team-support',
            labels: { 'backstage.io/kubernetes-id': 'support-assistant' },
          },
          spec: { ai: { provider: { openai: { model: 'gpt-4.1-mini' } } } },
        }),
      },
    );
    expect(res.status).toBe(201);

    await eventually(async () => {
      const [a, b] = [await read(r1), await read(r2)];
      expect(backendNames(a)).toContain('support-replica-check');
      expect(b).toEqual(a);
    }, 30_000);
  });
});
