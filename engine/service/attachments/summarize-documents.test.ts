import { describe, expect, it } from 'vitest';
import { summarizeDocuments } from './summarize-documents.ts';

const name = (en: string) => ({ vi: en, en });

describe('summarizeDocuments', () => {
  it('marks each document present and digitized from its attachments, with the defaults of the format', () => {
    const summary = summarizeDocuments(
      [
        { id: 'original', name: name('Original'), required: true, original: true, digitizable: false },
        { id: 'copy', name: name('Copy') },
        { id: 'authorization', name: name('Authorization'), required: false },
        { id: 'receipt', name: name('Receipt') },
      ],
      [
        { id: 'a1', documentId: 'copy' },
        { id: 'a2', documentId: 'original' },
        { id: 'a3', documentId: 'copy' },
        { id: 'a4', documentId: 'result' },
      ],
    );
    expect(summary).toEqual({
      documents: [
        { documentId: 'original', name: name('Original'), required: true, digitizable: false, present: true, digitized: false, attachmentIds: ['a2'] },
        { documentId: 'copy', name: name('Copy'), required: true, digitizable: true, present: true, digitized: true, attachmentIds: ['a1', 'a3'] },
        { documentId: 'authorization', name: name('Authorization'), required: false, digitizable: true, present: false, digitized: false, attachmentIds: [] },
        { documentId: 'receipt', name: name('Receipt'), required: true, digitizable: true, present: false, digitized: false, attachmentIds: [] },
      ],
      missingRequired: ['receipt'],
      result: { present: true, attachmentIds: ['a4'] },
    });
  });

  it('a procedure without documents has an empty checklist', () => {
    expect(summarizeDocuments([], [])).toEqual({ documents: [], missingRequired: [], result: { present: false, attachmentIds: [] } });
  });
});
