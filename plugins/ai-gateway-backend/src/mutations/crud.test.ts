import request from 'supertest';
import { startKubeLocal } from '@ai-gateway-backstage/kube-local';
import { writeEntities, writeSeed } from '../__testUtils__/writeSeed';
import { eventually, startPluginBackend } from '../__testUtils__/testBackend';

jest.setTimeout(120_000);

const AGW = 'agentgateway.dev/v1alpha1';
const GWV1 = 'gateway.networking.k8s.io/v1';
const SUPPORT = '/api/ai-gateway/entity/component/default/support-bot';

const backend = (name: string, extra: object = {}) => ({
  apiVersion: AGW,
  kind: 'AgentgatewayBackend',
  metadata: { name },
  spec: { ai: { provider: { openai: { model: 'gpt-4o-mini' } } } },
  ...extra,
});

describe('entity CRUD against a local Kubernetes API server', () => {
  let kube: Awaited<ReturnType<typeof startKubeLocal>>;
  let app: Awaited<ReturnType<typeof startPluginBackend>>;
  const api = () => request(app.server);
  const kubeGet = (path: string) =>
    fetch(`${kube.url}${path}`, {
      headers: { Authorization: `Bearer ${kube.adminToken}` },
    });

  beforeAll(async () => {
    kube = await startKubeLocal({ port: 0, seed: writeSeed });
    app = await startPluginBackend({
      clusters: [{ name: 'local', url: kube.url, token: kube.adminToken }],
      entities: writeEntities,
    });
    await eventually(async () => {
      const res = await api().get(`${SUPPORT}/tabs/backends`);
      if (!res.body.clusters?.[0]?.ok)
        throw new Error(`not ready: ${res.text}`);
    }, 60_000);
  });

  afterAll(async () => {
    await app?.stop();
    await kube?.close();
  });

  it('creates: namespace and label stamped, answer is the stored object, the cache follows', async () => {
    const res = await api()
      .post(`${SUPPORT}/resources`)
      .send({ object: backend('created-1') });
    expect(res.status).toBe(201);
    expect(res.body.item).toMatchObject({
      cluster: 'local',
      kind: 'AgentgatewayBackend',
      namespace: 'team-support',
      name: 'created-1',
      labels: { 'backstage.io/kubernetes-id': 'support-bot' },
      summary: { type: 'LLM', provider: ['openai'] },
    });
    expect(res.body.item.resourceVersion).toBeTruthy();
    expect(res.body.secrets).toEqual([]);
    const stored = await (
      await kubeGet(
        '/apis/agentgateway.dev/v1alpha1/namespaces/team-support/agentgatewaybackends/created-1',
      )
    ).json();
    expect(stored.metadata.managedFields?.[0]?.manager).toBe(
      'backstage-ai-gateway',
    );
    await eventually(async () => {
      const tab = await api().get(`${SUPPORT}/tabs/backends`);
      expect(tab.body.items.map((i: any) => i.name)).toContain('created-1');
    }, 30_000);
  });

  it('refuses a body naming another namespace (400 naming metadata.namespace)', async () => {
    const res = await api()
      .post(`${SUPPORT}/resources`)
      .send({
        object: backend('elsewhere', {
          metadata: { name: 'elsewhere', namespace: 'team-search' },
        }),
      });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/^metadata\.namespace/);
  });

  it('refuses an entity whose selector is set-based only (cannot be stamped)', async () => {
    const res = await api()
      .post('/api/ai-gateway/entity/component/default/set-only/resources')
      .send({ object: backend('x') });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/no equality term/);
  });

  it('rejects an invalid object with 422 and every cause, writing nothing', async () => {
    const bad = backend('bad-1', {
      spec: {
        ai: { provider: { openai: { model: 5 } } },
        static: { host: 'x', port: 99999 },
      },
    });
    const res = await api().post(`${SUPPORT}/resources`).send({ object: bad });
    expect(res.status).toBe(422);
    expect(res.body.error.name).toBe('InputError');
    const fields = res.body.causes.map((c: any) => c.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'spec.ai.provider.openai.model',
        'spec.static.port',
      ]),
    );
    expect(res.body.error.causes).toEqual(res.body.causes);
    expect(
      (
        await kubeGet(
          '/apis/agentgateway.dev/v1alpha1/namespaces/team-support/agentgatewaybackends/bad-1',
        )
      ).status,
    ).toBe(404);
  });

  it('an unknown or platform kind is a 400, never a 500', async () => {
    const unknown = await api()
      .post(`${SUPPORT}/resources`)
      .send({
        object: {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: 'c' },
        },
      });
    expect(unknown.status).toBe(400);
    const platform = await api()
      .post(`${SUPPORT}/resources`)
      .send({
        object: {
          apiVersion: GWV1,
          kind: 'Gateway',
          metadata: { name: 'g' },
          spec: {},
        },
      });
    expect(platform.status).toBe(400);
    expect(platform.body.error.message).toMatch(/platform/);
    const malformed = await api()
      .post(`${SUPPORT}/resources`)
      .send({ object: { kind: 'X' } });
    expect(malformed.status).toBe(400);
  });

  it('updates with the resourceVersion it was based on; a stale one gets 409 with the current object', async () => {
    const created = await api()
      .post(`${SUPPORT}/resources`)
      .send({ object: backend('edit-1') });
    const base = created.body.item.object;
    const edit = (model: string) => ({
      object: { ...base, spec: { ai: { provider: { openai: { model } } } } },
    });
    const [a, b] = await Promise.all([
      api()
        .put(`${SUPPORT}/resources/AgentgatewayBackend/edit-1`)
        .send(edit('gpt-a')),
      api()
        .put(`${SUPPORT}/resources/AgentgatewayBackend/edit-1`)
        .send(edit('gpt-b')),
    ]);
    const statuses = [a.status, b.status].sort();
    expect(statuses).toEqual([200, 409]);
    const winner = a.status === 200 ? a : b;
    const loser = a.status === 200 ? b : a;
    expect(loser.body.error.name).toBe('ConflictError');
    expect(loser.body.current.resourceVersion).toBe(
      winner.body.item.resourceVersion,
    );
    expect(loser.body.current.object.spec.ai.provider.openai.model).toBe(
      winner.body.item.object.spec.ai.provider.openai.model,
    );
    // no lost update: the stored object is the winner's
    const stored = await (
      await kubeGet(
        '/apis/agentgateway.dev/v1alpha1/namespaces/team-support/agentgatewaybackends/edit-1',
      )
    ).json();
    expect(stored.spec.ai.provider.openai.model).toBe(
      winner.body.item.object.spec.ai.provider.openai.model,
    );
    // an update without resourceVersion is refused
    const noRv = await api()
      .put(`${SUPPORT}/resources/AgentgatewayBackend/edit-1`)
      .send({ object: { ...backend('edit-1') } });
    expect(noRv.status).toBe(400);
    expect(noRv.body.error.message).toMatch(/resourceVersion/);
  });

  it('does not read, change or delete objects the entity does not select (404)', async () => {
    // team-search's backend, and `stray` which has support-bot's label outside its namespace
    const other = await api()
      .put(`${SUPPORT}/resources/AgentgatewayBackend/anthropic`)
      .send({
        object: {
          ...backend('anthropic'),
          metadata: { name: 'anthropic', resourceVersion: '1' },
        },
      });
    expect(other.status).toBe(404);
    expect(
      (await api().delete(`${SUPPORT}/resources/HTTPRoute/stray`)).status,
    ).toBe(404);
    expect(
      (
        await api().get(
          `${SUPPORT}/resources/AgentgatewayBackend/anthropic/referrers`,
        )
      ).status,
    ).toBe(404);
    expect(
      (
        await kubeGet(
          '/apis/gateway.networking.k8s.io/v1/namespaces/team-search/httproutes/stray',
        )
      ).status,
    ).toBe(200);
  });

  it('deletes (with an optional resourceVersion precondition)', async () => {
    const created = await api()
      .post(`${SUPPORT}/resources`)
      .send({ object: backend('del-1') });
    const stale = await api().delete(
      `${SUPPORT}/resources/AgentgatewayBackend/del-1?resourceVersion=1`,
    );
    expect(stale.status).toBe(409);
    expect(stale.body.current.name).toBe('del-1');
    const res = await api().delete(
      `${SUPPORT}/resources/AgentgatewayBackend/del-1?resourceVersion=${created.body.item.resourceVersion}`,
    );
    expect(res.status).toBe(204);
    expect(
      (
        await kubeGet(
          '/apis/agentgateway.dev/v1alpha1/namespaces/team-support/agentgatewaybackends/del-1',
        )
      ).status,
    ).toBe(404);
    expect(
      (await api().delete(`${SUPPORT}/resources/AgentgatewayBackend/del-1`))
        .status,
    ).toBe(404);
  });

  it('creates an AI backend with its API key atomically; an invalid backend leaves no Secret behind', async () => {
    const ok = await api()
      .post(`${SUPPORT}/resources`)
      .send({
        object: backend('with-key', {
          spec: {
            ai: { provider: { openai: { model: 'gpt-4o' } } },
            policies: { auth: { secretRef: { name: 'with-key-secret' } } },
          },
        }),
        secrets: [
          {
            name: 'with-key-secret',
            stringData: { Authorization: 'sk-atomic-1' },
          },
        ],
      });
    expect(ok.status).toBe(201);
    expect(ok.body.secrets.map((s: any) => [s.name, s.object.data])).toEqual([
      ['with-key-secret', { Authorization: '' }],
    ]);

    // invalid backend: refused before anything is written
    const bad = await api()
      .post(`${SUPPORT}/resources`)
      .send({
        object: backend('bad-key', {
          spec: { ai: { provider: { openai: { model: 7 } } } },
        }),
        secrets: [
          {
            name: 'bad-key-secret',
            stringData: { Authorization: 'sk-atomic-2' },
          },
        ],
      });
    expect(bad.status).toBe(422);
    expect(
      (await kubeGet('/api/v1/namespaces/team-support/secrets/bad-key-secret'))
        .status,
    ).toBe(404);

    // the backend passes every check but its name is taken at write time: the created Secret is removed
    await api()
      .post(`${SUPPORT}/resources`)
      .send({ object: backend('taken') });
    const clash = await api()
      .post(`${SUPPORT}/resources`)
      .send({
        object: backend('taken'),
        secrets: [{ name: 'taken-secret', stringData: { k: 'sk-atomic-3' } }],
      });
    expect(clash.status).toBe(409);
    expect(
      (await kubeGet('/api/v1/namespaces/team-support/secrets/taken-secret'))
        .status,
    ).toBe(404);
  });

  it('referrers and problems come from the caches', async () => {
    await eventually(async () => {
      const refs = await api().get(
        `${SUPPORT}/resources/AgentgatewayBackend/openai/referrers`,
      );
      expect(refs.status).toBe(200);
      expect(refs.body.items.map((i: any) => `${i.kind} ${i.name}`)).toEqual([
        'HTTPRoute support-chat',
      ]);
      expect(refs.body.others).toBe(0);
    }, 30_000);
    const res = await api().get(`${SUPPORT}/problems`);
    expect(res.status).toBe(200);
    const found = res.body.problems.map(
      (p: any) => `${p.type} ${p.kind} ${p.name}`,
    );
    expect(found).toContain('UnusedBackend AgentgatewayBackend created-1');
    expect(found).not.toContain('UnusedBackend AgentgatewayBackend openai');
  });

  it("another team's route overlapping on the shared gateway is a problem of the entity's route and on the platform page", async () => {
    const path =
      '/apis/gateway.networking.k8s.io/v1/namespaces/team-search/httproutes';
    const created = await fetch(`${kube.url}${path}`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${kube.adminToken}`,
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'HTTPRoute',
        metadata: { name: 'catch-all', namespace: 'team-search' },
        spec: {
          parentRefs: [{ name: 'ai-gw', namespace: 'agentgateway-system' }],
          rules: [
            {
              matches: [
                {
                  path: { type: 'PathPrefix', value: '/' },
                  headers: [{ name: 'x-team', value: 'search' }],
                },
              ],
            },
          ],
        },
      }),
    });
    expect(created.status).toBe(201);
    try {
      await eventually(async () => {
        const res = await api().get(`${SUPPORT}/problems`);
        expect(res.body.problems).toContainEqual(
          expect.objectContaining({
            type: 'OverlappingMatch',
            severity: 'warning',
            name: 'support-chat',
            reference: expect.objectContaining({
              namespace: 'team-search',
              name: 'catch-all',
              role: 'overlap',
            }),
          }),
        );
      }, 30_000);
      const overview = await api().get('/api/ai-gateway/platform/overview');
      expect(overview.status).toBe(200);
      expect(
        overview.body.overlaps.map(
          (p: { namespace: string; name: string }) =>
            `${p.namespace}/${p.name}`,
        ),
      ).toEqual(
        expect.arrayContaining([
          'team-support/support-chat',
          'team-search/catch-all',
        ]),
      );
    } finally {
      await fetch(`${kube.url}${path}/catch-all`, {
        method: 'DELETE',
        headers: { Authorization: `Bearer ${kube.adminToken}` },
      });
    }
  });

  it('patches some keys of a Secret: the others keep their values; 404 for a Secret it does not own, 422 for no key', async () => {
    const put = await api()
      .put(`${SUPPORT}/secrets/rotate-some`)
      .send({ stringData: { a: 'value-a1', b: 'value-b1' } });
    expect(put.status).toBe(200);
    const patched = await api()
      .patch(`${SUPPORT}/secrets/rotate-some`)
      .send({ stringData: { b: 'value-b2', c: 'value-c1' } });
    expect(patched.status).toBe(200);
    expect(patched.body.item.object.data).toEqual({ a: '', b: '', c: '' });
    const stored: any = await (
      await kubeGet('/api/v1/namespaces/team-support/secrets/rotate-some')
    ).json();
    const plain = Object.fromEntries(
      Object.entries(stored.data).map(([k, v]) => [
        k,
        Buffer.from(String(v), 'base64').toString(),
      ]),
    );
    expect(plain).toEqual({ a: 'value-a1', b: 'value-b2', c: 'value-c1' });
    expect(stored.metadata.labels).toMatchObject({
      'backstage.io/kubernetes-id': 'support-bot',
    });
    const missing = await api()
      .patch(`${SUPPORT}/secrets/never-created`)
      .send({ stringData: { a: 'x-value' } });
    expect(missing.status).toBe(404);
    const empty = await api()
      .patch(`${SUPPORT}/secrets/rotate-some`)
      .send({ stringData: {} });
    expect([400, 422]).toContain(empty.status);
    await eventually(async () => {
      const list = await api().get(`${SUPPORT}/secrets`);
      expect(list.status).toBe(200);
      const item = list.body.items.find((i: any) => i.name === 'rotate-some');
      expect(item?.object.data).toEqual({ a: '', b: '', c: '' });
      expect(list.text).not.toContain('value-');
    }, 30_000);
  });
});
