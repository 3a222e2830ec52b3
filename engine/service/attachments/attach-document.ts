// Attaching a scanned document or a result document to a dossier.
//
// Everything that can be refused without the file is refused before a byte is
// read: read scope, the right to attach, an open dossier, the document id, the
// declared type, a declared length over the limit. Then the content is staged
// in the blob store (hashed, counted), its type recognised from its first
// bytes, and committed under its SHA-256. Last, one transaction holding the
// dossier's row lock inserts the attachment row and appends the ATTACHMENT_ADDED
// event (recording the hash) to the dossier's chain.
//
// The blob is committed before the transaction: a row never names a blob that
// is not there. A transaction that then fails leaves a blob no row names:
// harmless, as that name can only ever hold those bytes (a sweep of blobs no
// row names would reclaim the space).
import { randomUUID } from 'node:crypto';
import type { CompiledProcedure } from '../../definition/compiled-procedure.ts';
import { MotcuaError } from '../../motcua-error.ts';
import { findAttachment, findAttachmentByContent, insertAttachment, type AttachmentMediaType, type AttachmentRecord } from '../../store/attachment-store.ts';
import type { StageResult } from '../../store/blob-store.ts';
import type { Database } from '../../store/create-database.ts';
import { findDossier, lockDossier } from '../../store/dossier-store.ts';
import type { NewDossierEvent } from '../../store/event-store.ts';
import type { DossierRecord } from '../../store/records.ts';
import { notFound } from '../advance-dossier.ts';
import { canReadDossier, type Principal } from '../principal.ts';
import { recordDossierEvents } from '../record-transition.ts';
import type { ServiceContext } from '../service-context.ts';
import { toAttachmentView, type AttachmentView } from './attachment-view.ts';
import { canAttachToDossier } from './can-attach-to-dossier.ts';
import { acceptedMediaTypes, describeContent, nameOf, sniffMediaType } from './sniff-media-type.ts';
import { resultDocumentId } from './summarize-documents.ts';

export interface AttachCommand {
  /** A document id of the dossier's procedure, or 'result'. */
  documentId: unknown;
  /** Optional; `<documentId>.<extension>` when absent. */
  fileName: unknown;
  /** The declared Content-Type. */
  contentType: string | undefined;
  /** The declared Content-Length, when the client sent one. */
  contentLength: number | null;
  content: AsyncIterable<Uint8Array>;
}

/** 201 with a new attachment; 200 when this content was already attached to this document (nothing changes). */
export async function attachDocument(ctx: ServiceContext, principal: Principal, dossierId: string, command: AttachCommand): Promise<{ status: 200 | 201; body: AttachmentView }> {
  const dossier = await findDossier(ctx.db, dossierId);
  if (!dossier || !canReadDossier(principal, dossier)) throw notFound(dossierId);
  const procedure = await ctx.procedures.get(dossier.procedureCode, dossier.procedureVersion);
  assertMayAttach(principal, dossier, procedure);
  const documentId = checkDocumentId(command.documentId, procedure);
  const mediaType = parseDeclaredType(command.contentType);
  const fileName = checkFileName(command.fileName, documentId, mediaType);
  const { blobs, maxBytes } = ctx.attachments;
  if (command.contentLength !== null && command.contentLength > maxBytes) throw tooLarge(command.contentLength, maxBytes);

  const staged = await stage(() => blobs.stage(command.content, { maxBytes }));
  if (!staged.ok) throw tooLarge(null, maxBytes);
  const blob = staged.blob;
  const sniffed = sniffMediaType(blob.head);
  if (sniffed !== mediaType) {
    await blob.discard();
    if (sniffed === null)
      throw new MotcuaError('attachment.type-not-allowed', `the content is not a PDF, JPEG or PNG file: it is ${describeContent(blob.head)}; scan or convert the document to PDF, JPEG or PNG`, { declared: mediaType, accepted: acceptedMediaTypes });
    throw new MotcuaError('attachment.type-mismatch', `the content is ${nameOf(sniffed)} but Content-Type says ${mediaType}; send it with Content-Type: ${sniffed}`, { declared: mediaType, detected: sniffed });
  }
  await blob.commit();

  const result = await ctx.db.transaction(async (trx) => {
    const locked = await lockDossier(trx, dossierId);
    // Again under the lock: while the file arrived the dossier may have moved on to another unit, or closed.
    if (!locked || !canReadDossier(principal, locked.dossier)) throw notFound(dossierId);
    assertMayAttach(principal, locked.dossier, procedure);
    const existing = await findAttachmentByContent(trx, dossierId, documentId, blob.sha256);
    if (existing) return { status: 200 as const, id: existing.id };
    const now = ctx.now();
    const record: AttachmentRecord = {
      id: randomUUID(), dossierId, documentId, fileName, mediaType, size: blob.size, sha256: blob.sha256,
      uploadedBy: principal.userId, unitId: principal.unitId, uploadedAt: now, eventSeq: locked.dossier.eventSeq + 1,
    };
    await appendAttachmentEvent(trx, locked.dossier, record, principal, now);
    await insertAttachment(trx, record);
    return { status: 201 as const, id: record.id };
  });
  const listing = await findAttachment(ctx.db, dossierId, result.id);
  return { status: result.status, body: toAttachmentView(listing!) };
}

