import { DatabaseService } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { migratePluginDatabase } from '../access/store/migrate';
import {
  BackendKey,
  Payload,
  RemoteResult,
  ResultStore,
  StoredResult,
} from './types';

/** A row as the database returns it: the shared columns typed, the kind's own columns unknown. */
export type ResultRow = Record<string, unknown> & {
  cluster: string;
  namespace: string;
  backend: string;
  status: string;
  discovered_at: string | null;
  error_at: string | null;
  error_message: string | null;
  updated_at: number | string;
};

/**
 * One kind's results table (created by the migrations in `migrations/`, which stay as shipped): besides the shared
 * columns (cluster, namespace, backend — the primary key —, status, discovered_at, error_at, error_message,
 * updated_at) it has the kind's own columns.
 */
export interface ResultTable<R extends RemoteResult> {
  name: string;
  /** the kind's own columns of a result */
  columns(result: R): Record<string, string | null>;
  /** the kind's payload from its own columns */
  payload(row: ResultRow): Payload<R>;
}

/** An optional JSON column: null for an absent value, and back. */
export const toJson = (v: unknown) => (v ? JSON.stringify(v) : null);
export const fromJson = (v: unknown) =>
  typeof v === 'string' && v ? JSON.parse(v) : undefined;

/** The plugin database's client after its migrations (unless `database.skipMigrations`). */
export async function migratedClient(database: DatabaseService): Promise<Knex> {
  const knex = await database.getClient();
  // shared with the access store: serialised across replicas (PostgreSQL advisory lock), retried while locked
  if (!database.migrations?.skip) await migratePluginDatabase(knex);
  return knex;
}

/** {@link ResultStore} on one table of the plugin's database (PostgreSQL, SQLite, MySQL through knex). */
export class DatabaseResultStore<R extends RemoteResult>
  implements ResultStore<R>
{
  private lastWrite = 0;

  constructor(
    private readonly knex: Knex,
    private readonly table: ResultTable<R>,
  ) {}

  async list(sinceMs?: number): Promise<StoredResult<R>[]> {
    const query = this.knex<ResultRow>(this.table.name)
      .select('*')
      .orderBy(['cluster', 'namespace', 'backend']);
    if (sinceMs !== undefined) query.where('updated_at', '>', sinceMs);
    return (await query).map(row => this.fromRow(row));
  }

  async put(key: BackendKey, result: R): Promise<StoredResult<R>> {
    // strictly increasing per process so `list(since)` never misses two writes in the same millisecond
    const updatedAt = Math.max(Date.now(), this.lastWrite + 1);
    this.lastWrite = updatedAt;
    await this.knex(this.table.name)
      .insert({
        cluster: key.cluster,
        namespace: key.namespace,
        backend: key.backend,
        status: result.status,
        ...this.table.columns(result),
        discovered_at: result.discoveredAt ?? null,
        error_at: result.error?.at ?? null,
        error_message: result.error?.message ?? null,
        updated_at: updatedAt,
      })
      .onConflict(['cluster', 'namespace', 'backend'])
      .merge();
    const { cluster, namespace, backend } = key;
    return { cluster, namespace, backend, result, updatedAt };
  }

  async delete(key: BackendKey): Promise<void> {
    const { cluster, namespace, backend } = key;
    await this.knex(this.table.name)
      .where({ cluster, namespace, backend })
      .delete();
  }

  private fromRow(row: ResultRow): StoredResult<R> {
    const status =
      row.status === 'ok' || row.status === 'failed' ? row.status : 'pending';
    const result = {
      status,
      ...this.table.payload(row),
      discoveredAt: row.discovered_at ?? undefined,
      error: row.error_at
        ? { at: row.error_at, message: row.error_message ?? '' }
        : undefined,
    } as R;
    return {
      cluster: row.cluster,
      namespace: row.namespace,
      backend: row.backend,
      updatedAt: Number(row.updated_at),
      result,
    };
  }
}
