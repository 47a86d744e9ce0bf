/*
 * Routes attached through a ListenerSet of the demo's partitioned Gateway (`agentgateway-system/ai-gateway`, the
 * demo cluster and catalog on kube-local, through the plugin's HTTP API): the platform creates the ListenerSet (a
 * registry kind: platform CRUD, CRD-validated), a team's route through it is checked against the Gateway's partition
 * (422 at the field outside its assignment, create and /validate; 201 inside), a route through a ListenerSet that
 * does not exist is refused at its parentRef (fail closed), and a route already outside shows as an OutsidePartition
 * problem naming the ListenerSet. Permissions: everything allowed except `ai-gateway.platform.manage` (per test).
 */
import { demoEntities, demoObjects } from '../discovery/__testUtils__/demo';
import { eventually } from '../__testUtils__/testBackend';
import { usePlatformToggleBackend } from './__testUtils__/platformToggleBackend';

jest.setTimeout(300_000);

const SEARCH = '/api/ai-gateway/entity/component/default/search-rag';
const listenerSet = {
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'ListenerSet',
  metadata: { name: 'extra', namespace: 'agentgateway-system' },
  spec: {
    parentRef: { name: 'ai-gateway' },
    listeners: [
      {
        name: 'search-8080',
        protocol: 'HTTP',
        port: 8080,
        allowedRoutes: { namespaces: { from: 'All' } },
      },
    ],
  },
};
const route = (name: string, path: string, parent = 'extra') => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'HTTPRoute',
  metadata: { name },
  spec: {
    parentRefs: [
      {
        group: 'gateway.networking.k8s.io',
        kind: 'ListenerSet',
        name: parent,
        namespace: 'agentgateway-system',
        sectionName: 'search-8080',
      },
    ],
    rules: [{ matches: [{ path: { type: 'PathPrefix', value: path } }] }],
  },
});

