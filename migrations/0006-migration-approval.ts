// Applying a procedure migration takes two people: an author proposes it, an
// admin or another author approves it. A row is now a dry run, a proposal, or
// an applied migration, with who approved it, when, and what the apply did
// (the plan is computed again at approval, against the data of that moment).
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('procedure_migrations', (t) => {
    // Rows written before this migration were dry runs or applied at once.
    t.text('status').notNullable().defaultTo('applied');
    t.uuid('approved_by').nullable().references('users.id');
    t.timestamp('approved_at', { useTz: true }).nullable();
    t.jsonb('applied_report').nullable();
  });
  await knex('procedure_migrations').where({ dry_run: true }).update({ status: 'dry-run' });
  await knex.schema.alterTable('procedure_migrations', (t) => {
    t.check("status IN ('dry-run', 'proposed', 'applied')", [], 'procedure_migrations_status');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('procedure_migrations', (t) => {
    t.dropChecks('procedure_migrations_status');
    t.dropColumns('status', 'approved_by', 'approved_at', 'applied_report');
  });
}
