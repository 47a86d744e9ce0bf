// @ts-check

/**
 * Self-service access: requests, grants and their history. Times are ISO strings (`toISOString()`, UTC) so they sort
 * and compare as text the same way on PostgreSQL and SQLite. No column holds a key: a grant records the Secret data
 * key name of its key entry (`key_id`, e.g. `key-1`) and a short prefix; the key's hash lives only in the cluster.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('ai_gateway_access_requests', table => {
    table.comment(
      'Requests for access to an AI API (llm / mcp-server / a2a) for a consumer entity',
    );
    table.string('id', 16).primary();
    table.string('api_ref', 255).notNullable();
    table.string('consumer_ref', 255).notNullable();
    table.string('requested_by', 255).notNullable().comment('user entity ref');
    table.text('scope').notNullable().comment('JSON AccessScope as asked');
    table.text('reason').notNullable();
    table
      .string('expires_at', 32)
      .notNullable()
      .comment('ISO, requested expiry');
    table
      .string('state', 16)
      .notNullable()
      .comment('pending, approved, denied, cancelled or closed');
    table.string('created_at', 32).notNullable().comment('ISO');
    table.string('decided_by', 255).nullable();
    table.string('decided_at', 32).nullable().comment('ISO');
    table.text('decision_note').nullable();
    table.boolean('auto_approved').notNullable().defaultTo(false);
    table.string('grant_id', 16).nullable();
    table.index(['api_ref', 'state'], 'ai_gateway_access_requests_api_idx');
    table.index(['consumer_ref'], 'ai_gateway_access_requests_consumer_idx');
    table.index(['requested_by'], 'ai_gateway_access_requests_requester_idx');
    table.index(['state'], 'ai_gateway_access_requests_state_idx');
  });
  // at most one pending request per (consumer, API); PostgreSQL and SQLite both have partial indexes
  await knex.raw(
    `CREATE UNIQUE INDEX ai_gateway_access_requests_one_pending
       ON ai_gateway_access_requests (consumer_ref, api_ref) WHERE state = 'pending'`,
  );

  await knex.schema.createTable('ai_gateway_access_grants', table => {
    table.comment(
      'What approved requests became; the cluster objects are named aigw-grant-<id>',
    );
    table.string('id', 16).primary();
    table
      .string('request_id', 16)
      .notNullable()
      .references('id')
      .inTable('ai_gateway_access_requests');
    table.string('api_ref', 255).notNullable();
    table.string('consumer_ref', 255).notNullable();
    table.text('scope').notNullable().comment('JSON AccessScope as granted');
    table
      .string('state', 16)
      .notNullable()
      .comment('awaiting-key, active, revoked or expired');
    table.string('created_at', 32).notNullable().comment('ISO');
    table.string('expires_at', 32).notNullable().comment('ISO');
    table.string('approved_by', 255).notNullable();
    table
      .string('key_id', 32)
      .nullable()
      .comment('Secret data key of the current key entry, never the key');
    table
      .string('key_prefix', 12)
      .nullable()
      .comment('first characters of the key');
    table.string('key_issued_at', 32).nullable().comment('ISO');
    table
      .string('previous_key_id', 32)
      .nullable()
      .comment('Secret data key of the rotated-out entry');
    table
      .string('previous_key_expires_at', 32)
      .nullable()
      .comment('ISO, end of grace');
    table.string('revoked_by', 255).nullable();
    table.string('revoked_at', 32).nullable().comment('ISO');
    table.text('objects').notNullable().comment('JSON GrantObjectRef[]');
    table.text('drift').nullable().comment('JSON GrantDrift');
    table.text('unenforced_limits').nullable();
    table.unique(['request_id'], {
      indexName: 'ai_gateway_access_grants_request_uq',
    });
    table.index(['api_ref', 'state'], 'ai_gateway_access_grants_api_idx');
    table.index(['consumer_ref'], 'ai_gateway_access_grants_consumer_idx');
    table.index(['state', 'expires_at'], 'ai_gateway_access_grants_expiry_idx');
    table.index(
      ['previous_key_expires_at'],
      'ai_gateway_access_grants_grace_idx',
    );
  });

  await knex.schema.createTable('ai_gateway_access_events', table => {
    table.comment(
      'History of requests and grants: who did what when (never a key)',
    );
    table.increments('id').primary();
    table.string('type', 32).notNullable();
    table.string('actor', 255).notNullable();
    table.string('at', 32).notNullable().comment('ISO');
    table.string('request_id', 16).nullable();
    table.string('grant_id', 16).nullable();
    table.text('detail').notNullable().comment('JSON object');
    table.index(['request_id'], 'ai_gateway_access_events_request_idx');
    table.index(['grant_id'], 'ai_gateway_access_events_grant_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('ai_gateway_access_events');
  await knex.schema.dropTable('ai_gateway_access_grants');
  await knex.schema.dropTable('ai_gateway_access_requests');
};
