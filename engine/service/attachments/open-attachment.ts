// Downloading an attachment. The stored bytes are checked against the SHA-256
// the attachment row (and the dossier's audit chain) names before anything is
// sent: a file that is missing or changed on disk is an error, never served.
import type { Readable } from 'node:stream';
import { MotcuaError } from '../../motcua-error.ts';
import { findAttachment } from '../../store/attachment-store.ts';
import { findDossier } from '../../store/dossier-store.ts';
import { notFound } from '../advance-dossier.ts';
import { canReadDossier, type Principal } from '../principal.ts';
import type { ServiceContext } from '../service-context.ts';
import { toAttachmentView, type AttachmentView } from './attachment-view.ts';
import { isUuid } from '../is-uuid.ts';

export async function openAttachment(ctx: ServiceContext, principal: Principal, dossierId: string, attachmentId: string): Promise<{ attachment: AttachmentView; stream: Readable }> {
  const dossier = await findDossier(ctx.db, dossierId);
  if (!dossier || !canReadDossier(principal, dossier)) throw notFound(dossierId);
  const found = isUuid(attachmentId) ? await findAttachment(ctx.db, dossierId, attachmentId) : null;
  if (!found) throw attachmentNotFound(dossierId, dossier.receiptCode, attachmentId);
  const attachment = toAttachmentView(found);
  const opened = await ctx.attachments.blobs.open(found.sha256);
  if (opened.ok) return { attachment, stream: opened.stream };

  const what = `the stored file of attachment ${found.id} ('${found.fileName}', dossier ${dossier.receiptCode})`;
  const restore = 'restore the file from backup (or attach the document again); it is not served until its content matches';
  const details = { attachmentId: found.id, sha256: found.sha256, reason: opened.reason };
  if (opened.reason === 'missing') throw new MotcuaError('attachment.corrupt', `${what} is missing from the file store; ${restore}`, details);
  throw new MotcuaError('attachment.corrupt', `${what} no longer matches its SHA-256 ${found.sha256}: it now hashes to ${opened.actualSha256} (${opened.actualSize} bytes, ${found.size} expected); ${restore}`, { ...details, actualSha256: opened.actualSha256 });
}

export function attachmentNotFound(dossierId: string, receiptCode: string, attachmentId: string): MotcuaError {
  return new MotcuaError('attachment.not-found', `dossier ${receiptCode} has no attachment ${attachmentId}; GET /v1/dossiers/${dossierId}/attachments lists them`, { dossierId, attachmentId });
}
