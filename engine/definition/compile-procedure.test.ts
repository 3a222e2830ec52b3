// The compiled data validator: what a desk officer reads when dossier data fails
// the procedure's data schema.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadProcedure } from './load-procedure.ts';

const valid = readFileSync(new URL('./fixtures/valid.yaml', import.meta.url), 'utf8');

function compile(dataSchema: string) {
  const text = valid.replace(/^data:\n(?: {2}.*\n)+/m, `data:\n${dataSchema}`);
  const loaded = loadProcedure(text, 'fixtures/valid.yaml');
  if (!loaded.ok) throw new Error(loaded.diagnostics.map((d) => d.message).join('\n'));
  return loaded.procedure;
}

describe('validateData', () => {
  it('lists the allowed values of an enum, and names the value of a const', () => {
    const procedure = compile(['  type: object', '  properties:', '    applicant: { type: object }', '    sex: { enum: [male, female] }', '    country: { const: VN }', '    reason: { type: string, minLength: 1 }', ''].join('\n'));
    expect(procedure.validateData({ sex: 'unknown', country: 'FR', reason: '' })).toEqual([
      { path: '/sex', message: 'must be one of "male", "female"' },
      { path: '/country', message: 'must be "VN"' },
      { path: '/reason', message: 'must NOT have fewer than 1 characters' },
    ]);
  });
});
