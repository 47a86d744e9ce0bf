import { DatabaseService } from '@backstage/backend-plugin-api';
import { McpDiscoveryResult } from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { Knex } from 'knex';
import { migratePluginDatabase } from '../access/store/migrate';

/** Identifies one MCP backend. */
export interface McpServerKey {
  cluster: string;
  namespace: string;
  backend: string;
}

export interface StoredMcpServer extends McpServerKey {
  result: McpDiscoveryResult;
  /** ms since epoch of the last write */
  updatedAt: number;
}

/** Persistence of MCP discovery results (the service keeps an in-memory copy). */
export interface McpDiscoveryStore {
  /** every row, or those written after `sinceMs` */
  list(sinceMs?: number): Promise<StoredMcpServer[]>;
  put(key: McpServerKey, result: McpDiscoveryResult): Promise<StoredMcpServer>;
  delete(key: McpServerKey): Promise<void>;
}

const TABLE = 'ai_gateway_mcp_servers';

interface Row {
  cluster: string;
  namespace: string;
  backend: string;
  status: string;
  server_info: string | null;
  tools: string;
  prompts: string;
  resources: string;
  discovered_at: string | null;
  error_at: string | null;
  error_message: string | null;
  updated_at: number | string;
}

function fromRow(row: Row): StoredMcpServer {
  const status =
    row.status === 'ok' || row.status === 'failed' ? row.status : 'pending';
  return {
    cluster: row.cluster,
    namespace: row.namespace,
    backend: row.backend,
    updatedAt: Number(row.updated_at),
    result: {
      status,
      serverInfo: row.server_info ? JSON.parse(row.server_info) : undefined,
      tools: JSON.parse(row.tools),
      prompts: JSON.parse(row.prompts),
      resources: JSON.parse(row.resources),
      discoveredAt: row.discovered_at ?? undefined,
      error: row.error_at
        ? { at: row.error_at, message: row.error_message ?? '' }
        : undefined,
    },
  };
}

/** {@link McpDiscoveryStore} on the plugin's database (PostgreSQL, SQLite, MySQL through knex). */
export class DatabaseMcpDiscoveryStore implements McpDiscoveryStore {
  private lastWrite = 0;

  /** Runs the migrations in `migrations/` (unless `database.skipMigrations`) and returns the store. */
  static async create(
    database: DatabaseService,
  ): Promise<DatabaseMcpDiscoveryStore> {
    const knex = await database.getClient();
    // shared with the access store: serialised across replicas (PostgreSQL advisory lock), retried while locked
    if (!database.migrations?.skip) await migratePluginDatabase(knex);
    return new DatabaseMcpDiscoveryStore(knex);
  }

  constructor(private readonly knex: Knex) {}

  async list(sinceMs?: number): Promise<StoredMcpServer[]> {
    const query = this.knex<Row>(TABLE)
      .select('*')
      .orderBy(['cluster', 'namespace', 'backend']);
    if (sinceMs !== undefined) query.where('updated_at', '>', sinceMs);
    return (await query).map(fromRow);
  }

  async put(
    key: McpServerKey,
    result: McpDiscoveryResult,
  ): Promise<StoredMcpServer> {
    // strictly increasing per process so `list(since)` never misses two writes in the same millisecond
    const updatedAt = Math.max(Date.now(), this.lastWrite + 1);
    this.lastWrite = updatedAt;
    const row: Row = {
      cluster: key.cluster,
      namespace: key.namespace,
      backend: key.backend,
      status: result.status,
      server_info: result.serverInfo ? JSON.stringify(result.serverInfo) : null,
      tools: JSON.stringify(result.tools),
      prompts: JSON.stringify(result.prompts),
      resources: JSON.stringify(result.resources),
      discovered_at: result.discoveredAt ?? null,
      error_at: result.error?.at ?? null,
      error_message: result.error?.message ?? null,
      updated_at: updatedAt,
    };
    await this.knex<Row>(TABLE)
      .insert(row)
      .onConflict(['cluster', 'namespace', 'backend'])
      .merge();
    return {
      cluster: key.cluster,
      namespace: key.namespace,
      backend: key.backend,
      result,
      updatedAt,
    };
  }

  async delete(key: McpServerKey): Promise<void> {
    await this.knex<Row>(TABLE)
      .where({
        cluster: key.cluster,
        namespace: key.namespace,
        backend: key.backend,
      })
      .delete();
  }
}
