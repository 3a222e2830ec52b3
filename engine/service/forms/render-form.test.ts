// The PDF and the HTML print view print every field of the model, and the PDF
// is the same bytes for the same model.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildFormModel } from '../../forms/build-form-model.ts';
import type { FormModel } from '../../forms/form-model.ts';
import { extractPdfText } from '../../../test/extract-pdf-text.ts';
import { birthRegistrationFormFacts } from '../../../test/form-facts.ts';
import { renderFormHtml } from './render-form-html.ts';
import { renderFormPdf } from './render-form-pdf.ts';

const supplement = buildFormModel(
  birthRegistrationFormFacts({
    form: '02',
    event: { seq: 2, type: 'ASK_SUPPLEMENT', at: new Date('2026-03-02T02:45:00Z'), actorRole: 'receiver', unitId: 'hop-thinh', comment: null, payload: { input: { reason: 'Giấy chứng sinh bị mờ <không đọc được>', missingDocuments: ['birth-certificate'] }, form: '02' } },
    dueAt: null,
  }),
);
const receipt = buildFormModel(birthRegistrationFormFacts());

/** Every piece of text the model prints. */
function printedTexts(m: FormModel): string[] {
  const blocks = m.blocks.flatMap((b) => (b.kind === 'text' ? [b.text] : b.kind === 'field' ? [b.label, b.value] : b.kind === 'list' ? [b.label, ...b.items] : [b.label, ...b.columns, ...b.rows.flat()]));
  return [m.annexLabel, ...m.issuer, ...m.motto, m.placeAndDate, m.title, m.receiptCode, ...blocks, ...m.signatures.flatMap((s) => [s.title, s.note, s.name])];
}

const oneLine = (text: string) => text.replace(/\s+/g, ' ');
const escapeHtml = (text: string) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&#39;');

describe.each([
  ['01', receipt],
  ['02', supplement],
])('form %s', (_form, model) => {
  it('the PDF prints every field, the same bytes each time', async () => {
    const bytes = await renderFormPdf(model);
    const { pages, text } = await extractPdfText(bytes);
    expect(pages).toBe(1);
    for (const t of printedTexts(model)) expect(oneLine(text)).toContain(oneLine(t));
    const again = await renderFormPdf(model);
    expect(createHash('sha256').update(again).digest('hex')).toBe(createHash('sha256').update(bytes).digest('hex'));
  });

  it('the HTML print view prints every field, escaped, with no inline script or style', async () => {
    const html = await renderFormHtml(model);
    for (const t of printedTexts(model)) expect(html).toContain(escapeHtml(t));
    expect(html).not.toMatch(/<script|<style|\sstyle=|\son[a-z]+=/i);
  });
});

it('the HTML escapes what an officer typed', async () => {
  expect(await renderFormHtml(supplement)).toContain('<span class="value">Giấy chứng sinh bị mờ &lt;không đọc được&gt;</span>');
});
