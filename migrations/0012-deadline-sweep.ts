// The due sweep (docs/operations.md, "Deadlines") asks every second which
// deadline not yet recorded falls due first. For step visits the partial index
// dossier_steps_due of 0001 already holds only unrecorded ones. For statutory
// due dates, dossiers_due of 0001 held every running dossier, recorded or not:
// a dossier whose passing is recorded stays open and past due for days, so
// "the earliest unrecorded" walked over every overdue dossier of the province.
// `dossiers_due_unrecorded` holds only dossiers whose current due date is not
// yet recorded (overdue_recorded_for is the due date last recorded; an extension
// moves due_at and brings the dossier back). It replaces dossiers_due, whose only
// reader was the same search (engine/store/deadline-store.ts).
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw('CREATE INDEX dossiers_due_unrecorded ON dossiers (due_at) WHERE closed_at IS NULL AND paused_at IS NULL AND due_at IS NOT NULL AND overdue_recorded_for IS DISTINCT FROM due_at');
  await knex.raw('DROP INDEX dossiers_due');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('CREATE INDEX dossiers_due ON dossiers (due_at) WHERE closed_at IS NULL AND paused_at IS NULL');
  await knex.raw('DROP INDEX dossiers_due_unrecorded');
}
