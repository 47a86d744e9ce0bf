import {
  approval,
  closeReplicas,
  createTestDatabases,
  createTestStore,
  newRequest,
  TestDatabaseId,
} from './__testUtils__/testStore';

jest.setTimeout(60_000);

const databases = createTestDatabases();
afterEach(closeReplicas);

async function withGrant(id: TestDatabaseId) {
  const setup = await createTestStore(databases, id);
  const request = await setup.store.createRequest(newRequest());
  const { grant } = await setup.store.approve(request.id, approval());
  return { ...setup, request, grant };
}

const ada = 'user:default/ada';
const owen = 'user:default/owen';

describe.each(databases.eachSupportedId())('access queries on %p', id => {
  it('expires only live grants that are due, comparing times correctly', async () => {
    const { store, grant } = await withGrant(id);
    // the grant expires 2027-01-02T10:00:00.000Z, given as an offset time for a second one
    const other = await store.createRequest(
      newRequest({ consumerRef: 'component:team-agents/other' }),
    );
    const { grant: later } = await store.approve(
      other.id,
      approval({ expiresAt: '2027-01-02T12:00:00.001+02:00' }),
    );
    expect(later.expiresAt).toBe('2027-01-02T10:00:00.001Z');
    const ids = async (now: string) =>
      (await store.grantsDueToExpire(new Date(now))).map(g => g.id);
    expect(await ids('2027-01-02T09:59:59.999Z')).toEqual([]);
    expect(await ids('2027-01-02T10:00:00.000Z')).toEqual([grant.id]);
    expect(await ids('2027-01-02T10:00:00.001Z')).toEqual([grant.id, later.id]);
    expect(await ids('2030-01-01T00:00:00.000Z')).toEqual([grant.id, later.id]);
    await expect(
      store.expire(
        later.id,
        'ai-gateway',
        new Date('2027-01-02T10:00:00.000Z'),
      ),
    ).rejects.toThrow(
      'only a live grant whose expiry is at or before 2027-01-02T10:00:00.000Z can expire',
    );
    const expired = await store.expire(
      grant.id,
      'ai-gateway',
      new Date('2027-01-02T10:00:00.000Z'),
    );
    expect(expired.state).toBe('expired');
    await expect(
      store.expire(grant.id, 'ai-gateway', new Date('2030-01-01T00:00:00Z')),
    ).rejects.toThrow(`access grant ${grant.id} is expired`);
    expect(await ids('2030-01-01T00:00:00.000Z')).toEqual([later.id]);
  });

  it('finds previous keys past their grace', async () => {
    const { store, grant } = await withGrant(id);
    await store.issueKey(grant.id, {
      keyId: 'key-1',
      keyPrefix: 'agw_a',
      by: ada,
    });
    await store.rotateKey(grant.id, {
      keyId: 'key-2',
      keyPrefix: 'agw_b',
      expectedKeyId: 'key-1',
      previousKeyExpiresAt: '2026-12-03T00:00:00.000Z',
      by: ada,
    });
    const due = async (now: string) =>
      (await store.grantsWithPreviousKeyPastGrace(new Date(now))).map(
        g => g.id,
      );
    expect(await due('2026-12-02T23:59:59.999Z')).toEqual([]);
    expect(await due('2026-12-03T00:00:00.000Z')).toEqual([grant.id]);
    await store.clearPreviousKey(grant.id, 'key-1', 'ai-gateway');
    expect(await due('2027-12-03T00:00:00.000Z')).toEqual([]);
  });

  it('answers the queries of the views, the inbox and the route-deleted sweep', async () => {
    const { store, clock, grant, request } = await withGrant(id);
    const kb = 'api:team-support/support-kb-mcp';
    clock.set('2026-12-02T10:00:01.000Z');
    const p1 = await store.createRequest(
      newRequest({ apiRef: kb, scope: { tools: ['search'] } }),
    );
    clock.set('2026-12-02T10:00:02.000Z');
    const p2 = await store.createRequest(
      newRequest({ requestedBy: 'user:default/bea', consumerRef: 'group:x/y' }),
    );
    const p3 = await store.createRequest(
      newRequest({ apiRef: 'api:other/thing' }),
    );
    expect(
      (await store.pendingRequestsFor([kb, request.apiRef, kb])).map(r => r.id),
    ).toEqual([p1.id, p2.id]);
    expect(await store.pendingRequestsFor([])).toEqual([]);
    expect(
      (await store.listRequests({ requestedBy: 'user:default/bea' })).map(
        r => r.id,
      ),
    ).toEqual([p2.id]);
    expect(
      (await store.listRequests({ state: 'approved' })).map(r => r.id),
    ).toEqual([request.id]);
    expect(
      (await store.listRequests({ apiRef: [kb, 'api:other/thing'] }))
        .map(r => r.id)
        .sort(),
    ).toEqual([p1.id, p3.id].sort());
    expect(
      (
        await store.listRequests({
          consumerRef: 'group:x/y',
          state: ['pending', 'denied'],
        })
      ).length,
    ).toBe(1);
    expect(
      await store.listGrants({
        consumerRef: request.consumerRef,
        state: 'awaiting-key',
      }),
    ).toEqual([grant]);
    expect(await store.listGrants({ state: [] })).toEqual([]);
    expect(await store.openForApi(request.apiRef)).toEqual({
      pendingRequests: [p2],
      grants: [grant],
    });
    await store.revoke(grant.id, owen);
    expect(await store.openForApi(request.apiRef)).toEqual({
      pendingRequests: [p2],
      grants: [],
    });
    expect(await store.openForApi('api:default/gone')).toEqual({
      pendingRequests: [],
      grants: [],
    });
  });
});
