// Citizen satisfaction: one rating per dossier, given by the applicant through the
// public tracking channel after the result is returned. Counted in the Decision
// 766/QĐ-TTg satisfaction indicator.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('dossier_ratings', (t) => {
    // The primary key is the dossier: a second rating is refused by the database itself.
    t.uuid('dossier_id').primary().references('dossiers.id');
    t.smallint('score').notNullable().checkBetween([1, 5]);
    t.text('comment');
    t.timestamp('rated_at', { useTz: true }).notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('dossier_ratings');
}
