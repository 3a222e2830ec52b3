// External connectors: the dead-letter list of handoffs an external system never
// accepted, and the answers to its callbacks, remembered per idempotency key.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('connector_dead_letters', (t) => {
    t.bigIncrements('id');
    t.text('connector').notNullable();
    t.uuid('dossier_id').notNullable().references('dossiers.id');
    // The visit of the handoff state that could not be delivered.
    t.bigInteger('step_id').notNullable().references('dossier_steps.id');
    t.text('state').notNullable();
    t.text('from_unit').notNullable().references('units.id');
    // The queue job that gave up: one letter per job, however often its last attempt ran (a crash can repeat it).
    t.text('job_id').notNullable().unique();
    t.text('last_error').notNullable();
    t.integer('attempts').notNullable();
    t.timestamp('failed_at', { useTz: true }).notNullable();
    // A supervisor's retry resolves the letter and queues a new job, named here.
    t.timestamp('resolved_at', { useTz: true });
    t.uuid('resolved_by').references('users.id');
    t.text('retry_job_id');
  });
  await knex.raw('CREATE INDEX connector_dead_letters_open ON connector_dead_letters (failed_at) WHERE resolved_at IS NULL');
  await knex.raw('CREATE INDEX connector_dead_letters_dossier ON connector_dead_letters (dossier_id)');

  await knex.schema.createTable('connector_callbacks', (t) => {
    t.text('connector').notNullable();
    t.text('idempotency_key').notNullable();
    t.uuid('dossier_id').notNullable().references('dossiers.id');
    t.text('event').notNullable();
    // A repeat must be the same request: the same key with another body is refused.
    t.text('request_hash').notNullable();
    t.integer('response_status').notNullable();
    t.jsonb('response_body').notNullable();
    t.timestamp('received_at', { useTz: true }).notNullable();
    // Written in the transaction that fires the event: a key fires at most once.
    t.primary(['connector', 'idempotency_key']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('connector_callbacks');
  await knex.schema.dropTableIfExists('connector_dead_letters');
}
