// @ts-check

/**
 * A2A discovery results: one row per A2A backend (cluster, namespace, backend) with the last agent card fetched
 * (JSON text, kept when a later fetch fails) and when and why the last fetch failed.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('ai_gateway_a2a_agents', table => {
    table.comment('What the last A2A discovery of each A2A backend found');
    table.string('cluster', 255).notNullable();
    table.string('namespace', 255).notNullable();
    table.string('backend', 255).notNullable();
    table.string('status', 16).notNullable().comment('ok, failed or pending');
    table.text('card', 'longtext').nullable().comment('JSON agent card');
    table.text('card_url').nullable().comment('where the card was fetched');
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
    table.index(['updated_at'], 'ai_gateway_a2a_agents_updated_at_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('ai_gateway_a2a_agents');
};
