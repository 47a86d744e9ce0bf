/*
 * The shared Gateway's partitions through the plugin's HTTP API on kube-local: a route outside its writer's
 * assignment is a 422 naming the field and the assignment (create, update and /validate), one inside is created,
 * a platform admin is not limited, and a route already outside shows as a problem to its owner and on the platform
 * page. Permissions: everything allowed except `ai-gateway.platform.manage` (toggled per test).
 */
import { writeEntities, writeSeed } from '../__testUtils__/writeSeed';
import { eventually } from '../__testUtils__/testBackend';
import { usePlatformToggleBackend } from './__testUtils__/platformToggleBackend';

jest.setTimeout(300_000);

const SUPPORT = '/api/ai-gateway/entity/component/default/support-bot';
const route = (name: string, path: string, type = 'PathPrefix') => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'HTTPRoute',
  metadata: { name },
  spec: {
    parentRefs: [{ name: 'ai-gw', namespace: 'agentgateway-system' }],
    rules: [{ matches: [{ path: { type, value: path } }] }],
  },
});

describe('partitions of the shared gateway', () => {
  const { api, setPlatformAdmin } = usePlatformToggleBackend({
    seed: [
      ...writeSeed,
      // written before the partition: outside team-support's /support
      {
        ...route('old-capture', '/payments'),
        metadata: {
          name: 'old-capture',
          namespace: 'team-support',
          labels: { 'backstage.io/kubernetes-id': 'support-bot' },
        },
      },
    ],
    entities: writeEntities,
    aiGateway: {
      gateways: [
        {
          gateway: 'agentgateway-system/ai-gw',
          partitions: [
            {
              owner: 'group:default/team-support',
              pathPrefixes: ['/support'],
            },
            { namespace: 'team-search', pathPrefixes: ['/search'] },
          ],
        },
      ],
    },
  });

  it('refuses a route outside the owner group assignment with 422 at the field, creates one inside', async () => {
    const outside = await api()
      .post(`${SUPPORT}/resources`)
      .send({ object: route('capture', '/supportx') });
    expect(outside.status).toBe(422);
    expect(outside.body.error.causes).toEqual([
      expect.objectContaining({
        field: 'spec.rules[0].matches[0].path.value',
        reason: 'FieldValueForbidden',
        message: expect.stringContaining(
          '/support (group:default/team-support)',
        ),
      }),
    ]);
    const validated = await api()
      .post(`${SUPPORT}/validate`)
      .send({ object: route('capture', '/search/x', 'Exact') });
    expect(validated.status).toBe(200);
    expect(validated.body.valid).toBe(false);
    expect(validated.body.causes[0].field).toBe(
      'spec.rules[0].matches[0].path.value',
    );
    const inside = await api()
      .post(`${SUPPORT}/resources`)
      .send({ object: route('support-agent', '/support/agent') });
    expect(inside.status).toBe(201);

    // an update that leaves the assignment is refused too
    const got = await eventually(async () => {
      const r = await api().get(`${SUPPORT}/resources/HTTPRoute/support-agent`);
      expect(r.status).toBe(200);
      return r.body.item.object;
    });
    got.spec.rules[0].matches[0].path.value = '/';
    const updated = await api()
      .put(`${SUPPORT}/resources/HTTPRoute/support-agent`)
      .send({ object: got });
    expect(updated.status).toBe(422);
    expect(updated.body.error.causes[0].field).toBe(
      'spec.rules[0].matches[0].path.value',
    );
  });

  it('does not limit platform admins', async () => {
    setPlatformAdmin(true);
    const res = await api()
      .post(`${SUPPORT}/resources`)
      .send({ object: route('admin-route', '/payments/debug') });
    expect(res.status).toBe(201);
  });

  it('shows routes outside their assignment to the owner and on the platform page', async () => {
    const problems = await eventually(async () => {
      const r = await api().get(`${SUPPORT}/problems`);
      const outside = r.body.problems.filter(
        (p: { type: string }) => p.type === 'OutsidePartition',
      );
      expect(outside.map((p: { name: string }) => p.name).sort()).toEqual([
        'admin-route',
        'old-capture',
      ]);
      return outside;
    });
    expect(problems[0]).toEqual(
      expect.objectContaining({
        severity: 'error',
        reference: expect.objectContaining({ kind: 'Gateway', name: 'ai-gw' }),
        message: expect.stringContaining('spec.rules[0].matches[0].path.value'),
      }),
    );
    const platform = await api().get('/api/ai-gateway/platform/overview');
    expect(platform.status).toBe(200);
    expect(
      platform.body.outsidePartitions
        .map((p: { name: string }) => p.name)
        .sort(),
    ).toEqual(['admin-route', 'old-capture']);
  });
});
