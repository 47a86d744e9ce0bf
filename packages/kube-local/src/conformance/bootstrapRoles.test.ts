import { RbacAuthorizationV1Api } from '@kubernetes/client-node';
import {
  TestCluster,
  backend,
  jsonHeaders,
  startTestCluster,
} from './__testUtils__/testServer';

/**
 * The default roles every cluster has (kubernetes.io/docs/reference/access-authn-authz/rbac/#default-roles-and-role-bindings):
 * `cluster-admin`, `admin`, `edit`, `view` (aggregated from the `system:aggregate-to-*` roles and from any ClusterRole
 * labelled `rbac.authorization.k8s.io/aggregate-to-*`), the discovery / basic-user / public-info-viewer roles and
 * their ClusterRoleBindings, stored as objects labelled `kubernetes.io/bootstrapping: rbac-defaults`.
 */
describe('default ClusterRoles and bindings', () => {
  let t: TestCluster;
  let rbac: RbacAuthorizationV1Api;
  beforeAll(async () => {
    t = await startTestCluster({
      users: [
        { name: 'dev', token: 'dev-token' },
        { name: 'auditor', token: 'auditor-token' },
        { name: 'lead', token: 'lead-token' },
      ],
    });
    rbac = t.kc.makeApiClient(RbacAuthorizationV1Api);
    await t.core.createNamespace({ body: { metadata: { name: 'team-a' } } });
    const bind = (name: string, role: string, user: string) =>
      rbac.createNamespacedRoleBinding({
        namespace: 'team-a',
        body: {
          metadata: { name },
          roleRef: {
            apiGroup: 'rbac.authorization.k8s.io',
            kind: 'ClusterRole',
            name: role,
          },
          subjects: [
            { apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: user },
          ],
        },
      });
    await bind('dev-edit', 'edit', 'dev');
    await bind('auditor-view', 'view', 'auditor');
    await bind('lead-admin', 'admin', 'lead');
  });
  afterAll(() => t.server.close());

  const can = async (
    token: string,
    method: string,
    path: string,
    body?: unknown,
  ) =>
    (
      await t.raw(path, {
        token,
        method,
        headers: jsonHeaders(),
        body: body === undefined ? undefined : JSON.stringify(body),
      })
    ).status;

  it('stores the bootstrap roles and bindings with their labels, annotations and aggregation rules', async () => {
    const roles = (await rbac.listClusterRole()).items;
    const names = roles.map(r => r.metadata!.name);
    for (const name of [
      'cluster-admin',
      'admin',
      'edit',
      'view',
      'system:aggregate-to-admin',
      'system:aggregate-to-edit',
      'system:aggregate-to-view',
      'system:discovery',
      'system:basic-user',
      'system:public-info-viewer',
    ])
      expect(names).toContain(name);
    const edit = roles.find(r => r.metadata!.name === 'edit')!;
    expect(edit.metadata!.labels).toEqual({
      'kubernetes.io/bootstrapping': 'rbac-defaults',
      'rbac.authorization.k8s.io/aggregate-to-admin': 'true',
    });
    expect(edit.metadata!.annotations).toEqual({
      'rbac.authorization.kubernetes.io/autoupdate': 'true',
    });
    expect(edit.aggregationRule).toEqual({
      clusterRoleSelectors: [
        {
          matchLabels: {
            'rbac.authorization.k8s.io/aggregate-to-edit': 'true',
          },
        },
      ],
    });
    const bindings = (await rbac.listClusterRoleBinding()).items;
    const subjectsOf = (name: string) =>
      bindings
        .find(b => b.metadata!.name === name)
        ?.subjects?.map(s => `${s.kind}:${s.name}`);
    expect(subjectsOf('cluster-admin')).toEqual(['Group:system:masters']);
    expect(subjectsOf('system:discovery')).toEqual([
      'Group:system:authenticated',
    ]);
    expect(subjectsOf('system:public-info-viewer')).toEqual([
      'Group:system:authenticated',
      'Group:system:unauthenticated',
    ]);
  });

  it('aggregates view into edit into admin when the server starts', async () => {
    const rules = async (name: string) =>
      (await rbac.readClusterRole({ name })).rules ?? [];
    const grants = (
      list: Awaited<ReturnType<typeof rules>>,
      verb: string,
      resource: string,
    ) =>
      list.some(
        r => r.verbs.includes(verb) && (r.resources ?? []).includes(resource),
      );
    const view = await rules('view');
    const edit = await rules('edit');
    const admin = await rules('admin');
    expect(grants(view, 'list', 'configmaps')).toBe(true);
    expect(grants(view, 'get', 'secrets')).toBe(false);
    expect(grants(edit, 'list', 'configmaps')).toBe(true); // from view
    expect(grants(edit, 'create', 'secrets')).toBe(true);
    expect(grants(edit, 'create', 'roles')).toBe(false);
    expect(grants(admin, 'create', 'secrets')).toBe(true); // from edit
    expect(grants(admin, 'create', 'rolebindings')).toBe(true);
    // view's first rule is system:aggregate-to-view's first rule, verbatim (sorted lists, as the policy builds them)
    expect(view[0]).toEqual({
      apiGroups: [''],
      resources: [
        'configmaps',
        'endpoints',
        'persistentvolumeclaims',
        'persistentvolumeclaims/status',
        'pods',
        'replicationcontrollers',
        'replicationcontrollers/scale',
        'serviceaccounts',
        'services',
        'services/status',
      ],
      verbs: ['get', 'list', 'watch'],
    });
  });

  it('lets RoleBindings to edit / view / admin grant what they grant on a real cluster, in their namespace only', async () => {
    const cm = (name: string) => ({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name },
    });
    const secret = {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 's' },
    };
    const ns = '/api/v1/namespaces/team-a';
    expect(await can('dev-token', 'POST', `${ns}/configmaps`, cm('a'))).toBe(
      201,
    );
    expect(await can('dev-token', 'POST', `${ns}/secrets`, secret)).toBe(201);
    expect(await can('dev-token', 'GET', `${ns}/secrets/s`)).toBe(200);
    expect(
      await can(
        'dev-token',
        'POST',
        '/api/v1/namespaces/default/configmaps',
        cm('b'),
      ),
    ).toBe(403);
    expect(
      await can(
        'dev-token',
        'GET',
        '/apis/rbac.authorization.k8s.io/v1/namespaces/team-a/roles',
      ),
    ).toBe(403);
    expect(await can('dev-token', 'GET', `${ns}/resourcequotas`)).toBe(200);
    expect(await can('auditor-token', 'GET', `${ns}/configmaps`)).toBe(200);
    expect(await can('auditor-token', 'GET', `${ns}/secrets`)).toBe(403);
    expect(
      await can('auditor-token', 'POST', `${ns}/configmaps`, cm('c')),
    ).toBe(403);
    expect(await can('auditor-token', 'GET', '/api/v1/namespaces/team-a')).toBe(
      200,
    );
    expect(
      await can(
        'lead-token',
        'GET',
        '/apis/rbac.authorization.k8s.io/v1/namespaces/team-a/rolebindings',
      ),
    ).toBe(200);
    // none of them may touch the custom resources until a role labelled aggregate-to-* grants them
    const backends =
      '/apis/agentgateway.dev/v1alpha1/namespaces/team-a/agentgatewaybackends';
    expect(await can('auditor-token', 'GET', backends)).toBe(403);
    expect(
      await can('dev-token', 'POST', backends, backend('b', 'team-a')),
    ).toBe(403);
  });

  it('extends view / edit with an adopter ClusterRole labelled aggregate-to-view / aggregate-to-edit', async () => {
    const backends =
      '/apis/agentgateway.dev/v1alpha1/namespaces/team-a/agentgatewaybackends';
    const role = (name: string, to: string, verbs: string[]) =>
      rbac.createClusterRole({
        body: {
          metadata: {
            name,
            labels: {
              [`rbac.authorization.k8s.io/aggregate-to-${to}`]: 'true',
            },
          },
          rules: [
            {
              apiGroups: ['agentgateway.dev'],
              resources: ['agentgatewaybackends'],
              verbs,
            },
          ],
        },
      });
    await role('agentgateway-view', 'view', ['get', 'list', 'watch']);
    await role('agentgateway-edit', 'edit', [
      'create',
      'update',
      'patch',
      'delete',
    ]);
    let status = 0;
    for (let i = 0; i < 100 && status !== 200; i++) {
      status = await can('auditor-token', 'GET', backends);
      if (status !== 200) await new Promise(r => setTimeout(r, 20));
    }
    expect(status).toBe(200);
    let created = 0;
    for (let i = 0; i < 100 && created !== 201; i++) {
      created = await can(
        'dev-token',
        'POST',
        backends,
        backend('b', 'team-a'),
      );
      if (created !== 201) await new Promise(r => setTimeout(r, 20));
    }
    expect(created).toBe(201);
    expect(await can('dev-token', 'GET', `${backends}/b`)).toBe(200); // view's grant reaches edit
    expect(await can('auditor-token', 'DELETE', `${backends}/b`)).toBe(403);
  });

  it('grants EndpointSlice reads through view (so edit and admin) and event writes through edit, as in the v1.32 policy', async () => {
    // system:aggregate-to-view reads discovery.k8s.io endpointslices (kubernetes#101203, v1.22); system:aggregate-to-edit
    // writes events (kubernetes#102858, v1.22). Asked of the server as each user would: SelfSubjectAccessReview.
    const allowed = async (
      token: string,
      resourceAttributes: Record<string, string>,
    ) => {
      const res = await t.json(
        '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews',
        {
          token,
          method: 'POST',
          headers: jsonHeaders(),
          body: JSON.stringify({
            apiVersion: 'authorization.k8s.io/v1',
            kind: 'SelfSubjectAccessReview',
            spec: {
              resourceAttributes: {
                namespace: 'team-a',
                ...resourceAttributes,
              },
            },
          }),
        },
      );
      expect(res.status).toBe(201);
      return res.body.status.allowed;
    };
    const slices = {
      group: 'discovery.k8s.io',
      resource: 'endpointslices',
    };
    for (const token of ['auditor-token', 'dev-token', 'lead-token']) {
      for (const verb of ['get', 'list', 'watch'])
        expect([
          token,
          verb,
          await allowed(token, { ...slices, verb }),
        ]).toEqual([token, verb, true]);
      expect(await allowed(token, { ...slices, verb: 'create' })).toBe(false);
    }
    const events = { group: '', resource: 'events', verb: 'create' };
    expect(await allowed('auditor-token', events)).toBe(false);
    expect(await allowed('dev-token', events)).toBe(true);
    expect(await allowed('lead-token', events)).toBe(true);
    const view = (await rbac.readClusterRole({ name: 'view' })).rules ?? [];
    expect(view).toContainEqual({
      apiGroups: ['discovery.k8s.io'],
      resources: ['endpointslices'],
      verbs: ['get', 'list', 'watch'],
    });
    // nobody's grant of an EndpointSlice read is refused by the authorizer (kube-local serves no EndpointSlices: 404)
    expect(
      await can(
        'auditor-token',
        'GET',
        '/apis/discovery.k8s.io/v1/namespaces/team-a/endpointslices',
      ),
    ).not.toBe(403);
  });

  it('takes a grant away when its bootstrap binding is deleted, as on a real cluster', async () => {
    expect(await can('dev-token', 'GET', '/apis')).toBe(200);
    await rbac.deleteClusterRoleBinding({ name: 'system:discovery' });
    expect(await can('dev-token', 'GET', '/apis')).toBe(403);
    expect(await can('dev-token', 'GET', '/version')).toBe(200); // public-info-viewer still grants it
  });
});
