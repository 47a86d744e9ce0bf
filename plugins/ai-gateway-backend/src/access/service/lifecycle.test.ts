/*
 * The lifecycle task on the real scheduler (every second here): a rotated key's entry leaves the Secret once its
 * grace ends; a grant whose policy is deleted in the cluster shows drift, and re-applying restores it.
 */
import { startKubeLocal, KubeLocal } from '@ai-gateway-backstage/kube-local';
import { ACCESS_PATHS as P } from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { eventually } from '../../__testUtils__/testBackend';
import { AccessBackend, startAccessBackend } from './__testUtils__/env';
import { kubeObject, secretEntries } from './__testUtils__/kube';
import { CONSUMER, LLM_API, accessSeed } from './__testUtils__/world';

jest.setTimeout(240_000);
const BASE = '/api/ai-gateway';

describe('access lifecycle task', () => {
  let kube: KubeLocal;
  let b: AccessBackend;

  beforeAll(async () => {
    kube = await startKubeLocal({ port: 0, seed: accessSeed() });
    b = await startAccessBackend({
      kube,
      aiGateway: {
        mcp: { enabled: false },
        // a grace of about two seconds
        access: { lifecycleFrequencySeconds: 1, rotationGraceHours: 0.0005 },
      },
    });
  });
  afterAll(async () => {
    await b?.stop();
    await kube?.close();
  });

  it('removes the previous key after the grace; shows drift and re-applies', async () => {
    const created = await b
      .as('requester')
      .post(`${BASE}${P.requests}`)
      .send({
        apiRef: LLM_API,
        consumerRef: CONSUMER,
        models: ['gpt-4.1'],
        reason: 'lifecycle',
      });
    const approved = await b
      .as('apiOwner')
      .post(`${BASE}${P.approve(created.body.request.id)}`)
      .send({});
    const id = approved.body.grant.id;
    const name = `aigw-grant-${id}`;
    await b
      .as('requester')
      .post(`${BASE}${P.claimKey(id)}`)
      .expect(200);
    await b
      .as('requester')
      .post(`${BASE}${P.rotate(id)}`)
      .expect(200);
    await eventually(async () => {
      const entries = secretEntries(
        await kubeObject(kube, 'Secret', 'team-support', name),
      );
      expect(Object.keys(entries)).toHaveLength(1);
      const grant = await b.as('requester').get(`${BASE}${P.grant(id)}`);
      expect(grant.body.previousKeyExpiresAt).toBeUndefined();
      expect(Object.keys(entries)).toEqual([grant.body.keyId]);
    }, 30_000);

    await kubeObject(
      kube,
      'AgentgatewayPolicy',
      'team-support',
      name,
      'DELETE',
    );
    const drifted = await eventually(async () => {
      const grant = await b.as('apiOwner').get(`${BASE}${P.grant(id)}`);
      expect(grant.body.drift?.differences).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            change: 'missing',
            object: expect.objectContaining({ name }),
          }),
        ]),
      );
      return grant.body;
    }, 30_000);
    expect(drifted.state).toBe('active');
    expect(
      (await b.as('requester').post(`${BASE}${P.reapply(id)}`)).status,
    ).toBe(403);
    const reapplied = await b.as('apiOwner').post(`${BASE}${P.reapply(id)}`);
    expect(reapplied.status).toBe(200);
    expect(reapplied.body.drift).toBeUndefined();
    expect(
      await kubeObject(kube, 'AgentgatewayPolicy', 'team-support', name),
    ).toBeDefined();
  });

  it('tells the requester once when a grant crosses seven days before its expiry', async () => {
    const expiresAt = new Date(
      Date.now() + 7 * 86_400_000 + 3000,
    ).toISOString();
    const created = await b
      .as('requester')
      .post(`${BASE}${P.requests}`)
      .send({
        apiRef: LLM_API,
        consumerRef: CONSUMER,
        models: ['gpt-4.1-mini'],
        expiresAt,
        reason: 'soon',
      });
    expect(created.status).toBe(201);
    await b
      .as('apiOwner')
      .post(`${BASE}${P.approve(created.body.request.id)}`)
      .send({})
      .expect(200);
    const soon = async () =>
      JSON.stringify(
        (await b.as('requester').get('/api/notifications/notifications')).body,
      ).split('Access expires soon').length - 1;
    await eventually(async () => expect(await soon()).toBe(1), 30_000);
    await new Promise(r => setTimeout(r, 3000));
    expect(await soon()).toBe(1);
  });
});
