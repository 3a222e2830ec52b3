// A dossier's attachments, and its checklist of documents: which required
// documents are present and digitized. Visible to whoever may read the dossier,
// so the unit holding it now sees the files attached before it arrived there.
import { listAttachments } from '../../store/attachment-store.ts';
import { findDossier } from '../../store/dossier-store.ts';
import { notFound } from '../advance-dossier.ts';
import { canReadDossier, type Principal } from '../principal.ts';
import type { ServiceContext } from '../service-context.ts';
import { toAttachmentView, type AttachmentView } from './attachment-view.ts';
import { summarizeDocuments, type DocumentsSummary } from './summarize-documents.ts';

export interface AttachmentsView extends DocumentsSummary {
  dossierId: string;
  receiptCode: string;
  items: AttachmentView[];
}

export async function getAttachments(ctx: ServiceContext, principal: Principal, dossierId: string): Promise<AttachmentsView> {
  const dossier = await findDossier(ctx.db, dossierId);
  if (!dossier || !canReadDossier(principal, dossier)) throw notFound(dossierId);
  const procedure = await ctx.procedures.get(dossier.procedureCode, dossier.procedureVersion);
  const attachments = await listAttachments(ctx.db, dossierId);
  return {
    dossierId,
    receiptCode: dossier.receiptCode,
    ...summarizeDocuments(procedure.source.documents ?? [], attachments),
    items: attachments.map(toAttachmentView),
  };
}
