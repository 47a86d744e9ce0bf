/**
 * @jest-environment node
 */
/*
 * The access client against the REAL backend plugin (ai-gateway-backend's access test backend: the plugin, a real
 * permission backend with the example policy, a real catalog, notifications, kube-local with the demo cluster):
 * the paths, bodies and answers the UI relies on. Kept to the calls the UI makes.
 *
 * Test-only imports of the backend's test backend and kube-local (not dependencies of this package; the lint
 * rules against mixed / relative monorepo imports are disabled for these lines only).
 */
import { Server } from 'node:http';
import { AddressInfo } from 'node:net';
// eslint-disable-next-line @backstage/no-undeclared-imports, @backstage/no-mixed-plugin-imports
import { startKubeLocal, KubeLocal } from '@ai-gateway-backstage/kube-local';
import { AiGatewayAccessClient } from '../../api/AiGatewayAccessClient';
import { AiGatewayApiError } from '../../api/errors';
// eslint-disable-next-line @backstage/no-relative-monorepo-imports
import {
  AccessBackend,
  startAccessBackend,
} from '../../../../ai-gateway-backend/src/access/service/__testUtils__/env';
// eslint-disable-next-line @backstage/no-relative-monorepo-imports
import {
  AUTO_API,
  CONSUMER,
  LLM_API,
  PRINCIPALS,
  accessSeed,
} from '../../../../ai-gateway-backend/src/access/service/__testUtils__/world';
import { daysFrom, expiryOf } from './format';
import { keyTarget, snippetsWithKey } from './keySnippets';

jest.setTimeout(300_000);

describe('access client against the real backend plugin', () => {
  let kube: KubeLocal;
  let backend: AccessBackend;
  const clientAs = (who: 'requester' | 'apiOwner') => {
    const { server } = backend;
    if (!(server instanceof Server)) throw new Error('no listening server');
    const { port } = server.address() as AddressInfo;
    return new AiGatewayAccessClient({
      discoveryApi: {
        getBaseUrl: async () => `http://127.0.0.1:${port}/api/ai-gateway`,
      },
      fetchApi: {
        fetch: (input, init) =>
          fetch(input, {
            ...init,
            headers: { ...init?.headers, Authorization: PRINCIPALS[who] },
          }),
      },
    });
  };

  beforeAll(async () => {
    kube = await startKubeLocal({ port: 0, seed: accessSeed() });
    backend = await startAccessBackend({ kube });
  });
  afterAll(async () => {
    await backend?.stop();
    await kube?.close();
  });

  it('request (latest expiry) → inbox → narrowed approval → claim once → rotate → effective → revoke', async () => {
    const requester = clientAs('requester');
    const owner = clientAs('apiOwner');
    const view = await requester.getApiAccess(LLM_API);
    expect(view).toMatchObject({ apiType: 'llm', can: { request: true } });
    const models = view.offers.models;
    expect(models.length).toBeGreaterThan(0);

    // the dialog's latest pickable day is accepted (the maximum is counted from now)
    const { request, grant } = await requester.createRequest({
      apiRef: LLM_API,
      consumerRef: CONSUMER,
      models,
      expiresAt: expiryOf(daysFrom(365), 365),
      reason: 'contract test',
    });
    expect(grant).toBeUndefined();
    expect(request.state).toBe('pending');
    const inbox = await owner.getInbox();
    expect(inbox.map(r => r.id)).toContain(request.id);

    const approved = await owner.approveRequest(request.id, {
      models: [models[0]],
      expiresAt: expiryOf(daysFrom(30), 365),
      note: 'one model for now',
    });
    expect(approved.grant).toMatchObject({
      state: 'awaiting-key',
      scope: { models: [models[0]] },
    });
    const id = approved.grant.id;
    const mine = await requester.getConsumerAccess(CONSUMER);
    expect(mine.grants.find(g => g.id === id)?.state).toBe('awaiting-key');

    const issued = await requester.claimKey(id);
    expect(issued.key).toMatch(/^agw_/);
    const snippets = snippetsWithKey(
      keyTarget(issued, { ref: LLM_API, type: 'llm' }),
      issued.key,
    );
    expect(snippets[0].code).toContain(issued.key);
    expect(snippets[0].code).toContain(issued.baseUrl);
    const again = await requester.claimKey(id).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(AiGatewayApiError);
    expect((again as AiGatewayApiError).status).toBe(409);

    const rotated = await requester.rotateKey(id);
    expect(rotated.key).not.toBe(issued.key);
    expect((await requester.getGrant(id)).previousKeyExpiresAt).toBeTruthy();

    const effective = await requester.getEffectiveAccess(LLM_API, CONSUMER);
    expect(effective.models.find(m => m.name === models[0])?.decision).toBe(
      'allowed',
    );

    const revoked = await owner.revokeGrant(id);
    expect(revoked.state).toBe('revoked');
  });

  it('deny with a note, cancel, auto-approve, and a bad field named by the backend', async () => {
    const requester = clientAs('requester');
    const owner = clientAs('apiOwner');
    const models = (await requester.getApiAccess(LLM_API)).offers.models;
    const ask = () =>
      requester.createRequest({
        apiRef: LLM_API,
        consumerRef: CONSUMER,
        models,
        reason: 'contract test',
      });
    const first = await ask();
    const denied = await owner.denyRequest(first.request.id, { note: 'no' });
    expect(denied).toMatchObject({ state: 'denied', decisionNote: 'no' });
    const second = await ask();
    expect((await requester.cancelRequest(second.request.id)).state).toBe(
      'cancelled',
    );

    const auto = await requester.createRequest({
      apiRef: AUTO_API,
      consumerRef: CONSUMER,
      reason: 'contract test',
      models: (await requester.getApiAccess(AUTO_API)).offers.models,
    });
    expect(auto.grant?.state).toBe('awaiting-key');
    expect((await requester.claimKey(auto.grant!.id)).key).toMatch(/^agw_/);

    const bad = await requester
      .createRequest({
        apiRef: LLM_API,
        consumerRef: CONSUMER,
        models: ['no-such-model'],
        reason: 'x',
      })
      .catch((e: unknown) => e);
    expect((bad as AiGatewayApiError).status).toBe(400);
    expect((bad as AiGatewayApiError).message).toMatch(/models/);
  });
});
