// The dossier's checklist of documents (thành phần hồ sơ) against what is
// attached: for each document the procedure lists, whether a file is attached
// (present) and whether that file counts as its digitized component (digitized).
// A document the procedure marks `digitizable: false` — an original that must
// be shown on paper — can have a scan attached for the record, but that scan is
// not its digitized component (Circular 01/2023/TT-VPCP). Pure.
import type { DocumentRequirement, LocalizedText } from '../../definition/procedure-definition.ts';

/** The document id of result documents, beside the procedure's own documents. */
export const resultDocumentId = 'result';

export interface DocumentSummary {
  documentId: string;
  name: LocalizedText;
  required: boolean;
  digitizable: boolean;
  present: boolean;
  digitized: boolean;
  attachmentIds: string[];
}

export interface DocumentsSummary {
  documents: DocumentSummary[];
  /** Required documents with no file attached, in the procedure's order. */
  missingRequired: string[];
  result: { present: boolean; attachmentIds: string[] };
}

export function summarizeDocuments(requirements: readonly DocumentRequirement[], attachments: ReadonlyArray<{ id: string; documentId: string }>): DocumentsSummary {
  const byDocument = new Map<string, string[]>();
  for (const a of attachments) byDocument.set(a.documentId, [...(byDocument.get(a.documentId) ?? []), a.id]);
  // Defaults as the definition format documents them (procedures/README.md).
  const documents = requirements.map((r): DocumentSummary => {
    const attachmentIds = byDocument.get(r.id) ?? [];
    const digitizable = r.digitizable ?? true;
    const present = attachmentIds.length > 0;
    return { documentId: r.id, name: r.name, required: r.required ?? true, digitizable, present, digitized: present && digitizable, attachmentIds };
  });
  const results = byDocument.get(resultDocumentId) ?? [];
  return {
    documents,
    missingRequired: documents.filter((d) => d.required && !d.present).map((d) => d.documentId),
    result: { present: results.length > 0, attachmentIds: results },
  };
}
