// Rows of dossier_attachments: which file (by SHA-256) is attached to which
// document of which dossier, by whom and where. The bytes are in the blob store.
import type { Database } from './create-database.ts';

export type AttachmentMediaType = 'application/pdf' | 'image/jpeg' | 'image/png';

export interface AttachmentRecord {
  id: string;
  dossierId: string;
  documentId: string;
  fileName: string;
  mediaType: AttachmentMediaType;
  size: number;
  sha256: string;
  uploadedBy: string;
  unitId: string;
  uploadedAt: Date;
  eventSeq: number;
}

/** An attachment with the uploader's username, for lists. */
export interface AttachmentListing extends AttachmentRecord {
  uploadedByUsername: string;
}

interface AttachmentRow {
  id: string; dossier_id: string; document_id: string; file_name: string; media_type: AttachmentMediaType; size: number;
  sha256: string; uploaded_by: string; unit_id: string; uploaded_at: Date; event_seq: number;
}

const toRecord = (r: AttachmentRow): AttachmentRecord => ({
  id: r.id, dossierId: r.dossier_id, documentId: r.document_id, fileName: r.file_name, mediaType: r.media_type, size: r.size,
  sha256: r.sha256, uploadedBy: r.uploaded_by, unitId: r.unit_id, uploadedAt: r.uploaded_at, eventSeq: r.event_seq,
});

export async function insertAttachment(trx: Database, a: AttachmentRecord): Promise<void> {
  await trx('dossier_attachments').insert({
    id: a.id, dossier_id: a.dossierId, document_id: a.documentId, file_name: a.fileName, media_type: a.mediaType, size: a.size,
    sha256: a.sha256, uploaded_by: a.uploadedBy, unit_id: a.unitId, uploaded_at: a.uploadedAt, event_seq: a.eventSeq,
  });
}

/** The attachment of this content to this document of the dossier, if there is one. */
export async function findAttachmentByContent(db: Database, dossierId: string, documentId: string, sha256: string): Promise<AttachmentRecord | null> {
  const row = (await db('dossier_attachments').where({ dossier_id: dossierId, document_id: documentId, sha256 }).first()) as AttachmentRow | undefined;
  return row ? toRecord(row) : null;
}

export async function findAttachment(db: Database, dossierId: string, id: string): Promise<AttachmentListing | null> {
  const row = (await withUsername(db).where({ 'a.dossier_id': dossierId, 'a.id': id }).first()) as (AttachmentRow & { username: string }) | undefined;
  return row ? { ...toRecord(row), uploadedByUsername: row.username } : null;
}

/** A dossier's attachments in the order they were attached. */
export async function listAttachments(db: Database, dossierId: string): Promise<AttachmentListing[]> {
  const rows = (await withUsername(db).where({ 'a.dossier_id': dossierId }).orderBy('a.event_seq')) as Array<AttachmentRow & { username: string }>;
  return rows.map((r) => ({ ...toRecord(r), uploadedByUsername: r.username }));
}

function withUsername(db: Database) {
  return db('dossier_attachments as a').join('users as u', 'u.id', 'a.uploaded_by').select('a.*', 'u.username');
}
