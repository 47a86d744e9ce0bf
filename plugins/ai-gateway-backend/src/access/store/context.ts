import { ConflictError, NotFoundError } from '@backstage/errors';
import { Knex } from 'knex';

/** What the request and grant operations share: the database and the clock. */
export interface StoreContext {
  knex: Knex;
  /** the current time as the store records it (ISO) */
  now(): string;
}

/** After a conditional UPDATE changed nothing: 404 if the row is gone, else 409 with its current state. */
export async function notChanged(
  db: Knex,
  table: string,
  what: 'request' | 'grant',
  id: string,
  expected: string,
): Promise<Error> {
  const row = await db(table)
    .where({ id })
    .first<{ state: string } | undefined>('state');
  if (!row) return new NotFoundError(`access ${what} ${id} not found`);
  return new ConflictError(`access ${what} ${id} is ${row.state}; ${expected}`);
}