describe('routes through a ListenerSet of the demo partitioned gateway', () => {
  const { api, setPlatformAdmin } = usePlatformToggleBackend({
    seed: demoObjects,
    entities: demoEntities,
  });

  it('lets the platform (only) create the ListenerSet', async () => {
    const denied = await api()
      .post('/api/ai-gateway/platform/resources')
      .send({ object: listenerSet });
    expect(denied.status).toBe(403);
    setPlatformAdmin(true);
    const invalid = await api()
      .post('/api/ai-gateway/platform/resources')
      .send({
        object: { ...listenerSet, spec: { parentRef: { name: 'ai-gateway' } } },
      });
    expect(invalid.status).toBe(422);
    const created = await api()
      .post('/api/ai-gateway/platform/resources')
      .send({ object: listenerSet });
    expect(created.status).toBe(201);
    expect(created.body.item.summary).toEqual({
      gateways: ['agentgateway-system/ai-gateway'],
      listeners: ['search-8080 HTTP/8080'],
      attachedRoutes: [],
    });
  });

  it('applies the reference rules: allowedListeners for a ListenerSet, its listeners allowedRoutes for a route', async () => {
    setPlatformAdmin(true);
    // the demo Gateway sets no allowedListeners (default None): a ListenerSet of another namespace is refused
    const foreign = await api()
      .post('/api/ai-gateway/platform/resources')
      .send({
        object: {
          ...listenerSet,
          metadata: { name: 'foreign', namespace: 'team-search' },
          spec: {
            ...listenerSet.spec,
            parentRef: { name: 'ai-gateway', namespace: 'agentgateway-system' },
          },
        },
      });
    expect(foreign.status).toBe(422);
    expect(foreign.body.error.causes).toEqual([
      expect.objectContaining({
        field: 'spec.parentRef.namespace',
        message: expect.stringContaining('(allowedListeners)'),
      }),
    ]);
    // a listener without allowedRoutes admits only its own namespace
    const sameOnly = await api()
      .post('/api/ai-gateway/platform/resources')
      .send({
        object: {
          ...listenerSet,
          metadata: { name: 'same-only', namespace: 'agentgateway-system' },
          spec: {
            parentRef: { name: 'ai-gateway' },
            listeners: [{ name: 'search-8080', protocol: 'HTTP', port: 8081 }],
          },
        },
      });
    expect(sameOnly.status).toBe(201);
    setPlatformAdmin(false);
    await eventually(async () => {
      const res = await api()
        .post(`${SEARCH}/validate`)
        .send({ object: route('via-same-only', '/search/s', 'same-only') });
      expect(res.body.causes).toEqual([
        expect.objectContaining({
          field: 'spec.parentRefs[0].namespace',
          message: expect.stringContaining(
            'ListenerSet agentgateway-system/same-only listener search-8080 does not allow routes from namespace team-search',
          ),
        }),
      ]);
    });
  });

  it("refuses a team's route through the ListenerSet outside its assignment, creates one inside", async () => {
    // the write path reads the ListenerSet from the watch cache
    await eventually(async () => {
      const r = await api()
        .post(`${SEARCH}/validate`)
        .send({ object: route('probe', '/search/x') });
      expect(r.body.valid).toBe(true);
    });
    const outside = await api()
      .post(`${SEARCH}/resources`)
      .send({ object: route('capture', '/payments') });
    expect(outside.status).toBe(422);
    expect(outside.body.error.causes).toEqual([
      expect.objectContaining({
        field: 'spec.rules[0].matches[0].path.value',
        reason: 'FieldValueForbidden',
        message: expect.stringContaining(
          'Gateway agentgateway-system/ai-gateway (through ListenerSet agentgateway-system/extra): /search (group:default/team-search)',
        ),
      }),
    ]);
    const validated = await api()
      .post(`${SEARCH}/validate`)
      .send({ object: route('capture', '/') });
    expect(validated.status).toBe(200);
    expect(validated.body.valid).toBe(false);
    expect(validated.body.causes[0].field).toBe(
      'spec.rules[0].matches[0].path.value',
    );
    const inside = await api()
      .post(`${SEARCH}/resources`)
      .send({ object: route('search-extra', '/search/extra') });
    expect(inside.status).toBe(201);
  });

  it('refuses a route through a ListenerSet it cannot resolve (fail closed) at the parentRef', async () => {
    const res = await api()
      .post(`${SEARCH}/resources`)
      .send({ object: route('ghost', '/search/ghost', 'not-there') });
    expect(res.status).toBe(422);
    expect(res.body.error.causes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          field: 'spec.parentRefs[0]',
          message: expect.stringContaining(
            'ListenerSet agentgateway-system/not-there is not known',
          ),
        }),
      ]),
    );
  });

  it('shows a route outside its assignment through the ListenerSet to its owner and on the platform page', async () => {
    setPlatformAdmin(true); // not limited: writes what the team could not
    const admin = await api()
      .post(`${SEARCH}/resources`)
      .send({ object: route('admin-capture', '/payments') });
    expect(admin.status).toBe(201);
    setPlatformAdmin(false);
    const problem = await eventually(async () => {
      const r = await api().get(`${SEARCH}/problems`);
      const outside = r.body.problems.filter(
        (p: { type: string }) => p.type === 'OutsidePartition',
      );
      expect(outside.map((p: { name: string }) => p.name)).toEqual([
        'admin-capture',
      ]);
      return outside[0];
    });
    expect(problem).toEqual(
      expect.objectContaining({
        severity: 'error',
        reference: expect.objectContaining({
          kind: 'ListenerSet',
          namespace: 'agentgateway-system',
          name: 'extra',
        }),
        message: expect.stringContaining('spec.rules[0].matches[0].path.value'),
      }),
    );
    const platform = await api().get('/api/ai-gateway/platform/overview');
    expect(platform.status).toBe(200);
    expect(
      platform.body.outsidePartitions.map((p: { name: string }) => p.name),
    ).toContain('admin-capture');
  });
});
