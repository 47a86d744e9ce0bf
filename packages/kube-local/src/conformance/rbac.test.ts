import {
  AuthenticationV1Api,
  AuthorizationV1Api,
  CoreV1Api,
  RbacAuthorizationV1Api,
} from '@kubernetes/client-node';
import {
  TestCluster,
  kubeConfigFor,
  startTestCluster,
  statusOf,
} from './__testUtils__/testServer';

/** Anonymous requests, the self reviews and RBAC objects honoured by the authorizer, as kube-apiserver v1.32. */
describe('anonymous requests, self reviews and RBAC', () => {
  let t: TestCluster;
  let rbac: RbacAuthorizationV1Api;
  const dev = () =>
    kubeConfigFor(t.server.url, 'dev-token').makeApiClient(CoreV1Api);
  beforeAll(async () => {
    t = await startTestCluster({
      crds: [],
      users: [
        { name: 'dev', token: 'dev-token', groups: ['devs'] },
        { name: 'system:serviceaccount:ops:aigw', token: 'sa-token' },
      ],
    });
    rbac = t.kc.makeApiClient(RbacAuthorizationV1Api);
    for (const name of ['team-a', 'team-b', 'ops'])
      await t.core.createNamespace({ body: { metadata: { name } } });
  });
  afterAll(() => t.server.close());

  it('treats a request without credentials as system:anonymous: /version and health allowed, the rest 403', async () => {
    expect((await t.json('/version', { token: null })).status).toBe(200);
    expect((await t.raw('/livez', { token: null })).status).toBe(200);
    expect(await t.json('/api', { token: null })).toMatchObject({
      status: 403,
      body: {
        kind: 'Status',
        status: 'Failure',
        reason: 'Forbidden',
        code: 403,
        message: 'forbidden: User "system:anonymous" cannot get path "/api"',
      },
    });
    expect(
      await t.json('/api/v1/namespaces/default/configmaps', { token: null }),
    ).toMatchObject({
      status: 403,
      body: {
        message:
          'configmaps is forbidden: User "system:anonymous" cannot list resource "configmaps" in API group "" in the namespace "default"',
        details: { kind: 'configmaps' },
      },
    });
    // anything authenticated may read discovery, nothing else without a grant
    expect((await t.json('/apis', { token: 'dev-token' })).status).toBe(200);
    expect((await t.json('/foo', { token: 'dev-token' })).status).toBe(403);
    expect((await t.json('/foo')).status).toBe(404);
  });

  it('answers SelfSubjectReview with the user and its groups', async () => {
    const review = await kubeConfigFor(t.server.url, 'sa-token')
      .makeApiClient(AuthenticationV1Api)
      .createSelfSubjectReview({
        body: {
          apiVersion: 'authentication.k8s.io/v1',
          kind: 'SelfSubjectReview',
        },
      });
    expect(review.status?.userInfo).toEqual({
      username: 'system:serviceaccount:ops:aigw',
      groups: [
        'system:serviceaccounts',
        'system:serviceaccounts:ops',
        'system:authenticated',
      ],
    });
    const anonymous = await t.json(
      '/apis/authentication.k8s.io/v1/selfsubjectreviews',
      { token: null, method: 'POST', body: '{}' },
    );
    expect(anonymous.status).toBe(403);
    expect(
      (await t.json('/apis/authentication.k8s.io/v1/selfsubjectreviews'))
        .status,
    ).toBe(405);
  });

  it('honours Role / RoleBinding and ClusterRole / ClusterRoleBinding, and SelfSubjectAccessReview tells', async () => {
    const ssar = (token: string, resourceAttributes: object) =>
      kubeConfigFor(t.server.url, token)
        .makeApiClient(AuthorizationV1Api)
        .createSelfSubjectAccessReview({
          body: {
            apiVersion: 'authorization.k8s.io/v1',
            kind: 'SelfSubjectAccessReview',
            spec: { resourceAttributes },
          },
        });
    const listCm = {
      verb: 'list',
      resource: 'configmaps',
      namespace: 'team-a',
    };
    expect((await ssar('dev-token', listCm)).status).toEqual({
      allowed: false,
    });
    expect(
      (await statusOf(dev().listNamespacedConfigMap({ namespace: 'team-a' })))
        .code,
    ).toBe(403);

    await rbac.createNamespacedRole({
      namespace: 'team-a',
      body: {
        metadata: { name: 'cm-reader' },
        rules: [
          {
            apiGroups: [''],
            resources: ['configmaps'],
            verbs: ['get', 'list'],
          },
        ],
      },
    });
    await rbac.createNamespacedRoleBinding({
      namespace: 'team-a',
      body: {
        metadata: { name: 'devs-read' },
        roleRef: {
          apiGroup: 'rbac.authorization.k8s.io',
          kind: 'Role',
          name: 'cm-reader',
        },
        subjects: [
          {
            apiGroup: 'rbac.authorization.k8s.io',
            kind: 'Group',
            name: 'devs',
          },
        ],
      },
    });
    expect((await ssar('dev-token', listCm)).status).toEqual({
      allowed: true,
      reason:
        'RBAC: allowed by RoleBinding "team-a/devs-read" of Role "cm-reader" to Group "devs"',
    });
    expect(
      (await dev().listNamespacedConfigMap({ namespace: 'team-a' })).kind,
    ).toBe('ConfigMapList');
    // not in another namespace, not another verb
    expect(
      (await statusOf(dev().listNamespacedConfigMap({ namespace: 'team-b' })))
        .code,
    ).toBe(403);
    expect(
      (
        await statusOf(
          dev().createNamespacedConfigMap({
            namespace: 'team-a',
            body: { metadata: { name: 'x' } },
          }),
        )
      ).code,
    ).toBe(403);

    // a ClusterRole bound cluster-wide to a service account, with resourceNames
    await rbac.createClusterRole({
      body: {
        metadata: { name: 'aigw-secrets' },
        rules: [
          {
            apiGroups: [''],
            resources: ['secrets'],
            verbs: ['get'],
            resourceNames: ['key'],
          },
        ],
      },
    });
    await rbac.createClusterRoleBinding({
      body: {
        metadata: { name: 'aigw-secrets' },
        roleRef: {
          apiGroup: 'rbac.authorization.k8s.io',
          kind: 'ClusterRole',
          name: 'aigw-secrets',
        },
        subjects: [{ kind: 'ServiceAccount', name: 'aigw', namespace: 'ops' }],
      },
    });
    const get = (name: string) => ({
      verb: 'get',
      resource: 'secrets',
      namespace: 'team-b',
      name,
    });
    expect((await ssar('sa-token', get('key'))).status?.allowed).toBe(true);
    expect((await ssar('sa-token', get('other'))).status?.allowed).toBe(false);
    const sa = await t.json('/api/v1/namespaces/team-b/secrets/key', {
      token: 'sa-token',
    });
    expect(sa.status).toBe(404); // allowed, and there is no such Secret
  });

  it('validates RBAC objects: roleRef is immutable, subjects and rules are checked', async () => {
    const binding = await rbac.readNamespacedRoleBinding({
      namespace: 'team-a',
      name: 'devs-read',
    });
    const changed = await statusOf(
      rbac.replaceNamespacedRoleBinding({
        namespace: 'team-a',
        name: 'devs-read',
        body: { ...binding, roleRef: { ...binding.roleRef, name: 'other' } },
      }),
    );
    expect(changed).toMatchObject({
      code: 422,
      reason: 'Invalid',
      details: {
        name: 'devs-read',
        group: 'rbac.authorization.k8s.io',
        kind: 'RoleBinding',
        causes: [
          {
            field: 'roleRef',
            message:
              'Invalid value: rbac.RoleRef{APIGroup:"rbac.authorization.k8s.io", Kind:"Role", Name:"other"}: cannot change roleRef',
          },
        ],
      },
    });
    const bad = await statusOf(
      rbac.createClusterRoleBinding({
        body: {
          metadata: { name: 'bad' },
          roleRef: {
            apiGroup: 'rbac.authorization.k8s.io',
            kind: 'Role',
            name: 'x',
          },
          subjects: [{ kind: 'ServiceAccount', name: 'sa' }],
        },
      }),
    );
    expect(bad.details.causes.map((c: any) => c.field)).toEqual([
      'roleRef.kind',
      'subjects[0].namespace',
    ]);
    const noVerbs = await statusOf(
      rbac.createClusterRole({
        body: {
          metadata: { name: 'system:bad' },
          rules: [{ apiGroups: [''], resources: ['pods'], verbs: [] }],
        },
      }),
    );
    expect(noVerbs.details.causes).toEqual([
      {
        field: 'rules[0].verbs',
        reason: 'FieldValueRequired',
        message: 'Required value: verbs must contain at least one value',
      },
    ]);
  });
});
