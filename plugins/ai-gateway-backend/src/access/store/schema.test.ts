import { mockServices } from '@backstage/backend-test-utils';
import { randomBytes } from 'node:crypto';
import knexFactory, { Knex } from 'knex';
import { DatabaseAccessStore } from './DatabaseAccessStore';
import { DatabaseMcpDiscoveryStore } from '../../mcp/store';
import {
  approval,
  createTestDatabases,
  createTestStore,
  newRequest,
} from './__testUtils__/testStore';

jest.setTimeout(60_000);

const databases = createTestDatabases();

/** A key as the backend generates it (`agw_` + 32 random bytes base64url). */
const realKey = () => `agw_${randomBytes(32).toString('base64url')}`;

describe.each(databases.eachSupportedId())('access store schema on %p', id => {
  it('has no column that could hold a key', async () => {
    const { knex } = await createTestStore(databases, id);
    const columns = {
      requests: await knex('ai_gateway_access_requests').columnInfo(),
      grants: await knex('ai_gateway_access_grants').columnInfo(),
      events: await knex('ai_gateway_access_events').columnInfo(),
    };
    const keyish = Object.entries(columns).flatMap(([table, info]) =>
      Object.keys(info)
        .filter(c => /key|hash|secret|token/.test(c))
        .map(c => `${table}.${c}`),
    );
    expect(keyish.sort()).toEqual([
      'grants.key_id',
      'grants.key_issued_at',
      'grants.key_prefix',
      'grants.previous_key_expires_at',
      'grants.previous_key_id',
    ]);
    // a key is 47 characters; these columns are shorter (SQLite declares but does not enforce lengths: the store
    // refuses longer values itself)
    expect(Number(columns.grants.key_id.maxLength)).toBe(32);
    expect(Number(columns.grants.previous_key_id.maxLength)).toBe(32);
    expect(Number(columns.grants.key_prefix.maxLength)).toBe(12);
    expect(realKey()).toHaveLength(47);
  });

  it('refuses a key in every free-text field, so none reaches a row', async () => {
    const { knex, store } = await createTestStore(databases, id);
    const key = realKey();
    const attempts: Array<() => Promise<unknown>> = [
      () => store.createRequest(newRequest({ reason: `use ${key}` })),
      () => store.createRequest(newRequest({ scope: { models: [key] } })),
    ];
    const request = await store.createRequest(newRequest());
    attempts.push(
      () => store.approve(request.id, approval({ note: key })),
      () => store.approve(request.id, approval({ scope: { tools: [key] } })),
      () => store.decide(request.id, 'denied', 'user:default/owen', key),
    );
    const { grant } = await store.approve(request.id, approval());
    attempts.push(
      () =>
        store.issueKey(grant.id, {
          keyId: key,
          keyPrefix: 'agw_x',
          by: 'user:default/ada',
        }),
      () =>
        store.issueKey(grant.id, {
          keyId: 'key-1',
          keyPrefix: key,
          by: 'user:default/ada',
        }),
      () =>
        store.recordObjects(
          grant.id,
          [{ cluster: 'c', kind: 'Secret', namespace: 'n', name: key }],
          'x',
        ),
      () => store.revoke(grant.id, 'user:default/owen', key),
      () => store.undoApproval(request.id, 'user:default/owen', key),
    );
    for (const attempt of attempts) {
      await expect(attempt()).rejects.toMatchObject({ name: 'InputError' });
    }
    await store.issueKey(grant.id, {
      keyId: 'key-1',
      keyPrefix: key.slice(0, 8),
      by: 'user:default/ada',
    });
    const rows = [
      ...(await knex('ai_gateway_access_requests')),
      ...(await knex('ai_gateway_access_grants')),
      ...(await knex('ai_gateway_access_events')),
    ];
    expect(rows.length).toBeGreaterThan(4);
    expect(JSON.stringify(rows)).not.toContain(key.slice(0, 12));
  });

  it('runs the migrations once on a second start, and down again', async () => {
    const { knex } = await createTestStore(databases, id);
    const again = await DatabaseAccessStore.create(
      mockServices.database({ knex, migrations: { skip: false } }),
    );
    await again.createRequest(newRequest());
    expect(await again.listRequests({})).toHaveLength(1);
    await knex.migrate.rollback(
      {
        directory: `${__dirname}/../../../migrations`,
        tableName: 'ai_gateway_knex_migrations',
      },
      true,
    );
    expect(await knex.schema.hasTable('ai_gateway_access_requests')).toBe(
      false,
    );
    expect(await knex.schema.hasTable('ai_gateway_mcp_servers')).toBe(false);
  });
});

describe('two replicas starting at once', () => {
  const others: Knex[] = [];
  afterEach(async () => Promise.all(others.splice(0).map(k => k.destroy())));

  it.each(databases.eachSupportedId().filter(([id]) => id === 'POSTGRES_15'))(
    'create both stores of one %p database without failing',
    async id => {
      for (let round = 0; round < 3; round++) {
        const knex = await databases.init(id);
        const config = knex.client.config as Knex.Config;
        const replicas = [1, 2, 3].map(() =>
          // small pools: a PostgreSQL run needs two connections, so runs on one pool must queue
          knexFactory({
            client: config.client,
            connection: config.connection,
            pool: { min: 0, max: 2 },
          }),
        );
        others.push(...replicas);
        // each replica creates both stores of the plugin at once, as plugin.ts may
        await Promise.all(
          [knex, ...replicas].flatMap(k => {
            const database = mockServices.database({
              knex: k,
              migrations: { skip: false },
            });
            return [
              DatabaseAccessStore.create(database),
              DatabaseMcpDiscoveryStore.create(database),
            ];
          }),
        );
        expect(await knex.schema.hasTable('ai_gateway_access_events')).toBe(
          true,
        );
        expect(await knex.schema.hasTable('ai_gateway_mcp_servers')).toBe(true);
        expect(await knex('ai_gateway_knex_migrations_lock')).toHaveLength(1);
        await Promise.all(replicas.map(k => k.destroy()));
      }
    },
  );
});
