import { expect, it } from 'vitest';
import { MotcuaError } from '../motcua-error.ts';
import { checkDocumentLists } from './check-document-lists.ts';

const documents = [
  { id: 'declaration', name: { vi: 'Tờ khai', en: 'Declaration' } },
  { id: 'birth-certificate', name: { vi: 'Giấy chứng sinh', en: 'Birth certificate' } },
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
  expect(() => checkDocumentLists('ASK_SUPPLEMENT', { missingDocuments: ['birth-certificate'], receivedDocuments: ['declaration', 'birth-certificate'] }, documents)).not.toThrow();
});

it.each([
  [{ missingDocuments: 'birth-certificate' }, 'data.missingDocuments must be a non-empty list of document ids; send a list of document ids of this procedure, e.g. {"type":"ASK_SUPPLEMENT","data":{"missingDocuments":["declaration"]}}; accepted: declaration, birth-certificate'],
  [{ missingDocuments: [] }, 'data.missingDocuments must be a non-empty list of document ids; send a list of document ids of this procedure, e.g. {"type":"ASK_SUPPLEMENT","data":{"missingDocuments":["declaration"]}}; accepted: declaration, birth-certificate'],
  [{ receivedDocuments: ['declaration', 7] }, 'data.receivedDocuments[1] 7 is not a document of this procedure; send a list of document ids of this procedure, e.g. {"type":"ASK_SUPPLEMENT","data":{"receivedDocuments":["declaration"]}}; accepted: declaration, birth-certificate'],
  [{ missingDocuments: ['declaration', 'declaration'] }, "data.missingDocuments[1] repeats document 'declaration'; name each document once"],
])('refuses %j', (input, message) => {
  expect(failure(input)).toEqual({ code: 'transition.input-invalid', message });
});
