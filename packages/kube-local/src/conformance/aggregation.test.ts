import { RbacAuthorizationV1Api } from '@kubernetes/client-node';
import { TestCluster, startTestCluster } from './__testUtils__/testServer';

/**
 * ClusterRole aggregation (kubernetes.io/docs/reference/access-authn-authz/rbac/#aggregated-clusterroles): the
 * control plane fills the `rules` of a ClusterRole with an `aggregationRule` from the ClusterRoles its
 * `clusterRoleSelectors` select, and keeps them current when those change; the authorizer honours the result.
 */
describe('ClusterRole aggregation', () => {
  let t: TestCluster;
  let rbac: RbacAuthorizationV1Api;
  const until = async <T>(read: () => Promise<T>, ok: (v: T) => boolean) => {
    for (let i = 0; i < 100; i++) {
      const v = await read();
      if (ok(v)) return v;
      await new Promise(r => setTimeout(r, 20));
    }
    return read();
  };
  const rulesOf = (name: string) =>
    rbac.readClusterRole({ name }).then(r => r.rules ?? []);

  beforeAll(async () => {
    t = await startTestCluster({
      crds: [],
      users: [{ name: 'ops', token: 'ops-token' }],
    });
    rbac = t.kc.makeApiClient(RbacAuthorizationV1Api);
  });
  afterAll(() => t.server.close());

  const label = 'example.com/aggregate-to-monitoring';
  const podsRule = {
    apiGroups: [''],
    resources: ['pods'],
    verbs: ['get', 'list', 'watch'],
  };
  const svcRule = {
    apiGroups: [''],
    resources: ['services'],
    verbs: ['get', 'list', 'watch'],
  };

  it('fills rules from the selected roles (by name, without repeats) and follows their changes', async () => {
    await rbac.createClusterRole({
      body: {
        metadata: { name: 'monitoring' },
        aggregationRule: {
          clusterRoleSelectors: [{ matchLabels: { [label]: 'true' } }],
        },
        rules: [
          { apiGroups: ['*'], resources: ['*'], verbs: ['*'] }, // overwritten by the controller
        ],
      },
    });
    await rbac.createClusterRole({
      body: {
        metadata: { name: 'monitoring-services', labels: { [label]: 'true' } },
        rules: [svcRule, podsRule],
      },
    });
    await rbac.createClusterRole({
      body: {
        metadata: { name: 'monitoring-pods', labels: { [label]: 'true' } },
        rules: [podsRule],
      },
    });
    await rbac.createClusterRole({
      body: {
        metadata: { name: 'unrelated', labels: { [label]: 'false' } },
        rules: [{ apiGroups: [''], resources: ['secrets'], verbs: ['get'] }],
      },
    });
    // monitoring-pods sorts before monitoring-services; podsRule is not repeated
    expect(
      await until(
        () => rulesOf('monitoring'),
        r => r.length === 2,
      ),
    ).toEqual([podsRule, svcRule]);
    const role = await rbac.readClusterRole({ name: 'monitoring' });
    expect(role.metadata?.managedFields).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          manager: 'clusterrole-aggregation-controller',
          operation: 'Apply',
        }),
      ]),
    );

    // a selected role changes: the aggregate follows; a role that stops matching leaves it
    await rbac.patchClusterRole({
      name: 'monitoring-services',
      body: [{ op: 'replace', path: `/metadata/labels`, value: {} }],
    });
    expect(
      await until(
        () => rulesOf('monitoring'),
        r => r.length === 1,
      ),
    ).toEqual([podsRule]);
    await rbac.deleteClusterRole({ name: 'monitoring-pods' });
    expect(
      await until(
        () => rulesOf('monitoring'),
        r => r.length === 0,
      ),
    ).toEqual([]);
  });

  it('the authorizer honours the aggregated rules (a binding to the aggregate grants what its parts grant)', async () => {
    await rbac.createClusterRole({
      body: {
        metadata: { name: 'cm-viewer' },
        aggregationRule: {
          clusterRoleSelectors: [
            {
              matchExpressions: [
                { key: 'example.com/view', operator: 'Exists' },
              ],
            },
          ],
        },
      },
    });
    await rbac.createClusterRoleBinding({
      body: {
        metadata: { name: 'ops-cm-viewer' },
        roleRef: {
          apiGroup: 'rbac.authorization.k8s.io',
          kind: 'ClusterRole',
          name: 'cm-viewer',
        },
        subjects: [
          { apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'ops' },
        ],
      },
    });
    const list = () =>
      t.json('/api/v1/namespaces/default/configmaps', { token: 'ops-token' });
    expect((await list()).status).toBe(403);
    await rbac.createClusterRole({
      body: {
        metadata: {
          name: 'cm-viewer-part',
          labels: { 'example.com/view': '' },
        },
        rules: [
          { apiGroups: [''], resources: ['configmaps'], verbs: ['list'] },
        ],
      },
    });
    expect((await until(list, r => r.status === 200)).status).toBe(200);
  });

  it('validates aggregationRule like ValidateClusterRole', async () => {
    const create = (aggregationRule: object) =>
      t.json('/apis/rbac.authorization.k8s.io/v1/clusterroles', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          apiVersion: 'rbac.authorization.k8s.io/v1',
          kind: 'ClusterRole',
          metadata: { name: 'bad' },
          aggregationRule,
        }),
      });
    const empty = await create({ clusterRoleSelectors: [] });
    expect(empty.status).toBe(422);
    expect(empty.body.details.causes).toEqual([
      {
        field: 'aggregationRule.clusterRoleSelectors',
        reason: 'FieldValueRequired',
        message:
          'Required value: at least one clusterRoleSelector required if aggregationRule is non-nil',
      },
    ]);
    const badOp = await create({
      clusterRoleSelectors: [
        {
          matchExpressions: [
            { key: 'a', operator: 'Maybe' },
            { key: 'b', operator: 'In' },
            { key: 'c', operator: 'Exists', values: ['x'] },
          ],
        },
      ],
    });
    expect(badOp.status).toBe(422);
    expect(
      badOp.body.details.causes.map((c: any) => `${c.field}: ${c.message}`),
    ).toEqual([
      'aggregationRule.clusterRoleSelectors[0].matchExpressions[0].operator: Invalid value: "Maybe": not a valid selector operator',
      "aggregationRule.clusterRoleSelectors[0].matchExpressions[1].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
      "aggregationRule.clusterRoleSelectors[0].matchExpressions[2].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
    ]);
  });
});
