/*
 * Two backend replicas (the real plugin twice) on one PostgreSQL database and one cluster behave as one: a request
 * made through one is approved through the other, two simultaneous approvals through both create one grant, and
 * the expiry (the lifecycle task, `scope: 'global'` on the real scheduler) runs once.
 */
import knexFactory, { Knex } from 'knex';
import { TestDatabases } from '@backstage/backend-test-utils';
import { startKubeLocal, KubeLocal } from '@ai-gateway-backstage/kube-local';
import { ACCESS_PATHS as P } from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { eventually } from '../../__testUtils__/testBackend';
import { AccessBackend, startAccessBackend } from './__testUtils__/env';
import { kubeObject } from './__testUtils__/kube';
import { CONSUMER, LLM_API, accessSeed } from './__testUtils__/world';

jest.setTimeout(300_000);
const PG_VAR = 'BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING';
// PostgreSQL listens on 127.0.0.1:5432 on these machines and in CI
process.env[PG_VAR] ??= 'postgresql://postgres@127.0.0.1:5432';
const databases = TestDatabases.create({
  ids: ['POSTGRES_15'],
  disableDocker: true,
});
const BASE = '/api/ai-gateway';

describe('two replicas on one PostgreSQL', () => {
  let kube: KubeLocal;
  let second: Knex;
  let r1: AccessBackend;
  let r2: AccessBackend;
  const ask = (r: AccessBackend, reason: string, expiresAt?: string) =>
    r
      .as('requester')
      .post(`${BASE}${P.requests}`)
      .send({
        apiRef: LLM_API,
        consumerRef: CONSUMER,
        models: ['gpt-4.1'],
        reason,
        ...(expiresAt ? { expiresAt } : {}),
      });

  beforeAll(async () => {
    const first = await databases.init('POSTGRES_15');
    // the second replica has its own connection pool to the same database
    second = knexFactory(first.client.config);
    kube = await startKubeLocal({ port: 0, seed: accessSeed() });
    const aiGateway = {
      mcp: { enabled: false },
      access: { lifecycleFrequencySeconds: 1 },
    };
    // one after the other (a rolling start): two FIRST starts at once on an empty database race in Backstage's own
    // scheduler migrations (`backstage_backend_tasks__knex_migrations ... already exists`, backend-defaults), which
    // the plugin cannot serialise; the plugin's own migrations are (src/access/store/migrate.ts)
    r1 = await startAccessBackend({ kube, database: first, aiGateway });
    r2 = await startAccessBackend({ kube, database: second, aiGateway });
  });
  afterAll(async () => {
    await Promise.all([r1?.stop(), r2?.stop()]);
    await second?.destroy();
    await kube?.close();
  });

  it('a request made through one replica is approved through the other', async () => {
    const created = await ask(r1, 'through replica 1');
    expect(created.status).toBe(201);
    const id = created.body.request.id;
    expect(
      (await r2.as('apiOwner').get(`${BASE}${P.inbox}`)).body.map(
        (r: { id: string }) => r.id,
      ),
    ).toContain(id);
    const approved = await r2
      .as('apiOwner')
      .post(`${BASE}${P.approve(id)}`)
      .send({});
    expect(approved.status).toBe(200);
    const seen = await r1.as('requester').get(`${BASE}${P.request(id)}`);
    expect(seen.body).toMatchObject({
      state: 'approved',
      grantId: approved.body.grant.id,
    });
    expect(
      (
        await r1
          .as('requester')
          .post(`${BASE}${P.claimKey(approved.body.grant.id)}`)
      ).status,
    ).toBe(200);
    expect(
      (
        await r2
          .as('requester')
          .post(`${BASE}${P.claimKey(approved.body.grant.id)}`)
      ).status,
    ).toBe(409);
    expect(
      (
        await r2
          .as('requester')
          .post(`${BASE}${P.revoke(approved.body.grant.id)}`)
      ).status,
    ).toBe(200);
  });

  it('two simultaneous approvals through both replicas create one grant', async () => {
    const created = await ask(r2, 'race');
    const id = created.body.request.id;
    const [a, b] = await Promise.all([
      r1
        .as('apiOwner')
        .post(`${BASE}${P.approve(id)}`)
        .send({}),
      r2
        .as('platformAdmin')
        .post(`${BASE}${P.approve(id)}`)
        .send({}),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const winner = a.status === 200 ? a : b;
    const grants = (
      await r1.as('apiOwner').get(`${BASE}${P.api(LLM_API)}`)
    ).body.grants.filter((g: { requestId: string }) => g.requestId === id);
    expect(grants.map((g: { id: string }) => g.id)).toEqual([
      winner.body.grant.id,
    ]);
    expect(
      await kubeObject(
        kube,
        'AgentgatewayPolicy',
        'team-support',
        `aigw-grant-${winner.body.grant.id}`,
      ),
    ).toBeDefined();
    await r1
      .as('requester')
      .post(`${BASE}${P.revoke(winner.body.grant.id)}`)
      .expect(200);
  });

  it('expires a grant once across both replicas', async () => {
    const expiresAt = new Date(Date.now() + 4000).toISOString();
    const created = await ask(r1, 'short', expiresAt);
    expect(created.status).toBe(201);
    const approved = await r2
      .as('apiOwner')
      .post(`${BASE}${P.approve(created.body.request.id)}`)
      .send({});
    expect(approved.status).toBe(200);
    const grantId = approved.body.grant.id;
    await eventually(async () => {
      const g = await r1.as('requester').get(`${BASE}${P.grant(grantId)}`);
      expect(g.body.state).toBe('expired');
    }, 60_000);
    expect(
      await kubeObject(
        kube,
        'AgentgatewayPolicy',
        'team-support',
        `aigw-grant-${grantId}`,
      ),
    ).toBeUndefined();
    // let both replicas run the task a few more times: nobody expires it again
    await new Promise(r => setTimeout(r, 3000));
    const expiries = [...r1.logs, ...r2.logs].filter(
      l =>
        l.meta.eventId === 'ai-gateway-access-expire' &&
        JSON.stringify(l.meta).includes(grantId),
    );
    expect(expiries.map(l => l.meta.status)).toEqual([
      'initiated',
      'succeeded',
    ]);
  });
});
