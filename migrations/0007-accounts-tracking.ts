// Accounts and citizen tracking: API keys for integrations, the rate limiter's
// counters (shared by every API process), claims on dossiers, and an
// accent-free search column for applicant names.
import type { Knex } from 'knex';

// Vietnamese letters with diacritics and their bare letter ("Nguyễn" → "nguyen").
// Kept in the migration (not imported) so the column never changes under an
// existing database; engine/service/worklist/fold-for-search.ts folds a query
// the same way (NFD, combining marks removed, đ and its look-alike ð → d).
const vowels = ['a', 'ă', 'â', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y'];
const tones = ['', '\u0300', '\u0301', '\u0309', '\u0303', '\u0323'];

function foldTable(): { from: string; to: string } {
  let from = 'đĐðÐ';
  let to = 'dddd';
  for (const v of vowels)
    for (const letter of [v, v.toUpperCase()])
      for (const tone of tones) {
        const composed = (letter + tone).normalize('NFC');
        const bare = composed.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
        if (composed === bare || from.includes(composed)) continue;
        from += composed;
        to += bare;
      }
  return { from, to };
}

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('api_keys', (t) => {
    t.uuid('id').primary();
    t.text('name').notNullable().unique();
    // Only the SHA-256 of the key is stored; the key itself is shown once, at creation.
    t.text('key_hash').notNullable().unique();
    // The service account the key acts as: audit events and idempotency keys name it.
    t.uuid('user_id').notNullable().references('users.id');
    t.text('unit_id').notNullable().references('units.id');
    t.jsonb('roles').notNullable();
    t.uuid('created_by').notNullable().references('users.id');
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('revoked_at', { useTz: true });
  });

  // rate-limiter-flexible's RateLimiterPostgres table (its own layout); created
  // here so API processes need no CREATE privilege at run time.
  await knex.raw('CREATE TABLE rate_limits (key varchar(255) PRIMARY KEY, points integer NOT NULL DEFAULT 0, expire bigint)');

  // Revoking every session of an account (password change, disabling) finds them by user.
  await knex.raw('CREATE INDEX sessions_user ON sessions (user_id)');

  // Who works on a dossier now. A claim is a working note, not a permission; claiming, releasing and assigning are audit events.
  await knex.schema.createTable('dossier_claims', (t) => {
    t.uuid('dossier_id').primary().references('dossiers.id');
    t.uuid('user_id').notNullable().references('users.id');
    t.text('username').notNullable();
    t.timestamp('claimed_at', { useTz: true }).notNullable();
  });

  // The read rule matches a unit on any of four columns (principal.ts); with these
  // two beside the existing current_unit and receiving_unit indexes, a list is a bitmap OR of index scans.
  await knex.raw('CREATE INDEX dossiers_competent ON dossiers (competent_unit, received_at DESC)');
  await knex.raw('CREATE INDEX dossiers_return ON dossiers (return_unit, received_at DESC) WHERE return_unit IS NOT NULL');

  const { from, to } = foldTable();
  // DDL takes no bind parameters: knex quotes the two constant strings into the statement.
  const fold = knex.raw(`lower(translate(coalesce(applicant->>'fullName', ''), ?::text, ?::text))`, [from, to]).toQuery();
  await knex.raw(`ALTER TABLE dossiers ADD COLUMN applicant_search text GENERATED ALWAYS AS (${fold}) STORED`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE dossiers DROP COLUMN IF EXISTS applicant_search');
  await knex.raw('DROP TABLE IF EXISTS dossier_claims, rate_limits, api_keys');
  await knex.raw('DROP INDEX IF EXISTS sessions_user, dossiers_competent, dossiers_return');
}
