/*
 * aiGateway.partitions through the plugin's HTTP API on kube-local: a route outside its namespace's assignment
 * on the shared Gateway is a 422 naming the field (create and /validate), one inside it is created.
 */
import request from 'supertest';
import { writeEntities, writeSeed } from '../__testUtils__/writeSeed';
import { startTestEnvironment } from '../__testUtils__/testBackend';

jest.setTimeout(300_000);

const SUPPORT = '/api/ai-gateway/entity/component/default/support-bot';
const route = (name: string, path: string) => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'HTTPRoute',
  metadata: { name },
  spec: {
    parentRefs: [{ name: 'ai-gw', namespace: 'agentgateway-system' }],
    rules: [{ matches: [{ path: { type: 'PathPrefix', value: path } }] }],
  },
});

describe('partitions of the shared gateway', () => {
  let env: Awaited<ReturnType<typeof startTestEnvironment>>;
  beforeAll(async () => {
    env = await startTestEnvironment({
      seed: writeSeed,
      entities: writeEntities,
      aiGateway: {
        partitions: [
          {
            gateway: { namespace: 'agentgateway-system', name: 'ai-gw' },
            namespace: 'team-support',
            pathPrefixes: ['/support'],
          },
        ],
      },
    });
  });
  afterAll(() => env?.close());

  it('refuses a route outside the assignment with 422 at the field, creates one inside', async () => {
    const api = () => request(env.backend.server);
    const outside = await api()
      .post(`${SUPPORT}/resources`)
      .send({ object: route('capture', '/payments') });
    expect(outside.status).toBe(422);
    expect(outside.body.error.causes).toEqual([
      expect.objectContaining({
        field: 'spec.rules[0].matches[0].path.value',
        reason: 'FieldValueForbidden',
      }),
    ]);
    const validated = await api()
      .post(`${SUPPORT}/validate`)
      .send({ object: route('capture', '/') });
    expect(JSON.stringify(validated.body)).toContain(
      'spec.rules[0].matches[0].path.value',
    );
    const inside = await api()
      .post(`${SUPPORT}/resources`)
      .send({ object: route('support-route', '/support/agent') });
    expect(inside.status).toBe(201);
  });
});
