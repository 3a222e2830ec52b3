// An attachment as the API shows it: its metadata, the hash that the dossier's
// audit chain records, and where to download it.
import type { AttachmentListing, AttachmentMediaType } from '../../store/attachment-store.ts';

export interface AttachmentView {
  id: string;
  dossierId: string;
  documentId: string;
  fileName: string;
  mediaType: AttachmentMediaType;
  size: number;
  sha256: string;
  uploadedBy: { userId: string; username: string };
  unit: string;
  uploadedAt: string;
  /** Sequence number of the ATTACHMENT_ADDED event in the dossier's history. */
  eventSeq: number;
  href: string;
}

export function toAttachmentView(a: AttachmentListing): AttachmentView {
  return {
    id: a.id,
    dossierId: a.dossierId,
    documentId: a.documentId,
    fileName: a.fileName,
    mediaType: a.mediaType,
    size: a.size,
    sha256: a.sha256,
    uploadedBy: { userId: a.uploadedBy, username: a.uploadedByUsername },
    unit: a.unitId,
    uploadedAt: a.uploadedAt.toISOString(),
    eventSeq: a.eventSeq,
    href: `/v1/dossiers/${a.dossierId}/attachments/${a.id}`,
  };
}
