/*
 * LEAK test: unique secret values are written through every secret path (create with an object, create
 * where the object is invalid, create rolled back, put/rotate, invalid put, denied put, patch (rotate some keys),
 * invalid patch, denied patch, delete); none of them
 * may appear in any response body, any log line or any audit event (real logger + real auditor, captured at
 * the root logger). The values do reach the cluster (checked), so the test would see a leak if there were one.
 */
import request from 'supertest';
import { randomUUID } from 'node:crypto';
import { mockCredentials } from '@backstage/backend-test-utils';
import { startKubeLocal } from '@ai-gateway-backstage/kube-local';
import { writeEntities, writeSeed } from '../__testUtils__/writeSeed';
import { eventually, startPluginBackend } from '../__testUtils__/testBackend';
import { captureRootLogger } from '../__testUtils__/captureLogger';
import { SECRET_VALUE } from '../__testUtils__/seed';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  createServiceFactory,
  coreServices,
} from '@backstage/backend-plugin-api';

jest.setTimeout(120_000);

const SUPPORT = '/api/ai-gateway/entity/component/default/support-bot';
const values: string[] = [];
const unique = (label: string) => {
  const v = `leak-${label}-${randomUUID()}`;
  values.push(v);
  return v;
};
const backend = (name: string, spec?: object) => ({
  apiVersion: 'agentgateway.dev/v1alpha1',
  kind: 'AgentgatewayBackend',
  metadata: { name },
  spec: spec ?? {
    ai: { provider: { openai: { model: 'gpt-4o' } } },
    policies: { auth: { secretRef: { name: `${name}-key` } } },
  },
});

/** ALLOW for every user except `user:default/mallory` (to exercise the denied path). */
const permissionsFactory = createServiceFactory({
  service: coreServices.permissions,
  deps: {},
  factory: () =>
    ({
      async authorize(requests: any[], { credentials }: any) {
        const deny =
          credentials.principal?.userEntityRef === 'user:default/mallory';
        return requests.map(() => ({
          result: deny ? AuthorizeResult.DENY : AuthorizeResult.ALLOW,
        }));
      },
      async authorizeConditional(requests: any[]) {
        return requests.map(() => ({ result: AuthorizeResult.ALLOW }));
      },
    } as any),
});

