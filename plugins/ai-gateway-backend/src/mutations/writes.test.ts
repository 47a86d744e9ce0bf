/*
 * The write contract's newer rules against kube-local through the plugin's HTTP API: the one-request update of
 * a resource and its Secrets, Secret type and key rules, strict field validation, finalizers (202), admission
 * refusals (403 with the server's message), request limits (depth 400, size 413) and error bodies without
 * stacks or pretty-printing — also with NODE_ENV=development, as the demo runs.
 */
import request from 'supertest';
import { startKubeLocal } from '@ai-gateway-backstage/kube-local';
import { writeEntities, writeSeed } from '../__testUtils__/writeSeed';
import { eventually, startPluginBackend } from '../__testUtils__/testBackend';

jest.setTimeout(120_000);

const AGW = 'agentgateway.dev/v1alpha1';
const SUPPORT = '/api/ai-gateway/entity/component/default/support-bot';
const NS_PATH = '/namespaces/team-support';

const backend = (name: string, extra: object = {}) => ({
  apiVersion: AGW,
  kind: 'AgentgatewayBackend',
  metadata: { name },
  spec: { ai: { provider: { openai: { model: 'gpt-4o-mini' } } } },
  ...extra,
});

describe('write contract: pairs, Secrets, finalizers, admission, limits', () => {
  let kube: Awaited<ReturnType<typeof startKubeLocal>>;
  let app: Awaited<ReturnType<typeof startPluginBackend>>;
  const env = process.env.NODE_ENV;
  const api = () => request(app.server);
  const kubeApi = (path: string, init: RequestInit = {}) =>
    fetch(`${kube.url}${path}`, {
      ...init,
      headers: {
        Authorization: `Bearer ${kube.adminToken}`,
        'Content-Type': 'application/json',
        ...(init.headers ?? {}),
      },
    });
  const secretData = async (name: string) => {
    const res = await kubeApi(`/api/v1${NS_PATH}/secrets/${name}`);
    if (res.status !== 200) return undefined;
    const body = await res.json();
    return Object.fromEntries(
      Object.entries(body.data ?? {}).map(([k, v]) => [
        k,
        Buffer.from(String(v), 'base64').toString(),
      ]),
    );
  };

  beforeAll(async () => {
    process.env.NODE_ENV = 'development';
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
    process.env.NODE_ENV = env;
    await app?.stop();
    await kube?.close();
  });

  it('PUT with secrets: rotates only the keys sent of an existing Secret, creates a new one, in one request', async () => {
    const created = await api()
      .post(`${SUPPORT}/resources`)
      .send({
        object: backend('pair'),
        secrets: [
          { name: 'pair-key', stringData: { a: 'val-a1', b: 'val-b1' } },
        ],
      });
    expect(created.status).toBe(201);
    const res = await api()
      .put(`${SUPPORT}/resources/AgentgatewayBackend/pair`)
      .send({
        object: {
          ...backend('pair'),
          metadata: {
            name: 'pair',
            resourceVersion: created.body.item.resourceVersion,
          },
          spec: { ai: { provider: { openai: { model: 'gpt-4o' } } } },
        },
        secrets: [
          { name: 'pair-key', stringData: { b: 'val-b2' } },
          { name: 'pair-new', stringData: { c: 'val-c1' } },
        ],
      });
    expect(res.status).toBe(200);
    expect(res.body.item.object.spec.ai.provider.openai.model).toBe('gpt-4o');
    expect(res.body.secrets.map((s: any) => [s.name, s.object.data])).toEqual([
      ['pair-key', { a: '', b: '' }],
      ['pair-new', { c: '' }],
    ]);
    expect(res.text).not.toContain('val-');
    expect(await secretData('pair-key')).toEqual({ a: 'val-a1', b: 'val-b2' });
    expect(await secretData('pair-new')).toEqual({ c: 'val-c1' });
  });

  it('an invalid Secret in the pair writes nothing; a type change is a 422 on type; tls needs tls.crt and tls.key', async () => {
    const current = await (
      await kubeApi(
        `/apis/agentgateway.dev/v1alpha1${NS_PATH}/agentgatewaybackends/pair`,
      )
    ).json();
    const bad = await api()
      .put(`${SUPPORT}/resources/AgentgatewayBackend/pair`)
      .send({
        object: {
          ...backend('pair'),
          metadata: {
            name: 'pair',
            resourceVersion: current.metadata.resourceVersion,
          },
          spec: { ai: { provider: { openai: { model: 'gpt-x' } } } },
        },
        secrets: [
          {
            name: 'pair-key',
            type: 'kubernetes.io/tls',
            stringData: { b: 'val-b3' },
          },
        ],
      });
    expect(bad.status).toBe(422);
    expect(bad.body.causes.map((c: any) => c.field)).toContain(
      'secrets[0].type',
    );
    expect(await secretData('pair-key')).toEqual({ a: 'val-a1', b: 'val-b2' });

    const typeChange = await api()
      .put(`${SUPPORT}/secrets/pair-key`)
      .send({
        type: 'kubernetes.io/basic-auth',
        stringData: { username: 'u' },
      });
    expect(typeChange.status).toBe(422);
    expect(typeChange.body.causes).toEqual([
      expect.objectContaining({ field: 'type', reason: 'FieldValueInvalid' }),
    ]);

    const tls = await api()
      .put(`${SUPPORT}/secrets/new-tls`)
      .send({ type: 'kubernetes.io/tls', stringData: { 'tls.crt': 'cert' } });
    expect(tls.status).toBe(422);
    expect(tls.body.causes.map((c: any) => c.field)).toEqual(['data[tls.key]']);
    expect(await secretData('new-tls')).toBeUndefined();
    const tlsOk = await api()
      .put(`${SUPPORT}/secrets/new-tls`)
      .send({
        type: 'kubernetes.io/tls',
        stringData: { 'tls.crt': 'cert', 'tls.key': 'key' },
      });
    expect(tlsOk.status).toBe(200);
  });

  it('a typo in a field is a 422 at the field (fieldValidation=Strict), nothing stored', async () => {
    const res = await api()
      .post(`${SUPPORT}/resources`)
      .send({
        object: backend('typo', {
          spec: { ai: { provider: { openai: { model: 'm' } } }, burts: 3 },
        }),
      });
    expect(res.status).toBe(422);
    expect(res.body.causes.map((c: any) => c.field).join(' ')).toMatch(/burts/);
    expect(
      (
        await kubeApi(
          `/apis/agentgateway.dev/v1alpha1${NS_PATH}/agentgatewaybackends/typo`,
        )
      ).status,
    ).toBe(404);
  });

  it('DELETE of an object with a finalizer answers 202 with it (terminating), and again 202 without writing', async () => {
    const created = await api()
      .post(`${SUPPORT}/resources`)
      .send({
        object: backend('held', {
          metadata: { name: 'held', finalizers: ['example.com/hold'] },
        }),
      });
    expect(created.status).toBe(201);
    const first = await api().delete(
      `${SUPPORT}/resources/AgentgatewayBackend/held`,
    );
    expect(first.status).toBe(202);
    expect(first.body.item.object.metadata.deletionTimestamp).toBeTruthy();
    const rv = first.body.item.resourceVersion;
    const second = await api().delete(
      `${SUPPORT}/resources/AgentgatewayBackend/held`,
    );
    expect(second.status).toBe(202);
    expect(second.body.item.resourceVersion).toBe(rv);
    // the finalizer's controller finishes: the object goes, a DELETE is then a 404
    await kubeApi(
      `/apis/agentgateway.dev/v1alpha1${NS_PATH}/agentgatewaybackends/held`,
      {
        method: 'PATCH',
        headers: { 'Content-Type': 'application/merge-patch+json' },
        body: JSON.stringify({ metadata: { finalizers: null } }),
      },
    );
    const gone = await api().delete(
      `${SUPPORT}/resources/AgentgatewayBackend/held`,
    );
    expect(gone.status).toBe(404);
  });

  it('an admission refusal (ResourceQuota exceeded) is the caller’s 403 naming the quota, not a 502', async () => {
    const quota = await kubeApi(`/api/v1${NS_PATH}/resourcequotas`, {
      method: 'POST',
      body: JSON.stringify({
        apiVersion: 'v1',
        kind: 'ResourceQuota',
        metadata: { name: 'no-more-backends' },
        spec: { hard: { 'count/agentgatewaybackends.agentgateway.dev': '0' } },
      }),
    });
    expect(quota.status).toBe(201);
    try {
      const res = await api()
        .post(`${SUPPORT}/resources`)
        .send({ object: backend('over-quota') });
      expect(res.status).toBe(403);
      expect(res.body.error.name).toBe('AdmissionRefused');
      expect(res.body.error.message).toMatch(
        /exceeded quota: no-more-backends/,
      );
    } finally {
      await kubeApi(`/api/v1${NS_PATH}/resourcequotas/no-more-backends`, {
        method: 'DELETE',
      });
    }
  });

  it('refuses deep JSON with 400 before any recursion (writes and /validate), 413 above the size limit', async () => {
    let deep: object = { leaf: true };
    for (let i = 0; i < 2000; i++) deep = { d: deep };
    for (const path of ['/resources', '/validate']) {
      const res = await api()
        .post(`${SUPPORT}${path}`)
        .send({ object: backend('deep', { spec: deep }) });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/nested deeper than 64 levels/);
    }
    const big = await api()
      .post(`${SUPPORT}/resources`)
      .send({
        object: backend('big', { spec: { blob: 'x'.repeat(600 * 1024) } }),
      });
    expect(big.status).toBe(413);
    expect(big.body.error.name).toBe('PayloadTooLargeError');
    const stored = await api()
      .post(`${SUPPORT}/resources`)
      .send({
        object: backend('large', {
          metadata: {
            name: 'large',
            annotations: { a: 'x'.repeat(300 * 1024) },
          },
        }),
      });
    expect(stored.status).toBe(413);
  });

  it('error bodies: no stack or source path (NODE_ENV=development), no body fragments, not pretty-printed', async () => {
    const broken = await api()
      .post(`${SUPPORT}/resources`)
      .set('Content-Type', 'application/json')
      .send('{"object": {"secret-fragment": tru');
    expect(broken.status).toBe(400);
    expect(broken.text).not.toContain('secret-fragment');
    for (const res of [
      broken,
      await api().get(
        `${SUPPORT}/resources/AgentgatewayBackend/nope/referrers`,
      ),
      await api().delete(`${SUPPORT}/resources/Deployment/x`),
      await api()
        .post(`${SUPPORT}/resources`)
        .send({ object: backend('Bad_Name') }),
    ]) {
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.body.error.stack).toBeUndefined();
      expect(res.text).not.toMatch(/\.ts:\d|\/work\/|node_modules|\n/);
      expect(res.body.response.statusCode).toBe(res.status);
    }
    const ok = await api().get(`${SUPPORT}/tabs/backends`);
    expect(ok.text).not.toContain('\n');
  });
});
