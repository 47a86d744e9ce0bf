/**
 * Deletion with finalizers and propagation policies, as kube-apiserver v1.32 answers it (registry/rest/delete.go,
 * registry/generic/registry/store.go, the garbage collector) and as documented in
 * https://kubernetes.io/docs/concepts/overview/working-with-objects/finalizers/ and
 * https://kubernetes.io/docs/concepts/architecture/garbage-collection/.
 */
import {
  TestCluster,
  backend,
  jsonHeaders,
  startTestCluster,
} from './__testUtils__/testServer';

const BACKENDS =
  '/apis/agentgateway.dev/v1alpha1/namespaces/default/agentgatewaybackends';
const CMS = '/api/v1/namespaces/default/configmaps';

async function until<T>(
  fn: () => Promise<T | undefined>,
  what: string,
): Promise<T> {
  for (let i = 0; i < 100; i++) {
    const v = await fn();
    if (v !== undefined) return v;
    await new Promise(r => setTimeout(r, 20));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('finalizers and propagation policies', () => {
  let t: TestCluster;
  beforeAll(async () => {
    t = await startTestCluster();
  });
  afterAll(() => t.server.close());

  const post = (url: string, body: unknown) =>
    t.json(url, {
      method: 'POST',
      headers: jsonHeaders(),
      body: JSON.stringify(body),
    });
  const del = (url: string, body?: unknown) =>
    t.json(url, {
      method: 'DELETE',
      headers: jsonHeaders(),
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const gone = (url: string) =>
    until(
      async () => ((await t.json(url)).status === 404 ? true : undefined),
      `${url} to be gone`,
    );

  it('keeps an object with a finalizer as Terminating, refuses new finalizers, and deletes it when the last one is removed', async () => {
    const created = await post(
      BACKENDS,
      backend('fin', 'default', { finalizers: ['example.com/cleanup'] }),
    );
    expect(created.status).toBe(201);
    expect(created.body.metadata.generation).toBe(1);

    const first = await del(`${BACKENDS}/fin`);
    // the object itself is the answer (not a Status): it still exists
    expect(first.status).toBe(200);
    expect(first.body.kind).toBe('AgentgatewayBackend');
    expect(first.body.metadata).toMatchObject({
      finalizers: ['example.com/cleanup'],
      deletionGracePeriodSeconds: 0,
      generation: 2,
    });
    expect(first.body.metadata.deletionTimestamp).toMatch(
      /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/,
    );

    const again = await del(`${BACKENDS}/fin`);
    expect(again.status).toBe(200);
    expect(again.body.metadata).toMatchObject({
      deletionTimestamp: first.body.metadata.deletionTimestamp,
      generation: 2,
      resourceVersion: first.body.metadata.resourceVersion,
    });
    expect(
      (await t.json(`${BACKENDS}/fin`)).body.metadata.deletionTimestamp,
    ).toBe(first.body.metadata.deletionTimestamp);

    const added = await t.json(`${BACKENDS}/fin`, {
      method: 'PATCH',
      headers: jsonHeaders('application/merge-patch+json'),
      body: JSON.stringify({
        metadata: { finalizers: ['example.com/cleanup', 'example.com/more'] },
      }),
    });
    expect(added.status).toBe(422);
    expect(added.body.message).toBe(
      'AgentgatewayBackend.agentgateway.dev "fin" is invalid: metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{"example.com/more"}',
    );
    expect(added.body.details.causes).toEqual([
      {
        field: 'metadata.finalizers',
        reason: 'FieldValueForbidden',
        message:
          'Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{"example.com/more"}',
      },
    ]);

    // an update cannot remove the deletion timestamp
    const current = (await t.json(`${BACKENDS}/fin`)).body;
    const put = await t.json(`${BACKENDS}/fin`, {
      method: 'PUT',
      headers: jsonHeaders(),
      body: JSON.stringify({
        ...current,
        metadata: {
          ...current.metadata,
          deletionTimestamp: undefined,
          labels: { a: 'b' },
        },
      }),
    });
    expect(put.status).toBe(200);
    expect(put.body.metadata.deletionTimestamp).toBe(
      first.body.metadata.deletionTimestamp,
    );

    const removed = await t.json(`${BACKENDS}/fin`, {
      method: 'PATCH',
      headers: jsonHeaders('application/merge-patch+json'),
      body: JSON.stringify({ metadata: { finalizers: null } }),
    });
    expect(removed.status).toBe(200);
    expect(removed.body.metadata.finalizers).toBeUndefined();
    expect((await t.json(`${BACKENDS}/fin`)).status).toBe(404);
  });

  it('does the same for built-in kinds (a ConfigMap), and a dry-run delete changes nothing', async () => {
    await post(CMS, {
      metadata: { name: 'held', finalizers: ['example.com/hold'] },
    });
    const dry = await del(`${CMS}/held`, { dryRun: ['All'] });
    expect(dry.status).toBe(200);
    expect(dry.body.metadata.deletionTimestamp).toBeDefined();
    expect(
      (await t.json(`${CMS}/held`)).body.metadata.deletionTimestamp,
    ).toBeUndefined();
    const res = await del(`${CMS}/held`);
    expect(res).toMatchObject({
      status: 200,
      body: {
        kind: 'ConfigMap',
        metadata: { name: 'held', deletionGracePeriodSeconds: 0 },
      },
    });
    const cm = (await t.json(`${CMS}/held`)).body;
    const put = await t.json(`${CMS}/held`, {
      method: 'PUT',
      headers: jsonHeaders(),
      body: JSON.stringify({
        ...cm,
        metadata: { ...cm.metadata, finalizers: [] },
      }),
    });
    expect(put.status).toBe(200);
    expect((await t.json(`${CMS}/held`)).status).toBe(404);
  });

  it('validates finalizer names', async () => {
    const bad = await post(CMS, {
      metadata: { name: 'badfin', finalizers: ['bad name'] },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.details.causes[0]).toMatchObject({
      field: 'metadata.finalizers',
      reason: 'FieldValueInvalid',
    });
    expect(bad.body.details.causes[0].message).toContain(
      'Invalid value: "bad name": name part must consist of alphanumeric characters',
    );
    // the core group's own check (pkg/apis/core/validation validateKubeFinalizerName), per item
    expect(bad.body.details.causes[1]).toEqual({
      field: 'metadata.finalizers[0]',
      reason: 'FieldValueInvalid',
      message:
        'Invalid value: "bad name": name is neither a standard finalizer name nor is it fully qualified',
    });
    expect(bad.body.details.causes).toHaveLength(2);
    const bare = await post(CMS, {
      metadata: { name: 'bare', finalizers: ['kubernetes', 'cleanup'] },
    });
    expect(bare.status).toBe(422);
    expect(bare.body.message).toBe(
      'ConfigMap "bare" is invalid: metadata.finalizers[1]: Invalid value: "cleanup": name is neither a standard finalizer name nor is it fully qualified',
    );
    // custom resources are not held to it (the real server only warns there)
    const cr = await post(BACKENDS, {
      ...backend('bare-cr'),
      metadata: { ...backend('bare-cr').metadata, finalizers: ['cleanup'] },
    });
    expect(cr.status).toBe(201);
    const both = await post(CMS, {
      metadata: { name: 'both', finalizers: ['orphan', 'foregroundDeletion'] },
    });
    expect(both.body.details.causes).toEqual([
      {
        field: 'metadata.finalizers',
        reason: 'FieldValueInvalid',
        message:
          'Invalid value: []string{"orphan", "foregroundDeletion"}: finalizer orphan and foregroundDeletion cannot be both set',
      },
    ]);
  });

  async function ownerAndDependent(name: string) {
    const owner = (await post(BACKENDS, backend(name))).body;
    const ref = {
      apiVersion: 'agentgateway.dev/v1alpha1',
      kind: 'AgentgatewayBackend',
      name,
      uid: owner.metadata.uid,
      blockOwnerDeletion: true,
    };
    const dep = await post(CMS, {
      metadata: { name: `${name}-dep`, ownerReferences: [ref] },
    });
    expect(dep.status).toBe(201);
    return owner;
  }

  it('Foreground: the owner waits (foregroundDeletion finalizer) until its dependents are deleted, then goes', async () => {
    await ownerAndDependent('fg');
    const res = await del(`${BACKENDS}/fg`, {
      propagationPolicy: 'Foreground',
    });
    expect(res.status).toBe(200);
    expect(res.body.metadata.finalizers).toEqual(['foregroundDeletion']);
    expect(res.body.metadata.deletionTimestamp).toBeDefined();
    await gone(`${CMS}/fg-dep`);
    await gone(`${BACKENDS}/fg`);
  });

  it('Background (the default): the owner goes at once, the garbage collector deletes its dependents', async () => {
    const owner = await ownerAndDependent('bg');
    const res = await del(`${BACKENDS}/bg`, {
      propagationPolicy: 'Background',
    });
    expect(res).toMatchObject({
      status: 200,
      body: {
        kind: 'Status',
        status: 'Success',
        details: {
          name: 'bg',
          group: 'agentgateway.dev',
          kind: 'agentgatewaybackends',
          uid: owner.metadata.uid,
        },
      },
    });
    await gone(`${CMS}/bg-dep`);
  });

  it('Orphan: the dependents stay, without the owner reference', async () => {
    await ownerAndDependent('orph');
    const res = await t.json(`${BACKENDS}/orph?propagationPolicy=Orphan`, {
      method: 'DELETE',
    });
    expect(res.status).toBe(200);
    expect(res.body.metadata.finalizers).toEqual(['orphan']);
    await gone(`${BACKENDS}/orph`);
    const dep = (await t.json(`${CMS}/orph-dep`)).body;
    expect(dep.metadata.ownerReferences ?? []).toEqual([]);
  });

  it('refuses invalid propagation policies and malformed DeleteOptions like v1.32', async () => {
    await post(CMS, { metadata: { name: 'opts' } });
    const bogus = await del(`${CMS}/opts`, { propagationPolicy: 'Bogus' });
    expect(bogus.status).toBe(422);
    expect(bogus.body).toMatchObject({
      reason: 'Invalid',
      message:
        'DeleteOptions.meta.k8s.io "" is invalid: propagationPolicy: Unsupported value: "Bogus": supported values: "Foreground", "Background", "Orphan", "nil"',
      details: {
        group: 'meta.k8s.io',
        kind: 'DeleteOptions',
        causes: [
          { field: 'propagationPolicy', reason: 'FieldValueNotSupported' },
        ],
      },
    });
    expect(bogus.body.details.name).toBeUndefined();
    const both = await del(`${CMS}/opts`, {
      propagationPolicy: 'Orphan',
      orphanDependents: true,
    });
    expect(both.body.message).toBe(
      'DeleteOptions.meta.k8s.io "" is invalid: propagationPolicy: Invalid value: "Orphan": orphanDependents and deletionPropagation cannot be both set',
    );
    // v1.32 answers undecodable DeleteOptions with a 500 (kubernetes/kubernetes#132359, fixed in v1.35)
    const malformed = await t.json(`${CMS}/opts`, {
      method: 'DELETE',
      headers: jsonHeaders(),
      body: '{"propagationPolicy":',
    });
    expect(malformed).toMatchObject({
      status: 500,
      body: {
        kind: 'Status',
        status: 'Failure',
        code: 500,
        message:
          "couldn't get version/kind; json parse error: unexpected end of JSON input",
      },
    });
    const wrongType = await del(`${CMS}/opts`, { gracePeriodSeconds: 'soon' });
    expect(wrongType.body).toMatchObject({
      code: 500,
      message:
        'json: cannot unmarshal string into Go struct field DeleteOptions.gracePeriodSeconds of type int64',
    });
    expect((await t.json(`${CMS}/opts`)).status).toBe(200);
  });

  it('checks preconditions with the wording of BeforeDelete', async () => {
    const cm = (await post(CMS, { metadata: { name: 'pre2' } })).body;
    const res = await del(`${CMS}/pre2`, { preconditions: { uid: 'other' } });
    expect(res).toMatchObject({
      status: 409,
      body: {
        reason: 'Conflict',
        details: { name: 'pre2', kind: 'ConfigMap' },
      },
    });
    expect(res.body.message).toBe(
      `Operation cannot be fulfilled on ConfigMap "pre2": the UID in the precondition (other) does not match the UID in record (${cm.metadata.uid}). The object might have been deleted and then recreated`,
    );
  });
});