describe('secret values never leave the cluster', () => {
  let kube: Awaited<ReturnType<typeof startKubeLocal>>;
  let app: Awaited<ReturnType<typeof startPluginBackend>>;
  const logs = captureRootLogger();
  const bodies: Array<{ what: string; status: number; text: string }> = [];
  const record = (what: string, res: request.Response) => {
    bodies.push({ what, status: res.status, text: res.text ?? '' });
    return res;
  };
  const kubeSecret = async (name: string) => {
    const res = await fetch(
      `${kube.url}/api/v1/namespaces/team-support/secrets/${name}`,
      { headers: { Authorization: `Bearer ${kube.adminToken}` } },
    );
    return res.status === 200 ? ((await res.json()) as any) : undefined;
  };
  const decoded = (s: any) =>
    Object.values(s?.data ?? {}).map(v =>
      Buffer.from(String(v), 'base64').toString(),
    );

  beforeAll(async () => {
    kube = await startKubeLocal({ port: 0, seed: writeSeed });
    app = await startPluginBackend({
      clusters: [{ name: 'local', url: kube.url, token: kube.adminToken }],
      entities: writeEntities,
      permissions: permissionsFactory,
      features: [logs.factory],
    });
    await eventually(async () => {
      const res = await request(app.server).get(`${SUPPORT}/tabs/backends`);
      if (!res.body.clusters?.[0]?.ok)
        throw new Error(`not ready: ${res.text}`);
    }, 60_000);
  });

  afterAll(async () => {
    await app?.stop();
    await kube?.close();
  });

  it('writes through every secret path, then finds no value anywhere', async () => {
    const api = () => request(app.server);
    // 1. backend + key created together
    const created = record(
      'create with secret',
      await api()
        .post(`${SUPPORT}/resources`)
        .send({
          object: backend('leak-a'),
          secrets: [
            {
              name: 'leak-a-key',
              stringData: { Authorization: unique('create') },
            },
          ],
        }),
    );
    expect(created.status).toBe(201);
    // 2. invalid backend: refused before writing
    const invalid = record(
      'create invalid',
      await api()
        .post(`${SUPPORT}/resources`)
        .send({
          object: backend('leak-b', {
            ai: { provider: { openai: { model: 3 } } },
          }),
          secrets: [
            {
              name: 'leak-b-key',
              stringData: { Authorization: unique('invalid') },
            },
          ],
        }),
    );
    expect(invalid.status).toBe(422);
    // 3. the object clashes at write time: the Secret is rolled back
    const clash = record(
      'create rolled back',
      await api()
        .post(`${SUPPORT}/resources`)
        .send({
          object: backend('leak-a'),
          secrets: [
            {
              name: 'leak-c-key',
              stringData: { Authorization: unique('rollback') },
            },
          ],
        }),
    );
    expect(clash.status).toBe(409);
    // 4. a bad secret key next to a value
    const badKey = record(
      'put invalid key',
      await api()
        .put(`${SUPPORT}/secrets/leak-d`)
        .send({ stringData: { 'bad key!': unique('badkey') } }),
    );
    expect(badKey.status).toBe(422);
    // 5. put (create) and rotate
    const put = record(
      'put create',
      await api()
        .put(`${SUPPORT}/secrets/leak-e`)
        .send({ stringData: { token: unique('put') } }),
    );
    expect(put.status).toBe(200);
    const rotated = record(
      'put rotate',
      await api()
        .put(`${SUPPORT}/secrets/leak-e`)
        .send({
          stringData: { token: unique('rotate'), extra: unique('rotate2') },
        }),
    );
    expect(rotated.status).toBe(200);
    expect(rotated.body.item.object.data).toEqual({ extra: '', token: '' });
    // 5b. patch: rotate one key, the other keeps its value
    const keptExtra = values[values.length - 1];
    const patched = record(
      'patch rotate one key',
      await api()
        .patch(`${SUPPORT}/secrets/leak-e`)
        .send({ stringData: { token: unique('patch') } }),
    );
    expect(patched.status).toBe(200);
    expect(patched.body.item.object.data).toEqual({ extra: '', token: '' });
    const afterPatch = await kubeSecret('leak-e');
    expect(Buffer.from(afterPatch.data.token, 'base64').toString()).toBe(
      values[values.length - 1],
    );
    expect(Buffer.from(afterPatch.data.extra, 'base64').toString()).toBe(
      keptExtra,
    );
    const badPatch = record(
      'patch invalid key',
      await api()
        .patch(`${SUPPORT}/secrets/leak-e`)
        .send({ stringData: { 'bad key!': unique('patchbad') } }),
    );
    expect(badPatch.status).toBe(422);
    const deniedPatch = record(
      'patch denied',
      await api()
        .patch(`${SUPPORT}/secrets/leak-e`)
        .set(
          'Authorization',
          mockCredentials.user.header('user:default/mallory'),
        )
        .send({ stringData: { token: unique('patchdenied') } }),
    );
    expect(deniedPatch.status).toBe(403);
    record('secrets list', await api().get(`${SUPPORT}/secrets`));
    // 6. denied
    const denied = record(
      'put denied',
      await api()
        .put(`${SUPPORT}/secrets/leak-f`)
        .set(
          'Authorization',
          mockCredentials.user.header('user:default/mallory'),
        )
        .send({ stringData: { token: unique('denied') } }),
    );
    expect(denied.status).toBe(403);
    // 7. delete
    record('delete', await api().delete(`${SUPPORT}/secrets/leak-e`));

    // the values did reach the cluster where they should
    expect(decoded(await kubeSecret('leak-a-key'))).toEqual([values[0]]);
    expect(await kubeSecret('leak-b-key')).toBeUndefined();
    expect(await kubeSecret('leak-c-key')).toBeUndefined();
    expect(await kubeSecret('leak-e')).toBeUndefined();

    // read paths: tabs, problems, referrers
    for (const tab of ['gateways', 'backends', 'routes', 'policies'])
      record(`tab ${tab}`, await api().get(`${SUPPORT}/tabs/${tab}`));
    record('problems', await api().get(`${SUPPORT}/problems`));
    record(
      'referrers',
      await api().get(
        `${SUPPORT}/resources/AgentgatewayBackend/leak-a/referrers`,
      ),
    );
    record(
      'validate',
      await api()
        .post(`${SUPPORT}/validate`)
        .send({ object: backend('leak-a') }),
    );

    const haystacks = [
      ...bodies.map(b => ({
        where: `response ${b.what} (${b.status})`,
        text: b.text,
      })),
      ...logs.lines.map(l => ({
        where: `log ${l.level} ${l.message}`,
        text: `${l.message} ${JSON.stringify(l.meta)}`,
      })),
    ];
    const leaks = haystacks.flatMap(h =>
      [...values, SECRET_VALUE]
        .filter(
          v =>
            h.text.includes(v) ||
            h.text.includes(Buffer.from(v).toString('base64')),
        )
        .map(v => `${v} in ${h.where}`),
    );
    expect(leaks).toEqual([]);

    // and the audit trail is there: one event per mutation attempt, success, failure and denial alike
    const audit = logs.lines.filter(
      l =>
        l.meta.eventId === 'ai-gateway-secret-write' ||
        l.meta.eventId === 'ai-gateway-resource-mutate',
    );
    expect(audit.length).toBeGreaterThanOrEqual(2 * 10);
    const ends = audit.filter(
      l => l.meta.status === 'succeeded' || l.meta.status === 'failed',
    );
    expect(
      ends.map(l => [
        l.meta.eventId,
        l.meta.status,
        (l.meta.meta as any)?.action,
        (l.meta.meta as any)?.name,
      ]),
    ).toEqual([
      ['ai-gateway-secret-write', 'succeeded', 'create', 'leak-a'],
      ['ai-gateway-secret-write', 'failed', 'create', 'leak-b'],
      ['ai-gateway-secret-write', 'failed', 'create', 'leak-a'],
      // the plan looks the Secret up before refusing its key, so the record says what it would have been
      ['ai-gateway-secret-write', 'failed', 'create', 'leak-d'],
      ['ai-gateway-secret-write', 'succeeded', 'create', 'leak-e'],
      ['ai-gateway-secret-write', 'succeeded', 'update', 'leak-e'],
      ['ai-gateway-secret-write', 'succeeded', 'update', 'leak-e'],
      ['ai-gateway-secret-write', 'failed', 'update', 'leak-e'],
      ['ai-gateway-secret-write', 'failed', 'update', 'leak-e'],
      ['ai-gateway-secret-write', 'failed', 'update', 'leak-f'],
      ['ai-gateway-secret-write', 'succeeded', 'delete', 'leak-e'],
    ]);
    expect(ends[0].meta.meta).toMatchObject({
      actor: 'user:default/mock',
      entityRef: 'component:default/support-bot',
      cluster: 'local',
      kind: 'AgentgatewayBackend',
      namespace: 'team-support',
    });
    expect(ends[0].meta.severityLevel).toBe('medium');
  });
});
