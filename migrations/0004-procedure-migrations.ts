// The audit of moving in-flight dossiers between versions of a procedure: every
// dry run and every apply, who ran it, the state mapping and the full report.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('procedure_migrations', (t) => {
    t.bigIncrements('id');
    t.text('code').notNullable();
    t.integer('from_version').notNullable();
    t.integer('to_version').notNullable();
    t.boolean('dry_run').notNullable();
    t.jsonb('state_map').notNullable();
    t.jsonb('report').notNullable();
    t.uuid('actor_id').notNullable().references('users.id');
    t.timestamp('at', { useTz: true }).notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('procedure_migrations');
}