function assertMayAttach(principal: Principal, dossier: DossierRecord, procedure: CompiledProcedure): void {
  const officers = procedure.source.roles;
  if (!canAttachToDossier(principal, dossier, officers)) {
    const holder = `${dossier.currentUnit}, the unit holding dossier ${dossier.receiptCode},`;
    const units = dossier.currentUnit === dossier.receivingUnit ? holder : `${holder} or of ${dossier.receivingUnit}, which received it,`;
    throw new MotcuaError('auth.forbidden', `only an officer (${officers.join(', ')}) of ${units} may attach files to it; you are ${principal.role} at ${principal.unitId}`, { role: principal.role, unit: principal.unitId });
  }
  if (dossier.closedAt)
    throw new MotcuaError('dossier.closed', `dossier ${dossier.receiptCode} was closed (${dossier.outcome ?? 'closed'}) at ${dossier.closedAt.toISOString()}; its attachments can no longer change`, { outcome: dossier.outcome });
}

function checkDocumentId(value: unknown, procedure: CompiledProcedure): string {
  const ids = (procedure.source.documents ?? []).map((d) => d.id);
  const choices = `${[...ids, resultDocumentId].join(', ')} (${resultDocumentId}: a result document)`;
  if (typeof value !== 'string' || value === '')
    throw new MotcuaError('request.invalid', `say which document the file is with ?documentId=…, one of: ${choices}`, { parameter: 'documentId', accepted: [...ids, resultDocumentId] });
  if (value !== resultDocumentId && !ids.includes(value))
    throw new MotcuaError('request.invalid', `documentId '${value}' is not a document of procedure ${procedure.code} version ${procedure.version}; use one of: ${choices}`, { parameter: 'documentId', accepted: [...ids, resultDocumentId] });
  return value;
}

function parseDeclaredType(contentType: string | undefined): AttachmentMediaType {
  const declared = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (!declared) throw new MotcuaError('attachment.type-not-allowed', 'send the file with its type in Content-Type: application/pdf, image/jpeg or image/png', { accepted: acceptedMediaTypes });
  if (!(acceptedMediaTypes as readonly string[]).includes(declared))
    throw new MotcuaError('attachment.type-not-allowed', `Content-Type ${declared} is not accepted; attach a PDF (application/pdf), JPEG (image/jpeg) or PNG (image/png) scan`, { declared, accepted: acceptedMediaTypes });
  return declared as AttachmentMediaType;
}

const extensions: Record<AttachmentMediaType, string> = { 'application/pdf': 'pdf', 'image/jpeg': 'jpg', 'image/png': 'png' };

function checkFileName(value: unknown, documentId: string, mediaType: AttachmentMediaType): string {
  if (value === undefined) return `${documentId}.${extensions[mediaType]}`;
  // NFC: macOS browsers send Vietnamese names decomposed; the same name should look the same everywhere.
  const name = typeof value === 'string' ? value.normalize('NFC').trim() : '';
  // Bidirectional controls would let "invoice\u202Efdp.exe" display as "invoiceexe.pdf" in a list.
  if (name.length === 0 || name.length > 200 || /[/\\\u0000-\u001f\u007f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/.test(name))
    throw new MotcuaError('request.invalid', `fileName ${JSON.stringify(value)} is not a usable file name: give 1 to 200 characters without /, \\, control characters or bidirectional controls, e.g. ?fileName=to-khai.pdf`, { parameter: 'fileName' });
  return name;
}

/** `bytes`: the declared length, or null when the upload was stopped as it passed the limit (its full size is never read). */
function tooLarge(bytes: number | null, limit: number): MotcuaError {
  const size = bytes === null ? 'larger than the limit' : `${bytes} bytes`;
  return new MotcuaError('attachment.too-large', `the file is ${size}; the limit is ${limit} bytes (${formatMiB(limit)}): scan at a lower resolution or split the document into several files`, { limitBytes: limit, ...(bytes === null ? {} : { receivedBytes: bytes }) });
}

function formatMiB(bytes: number): string {
  return `${Number((bytes / (1024 * 1024)).toFixed(2))} MiB`;
}

async function stage(run: () => Promise<StageResult>): Promise<StageResult> {
  try {
    return await run();
  } catch (error) {
    // The client went away mid-upload: its problem, not an internal error to page anyone about.
    const e = error as NodeJS.ErrnoException;
    if (e.code === 'ECONNRESET' || e.message === 'aborted')
      throw new MotcuaError('request.malformed', 'the upload ended before the whole file arrived; send the file again', {}, { cause: error });
    throw error;
  }
}

/** Appends ATTACHMENT_ADDED, recording the file's hash, to the dossier's chain, under the row lock the caller holds. */
async function appendAttachmentEvent(trx: Database, dossier: DossierRecord, a: AttachmentRecord, principal: Principal, now: Date): Promise<void> {
  const event: NewDossierEvent = {
    dossierId: dossier.id, type: 'ATTACHMENT_ADDED', actorId: principal.userId, actorRole: principal.role, unitId: principal.unitId, at: now,
    fromState: dossier.state, toState: dossier.state, statusCode: dossier.statusCode, comment: null,
    payload: { attachmentId: a.id, documentId: a.documentId, fileName: a.fileName, mediaType: a.mediaType, size: a.size, sha256: a.sha256 },
  };
  await recordDossierEvents(trx, dossier, [event], [], now);
}
