import { DatabaseService } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import {
  BackendKey,
  DatabaseResultStore,
  fromJson,
  migratedClient,
  RemoteResult,
  ResultStore,
  ResultTable,
  StoredResult,
  toJson,
} from '../remoteDiscovery';
import { AgentCard } from './card';

/** Identifies one A2A backend. */
export type A2aAgentKey = BackendKey;

/** What the last A2A discovery of one backend found; a failure keeps the last known card. */
export interface A2aDiscoveryResult extends RemoteResult {
  card?: AgentCard;
  /** where the card was fetched */
  cardUrl?: string;
}

export type StoredA2aAgent = StoredResult<A2aDiscoveryResult>;

/** Persistence of A2A discovery results (the service keeps an in-memory copy). */
export type A2aDiscoveryStore = ResultStore<A2aDiscoveryResult>;

/** `ai_gateway_a2a_agents` (migration 20261202300000_a2a_discovery.js): the card as JSON. */
const A2A_TABLE: ResultTable<A2aDiscoveryResult> = {
  name: 'ai_gateway_a2a_agents',
  columns: result => ({
    card: toJson(result.card),
    card_url: result.cardUrl ?? null,
  }),
  payload: row => ({
    card: fromJson(row.card),
    cardUrl: typeof row.card_url === 'string' ? row.card_url : undefined,
  }),
};

/** {@link A2aDiscoveryStore} on the plugin's database (a sibling of the MCP discovery table, same migrations). */
export class DatabaseA2aDiscoveryStore extends DatabaseResultStore<A2aDiscoveryResult> {
  static async create(
    database: DatabaseService,
  ): Promise<DatabaseA2aDiscoveryStore> {
    return new DatabaseA2aDiscoveryStore(await migratedClient(database));
  }

  constructor(knex: Knex) {
    super(knex, A2A_TABLE);
  }
}
