import request from 'supertest';
import { startKubeLocal } from '@ai-gateway-backstage/kube-local';
import { seed } from '../__testUtils__/seed';
import { eventually, startPluginBackend } from '../__testUtils__/testBackend';

jest.setTimeout(60_000);

const REF = '/api/ai-gateway/entity/component/default/support-bot';

describe('GET {ref}/tabs rows', () => {
  let kube: Awaited<ReturnType<typeof startKubeLocal>>;
  let backend: Awaited<ReturnType<typeof startPluginBackend>>;

  beforeAll(async () => {
    kube = await startKubeLocal({ port: 0, seed });
    backend = await startPluginBackend({
      clusters: [{ name: 'local', url: kube.url, token: kube.adminToken }],
    });
  });

  afterAll(async () => {
    await backend?.stop();
    await kube?.close();
  });

  it('carry deletionTimestamp of a terminating object (the Terminating chip, no edit) and never the object', async () => {
    const path = `${kube.url}/apis/gateway.networking.k8s.io/v1/namespaces/team-support/httproutes`;
    const headers = {
      Authorization: `Bearer ${kube.adminToken}`,
      'Content-Type': 'application/json',
    };
    const created = await fetch(path, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'HTTPRoute',
        metadata: {
          name: 'support-closing',
          namespace: 'team-support',
          labels: { 'backstage.io/kubernetes-id': 'support-bot' },
          finalizers: ['example.com/hold'],
        },
        spec: {
          parentRefs: [{ name: 'ai-gw', namespace: 'agentgateway-system' }],
        },
      }),
    });
    expect(created.status).toBe(201);
    const deleted = await fetch(`${path}/support-closing`, {
      method: 'DELETE',
      headers,
    });
    expect(deleted.status).toBeLessThan(300);

    await eventually(async () => {
      const res = await request(backend.server).get(`${REF}/tabs`);
      expect(res.status).toBe(200);
      const row = res.body.tabs.routes.find(
        (r: { name: string }) => r.name === 'support-closing',
      );
      expect(row).toMatchObject({ deletionTimestamp: expect.any(String) });
      expect(row.object).toBeUndefined();
    });
    const chat = (
      await request(backend.server).get(`${REF}/tabs`)
    ).body.tabs.routes.find((r: { name: string }) => r.name === 'support-chat');
    expect(chat.deletionTimestamp).toBeUndefined();

    const full = await request(backend.server).get(
      `${REF}/resources/HTTPRoute/support-closing`,
    );
    expect(full.body.item.deletionTimestamp).toBe(
      full.body.item.object.metadata.deletionTimestamp,
    );
  });
});
