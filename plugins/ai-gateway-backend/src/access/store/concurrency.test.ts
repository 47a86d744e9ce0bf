import { ConflictError } from '@backstage/errors';
import {
  approval,
  closeReplicas,
  createTestDatabases,
  createTestStore,
  newRequest,
} from './__testUtils__/testStore';

jest.setTimeout(120_000);

const databases = createTestDatabases();
afterEach(closeReplicas);

const ROUNDS = 20;

/** Exactly one of two racing calls won; the other got a 409. */
function oneWinner<T>(results: PromiseSettledResult<T>[]): T {
  const won = results.filter(
    (r): r is PromiseFulfilledResult<T> => r.status === 'fulfilled',
  );
  const lost = results.filter(
    (r): r is PromiseRejectedResult => r.status === 'rejected',
  );
  expect(won).toHaveLength(1);
  expect(lost).toHaveLength(results.length - 1);
  for (const l of lost) expect(l.reason).toBeInstanceOf(ConflictError);
  return won[0].value;
}

/**
 * Two backend replicas on one database (two stores; on PostgreSQL each with its own connection pool) racing the same
 * transitions: they behave as one.
 */
describe.each(databases.eachSupportedId())('two replicas on %p', id => {
  it(`simultaneous approvals create one grant (${ROUNDS} rounds)`, async () => {
    const { store: a, replica, knex } = await createTestStore(databases, id);
    const b = await replica();
    for (let i = 0; i < ROUNDS; i++) {
      const request = await a.createRequest(
        newRequest({ consumerRef: `component:default/agent-${i}` }),
      );
      const winner = oneWinner(
        await Promise.allSettled([
          a.approve(request.id, approval({ by: 'user:default/owen' })),
          b.approve(request.id, approval({ by: 'user:default/olga' })),
        ]),
      );
      const grants = await knex('ai_gateway_access_grants').where({
        request_id: request.id,
      });
      expect(grants).toHaveLength(1);
      expect(grants[0].id).toBe(winner.grant.id);
      expect(grants[0].approved_by).toBe(winner.request.decidedBy);
      expect((await b.getRequest(request.id))?.grantId).toBe(winner.grant.id);
      const events = await a.history({ requestId: request.id });
      expect(events.map(e => e.type)).toEqual([
        'request-created',
        'request-approved',
        'grant-created',
      ]);
    }
  });

  it(`an approval racing a denial or a cancel: one decision (${ROUNDS} rounds)`, async () => {
    const { store: a, replica, knex } = await createTestStore(databases, id);
    const b = await replica();
    for (let i = 0; i < ROUNDS; i++) {
      const request = await b.createRequest(
        newRequest({ consumerRef: `component:default/agent-${i}` }),
      );
      const other =
        i % 2
          ? b.decide(request.id, 'denied', 'user:default/olga')
          : b.decide(request.id, 'cancelled', 'user:default/ada');
      const results = await Promise.allSettled<unknown>([
        a.approve(request.id, approval()),
        other,
      ]);
      oneWinner(results);
      const state = (await a.getRequest(request.id))?.state;
      const grants = await knex('ai_gateway_access_grants').where({
        request_id: request.id,
      });
      expect(grants).toHaveLength(results[0].status === 'fulfilled' ? 1 : 0);
      let expected = i % 2 ? 'denied' : 'cancelled';
      if (results[0].status === 'fulfilled') expected = 'approved';
      expect(state).toBe(expected);
    }
  });

  it(`simultaneous requests for one consumer and API: one pending (${ROUNDS} rounds)`, async () => {
    const { store: a, replica } = await createTestStore(databases, id);
    const b = await replica();
    for (let i = 0; i < ROUNDS; i++) {
      const input = newRequest({ consumerRef: `component:default/agent-${i}` });
      const winner = oneWinner(
        await Promise.allSettled([
          a.createRequest(input),
          b.createRequest(input),
        ]),
      );
      expect(await a.listRequests({ consumerRef: input.consumerRef })).toEqual([
        winner,
      ]);
    }
  });

  it(`claims, rotations and expiries race to one winner (${ROUNDS} rounds)`, async () => {
    const { store: a, replica, clock } = await createTestStore(databases, id);
    const b = await replica();
    for (let i = 0; i < ROUNDS; i++) {
      clock.set('2026-12-02T10:00:00.000Z');
      const request = await a.createRequest(
        newRequest({ consumerRef: `component:default/agent-${i}` }),
      );
      const { grant } = await a.approve(request.id, approval());
      oneWinner(
        await Promise.allSettled([
          a.issueKey(grant.id, {
            keyId: 'key-1',
            keyPrefix: 'agw_a',
            by: 'user:default/ada',
          }),
          b.issueKey(grant.id, {
            keyId: 'key-1',
            keyPrefix: 'agw_b',
            by: 'user:default/ada',
          }),
        ]),
      );
      const rotation = {
        keyPrefix: 'agw_c',
        expectedKeyId: 'key-1',
        previousKeyExpiresAt: '2026-12-03T00:00:00Z',
        by: 'user:default/ada',
      };
      const rotated = oneWinner(
        await Promise.allSettled([
          a.rotateKey(grant.id, { ...rotation, keyId: 'key-2' }),
          b.rotateKey(grant.id, { ...rotation, keyId: 'key-3' }),
        ]),
      );
      expect((await a.getGrant(grant.id))?.keyId).toBe(rotated.grant.keyId);
      clock.set('2027-02-01T00:00:00.000Z');
      oneWinner(
        await Promise.allSettled([
          a.expire(grant.id, 'ai-gateway'),
          b.expire(grant.id, 'ai-gateway'),
        ]),
      );
      const events = (await b.history({ grantId: grant.id })).map(e => e.type);
      expect(events.filter(t => t === 'key-issued')).toHaveLength(1);
      expect(events.filter(t => t === 'key-rotated')).toHaveLength(1);
      expect(events.filter(t => t === 'grant-expired')).toHaveLength(1);
    }
  });
});

describe('PostgreSQL: approvals that really overlap', () => {
  it.each(databases.eachSupportedId().filter(([id]) => id === 'POSTGRES_15'))(
    'both wait on the same row lock, then exactly one creates the grant (%p)',
    async id => {
      const { store: a, replica, knex } = await createTestStore(databases, id);
      const b = await replica();
      for (let i = 0; i < 5; i++) {
        const request = await a.createRequest(
          newRequest({ consumerRef: `component:default/agent-${i}` }),
        );
        // a third session holds the request row, so both approvals block inside their UPDATE at the same time
        const holder = await knex.transaction();
        await holder('ai_gateway_access_requests')
          .where({ id: request.id })
          .forUpdate()
          .first();
        let settled = 0;
        const racing = Promise.allSettled(
          [a, b].map(s =>
            s.approve(request.id, approval()).finally(() => settled++),
          ),
        );
        await new Promise(resolve => setTimeout(resolve, 300));
        expect(settled).toBe(0);
        const blocked = await knex('pg_stat_activity')
          .where({ wait_event_type: 'Lock' })
          .whereRaw('datname = current_database()')
          .count({ n: '*' });
        expect(Number(blocked[0].n)).toBeGreaterThanOrEqual(2);
        await holder.commit();
        oneWinner(await racing);
        expect(
          await knex('ai_gateway_access_grants').where({
            request_id: request.id,
          }),
        ).toHaveLength(1);
      }
    },
  );
});
