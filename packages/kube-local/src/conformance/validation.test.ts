import fs from 'node:fs';
import path from 'node:path';
import { parseManifests } from '../seed/loadManifests';
import {
  TestCluster,
  jsonHeaders,
  startTestCluster,
} from './__testUtils__/testServer';

/** The project's one copy of the curated upstream examples lives beside the shared validator. */
const FIXTURES = path.join(
  path.dirname(
    require.resolve(
      '@ai-gateway-backstage/plugin-ai-gateway-node/package.json',
    ),
  ),
  'src',
  '__fixtures__',
  'curated',
);
const files = fs
  .readdirSync(FIXTURES)
  .filter(f => f.endsWith('.yaml'))
  .sort();

/** The collection URL of an object (core or group, namespaced). */
function collectionUrl(o: any, plurals: Map<string, string>): string {
  const plural = plurals.get(`${o.apiVersion}/${o.kind}`)!;
  const base = o.apiVersion.includes('/')
    ? `/apis/${o.apiVersion}`
    : `/api/${o.apiVersion}`;
  return `${base}/namespaces/${o.metadata.namespace ?? 'default'}/${plural}`;
}

describe('custom resources are validated with the shared CRD validator', () => {
  let t: TestCluster;
  const plurals = new Map<string, string>();
  beforeAll(async () => {
    t = await startTestCluster();
    for (const group of [
      '/api/v1',
      '/apis/agentgateway.dev/v1alpha1',
      '/apis/gateway.networking.k8s.io/v1',
    ]) {
      const doc = (await t.json(group)).body;
      for (const r of doc.resources)
        if (!r.name.includes('/'))
          plurals.set(`${doc.groupVersion}/${r.kind}`, r.name);
    }
  });
  afterAll(() => t.server.close());

  it.each(files)(
    'accepts (server-side apply) every object of the curated example %s',
    async file => {
      const objects = parseManifests(
        fs.readFileSync(path.join(FIXTURES, file), 'utf8'),
      );
      expect(objects.length).toBeGreaterThan(0);
      const created: string[] = [];
      for (const o of objects) {
        const ns = o.metadata!.namespace ?? 'default';
        if ((await t.json(`/api/v1/namespaces/${ns}`)).status === 404) {
          await t.core.createNamespace({ body: { metadata: { name: ns } } });
        }
        const url = collectionUrl(o, plurals);
        // server-side apply, like `kubectl apply --server-side` (some files hold variants of the same object)
        const res = await t.json(
          `${url}/${o.metadata!.name}?fieldManager=curated`,
          {
            method: 'PATCH',
            headers: jsonHeaders('application/apply-patch+yaml'),
            body: JSON.stringify(o),
          },
        );
        expect([res.status < 300, res.body.kind, res.body.message]).toEqual([
          true,
          o.kind,
          undefined,
        ]);
        if (!created.includes(`${url}/${o.metadata!.name}`))
          created.push(`${url}/${o.metadata!.name}`);
      }
      for (const u of created)
        expect((await t.raw(u, { method: 'DELETE' })).status).toBe(200);
    },
  );

  const gateway = (spec: Record<string, unknown>) => ({
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'Gateway',
    metadata: { name: 'g', namespace: 'default' },
    spec,
  });
  const backend = (spec: Record<string, unknown>) => ({
    apiVersion: 'agentgateway.dev/v1alpha1',
    kind: 'AgentgatewayBackend',
    metadata: { name: 'b', namespace: 'default' },
    spec,
  });
  const GATEWAYS =
    '/apis/gateway.networking.k8s.io/v1/namespaces/default/gateways';
  const BACKENDS =
    '/apis/agentgateway.dev/v1alpha1/namespaces/default/agentgatewaybackends';

  it.each([
    [
      'a missing required field',
      GATEWAYS,
      gateway({ listeners: [{ name: 'a', port: 80, protocol: 'HTTP' }] }),
      'spec.gatewayClassName',
      'FieldValueRequired',
    ],
    [
      'an out-of-range integer',
      GATEWAYS,
      gateway({
        gatewayClassName: 'x',
        listeners: [{ name: 'a', port: 70000, protocol: 'HTTP' }],
      }),
      'spec.listeners[0].port',
      'FieldValueInvalid',
    ],
    [
      'a wrong type',
      BACKENDS,
      backend({ static: { host: 'a', port: 'x' } }),
      'spec.static.port',
      'FieldValueTypeInvalid',
    ],
    [
      'a CEL rule (exactly one backend type)',
      BACKENDS,
      backend({
        static: { host: 'a', port: 1 },
        ai: { provider: { openai: {} } },
      }),
      'spec',
      'FieldValueInvalid',
    ],
    [
      'a CEL rule (unique listener names)',
      GATEWAYS,
      gateway({
        gatewayClassName: 'x',
        listeners: [
          { name: 'a', port: 80, protocol: 'HTTP' },
          { name: 'a', port: 81, protocol: 'HTTP' },
        ],
      }),
      'spec.listeners',
      'FieldValueInvalid',
    ],
  ])(
    'rejects %s with 422 Invalid naming the field',
    async (_what, url, obj, field, reason) => {
      const res = await t.json(url, {
        method: 'POST',
        headers: jsonHeaders(),
        body: JSON.stringify(obj),
      });
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({
        kind: 'Status',
        status: 'Failure',
        reason: 'Invalid',
        code: 422,
        details: {
          name: obj.metadata.name,
          group: obj.apiVersion.split('/')[0],
          kind: obj.kind,
        },
      });
      expect(res.body.details.causes).toEqual(
        expect.arrayContaining([expect.objectContaining({ field, reason })]),
      );
      expect(res.body.message).toContain(
        `${obj.kind}.${obj.apiVersion.split('/')[0]} "${
          obj.metadata.name
        }" is invalid: `,
      );
      expect(res.body.message).toContain(field);
      expect((await t.json(`${url}/${obj.metadata.name}`)).status).toBe(404);
    },
  );

  it('stores the defaulted and pruned object', async () => {
    const res = await t.json(GATEWAYS, {
      method: 'POST',
      headers: jsonHeaders(),
      body: JSON.stringify(
        gateway({
          gatewayClassName: 'x',
          unknownField: true,
          listeners: [{ name: 'a', port: 80, protocol: 'HTTP' }],
        }),
      ),
    });
    expect(res.status).toBe(201);
    expect(res.body.spec.unknownField).toBeUndefined();
    expect(res.body.spec.listeners[0].allowedRoutes).toEqual({
      namespaces: { from: 'Same' },
    });
    await t.raw(`${GATEWAYS}/g`, { method: 'DELETE' });
  });

  it('reports fields the schema prunes: 400 with fieldValidation=Strict, Warning headers by default', async () => {
    const body = JSON.stringify(
      backend({ static: { host: 'a', port: 1, prot: 'typo' } }),
    );
    const strict = await t.json(`${BACKENDS}?fieldValidation=Strict`, {
      method: 'POST',
      headers: jsonHeaders(),
      body,
    });
    // create / update: the strict decoding error of the body (handlers/create.go transformDecodeError)
    expect(strict).toMatchObject({
      status: 400,
      body: {
        reason: 'BadRequest',
        message:
          'AgentgatewayBackend in version "v1alpha1" cannot be handled as a AgentgatewayBackend: strict decoding error: unknown field "spec.static.prot"',
      },
    });
    const warned = await t.raw(BACKENDS, {
      method: 'POST',
      headers: jsonHeaders(),
      body,
    });
    expect(warned.status).toBe(201);
    expect(warned.headers.get('warning')).toBe(
      '299 - "unknown field \\"spec.static.prot\\""',
    );
    expect((await warned.json()).spec.static).toEqual({ host: 'a', port: 1 });
    const bad = await t.json(`${BACKENDS}?fieldValidation=Loose`, {
      method: 'POST',
      headers: jsonHeaders(),
      body,
    });
    expect(bad.status).toBe(400);
    await t.raw(`${BACKENDS}/b`, { method: 'DELETE' });
  });

  it('passes the stored object on update (transition rules: immutable controllerName)', async () => {
    const url = '/apis/gateway.networking.k8s.io/v1/gatewayclasses';
    const gc = {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'GatewayClass',
      metadata: { name: 'immutable' },
      spec: { controllerName: 'example.com/a' },
    };
    expect(
      (
        await t.json(url, {
          method: 'POST',
          headers: jsonHeaders(),
          body: JSON.stringify(gc),
        })
      ).status,
    ).toBe(201);
    const res = await t.json(`${url}/immutable`, {
      method: 'PATCH',
      headers: jsonHeaders('application/merge-patch+json'),
      body: JSON.stringify({ spec: { controllerName: 'example.com/b' } }),
    });
    expect(res.status).toBe(422);
    expect(res.body.details.causes).toEqual([
      expect.objectContaining({
        field: 'spec.controllerName',
        message: expect.stringContaining('Value is immutable'),
      }),
    ]);
    const desc = await t.json(`${url}/immutable`, {
      method: 'PATCH',
      headers: jsonHeaders('application/merge-patch+json'),
      body: JSON.stringify({ spec: { description: 'ok' } }),
    });
    expect(desc.status).toBe(200);
  });

  it('fieldValidation=Strict on a merge patch is a 422 on `patch`; several unknown fields are listed sorted', async () => {
    await t.json(BACKENDS, {
      method: 'POST',
      headers: jsonHeaders(),
      body: JSON.stringify(backend({ static: { host: 'a', port: 1 } })),
    });
    const res = await t.json(`${BACKENDS}/b?fieldValidation=Strict`, {
      method: 'PATCH',
      headers: jsonHeaders('application/merge-patch+json'),
      body: JSON.stringify({ spec: { static: { zeta: 1, burts: 2 } } }),
    });
    expect(res.status).toBe(422);
    expect(res.body.reason).toBe('Invalid');
    expect(res.body.message).toMatch(
      /^ "" is invalid: patch: Invalid value: "\{.*\}": strict decoding error: unknown field "spec\.static\.burts", unknown field "spec\.static\.zeta"$/,
    );
    expect(res.body.details.causes).toEqual([
      expect.objectContaining({ field: 'patch', reason: 'FieldValueInvalid' }),
    ]);
    const warned = await t.raw(`${BACKENDS}/b`, {
      method: 'PATCH',
      headers: jsonHeaders('application/merge-patch+json'),
      body: JSON.stringify({ spec: { static: { burts: 2 } } }),
    });
    expect(warned.status).toBe(200);
    expect(warned.headers.get('warning')).toBe(
      '299 - "unknown field \\"spec.static.burts\\""',
    );
    const ignored = await t.raw(`${BACKENDS}/b?fieldValidation=Ignore`, {
      method: 'PATCH',
      headers: jsonHeaders('application/merge-patch+json'),
      body: JSON.stringify({ spec: { static: { burts: 3 } } }),
    });
    expect(ignored.headers.get('warning')).toBeNull();
    await t.raw(`${BACKENDS}/b`, { method: 'DELETE' });
  });

  it('reports unknown top-level fields of built-in kinds and drops them', async () => {
    const cms = '/api/v1/namespaces/default/configmaps';
    const body = JSON.stringify({
      metadata: { name: 'typo' },
      dat: { a: '1' },
    });
    const strict = await t.json(`${cms}?fieldValidation=Strict`, {
      method: 'POST',
      headers: jsonHeaders(),
      body,
    });
    expect(strict).toMatchObject({
      status: 400,
      body: {
        message:
          'ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: unknown field "dat"',
      },
    });
    const warned = await t.raw(cms, {
      method: 'POST',
      headers: jsonHeaders(),
      body,
    });
    expect(warned.headers.get('warning')).toBe(
      '299 - "unknown field \\"dat\\""',
    );
    expect((await warned.json()).dat).toBeUndefined();
  });
});
