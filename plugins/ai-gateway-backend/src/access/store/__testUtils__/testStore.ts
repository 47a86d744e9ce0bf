import {
  mockServices,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import knexFactory, { Knex } from 'knex';
import { DatabaseAccessStore } from '../DatabaseAccessStore';
import type { Approval, NewAccessRequest } from '../types';

const PG_VAR = 'BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING';
// PostgreSQL listens on 127.0.0.1:5432 on these machines and in CI: the store is always tested on it and on SQLite
process.env[PG_VAR] ??= 'postgresql://postgres@127.0.0.1:5432';

export type { TestDatabaseId };

/** One per test file (it registers its own afterAll that drops the databases). */
export function createTestDatabases(): TestDatabases {
  return TestDatabases.create({
    ids: ['POSTGRES_15', 'SQLITE_3'],
    disableDocker: true,
  });
}

/** A mutable clock the stores record times with. */
export class TestClock {
  constructor(public current = new Date('2026-12-02T10:00:00.000Z')) {}
  readonly now = () => this.current;
  set(iso: string): void {
    this.current = new Date(iso);
  }
}

const extraConnections: Knex[] = [];

/** Close the second replicas' connections (PostgreSQL cannot drop a database that still has connections). */
export async function closeReplicas(): Promise<void> {
  await Promise.all(extraConnections.splice(0).map(k => k.destroy()));
}

/**
 * A migrated store on a fresh database, and `replica()`: a second store on the same database as another backend
 * replica would have it (its own connection pool on PostgreSQL; SQLite's in-memory database has one connection, so
 * there the second store shares it).
 */
export async function createTestStore(
  databases: TestDatabases,
  id: TestDatabaseId,
  clock = new TestClock(),
) {
  const knex = await databases.init(id);
  const database = mockServices.database({ knex, migrations: { skip: false } });
  const store = await DatabaseAccessStore.create(database, {
    clock: clock.now,
  });
  async function replica(): Promise<DatabaseAccessStore> {
    if (id.startsWith('SQLITE'))
      return new DatabaseAccessStore(knex, { clock: clock.now });
    const config = knex.client.config as Knex.Config;
    const other = knexFactory({
      client: config.client,
      connection: config.connection,
      pool: { min: 0, max: 5 },
    });
    extraConnections.push(other);
    return new DatabaseAccessStore(other, { clock: clock.now });
  }
  return { knex, store, clock, replica };
}

export function newRequest(
  overrides: Partial<NewAccessRequest> = {},
): NewAccessRequest {
  return {
    apiRef: 'api:team-support/support-openai',
    consumerRef: 'component:team-agents/triage-agent',
    requestedBy: 'user:default/ada',
    scope: {
      models: ['gpt-4o-mini', 'gpt-4o'],
      limits: { requestsPerMinute: 60 },
    },
    reason: 'triage agent needs a model',
    expiresAt: '2027-03-02T10:00:00.000Z',
    ...overrides,
  };
}

export function approval(overrides: Partial<Approval> = {}): Approval {
  return {
    by: 'user:default/owen',
    scope: { models: ['gpt-4o-mini'], limits: { requestsPerMinute: 30 } },
    expiresAt: '2027-01-02T10:00:00.000Z',
    note: 'one model is enough',
    ...overrides,
  };
}
