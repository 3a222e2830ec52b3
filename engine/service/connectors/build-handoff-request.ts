// The JSON an external system receives for a handed-off dossier: who and what
// (applicant, procedure, data), the digitized documents by hash (the peer
// fetches nothing; the hashes let it match copies it already holds), and where
// to send the result. The same visit always produces the same body, so a retry
// sends what the first attempt sent.
import type { AttachmentRecord } from '../../store/attachment-store.ts';
import type { DossierRecord } from '../../store/records.ts';

export interface HandoffRequest {
  dossierId: string;
  receiptCode: string;
  procedure: { code: string; version: number };
  /** The handoff state the dossier is in. */
  state: string;
  /** The unit handing the dossier over. */
  from: string;
  receivedAt: string;
  applicant: Record<string, unknown>;
  data: Record<string, unknown>;
  attachments: Array<{ documentId: string; fileName: string; mediaType: string; size: number; sha256: string }>;
  /** Where to POST the result, and the events it may fire. */
  callback: { url: string; events: string[] };
}

export function buildHandoffRequest(dossier: DossierRecord, handoff: { state: string; from: string }, attachments: AttachmentRecord[], callback: HandoffRequest['callback']): HandoffRequest {
  return {
    dossierId: dossier.id,
    receiptCode: dossier.receiptCode,
    procedure: { code: dossier.procedureCode, version: dossier.procedureVersion },
    state: handoff.state,
    from: handoff.from,
    receivedAt: dossier.receivedAt.toISOString(),
    applicant: dossier.applicant,
    data: dossier.data,
    attachments: attachments.map((a) => ({ documentId: a.documentId, fileName: a.fileName, mediaType: a.mediaType, size: a.size, sha256: a.sha256 })),
    callback,
  };
}
