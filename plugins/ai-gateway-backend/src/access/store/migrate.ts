import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';

const MIGRATIONS_TABLE = 'ai_gateway_knex_migrations';
/** pg_advisory_xact_lock key serialising this plugin's migrations across replicas (any constant bigint) */
const PG_MIGRATION_LOCK = 7_411_650_201;

/**
 * Another migration of the same database at the same moment: knex's migration lock is held (e.g. the MCP discovery
 * store migrating in this process), or the migrations table appeared between knex's check and its CREATE.
 */
function startRace(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  return (
    /already locked|already exists/i.test(error.message) ||
    code === '42P07' ||
    code === '23505'
  );
}

/** one run at a time per connection pool in this process (a run on PostgreSQL needs two of the pool's connections) */
const running = new WeakMap<Knex, Promise<void>>();

/**
 * Runs the plugin's migrations (all of `migrations/`; the MCP discovery store uses it too) so that stores and replicas
 * starting at once do not trip over each other: runs on one pool are queued; on PostgreSQL a run holds a
 * transaction-scoped advisory lock (knex creates its own lock table without one, and two first starts can insert two
 * lock rows, which locks the migrations for good); a run that still meets knex's lock waits and retries.
 */
export function migratePluginDatabase(knex: Knex): Promise<void> {
  const previous = running.get(knex) ?? Promise.resolve();
  const next = previous.catch(() => undefined).then(() => migrate(knex));
  running.set(knex, next);
  return next;
}

async function migrate(knex: Knex): Promise<void> {
  const directory = resolvePackagePath(
    '@ai-gateway-backstage/plugin-ai-gateway-backend',
    'migrations',
  );
  const latest = () =>
    knex.migrate.latest({ directory, tableName: MIGRATIONS_TABLE });
  for (let attempt = 1; ; attempt++) {
    try {
      if (knex.client.dialect === 'postgresql') {
        // the lock holds one pooled connection; knex migrates on another
        await knex.transaction(async trx => {
          await trx.raw('SELECT pg_advisory_xact_lock(?)', [PG_MIGRATION_LOCK]);
          await latest();
        });
      } else {
        await latest();
      }
      return;
    } catch (error: unknown) {
      if (!startRace(error) || attempt >= 60) throw error;
      await new Promise(resolve => setTimeout(resolve, 500));
    }
  }
}

/** The access store's name for {@link migratePluginDatabase}. */
export const migrateAccessStore = migratePluginDatabase;
