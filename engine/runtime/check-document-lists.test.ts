import { expect, it } from 'vitest';
import { MotcuaError } from '../motcua-error.ts';
import { checkDocumentLists } from './check-document-lists.ts';

const documents = [
  { id: 'declaration', name: { vi: 'Tờ khai', en: 'Declaration' } },
  { id: 'birth-certificate', name: { vi: 'Giấy chứng sinh', en: 'Birth certificate' } },
  { id: 'authorization', name: { vi: 'Văn bản ủy quyền', en: 'Written authorization' }, required: false },
];

function failure(input: Record<string, unknown>): { code: string; message: string } {
  try {
    checkDocumentLists('ASK_SUPPLEMENT', input, documents);
  } catch (error) {
    if (error instanceof MotcuaError) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected a refusal');
}

it('accepts absent lists and lists of distinct document ids', () => {
  expect(() => checkDocumentLists('ASK_SUPPLEMENT', { reason: 'x' }, documents)).not.toThrow();
  expect(() => checkDocumentLists('ASK_SUPPLEMENT', { missingDocuments: ['birth-certificate'], receivedDocuments: ['declaration'] }, documents)).not.toThrow();
});

it.each([
  [{ missingDocuments: 'birth-certificate' }, 'data.missingDocuments must be a non-empty list of document ids; send a list of document ids of this procedure, e.g. {"type":"ASK_SUPPLEMENT","data":{"missingDocuments":["declaration"]}}; accepted: declaration, birth-certificate, authorization'],
  [{ missingDocuments: [] }, 'data.missingDocuments must be a non-empty list of document ids; send a list of document ids of this procedure, e.g. {"type":"ASK_SUPPLEMENT","data":{"missingDocuments":["declaration"]}}; accepted: declaration, birth-certificate, authorization'],
  [{ receivedDocuments: ['declaration', 7] }, 'data.receivedDocuments[1] 7 is not a document of this procedure; send a list of document ids of this procedure, e.g. {"type":"ASK_SUPPLEMENT","data":{"receivedDocuments":["declaration"]}}; accepted: declaration, birth-certificate, authorization'],
  [{ missingDocuments: ['declaration', 'declaration'] }, "data.missingDocuments[1] repeats document 'declaration'; name each document once"],
  [{ missingDocuments: ['birth-certificate'], receivedDocuments: ['declaration', 'birth-certificate'] }, "document 'birth-certificate' is in both data.missingDocuments and data.receivedDocuments; a document is either received or missing"],
])('refuses %j', (input, message) => {
  expect(failure(input)).toEqual({ code: 'transition.input-invalid', message });
});

it('on an event issuing the receipt, wants every required document in the received list; optional ones may be left out', () => {
  expect(() => checkDocumentLists('ACCEPT', { receivedDocuments: ['declaration', 'birth-certificate'] }, documents, true)).not.toThrow();
  expect(() => checkDocumentLists('ACCEPT', { receivedDocuments: ['declaration', 'birth-certificate', 'authorization'] }, documents, true)).not.toThrow();
  expect(() => checkDocumentLists('ACCEPT', {}, documents, true)).not.toThrow();
  let refusal: unknown = null;
  try {
    checkDocumentLists('ACCEPT', { receivedDocuments: ['authorization'] }, documents, true);
  } catch (error) {
    refusal = error;
  }
  expect(refusal instanceof MotcuaError && [refusal.code, refusal.message]).toEqual([
    'transition.input-invalid',
    'ACCEPT issues the receipt (form 01), which lists the documents received, and a dossier is accepted only when complete; data.receivedDocuments leaves out the required declaration, birth-certificate: add them, or ask for a supplement (form 02) instead',
  ]);
  // The same list on an event that prints no receipt is what it says: what the desk holds so far.
  expect(() => checkDocumentLists('ASK_SUPPLEMENT', { receivedDocuments: ['authorization'] }, documents, false)).not.toThrow();
});
