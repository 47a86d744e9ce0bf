import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import { PendingRequestExistsError } from './errors';
import {
  approval,
  closeReplicas,
  createTestDatabases,
  createTestStore,
  newRequest,
} from './__testUtils__/testStore';

jest.setTimeout(60_000);

const databases = createTestDatabases();
afterEach(closeReplicas);

describe.each(databases.eachSupportedId())('access requests on %p', id => {
  it('creates the tables by migration and a pending request with its event', async () => {
    const { knex, store } = await createTestStore(databases, id);
    for (const table of ['requests', 'grants', 'events']) {
      expect(await knex.schema.hasTable(`ai_gateway_access_${table}`)).toBe(
        true,
      );
    }
    const request = await store.createRequest(newRequest());
    expect(request).toEqual({
      id: expect.stringMatching(/^[a-z0-9]{10}$/),
      apiRef: 'api:team-support/support-openai',
      consumerRef: 'component:team-agents/triage-agent',
      requestedBy: 'user:default/ada',
      scope: {
        models: ['gpt-4o-mini', 'gpt-4o'],
        limits: { requestsPerMinute: 60 },
      },
      reason: 'triage agent needs a model',
      expiresAt: '2027-03-02T10:00:00.000Z',
      state: 'pending',
      createdAt: '2026-12-02T10:00:00.000Z',
    });
    expect(await store.getRequest(request.id)).toEqual(request);
    expect(await store.getRequest('nosuchid00')).toBeUndefined();
    expect(await store.history({ requestId: request.id })).toEqual([
      {
        id: expect.any(Number),
        type: 'request-created',
        actor: 'user:default/ada',
        at: '2026-12-02T10:00:00.000Z',
        requestId: request.id,
        detail: {
          apiRef: request.apiRef,
          consumerRef: request.consumerRef,
          scope: request.scope,
          expiresAt: request.expiresAt,
        },
      },
    ]);
  });

  it('allows one pending request per consumer and API (409 naming it), another after a decision', async () => {
    const { store, clock } = await createTestStore(databases, id);
    const first = await store.createRequest(newRequest());
    const second = store.createRequest(newRequest({ reason: 'again' }));
    await expect(second).rejects.toThrow(ConflictError);
    await expect(second).rejects.toThrow(`already pending: ${first.id}`);
    await expect(second).rejects.toBeInstanceOf(PendingRequestExistsError);
    await expect(second).rejects.toMatchObject({
      name: 'ConflictError',
      pendingRequestId: first.id,
    });
    // other consumer or other API: fine
    await store.createRequest(
      newRequest({ consumerRef: 'group:team-agents/agents' }),
    );
    await store.createRequest(
      newRequest({ apiRef: 'api:team-support/support-kb-mcp' }),
    );
    await store.decide(first.id, 'denied', 'user:default/owen', 'no budget');
    clock.set('2026-12-02T10:00:00.001Z');
    const third = await store.createRequest(newRequest({ reason: 'please' }));
    expect(third.state).toBe('pending');
    expect(
      await store.listRequests({
        consumerRef: first.consumerRef,
        apiRef: first.apiRef,
      }),
    ).toEqual([
      third,
      expect.objectContaining({ id: first.id, state: 'denied' }),
    ]);
  });

  it('approves once into a grant awaiting its key; a second decision is a 409 with the state', async () => {
    const { store, clock } = await createTestStore(databases, id);
    const request = await store.createRequest(newRequest());
    clock.set('2026-12-02T11:00:00.000Z');
    const { request: approved, grant } = await store.approve(
      request.id,
      approval(),
    );
    expect(approved).toEqual({
      ...request,
      state: 'approved',
      decidedBy: 'user:default/owen',
      decidedAt: '2026-12-02T11:00:00.000Z',
      decisionNote: 'one model is enough',
      grantId: grant.id,
    });
    expect(grant).toEqual({
      id: expect.stringMatching(/^[a-z0-9]{10}$/),
      requestId: request.id,
      apiRef: request.apiRef,
      consumerRef: request.consumerRef,
      scope: { models: ['gpt-4o-mini'], limits: { requestsPerMinute: 30 } },
      state: 'awaiting-key',
      createdAt: '2026-12-02T11:00:00.000Z',
      expiresAt: '2027-01-02T10:00:00.000Z',
      approvedBy: 'user:default/owen',
      objects: [],
    });
    expect(await store.getGrant(grant.id)).toEqual(grant);
    expect(await store.getGrantByRequest(request.id)).toEqual(grant);
    for (const attempt of [
      store.approve(request.id, approval()),
      store.decide(request.id, 'denied', 'user:default/owen'),
      store.decide(request.id, 'cancelled', 'user:default/ada'),
      store.decide(request.id, 'closed', 'ai-gateway'),
    ]) {
      await expect(attempt).rejects.toThrow(ConflictError);
      await expect(attempt).rejects.toThrow(
        `access request ${request.id} is approved`,
      );
    }
    expect(await store.listGrants({ apiRef: request.apiRef })).toEqual([grant]);
    expect(
      (await store.history({ requestId: request.id })).map(e => e.type),
    ).toEqual(['request-created', 'request-approved', 'grant-created']);
    expect(await store.history({ grantId: grant.id })).toEqual([
      expect.objectContaining({
        type: 'request-approved',
        detail: { autoApproved: false, note: 'one model is enough' },
      }),
      expect.objectContaining({
        type: 'grant-created',
        actor: 'user:default/owen',
        detail: { scope: grant.scope, expiresAt: grant.expiresAt },
      }),
    ]);
  });

  it('records auto-approval, objects and unenforced limits given at approval', async () => {
    const { store } = await createTestStore(databases, id);
    const request = await store.createRequest(newRequest());
    const objects = [
      {
        cluster: 'local',
        kind: 'Secret',
        namespace: 'team-support',
        name: 'aigw-grant-x',
      },
    ];
    const { request: approved, grant } = await store.approve(
      request.id,
      approval({
        by: 'ai-gateway',
        note: undefined,
        autoApproved: true,
        objects,
        unenforcedLimits: 'no global rate limit',
      }),
    );
    expect(approved.autoApproved).toBe(true);
    expect(approved.decisionNote).toBeUndefined();
    expect(grant.objects).toEqual(objects);
    expect(grant.unenforcedLimits).toBe('no global rate limit');
  });

  it.each(['denied', 'cancelled', 'closed'] as const)(
    'moves pending to %s once',
    async to => {
      const { store } = await createTestStore(databases, id);
      const request = await store.createRequest(newRequest());
      const decided = await store.decide(
        request.id,
        to,
        'user:default/someone',
        'because',
      );
      expect(decided).toEqual({
        ...request,
        state: to,
        decidedBy: 'user:default/someone',
        decidedAt: '2026-12-02T10:00:00.000Z',
        decisionNote: 'because',
      });
      await expect(store.approve(request.id, approval())).rejects.toThrow(
        `is ${to}; only a pending request`,
      );
      expect(await store.getGrantByRequest(request.id)).toBeUndefined();
      const events = await store.history({ requestId: request.id });
      expect(events[1]).toMatchObject({
        type: `request-${to}`,
        actor: 'user:default/someone',
        detail: { note: 'because' },
      });
    },
  );

  it('404s for unknown requests and 400s bad input before writing', async () => {
    const { store, knex } = await createTestStore(databases, id);
    await expect(
      store.decide('nosuchid00', 'denied', 'user:default/owen'),
    ).rejects.toThrow(NotFoundError);
    await expect(store.approve('nosuchid00', approval())).rejects.toThrow(
      NotFoundError,
    );
    await expect(
      store.createRequest(newRequest({ expiresAt: 'next tuesday' })),
    ).rejects.toThrow(
      new InputError(
        'expiresAt must be an ISO date-time with a time zone, got "next tuesday"',
      ),
    );
    await expect(
      store.createRequest(newRequest({ apiRef: 'a'.repeat(256) })),
    ).rejects.toThrow(/apiRef must be/);
    const key = `agw_${'Zm9vYmFyYmF6cXV4'.repeat(3)}`;
    await expect(
      store.createRequest(newRequest({ reason: `my old key ${key}` })),
    ).rejects.toThrow(new InputError('reason must not contain an API key'));
    const request = await store.createRequest(newRequest());
    await expect(
      store.approve(request.id, approval({ note: key })),
    ).rejects.toThrow(InputError);
    await expect(
      store.approve(request.id, approval({ expiresAt: '' })),
    ).rejects.toThrow(/expiresAt/);
    expect(await knex('ai_gateway_access_grants').count({ n: '*' })).toEqual([
      { n: expect.anything() },
    ]);
    expect(
      Number((await knex('ai_gateway_access_grants').count({ n: '*' }))[0].n),
    ).toBe(0);
    expect((await store.getRequest(request.id))?.state).toBe('pending');
  });

  it('undoes an approval whose objects could not be written', async () => {
    const { store } = await createTestStore(databases, id);
    const request = await store.createRequest(newRequest());
    const { grant } = await store.approve(request.id, approval());
    const undone = await store.undoApproval(
      request.id,
      'user:default/owen',
      'dry-run refused the policy',
    );
    expect(undone).toEqual(request);
    expect(await store.getGrant(grant.id)).toBeUndefined();
    expect(
      (await store.history({ grantId: grant.id })).map(e => e.type),
    ).toEqual(['request-approved', 'grant-created', 'approval-undone']);
    // approvable again; an issued key makes it final
    const again = await store.approve(request.id, approval());
    await store.issueKey(again.grant.id, {
      keyId: 'key-1',
      keyPrefix: 'agw_3fA9',
      by: 'user:default/ada',
    });
    await expect(
      store.undoApproval(request.id, 'user:default/owen', 'late'),
    ).rejects.toThrow(`access grant ${again.grant.id} is active`);
    expect((await store.getGrant(again.grant.id))?.state).toBe('active');
    const pending = await store.createRequest(
      newRequest({ consumerRef: 'group:team-agents/agents' }),
    );
    await expect(
      store.undoApproval(pending.id, 'user:default/owen', 'x'),
    ).rejects.toThrow(
      `access request ${pending.id} is pending; it has no grant to undo`,
    );
  });

  it('refuses to undo when another request for the pair is pending meanwhile', async () => {
    const { store } = await createTestStore(databases, id);
    const request = await store.createRequest(newRequest());
    const { grant } = await store.approve(request.id, approval());
    await store.createRequest(newRequest({ reason: 'more models' }));
    await expect(
      store.undoApproval(request.id, 'user:default/owen', 'failed'),
    ).rejects.toThrow(/cannot be pending again/);
    expect(await store.getGrant(grant.id)).toEqual(grant);
    expect((await store.getRequest(request.id))?.state).toBe('approved');
  });
});
