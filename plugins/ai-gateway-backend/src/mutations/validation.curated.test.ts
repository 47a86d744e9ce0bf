/*
 * POST {ref}/validate driven by every curated upstream example (plugins/ai-gateway-node/src/__fixtures__/curated):
 * each entity-scoped object is accepted (schema + CEL, ownership and reference rules, API server dry run), and
 * invalid variants derived from it are rejected with the field that is wrong.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import request from 'supertest';
import { parseAllDocuments } from 'yaml';
import { Entity } from '@backstage/catalog-model';
import { startKubeLocal } from '@ai-gateway-backstage/kube-local';
import { findKind } from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { eventually, startPluginBackend } from '../__testUtils__/testBackend';

jest.setTimeout(120_000);

const curatedDir = join(
  dirname(
    require.resolve(
      '@ai-gateway-backstage/plugin-ai-gateway-node/package.json',
    ),
  ),
  'src/__fixtures__/curated',
);
const examples = readdirSync(curatedDir)
  .filter(f => f.endsWith('.yaml'))
  .flatMap(file =>
    parseAllDocuments(readFileSync(join(curatedDir, file), 'utf8'))
      .map(d => d.toJSON())
      .filter(o => o && findKind(o.kind)?.scope === 'entity')
      // as the editor sends them: the backend sets the namespace from the entity
      .map(({ metadata: { namespace: _ns, ...metadata }, ...o }) => ({
        ...o,
        metadata,
      }))
      .map(o => [`${file} ${o.kind} ${o.metadata.name}`, o] as [string, any]),
  );

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'curated-app',
    namespace: 'default',
    annotations: {
      'backstage.io/kubernetes-id': 'curated-app',
      'backstage.io/kubernetes-namespace': 'agentgateway-system',
    },
  },
  spec: { owner: 'group:default/team' },
};
const VALIDATE =
  '/api/ai-gateway/entity/component/default/curated-app/validate';

describe('validation of every curated example', () => {
  let kube: Awaited<ReturnType<typeof startKubeLocal>>;
  let app: Awaited<ReturnType<typeof startPluginBackend>>;

  beforeAll(async () => {
    kube = await startKubeLocal({
      port: 0,
      seed: [
        {
          apiVersion: 'v1',
          kind: 'Namespace',
          metadata: { name: 'agentgateway-system' },
        },
        // the upstream examples reach Services in other namespaces (a JWKS server, a rate-limit service):
        // the ReferenceGrants a cluster needs for that, as every cross-namespace reference is checked
        ...[
          ['keycloak', 'keycloak'],
          ['ratelimit', 'ratelimit'],
        ].flatMap(([namespace, service]) => [
          {
            apiVersion: 'v1',
            kind: 'Namespace',
            metadata: { name: namespace },
          },
          {
            apiVersion: 'gateway.networking.k8s.io/v1beta1',
            kind: 'ReferenceGrant',
            metadata: { name: 'agentgateway-policies', namespace },
            spec: {
              from: [
                {
                  group: 'agentgateway.dev',
                  kind: 'AgentgatewayPolicy',
                  namespace: 'agentgateway-system',
                },
              ],
              to: [{ group: '', kind: 'Service', name: service }],
            },
          },
        ]),
      ],
    });
    app = await startPluginBackend({
      clusters: [{ name: 'local', url: kube.url, token: kube.adminToken }],
      entities: [entity],
    });
    await eventually(async () => {
      const res = await request(app.server).get(
        '/api/ai-gateway/entity/component/default/curated-app/tabs/routes',
      );
      if (!res.body.clusters?.[0]?.ok)
        throw new Error(`not ready: ${res.text}`);
    }, 60_000);
  });

  afterAll(async () => {
    await app?.stop();
    await kube?.close();
  });

  it('has examples of every entity-scoped kind but ReferenceGrant and AgentgatewayModel', () => {
    expect(new Set(examples.map(([, o]) => o.kind))).toEqual(
      new Set(['AgentgatewayBackend', 'HTTPRoute', 'AgentgatewayPolicy']),
    );
    expect(examples.length).toBeGreaterThan(25);
  });

  it.each(examples)('accepts %s', async (_name, object) => {
    const res = await request(app.server).post(VALIDATE).send({ object });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ valid: true, causes: [] });
  });

  it.each(examples)(
    'rejects %s with a bad name or a mistyped spec field, naming the field',
    async (_name, object) => {
      const badName = await request(app.server)
        .post(VALIDATE)
        .send({
          object: {
            ...object,
            metadata: { ...object.metadata, name: 'Not_A_Name' },
          },
        });
      expect(badName.body.valid).toBe(false);
      expect(badName.body.causes.map((c: any) => c.field)).toContain(
        'metadata.name',
      );

      const [key, value] = Object.entries(object.spec)[0];
      const mistyped = {
        ...object,
        spec: {
          ...object.spec,
          [key]: typeof value === 'number' ? 'not-a-number' : 42,
        },
      };
      const res = await request(app.server)
        .post(VALIDATE)
        .send({ object: mistyped });
      expect(res.body.valid).toBe(false);
      expect(
        res.body.causes.some(
          (c: any) =>
            c.field === `spec.${key}` ||
            c.field.startsWith(`spec.${key}.`) ||
            c.field.startsWith(`spec.${key}[`),
        ),
      ).toBe(true);
    },
  );
});
