import { RbacAuthorizationV1Api } from '@kubernetes/client-node';
import { TestCluster, startTestCluster } from './__testUtils__/testServer';

/**
 * SubjectAccessReview, LocalSubjectAccessReview and SelfSubjectRulesReview (authorization.k8s.io/v1), as
 * kube-apiserver v1.32 answers them: create-only (201), never stored, validated like
 * pkg/apis/authorization/validation, decided by the same authorizer as requests.
 */
describe('access reviews', () => {
  let t: TestCluster;
  const post = (path: string, body: object, token?: string) =>
    t.json(`/apis/authorization.k8s.io/v1${path}`, {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { 'Content-Type': 'application/json' },
      token,
    });
  const sar = (spec: object) =>
    post('/subjectaccessreviews', {
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SubjectAccessReview',
      spec,
    });

  beforeAll(async () => {
    t = await startTestCluster({
      crds: [],
      users: [{ name: 'dev', token: 'dev-token', groups: ['devs'] }],
    });
    await t.core.createNamespace({ body: { metadata: { name: 'team-a' } } });
    const rbac = t.kc.makeApiClient(RbacAuthorizationV1Api);
    await rbac.createNamespacedRole({
      namespace: 'team-a',
      body: {
        metadata: { name: 'secret-reader' },
        rules: [
          {
            apiGroups: [''],
            resources: ['secrets'],
            resourceNames: ['llm-key'],
            verbs: ['get'],
          },
        ],
      },
    });
    await rbac.createNamespacedRoleBinding({
      namespace: 'team-a',
      body: {
        metadata: { name: 'devs-secret' },
        roleRef: {
          apiGroup: 'rbac.authorization.k8s.io',
          kind: 'Role',
          name: 'secret-reader',
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
  });
  afterAll(() => t.server.close());

  it('SubjectAccessReview decides for spec.user / spec.groups with RBAC reason, and echoes the spec', async () => {
    const attrs = {
      verb: 'get',
      resource: 'secrets',
      namespace: 'team-a',
      name: 'llm-key',
    };
    const allowed = await sar({
      user: 'dev',
      groups: ['devs'],
      resourceAttributes: attrs,
    });
    expect(allowed).toEqual({
      status: 201,
      body: {
        kind: 'SubjectAccessReview',
        apiVersion: 'authorization.k8s.io/v1',
        metadata: { creationTimestamp: null },
        spec: { user: 'dev', groups: ['devs'], resourceAttributes: attrs },
        status: {
          allowed: true,
          reason:
            'RBAC: allowed by RoleBinding "team-a/devs-secret" of Role "secret-reader" to Group "devs"',
        },
      },
    });
    // the groups are exactly the spec's: without "devs" the binding does not apply; another name is not granted
    expect(
      (await sar({ user: 'dev', resourceAttributes: attrs })).body.status,
    ).toEqual({ allowed: false });
    expect(
      (
        await sar({
          user: 'dev',
          groups: ['devs'],
          resourceAttributes: { ...attrs, name: 'other' },
        })
      ).body.status,
    ).toEqual({ allowed: false });
    // system:masters may do everything (the privileged-group authorizer gives no reason)
    expect(
      (
        await sar({
          user: 'root',
          groups: ['system:masters'],
          resourceAttributes: attrs,
        })
      ).body.status,
    ).toEqual({ allowed: true });
    // non-resource attributes: the bootstrap discovery role
    expect(
      (
        await sar({
          user: 'x',
          groups: ['system:authenticated'],
          nonResourceAttributes: { verb: 'get', path: '/apis' },
        })
      ).body.status,
    ).toEqual({
      allowed: true,
      reason:
        'RBAC: allowed by ClusterRoleBinding "system:discovery" of ClusterRole "system:discovery" to Group "system:authenticated"',
    });
    // never stored: there is no list
    expect(
      (await t.json('/apis/authorization.k8s.io/v1/subjectaccessreviews'))
        .status,
    ).toBe(405);
  });

  it('validates SubjectAccessReview: user or group, exactly one kind of attributes, empty metadata', async () => {
    const r = await sar({});
    expect(r.status).toBe(422);
    expect(r.body).toMatchObject({
      reason: 'Invalid',
      details: {
        group: 'authorization.k8s.io',
        kind: 'SubjectAccessReview',
        causes: [
          {
            field: 'spec.resourceAttributes',
            reason: 'FieldValueInvalid',
            message:
              'Invalid value: "null": exactly one of nonResourceAttributes or resourceAttributes must be specified',
          },
          {
            field: 'spec.user',
            reason: 'FieldValueInvalid',
            message:
              'Invalid value: "": at least one of user or group must be specified',
          },
        ],
      },
    });
    expect(r.body.message).toMatch(
      /^SubjectAccessReview\.authorization\.k8s\.io "" is invalid: \[spec\.resourceAttributes: /,
    );
    const named = await post('/subjectaccessreviews', {
      kind: 'SubjectAccessReview',
      apiVersion: 'authorization.k8s.io/v1',
      metadata: { name: 'x' },
      spec: { user: 'dev', nonResourceAttributes: { verb: 'get', path: '/' } },
    });
    expect(named.status).toBe(422);
    expect(named.body.details.causes).toEqual([
      expect.objectContaining({
        field: 'metadata',
        reason: 'FieldValueInvalid',
      }),
    ]);
    expect(named.body.details.causes[0].message).toMatch(/: must be empty$/);
  });

  it('needs the create grant on subjectaccessreviews (an ordinary user gets 403)', async () => {
    const r = await post(
      '/subjectaccessreviews',
      {
        kind: 'SubjectAccessReview',
        apiVersion: 'authorization.k8s.io/v1',
        spec: {
          user: 'dev',
          nonResourceAttributes: { verb: 'get', path: '/' },
        },
      },
      'dev-token',
    );
    expect(r.status).toBe(403);
    expect(r.body.message).toBe(
      'subjectaccessreviews.authorization.k8s.io is forbidden: User "dev" cannot create resource "subjectaccessreviews" in API group "authorization.k8s.io" at the cluster scope',
    );
  });

  it('LocalSubjectAccessReview is namespaced: the namespace of the URL, no non-resource attributes', async () => {
    const body = {
      kind: 'LocalSubjectAccessReview',
      apiVersion: 'authorization.k8s.io/v1',
      spec: {
        user: 'dev',
        groups: ['devs'],
        resourceAttributes: {
          verb: 'get',
          resource: 'secrets',
          namespace: 'team-a',
          name: 'llm-key',
        },
      },
    };
    const r = await post('/namespaces/team-a/localsubjectaccessreviews', body);
    expect(r.status).toBe(201);
    expect(r.body.metadata).toEqual({
      namespace: 'team-a',
      creationTimestamp: null,
    });
    expect(r.body.status.allowed).toBe(true);
    expect(
      (
        await post('/namespaces/team-a/localsubjectaccessreviews', {
          ...body,
          metadata: { namespace: 'team-b' },
        })
      ).body,
    ).toMatchObject({
      code: 400,
      reason: 'BadRequest',
      message:
        'the namespace of the provided object does not match the namespace sent on the request',
    });
    const nonResource = await post(
      '/namespaces/team-a/localsubjectaccessreviews',
      {
        ...body,
        spec: {
          user: 'dev',
          nonResourceAttributes: { verb: 'get', path: '/' },
        },
      },
    );
    expect(nonResource.status).toBe(422);
    expect(nonResource.body.details.causes).toEqual([
      expect.objectContaining({
        field: 'spec.nonResourceAttributes',
        message: expect.stringMatching(/: disallowed on this kind of request$/),
      }),
    ]);
    // only below a namespace
    expect((await post('/localsubjectaccessreviews', body)).status).toBe(404);
  });

  it('SelfSubjectRulesReview lists the requester’s rules in spec.namespace (bootstrap roles, bindings)', async () => {
    const review = (namespace: string | undefined, token?: string) =>
      post(
        '/selfsubjectrulesreviews',
        {
          kind: 'SelfSubjectRulesReview',
          apiVersion: 'authorization.k8s.io/v1',
          spec: namespace ? { namespace } : {},
        },
        token,
      );
    const dev = await review('team-a', 'dev-token');
    expect(dev.status).toBe(201);
    expect(dev.body.kind).toBe('SelfSubjectRulesReview');
    expect(dev.body.spec).toEqual({ namespace: 'team-a' });
    expect(dev.body.status.incomplete).toBe(false);
    expect(dev.body.status.resourceRules).toEqual(
      expect.arrayContaining([
        {
          verbs: ['create'],
          apiGroups: ['authorization.k8s.io'],
          resources: ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'],
        },
        {
          verbs: ['get'],
          apiGroups: [''],
          resources: ['secrets'],
          resourceNames: ['llm-key'],
        },
      ]),
    );
    expect(dev.body.status.nonResourceRules).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          verbs: ['get'],
          nonResourceURLs: expect.arrayContaining(['/api', '/version']),
        }),
      ]),
    );
    // another namespace: the RoleBinding does not apply there
    const elsewhere = await review('default', 'dev-token');
    expect(
      elsewhere.body.status.resourceRules.some((r: any) =>
        r.resources.includes('secrets'),
      ),
    ).toBe(false);
    // the admin (system:masters) has everything
    expect((await review('team-a')).body.status.resourceRules).toEqual([
      { verbs: ['*'], apiGroups: ['*'], resources: ['*'] },
    ]);
    expect(await review(undefined, 'dev-token')).toMatchObject({
      status: 400,
      body: { reason: 'BadRequest', message: 'no namespace on request' },
    });
  });
});
