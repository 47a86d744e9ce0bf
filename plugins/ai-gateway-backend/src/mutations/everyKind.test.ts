import request from 'supertest';
import { startKubeLocal } from '@ai-gateway-backstage/kube-local';
import { writeEntities, writeSeed } from '../__testUtils__/writeSeed';
import { eventually, startPluginBackend } from '../__testUtils__/testBackend';

jest.setTimeout(120_000);

const AGW = 'agentgateway.dev/v1alpha1';
const SUPPORT = '/api/ai-gateway/entity/component/default/support-bot';

const backend = (name: string, extra: object = {}) => ({
  apiVersion: AGW,
  kind: 'AgentgatewayBackend',
  metadata: { name },
  spec: { ai: { provider: { openai: { model: 'gpt-4o-mini' } } } },
  ...extra,
});

describe('every entity-scoped kind through the same routes', () => {
  let kube: Awaited<ReturnType<typeof startKubeLocal>>;
  let app: Awaited<ReturnType<typeof startPluginBackend>>;
  const api = () => request(app.server);

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

  // one code path for every entity-scoped kind of the registry
  const GW = 'gateway.networking.k8s.io';
  const everyKind: Array<[string, any, (o: any) => void]> = [
    [
      'HTTPRoute',
      {
        apiVersion: `${GW}/v1`,
        kind: 'HTTPRoute',
        metadata: { name: 'k-route' },
        spec: {
          parentRefs: [{ name: 'support-gw' }],
          rules: [
            {
              backendRefs: [
                {
                  group: 'agentgateway.dev',
                  kind: 'AgentgatewayBackend',
                  name: 'openai',
                },
              ],
            },
          ],
        },
      },
      o => (o.spec.hostnames = ['chat.example.com']),
    ],
    [
      'ReferenceGrant',
      {
        apiVersion: `${GW}/v1beta1`,
        kind: 'ReferenceGrant',
        metadata: { name: 'k-grant' },
        spec: {
          from: [{ group: GW, kind: 'HTTPRoute', namespace: 'team-search' }],
          to: [{ group: 'agentgateway.dev', kind: 'AgentgatewayBackend' }],
        },
      },
      o => (o.spec.to[0].name = 'openai'),
    ],
    [
      'AgentgatewayBackend',
      backend('k-backend'),
      o => (o.spec.ai.provider.openai.model = 'gpt-5'),
    ],
    [
      'AgentgatewayModel',
      {
        apiVersion: AGW,
        kind: 'AgentgatewayModel',
        metadata: { name: 'k-model' },
        spec: {
          parentRefs: [{ name: 'support-gw' }],
          provider: 'Gemini',
          visibility: 'Public',
        },
      },
      o => (o.spec.visibility = 'Internal'),
    ],
    [
      'AgentgatewayPolicy',
      {
        apiVersion: AGW,
        kind: 'AgentgatewayPolicy',
        metadata: { name: 'k-policy' },
        spec: {
          targetRefs: [{ group: GW, kind: 'HTTPRoute', name: 'support-chat' }],
          traffic: { rateLimit: { local: [{ requests: 5, unit: 'Minutes' }] } },
        },
      },
      o => (o.spec.traffic.rateLimit.local[0].requests = 7),
    ],
  ];

  it.each(everyKind)(
    '%s: create, update, delete through the same routes',
    async (kind, object, edit) => {
      const created = await api().post(`${SUPPORT}/resources`).send({ object });
      expect({ status: created.status, error: created.body.error }).toEqual({
        status: 201,
        error: undefined,
      });
      expect(created.body.item).toMatchObject({
        kind,
        namespace: 'team-support',
        relation: 'owned',
      });
      const changed = JSON.parse(JSON.stringify(created.body.item.object));
      edit(changed);
      const updated = await api()
        .put(`${SUPPORT}/resources/${kind}/${object.metadata.name}`)
        .send({ object: changed });
      expect(updated.status).toBe(200);
      expect(updated.body.item.resourceVersion).not.toBe(
        created.body.item.resourceVersion,
      );
      expect(updated.body.item.object.spec).toEqual(
        expect.objectContaining(changed.spec),
      );
      expect(
        (
          await api().delete(
            `${SUPPORT}/resources/${kind}/${object.metadata.name}`,
          )
        ).status,
      ).toBe(204);
    },
  );
});
