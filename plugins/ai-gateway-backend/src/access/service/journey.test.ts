/*
 * The whole access journey through the REST API of the real plugin (see __testUtils__/env.ts): request → inbox →
 * approve → claim (key shown once) → rotate → revoke, checked in the cluster (kube-local), in the notifications
 * backend, and in every log line and audit event (no raw key anywhere).
 */
import { createHash } from 'node:crypto';
import { startKubeLocal, KubeLocal } from '@ai-gateway-backstage/kube-local';
import {
  startMcpDemoServer,
  McpDemoServer,
} from '@ai-gateway-backstage/mcp-demo-server';
import { ACCESS_PATHS as P } from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { eventually } from '../../__testUtils__/testBackend';
import { AccessBackend, startAccessBackend } from './__testUtils__/env';
import { kubeObject, secretEntries } from './__testUtils__/kube';
import { CONSUMER, LLM_API, MCP_API, accessSeed } from './__testUtils__/world';

jest.setTimeout(240_000);
const BASE = '/api/ai-gateway';
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

describe('access journey (real plugin, permission backend, catalog, notifications, kube-local)', () => {
  let kube: KubeLocal;
  let demo: McpDemoServer;
  let b: AccessBackend;
  const keys: string[] = [];

  beforeAll(async () => {
    kube = await startKubeLocal({ port: 0, seed: accessSeed() });
    demo = await startMcpDemoServer({ port: 0 });
    b = await startAccessBackend({
      kube,
      aiGateway: {
        mcp: {
          endpoints: [
            {
              backend: 'team-support/support-kb-mcp',
              target: 'knowledge-base',
              url: `${demo.url}/support-kb/mcp`,
            },
          ],
        },
      },
    });
  });
  afterAll(async () => {
    await b?.stop();
    await demo?.close();
    await kube?.close();
  });

  it('request → approve → claim once → rotate → revoke, with the objects in the cluster', async () => {
    const created = await b
      .as('requester')
      .post(`${BASE}${P.requests}`)
      .send({
        apiRef: LLM_API,
        consumerRef: CONSUMER,
        models: ['gpt-4.1-mini', 'gpt-4.1'],
        limits: { requestsPerMinute: 30 },
        reason: 'answers for the search page',
      });
    expect(created.status).toBe(201);
    const req = created.body.request;
    expect(req).toMatchObject({
      state: 'pending',
      requestedBy: 'user:default/sofia.search',
    });
    expect(created.body.grant).toBeUndefined();

    const again = await b
      .as('requester')
      .post(`${BASE}${P.requests}`)
      .send({
        apiRef: LLM_API,
        consumerRef: CONSUMER,
        models: ['gpt-4.1'],
        reason: 'again',
      });
    expect(again.status).toBe(409);

    const inbox = await b.as('apiOwner').get(`${BASE}${P.inbox}`);
    expect(inbox.body.map((r: { id: string }) => r.id)).toContain(req.id);
    expect((await b.as('requester').get(`${BASE}${P.inbox}`)).body).toEqual([]);
    // the API's owner group was notified
    await eventually(async () => {
      const n = await b.as('apiOwner').get('/api/notifications/notifications');
      expect(JSON.stringify(n.body)).toContain('Access request for');
    }, 15_000);

    const approved = await b
      .as('apiOwner')
      .post(`${BASE}${P.approve(req.id)}`)
      .send({
        models: ['gpt-4.1-mini'],
        note: 'one model is enough',
      });
    expect(approved.status).toBe(200);
    const grant = approved.body.grant;
    expect(grant).toMatchObject({
      state: 'awaiting-key',
      scope: { models: ['gpt-4.1-mini'] },
    });
    expect(approved.body.request.state).toBe('approved');
    const policy = await kubeObject(
      kube,
      'AgentgatewayPolicy',
      'team-support',
      `aigw-grant-${grant.id}`,
    );
    expect(JSON.stringify(policy?.spec)).toContain(grant.id);
    expect(JSON.stringify(policy?.spec)).toContain('gpt-4.1-mini');
    expect(JSON.stringify(policy?.spec)).not.toContain('"gpt-4.1"');

    expect(
      (await b.as('apiOwner').post(`${BASE}${P.claimKey(grant.id)}`)).status,
    ).toBe(403);
    const claimed = await b
      .as('requester')
      .post(`${BASE}${P.claimKey(grant.id)}`);
    expect(claimed.status).toBe(200);
    const key: string = claimed.body.key;
    keys.push(key);
    expect(key).toMatch(/^agw_/);
    expect(claimed.body).toMatchObject({
      grantId: grant.id,
      header: 'Authorization',
      scheme: 'Bearer ',
    });
    expect(
      (await b.as('requester').post(`${BASE}${P.claimKey(grant.id)}`)).status,
    ).toBe(409);

    const secret = await eventually(async () => {
      const s = await kubeObject(
        kube,
        'Secret',
        'team-support',
        `aigw-grant-${grant.id}`,
      );
      if (!s) throw new Error('no Secret yet');
      return s;
    });
    expect(secret.metadata.labels?.['ai-gateway.example.com/client-keys']).toBe(
      'team-support',
    );
    const entries = Object.values(secretEntries(secret)).map(v =>
      JSON.parse(v),
    );
    expect(entries).toEqual([
      {
        keyHash: `sha256:${sha256(key)}`,
        metadata: { consumer: CONSUMER, grant: grant.id },
      },
    ]);

    const rotated = await b
      .as('requester')
      .post(`${BASE}${P.rotate(grant.id)}`);
    expect(rotated.status).toBe(200);
    keys.push(rotated.body.key);
    expect(rotated.body.key).not.toBe(key);
    await eventually(async () => {
      const s = secretEntries(
        await kubeObject(
          kube,
          'Secret',
          'team-support',
          `aigw-grant-${grant.id}`,
        ),
      );
      expect(
        Object.values(s)
          .map(v => JSON.parse(v).keyHash)
          .sort(),
      ).toEqual(
        [`sha256:${sha256(key)}`, `sha256:${sha256(rotated.body.key)}`].sort(),
      );
    });
    const view = await b.as('requester').get(`${BASE}${P.grant(grant.id)}`);
    expect(view.body).toMatchObject({
      state: 'active',
      keyPrefix: rotated.body.keyPrefix,
    });
    expect(view.body.previousKeyExpiresAt).toBeDefined();

    // effective access: the granted model only (the grant's Require rule; other keys untouched)
    const effective = await b
      .as('requester')
      .get(`${BASE}${P.effective}`)
      .query({ apiRef: LLM_API, consumerRef: CONSUMER });
    expect(effective.status).toBe(200);
    const decisions = Object.fromEntries(
      effective.body.models.map((m: { name: string; decision: string }) => [
        m.name,
        m.decision,
      ]),
    );
    expect(decisions).toMatchObject({
      'gpt-4.1-mini': 'allowed',
      'gpt-4.1': 'denied',
    });

    const revoked = await b
      .as('requester')
      .post(`${BASE}${P.revoke(grant.id)}`);
    expect(revoked.status).toBe(200);
    expect(revoked.body.state).toBe('revoked');
    await eventually(async () => {
      expect(
        await kubeObject(
          kube,
          'Secret',
          'team-support',
          `aigw-grant-${grant.id}`,
        ),
      ).toBeUndefined();
      expect(
        await kubeObject(
          kube,
          'AgentgatewayPolicy',
          'team-support',
          `aigw-grant-${grant.id}`,
        ),
      ).toBeUndefined();
    });
    const decided = await b
      .as('requester')
      .get('/api/notifications/notifications');
    expect(JSON.stringify(decided.body)).toContain('Access approved');
  });

  it('grants MCP tools: the policy names the tools on the MCP backend', async () => {
    const view = await eventually(async () => {
      const v = await b.as('requester').get(`${BASE}${P.api(MCP_API)}`);
      if (!v.body.offers?.tools?.length)
        throw new Error(`no tools yet: ${v.text}`);
      return v.body;
    }, 60_000);
    const tool = view.offers.tools[0];
    const unknown = await b
      .as('requester')
      .post(`${BASE}${P.requests}`)
      .send({
        apiRef: MCP_API,
        consumerRef: CONSUMER,
        tools: [tool, 'drop_database'],
        reason: 'tickets',
      });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toContain('drop_database');
    const created = await b
      .as('requester')
      .post(`${BASE}${P.requests}`)
      .send({
        apiRef: MCP_API,
        consumerRef: CONSUMER,
        tools: [tool],
        reason: 'tickets',
      });
    expect(created.status).toBe(201);
    const approved = await b
      .as('apiOwner')
      .post(`${BASE}${P.approve(created.body.request.id)}`)
      .send({});
    expect(approved.status).toBe(200);
    const policy = await kubeObject(
      kube,
      'AgentgatewayPolicy',
      'team-support',
      `aigw-grant-${approved.body.grant.id}`,
    );
    expect(JSON.stringify(policy?.spec?.backend)).toContain(tool);
  });

  it('never logs, audits or stores a key; audits every step', async () => {
    const all = JSON.stringify(b.logs);
    for (const key of keys) expect(all).not.toContain(key);
    const events = b.logs
      .map(l => String(l.meta.eventId ?? ''))
      .filter(e => e.startsWith('ai-gateway-access-'));
    for (const step of ['request', 'approve', 'claim', 'rotate', 'revoke'])
      expect(events).toContain(`ai-gateway-access-${step}`);
  });
});
