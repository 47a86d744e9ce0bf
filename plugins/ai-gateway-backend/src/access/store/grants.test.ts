import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import type { GrantDrift } from '@ai-gateway-backstage/plugin-ai-gateway-common';
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

describe.each(databases.eachSupportedId())('access grants on %p', id => {
  it('issues the key once; a second claim is a 409', async () => {
    const { store, clock, grant } = await withGrant(id);
    clock.set('2026-12-02T12:00:00.000Z');
    const active = await store.issueKey(grant.id, {
      keyId: 'key-1',
      keyPrefix: 'agw_3fA9',
      by: ada,
    });
    expect(active).toEqual({
      ...grant,
      state: 'active',
      keyId: 'key-1',
      keyPrefix: 'agw_3fA9',
      keyIssuedAt: '2026-12-02T12:00:00.000Z',
    });
    const again = store.issueKey(grant.id, {
      keyId: 'key-2',
      keyPrefix: 'agw_zzzz',
      by: ada,
    });
    await expect(again).rejects.toThrow(ConflictError);
    await expect(again).rejects.toThrow(
      `access grant ${grant.id} is active; its key can be claimed only once`,
    );
    await expect(
      store.issueKey('nosuchid00', {
        keyId: 'key-1',
        keyPrefix: 'agw_',
        by: ada,
      }),
    ).rejects.toThrow(NotFoundError);
    expect(await store.getGrant(grant.id)).toEqual(active);
    const events = await store.history({ grantId: grant.id });
    expect(events.at(-1)).toEqual({
      id: expect.any(Number),
      type: 'key-issued',
      actor: ada,
      at: '2026-12-02T12:00:00.000Z',
      requestId: grant.requestId,
      grantId: grant.id,
      detail: { keyId: 'key-1', keyPrefix: 'agw_3fA9' },
    });
  });

  it('never takes anything that could be a key', async () => {
    const { store, grant } = await withGrant(id);
    const key = `agw_${'A1b2C3d4E5f6G7h8'.repeat(3)}`;
    await expect(
      store.issueKey(grant.id, { keyId: key, keyPrefix: 'agw_', by: ada }),
    ).rejects.toThrow(InputError);
    await expect(
      store.issueKey(grant.id, { keyId: 'key-1', keyPrefix: key, by: ada }),
    ).rejects.toThrow(/keyPrefix must be 1-12/);
    await expect(store.revoke(grant.id, owen, key)).rejects.toThrow(
      'note must not contain an API key',
    );
    expect((await store.getGrant(grant.id))?.state).toBe('awaiting-key');
  });

  it('rotates, tells which old entry to drop, and clears the previous key', async () => {
    const { store, clock, grant } = await withGrant(id);
    const rotation = {
      keyPrefix: 'agw_new1',
      by: ada,
      previousKeyExpiresAt: '2026-12-03T12:00:00Z',
    };
    await expect(
      store.rotateKey(grant.id, {
        ...rotation,
        keyId: 'key-2',
        expectedKeyId: 'key-1',
      }),
    ).rejects.toThrow(`access grant ${grant.id} is awaiting-key`);
    await store.issueKey(grant.id, {
      keyId: 'key-1',
      keyPrefix: 'agw_old1',
      by: ada,
    });
    clock.set('2026-12-02T12:00:00.000Z');
    const first = await store.rotateKey(grant.id, {
      ...rotation,
      keyId: 'key-2',
      expectedKeyId: 'key-1',
    });
    expect(first.droppedKeyId).toBeUndefined();
    expect(first.grant).toMatchObject({
      state: 'active',
      keyId: 'key-2',
      keyPrefix: 'agw_new1',
      keyIssuedAt: '2026-12-02T12:00:00.000Z',
      previousKeyId: 'key-1',
      previousKeyExpiresAt: '2026-12-03T12:00:00.000Z',
    });
    // a stale rotation (read key-1) loses
    await expect(
      store.rotateKey(grant.id, {
        ...rotation,
        keyId: 'key-3',
        expectedKeyId: 'key-1',
      }),
    ).rejects.toThrow(/whose current key is key-1/);
    await expect(
      store.rotateKey(grant.id, {
        ...rotation,
        keyId: 'key-1',
        expectedKeyId: 'key-2',
      }),
    ).rejects.toThrow(
      new InputError(`keyId key-1 is already in use by grant ${grant.id}`),
    );
    const second = await store.rotateKey(grant.id, {
      ...rotation,
      keyId: 'key-3',
      expectedKeyId: 'key-2',
    });
    expect(second.droppedKeyId).toBe('key-1');
    expect(second.grant).toMatchObject({
      keyId: 'key-3',
      previousKeyId: 'key-2',
    });
    await expect(
      store.clearPreviousKey(grant.id, 'key-1', 'ai-gateway'),
    ).rejects.toThrow(ConflictError);
    const cleared = await store.clearPreviousKey(
      grant.id,
      'key-2',
      'ai-gateway',
    );
    expect(cleared.previousKeyId).toBeUndefined();
    expect(cleared.previousKeyExpiresAt).toBeUndefined();
    expect(
      (await store.history({ grantId: grant.id })).map(e => e.type).slice(2),
    ).toEqual([
      'key-issued',
      'key-rotated',
      'key-rotated',
      'previous-key-cleared',
    ]);
  });

  it('revokes a live grant once', async () => {
    const { store, clock, grant, request } = await withGrant(id);
    clock.set('2026-12-05T00:00:00.000Z');
    const revoked = await store.revoke(grant.id, owen, 'leaving the team');
    expect(revoked).toMatchObject({
      state: 'revoked',
      revokedBy: owen,
      revokedAt: '2026-12-05T00:00:00.000Z',
    });
    await expect(store.revoke(grant.id, owen)).rejects.toThrow(
      `access grant ${grant.id} is revoked`,
    );
    await expect(
      store.issueKey(grant.id, { keyId: 'key-1', keyPrefix: 'agw_', by: ada }),
    ).rejects.toThrow(ConflictError);
    expect(
      (await store.history({ requestId: request.id })).map(e => e.type),
    ).toEqual([
      'request-created',
      'request-approved',
      'grant-created',
      'grant-revoked',
    ]);
  });

  it('records drift once per change, clears it, and records objects', async () => {
    const { store, grant } = await withGrant(id);
    const object = {
      cluster: 'local',
      kind: 'AgentgatewayPolicy',
      namespace: 'team-support',
      name: `aigw-grant-${grant.id}`,
    };
    const withObjects = await store.recordObjects(
      grant.id,
      [object],
      'user:default/owen',
      'no global rate limit',
    );
    expect(withObjects).toMatchObject({
      objects: [object],
      unenforcedLimits: 'no global rate limit',
    });
    const drift: GrantDrift = {
      detectedAt: '2026-12-02T10:05:00Z',
      differences: [
        {
          object,
          change: 'changed',
          paths: ['spec.traffic.authorization.policy.matchExpressions[0]'],
        },
      ],
    };
    const drifted = await store.recordDrift(grant.id, drift, 'ai-gateway');
    expect(drifted.drift).toEqual({
      ...drift,
      detectedAt: '2026-12-02T10:05:00.000Z',
    });
    await store.recordDrift(
      grant.id,
      { ...drift, detectedAt: '2026-12-02T10:10:00Z' },
      'ai-gateway',
    );
    const missing: GrantDrift = {
      detectedAt: '2026-12-02T10:15:00Z',
      differences: [{ object, change: 'missing' }],
    };
    expect(
      (await store.recordDrift(grant.id, missing, 'ai-gateway')).drift
        ?.differences,
    ).toEqual(missing.differences);
    expect((await store.clearDrift(grant.id, owen)).drift).toBeUndefined();
    expect((await store.clearDrift(grant.id, owen)).drift).toBeUndefined();
    const types = (await store.history({ grantId: grant.id })).map(e => e.type);
    expect(types.slice(2)).toEqual([
      'objects-recorded',
      'drift-detected',
      'drift-detected',
      'drift-cleared',
    ]);
    await store.revoke(grant.id, owen);
    await expect(
      store.recordDrift(grant.id, missing, 'ai-gateway'),
    ).rejects.toThrow(ConflictError);
    expect((await store.recordObjects(grant.id, [], owen)).objects).toEqual([]);
  });
});
