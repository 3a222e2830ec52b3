// Digitized documents of dossiers: one row per attached file, naming its content
// by SHA-256. The bytes live in the blob store (local disk or S3-compatible),
// stored once per content, so the row is only a reference.
//
// A row belongs to the dossier, never to a unit: whichever unit holds the
// dossier sees its attachments, and a handoff moves no file and no row.
// `unit_id` only records where the file was attached.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('dossier_attachments', (t) => {
    t.uuid('id').primary();
    t.uuid('dossier_id').notNullable().references('dossiers.id');
    // A document id of the dossier's procedure version, or 'result' for a result document.
    t.text('document_id').notNullable();
    t.text('file_name').notNullable();
    t.text('media_type').notNullable().checkIn(['application/pdf', 'image/jpeg', 'image/png']);
    t.bigInteger('size').notNullable().checkPositive();
    t.text('sha256').notNullable().checkRegex('^[0-9a-f]{64}$');
    t.uuid('uploaded_by').notNullable().references('users.id');
    t.text('unit_id').notNullable().references('units.id');
    t.timestamp('uploaded_at', { useTz: true }).notNullable();
    // The ATTACHMENT_ADDED event that records this file's hash in the dossier's chain.
    t.integer('event_seq').notNullable();
    // The same scan attached twice to the same document is one attachment: a retried upload changes nothing.
    t.unique(['dossier_id', 'document_id', 'sha256']);
  });
  // Which dossiers reference a blob: for a sweep of unreferenced blobs and for restoring a damaged one.
  await knex.raw('CREATE INDEX dossier_attachments_sha256 ON dossier_attachments (sha256)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('dossier_attachments');
}
