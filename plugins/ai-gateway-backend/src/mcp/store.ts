import { DatabaseService } from '@backstage/backend-plugin-api';
import { McpDiscoveryResult } from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { Knex } from 'knex';
import {
  BackendKey,
  DatabaseResultStore,
  fromJson,
  migratedClient,
  ResultStore,
  ResultTable,
  StoredResult,
  toJson,
} from '../remoteDiscovery';

/** Identifies one MCP backend. */
export type McpServerKey = BackendKey;

export type StoredMcpServer = StoredResult<McpDiscoveryResult>;

/** Persistence of MCP discovery results (the service keeps an in-memory copy). */
export type McpDiscoveryStore = ResultStore<McpDiscoveryResult>;

/** `ai_gateway_mcp_servers` (migration 20261202000000_mcp_discovery.js): the lists as JSON. */
const MCP_TABLE: ResultTable<McpDiscoveryResult> = {
  name: 'ai_gateway_mcp_servers',
  columns: result => ({
    server_info: toJson(result.serverInfo),
    tools: JSON.stringify(result.tools),
    prompts: JSON.stringify(result.prompts),
    resources: JSON.stringify(result.resources),
  }),
  payload: row => ({
    serverInfo: fromJson(row.server_info),
    tools: JSON.parse(String(row.tools)),
    prompts: JSON.parse(String(row.prompts)),
    resources: JSON.parse(String(row.resources)),
  }),
};

/** {@link McpDiscoveryStore} on the plugin's database (PostgreSQL, SQLite, MySQL through knex). */
export class DatabaseMcpDiscoveryStore extends DatabaseResultStore<McpDiscoveryResult> {
  /** Runs the migrations in `migrations/` (unless `database.skipMigrations`) and returns the store. */
  static async create(
    database: DatabaseService,
  ): Promise<DatabaseMcpDiscoveryStore> {
    return new DatabaseMcpDiscoveryStore(await migratedClient(database));
  }

  constructor(knex: Knex) {
    super(knex, MCP_TABLE);
  }
}
