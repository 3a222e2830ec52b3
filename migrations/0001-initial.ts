// The first schema: organisation, accounts, procedure versions, dossiers with
// their append-only hash-chained events, and the transactional outbox.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('units', (t) => {
    t.text('id').primary();
    t.text('code').notNullable().unique();
    t.text('level').notNullable().checkIn(['province', 'department', 'commune']);
    t.text('parent_id').references('units.id');
    t.text('name_vi').notNullable();
    t.text('name_en').notNullable();
  });

  await knex.schema.createTable('users', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.text('username').notNullable().unique();
    t.text('password_hash').notNullable();
    t.text('role').notNullable();
    t.text('unit_id').notNullable().references('units.id');
    t.text('display_name').notNullable();
    t.boolean('active').notNullable().defaultTo(true);
  });

  await knex.schema.createTable('sessions', (t) => {
    // Only the SHA-256 of the bearer token is stored: a leaked table grants nothing.
    t.text('token_hash').primary();
    t.uuid('user_id').notNullable().references('users.id');
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('expires_at', { useTz: true }).notNullable();
  });

  await knex.schema.createTable('procedure_versions', (t) => {
    t.text('code').notNullable();
    t.integer('version').notNullable();
    t.text('status').notNullable().checkIn(['draft', 'published']);
    t.text('source_file').notNullable();
    t.text('source_yaml').notNullable();
    t.text('checksum').notNullable();
    t.jsonb('definition').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('published_at', { useTz: true });
    t.primary(['code', 'version']);
  });

  await knex.schema.createTable('receipt_sequences', (t) => {
    t.text('unit_id').notNullable().references('units.id');
    t.date('day').notNullable();
    t.integer('last').notNullable();
    t.primary(['unit_id', 'day']);
  });

  await knex.schema.createTable('dossiers', (t) => {
    t.uuid('id').primary();
    t.text('receipt_code').notNullable().unique();
    t.text('procedure_code').notNullable();
    t.integer('procedure_version').notNullable();
    t.text('state').notNullable();
    t.smallint('status_code').notNullable();
    t.jsonb('snapshot').notNullable();
    t.jsonb('applicant').notNullable();
    t.jsonb('data').notNullable();
    t.text('receiving_unit').notNullable().references('units.id');
    t.text('competent_unit').notNullable().references('units.id');
    t.text('current_unit').notNullable().references('units.id');
    // Where the applicant collects the result, when not at the receiving desk.
    t.text('return_unit').references('units.id');
    t.text('outcome');
    t.timestamp('received_at', { useTz: true }).notNullable();
    t.timestamp('due_at', { useTz: true });
    t.timestamp('step_due_at', { useTz: true });
    t.timestamp('paused_at', { useTz: true });
    t.timestamp('closed_at', { useTz: true });
    // The due date whose passing was last recorded as an OVERDUE event: a new due
    // date (after a reset or an extension) can be recorded again, the same one never.
    t.timestamp('overdue_recorded_for', { useTz: true });
    // When the one allowed apology and new date (form 04) was issued.
    t.timestamp('extended_at', { useTz: true });
    // Head of the dossier's event chain, kept on the row that every writer locks:
    // appending needs no extra read.
    t.integer('event_seq').notNullable().defaultTo(0);
    t.text('event_hash');
    t.timestamp('updated_at', { useTz: true }).notNullable();
    t.integer('version').notNullable();
    t.foreign(['procedure_code', 'procedure_version']).references(['code', 'version']).inTable('procedure_versions');
  });
  // Worklists: open dossiers of a unit, most urgent first.
  await knex.raw('CREATE INDEX dossiers_worklist ON dossiers (current_unit, due_at) WHERE closed_at IS NULL');
  await knex.raw('CREATE INDEX dossiers_receiving ON dossiers (receiving_unit, received_at DESC)');
  await knex.raw('CREATE INDEX dossiers_due ON dossiers (due_at) WHERE closed_at IS NULL AND paused_at IS NULL');

  // One row per visit of a dossier to a state: who held it, from when to when, and
  // the step's own deadline. Time per unit and step deadlines are read from here.
  await knex.schema.createTable('dossier_steps', (t) => {
    t.bigIncrements('id');
    t.uuid('dossier_id').notNullable().references('dossiers.id');
    t.text('state').notNullable();
    t.text('unit_id').notNullable().references('units.id');
    t.timestamp('entered_at', { useTz: true }).notNullable();
    t.timestamp('due_at', { useTz: true });
    t.timestamp('left_at', { useTz: true });
    t.timestamp('overdue_marked_at', { useTz: true });
  });
  await knex.raw('CREATE INDEX dossier_steps_open ON dossier_steps (dossier_id) WHERE left_at IS NULL');
  await knex.raw('CREATE INDEX dossier_steps_due ON dossier_steps (due_at) WHERE left_at IS NULL AND overdue_marked_at IS NULL AND due_at IS NOT NULL');

  await knex.schema.createTable('dossier_events', (t) => {
    t.bigIncrements('id');
    t.uuid('dossier_id').notNullable().references('dossiers.id');
    t.integer('seq').notNullable();
    t.text('type').notNullable();
    t.uuid('actor_id');
    t.text('actor_role').notNullable();
    t.text('unit_id');
    t.timestamp('at', { useTz: true }).notNullable();
    t.text('from_state');
    t.text('to_state').notNullable();
    t.smallint('status_code').notNullable();
    t.text('comment');
    t.jsonb('payload').notNullable();
    t.text('payload_hash').notNullable();
    t.text('prev_hash');
    t.text('hash').notNullable();
    t.unique(['dossier_id', 'seq']);
  });
  // Append-only: the audit trail cannot be edited or deleted, even by the application.
  await knex.raw(`
    CREATE FUNCTION dossier_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'dossier_events is append-only'; END $$;
    CREATE TRIGGER dossier_events_no_update BEFORE UPDATE OR DELETE ON dossier_events
      FOR EACH ROW EXECUTE FUNCTION dossier_events_append_only();
  `);

  await knex.schema.createTable('outbox', (t) => {
    t.bigIncrements('id');
    t.uuid('dossier_id').references('dossiers.id');
    t.text('topic').notNullable();
    t.jsonb('payload').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('relayed_at', { useTz: true });
  });
  await knex.raw('CREATE INDEX outbox_pending ON outbox (id) WHERE relayed_at IS NULL');

  await knex.schema.createTable('idempotency_keys', (t) => {
    t.uuid('user_id').notNullable().references('users.id');
    t.text('key').notNullable();
    t.text('request_hash').notNullable();
    t.integer('response_status').notNullable();
    t.jsonb('response_body').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.primary(['user_id', 'key']);
  });

  await knex.schema.createTable('notifications', (t) => {
    t.bigIncrements('id');
    // The outbox row it came from: a relayed job delivered twice still notifies once.
    t.bigInteger('outbox_id').notNullable().unique();
    t.uuid('dossier_id').notNullable().references('dossiers.id');
    t.text('recipient').notNullable();
    t.text('channel').notNullable();
    t.text('message_vi').notNullable();
    t.text('message_en').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TABLE IF EXISTS notifications, idempotency_keys, outbox, dossier_events, dossier_steps, dossiers, receipt_sequences, procedure_versions, sessions, users, units CASCADE');
  await knex.raw('DROP FUNCTION IF EXISTS dossier_events_append_only()');
}
