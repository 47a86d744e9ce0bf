// @ts-check

/**
 * MCP discovery results: one row per MCP backend (cluster, namespace, backend). The lists are JSON text so the last
 * known tools survive failed discoveries and a server with 10,000 tools is one row.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('ai_gateway_mcp_servers', table => {
    table.comment('What the last MCP discovery of each MCP backend found');
    table.string('cluster', 255).notNullable();
    table.string('namespace', 255).notNullable();
    table.string('backend', 255).notNullable();
    table.string('status', 16).notNullable().comment('ok, failed or pending');
    table.text('server_info').nullable().comment('JSON {name, version}');
    table.text('tools', 'longtext').notNullable().comment('JSON array');
    table.text('prompts', 'longtext').notNullable().comment('JSON array');
    table.text('resources', 'longtext').notNullable().comment('JSON array');
    table
      .string('discovered_at', 32)
      .nullable()
      .comment('ISO time of the last success');
    table
      .string('error_at', 32)
      .nullable()
      .comment('ISO time of the last failure');
    table.text('error_message').nullable();
    table
      .bigInteger('updated_at')
      .notNullable()
      .comment('ms since epoch of the last write');
    table.primary(['cluster', 'namespace', 'backend']);
    table.index(['updated_at'], 'ai_gateway_mcp_servers_updated_at_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('ai_gateway_mcp_servers');
};
