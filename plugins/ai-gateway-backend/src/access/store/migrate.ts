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

/**
 * Runs the plugin's migrations (all of `migrations/`) so that replicas starting at once on one PostgreSQL do not trip
 * over each other: on PostgreSQL the run holds a transaction-scoped advisory lock (knex's own lock table is created
 * without one, and two first starts can insert two lock rows, which locks the migrations for good); a run that still
 * meets knex's lock waits and retries.
 */
export async function migrateAccessStore(knex: Knex): Promise<void> {
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
