import { DatabaseService } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { migratePluginDatabase } from '../access/store/migrate';
import { McpServerKey as A2aAgentKey } from '../mcp/store';
import { AgentCard } from './card';

export type { A2aAgentKey };

/** What the last A2A discovery of one backend found; a failure keeps the last known card. */
export interface A2aDiscoveryResult {
  status: 'ok' | 'failed' | 'pending';
  card?: AgentCard;
  /** where the card was fetched */
  cardUrl?: string;
  /** ISO time of the last successful fetch */
  discoveredAt?: string;
  error?: { at: string; message: string };
}

export interface StoredA2aAgent extends A2aAgentKey {
  result: A2aDiscoveryResult;
  /** ms since epoch of the last write */
  updatedAt: number;
}

/** Persistence of A2A discovery results (the service keeps an in-memory copy). */
export interface A2aDiscoveryStore {
  list(sinceMs?: number): Promise<StoredA2aAgent[]>;
  put(key: A2aAgentKey, result: A2aDiscoveryResult): Promise<StoredA2aAgent>;
  delete(key: A2aAgentKey): Promise<void>;
}

const TABLE = 'ai_gateway_a2a_agents';

interface Row {
  cluster: string;
  namespace: string;
  backend: string;
  status: string;
  card: string | null;
  card_url: string | null;
  discovered_at: string | null;
  error_at: string | null;
  error_message: string | null;
  updated_at: number | string;
}

function fromRow(row: Row): StoredA2aAgent {
  const status =
    row.status === 'ok' || row.status === 'failed' ? row.status : 'pending';
  return {
    cluster: row.cluster,
    namespace: row.namespace,
    backend: row.backend,
    updatedAt: Number(row.updated_at),
    result: {
      status,
      card: row.card ? JSON.parse(row.card) : undefined,
      cardUrl: row.card_url ?? undefined,
      discoveredAt: row.discovered_at ?? undefined,
      error: row.error_at
        ? { at: row.error_at, message: row.error_message ?? '' }
        : undefined,
    },
  };
}

/** {@link A2aDiscoveryStore} on the plugin's database (a sibling of the MCP discovery table, same migrations). */
export class DatabaseA2aDiscoveryStore implements A2aDiscoveryStore {
  private lastWrite = 0;

  static async create(
    database: DatabaseService,
  ): Promise<DatabaseA2aDiscoveryStore> {
    const knex = await database.getClient();
    if (!database.migrations?.skip) await migratePluginDatabase(knex);
    return new DatabaseA2aDiscoveryStore(knex);
  }

  constructor(private readonly knex: Knex) {}

  async list(sinceMs?: number): Promise<StoredA2aAgent[]> {
    const query = this.knex<Row>(TABLE)
      .select('*')
      .orderBy(['cluster', 'namespace', 'backend']);
    if (sinceMs !== undefined) query.where('updated_at', '>', sinceMs);
    return (await query).map(fromRow);
  }

  async put(
    key: A2aAgentKey,
    result: A2aDiscoveryResult,
  ): Promise<StoredA2aAgent> {
    // strictly increasing per process so `list(since)` never misses two writes in the same millisecond
    const updatedAt = Math.max(Date.now(), this.lastWrite + 1);
    this.lastWrite = updatedAt;
    await this.knex<Row>(TABLE)
      .insert({
        cluster: key.cluster,
        namespace: key.namespace,
        backend: key.backend,
        status: result.status,
        card: result.card ? JSON.stringify(result.card) : null,
        card_url: result.cardUrl ?? null,
        discovered_at: result.discoveredAt ?? null,
        error_at: result.error?.at ?? null,
        error_message: result.error?.message ?? null,
        updated_at: updatedAt,
      })
      .onConflict(['cluster', 'namespace', 'backend'])
      .merge();
    return { ...key, result, updatedAt };
  }

  async delete(key: A2aAgentKey): Promise<void> {
    await this.knex<Row>(TABLE)
      .where({
        cluster: key.cluster,
        namespace: key.namespace,
        backend: key.backend,
      })
      .delete();
  }
}
