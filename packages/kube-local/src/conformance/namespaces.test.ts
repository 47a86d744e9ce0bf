/**
 * Namespace deletion as the namespace registry and controller do it
 * (https://kubernetes.io/docs/tasks/administer-cluster/namespaces/#deleting-a-namespace): the `kubernetes` finalizer
 * in `spec.finalizers`, phase Terminating, no new content (NamespaceLifecycle admission), content removed, then the
 * namespace.
 */
import {
  TestCluster,
  jsonHeaders,
  startTestCluster,
} from './__testUtils__/testServer';

describe('namespaces', () => {
  let t: TestCluster;
  beforeAll(async () => {
    t = await startTestCluster();
  });
  afterAll(() => t.server.close());

  it('terminates: Terminating phase, no new content, content with finalizers holds the namespace, then it goes', async () => {
    const created = await t.json('/api/v1/namespaces', {
      method: 'POST',
      headers: jsonHeaders(),
      body: JSON.stringify({ metadata: { name: 'term' } }),
    });
    expect(created.body).toMatchObject({
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    });
    const cms = '/api/v1/namespaces/term/configmaps';
    await t.json(cms, {
      method: 'POST',
      headers: jsonHeaders(),
      body: JSON.stringify({
        metadata: { name: 'held', finalizers: ['example.com/hold'] },
      }),
    });

    const del = await t.json('/api/v1/namespaces/term', { method: 'DELETE' });
    expect(del).toMatchObject({
      status: 200,
      body: {
        kind: 'Namespace',
        status: { phase: 'Terminating' },
        spec: { finalizers: ['kubernetes'] },
      },
    });
    expect(del.body.metadata.deletionTimestamp).toBeDefined();

    const again = await t.json('/api/v1/namespaces/term', { method: 'DELETE' });
    expect(again).toMatchObject({
      status: 409,
      body: {
        reason: 'Conflict',
        message:
          'Operation cannot be fulfilled on namespaces "term": The system is ensuring all content is removed from this namespace.  Upon completion, this namespace will automatically be purged by the system.',
      },
    });
    const refused = await t.json(cms, {
      method: 'POST',
      headers: jsonHeaders(),
      body: JSON.stringify({ metadata: { name: 'new' } }),
    });
    expect(refused).toMatchObject({
      status: 403,
      body: {
        reason: 'Forbidden',
        message:
          'configmaps "new" is forbidden: unable to create new content in namespace term because it is being terminated',
        details: {
          name: 'new',
          kind: 'configmaps',
          causes: [
            {
              reason: 'NamespaceTerminating',
              message: 'namespace term is being terminated',
              field: 'metadata.namespace',
            },
          ],
        },
      },
    });

    // the held ConfigMap is Terminating and keeps the namespace until its finalizer is removed
    let held: any;
    for (let i = 0; i < 100; i++) {
      held = (await t.json(`${cms}/held`)).body;
      if (held.metadata?.deletionTimestamp) break;
      await new Promise(r => setTimeout(r, 20));
    }
    expect(held.metadata.deletionTimestamp).toBeDefined();
    expect((await t.json('/api/v1/namespaces/term')).status).toBe(200);
    await t.json(`${cms}/held`, {
      method: 'PATCH',
      headers: jsonHeaders('application/merge-patch+json'),
      body: JSON.stringify({ metadata: { finalizers: null } }),
    });
    let status = 200;
    for (let i = 0; i < 100 && status !== 404; i++) {
      status = (await t.json('/api/v1/namespaces/term')).status;
      await new Promise(r => setTimeout(r, 20));
    }
    expect(status).toBe(404);
  });
});
