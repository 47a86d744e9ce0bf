import { execFileSync } from 'node:child_process';

const VAR = 'BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING';

/**
 * Store tests run on a real PostgreSQL 15 when one answers on 127.0.0.1:5432 (these machines and CI have it; `.ci/run`
 * exports the variable too): sets the connection string TestDatabases reads when it is not set yet.
 * Returns the database ids to test.
 */
export function databaseIds(): Array<'POSTGRES_15' | 'SQLITE_3'> {
  if (!process.env[VAR]) {
    try {
      execFileSync('pg_isready', ['-h', '127.0.0.1', '-p', '5432', '-q'], {
        timeout: 5000,
      });
      process.env[VAR] = 'postgresql://postgres@127.0.0.1:5432';
    } catch {
      // no PostgreSQL here: SQLite only
    }
  }
  return process.env[VAR] ? ['POSTGRES_15', 'SQLITE_3'] : ['SQLITE_3'];
}
