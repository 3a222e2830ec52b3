// A form as an HTML print view: the same content as the PDF, one self-contained
// page that passes the console's Content-Security-Policy — no inline script or
// style; its look comes from the served stylesheet (FORM_STYLESHEET_PATH) and
// the receipt code's QR code is inline SVG drawn with attributes only.
import type { FormBlock, FormModel } from '../../forms/form-model.ts';

/** Where the API serves the print view's stylesheet (public: a printed page carries no secret). */
export const formStylesheetPath = '/forms/print.css';

export async function renderFormHtml(model: FormModel): Promise<string> {
  // Loaded at the first form shown (about 10 MB of resident code).
  const { default: QRCode } = await import('qrcode');
  const qr = model.qrCode ? `<div class="qr" role="img" aria-label="Mã QR của mã hồ sơ ${escape(model.receiptCode)}">${await QRCode.toString(model.receiptCode, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' })}</div>` : '';
  const signatures = model.signatures
    .map((s) => `<div class="signature"><p class="signature-title">${escape(s.title)}</p><p class="signature-note">${escape(s.note)}</p><p class="signature-name">${escape(s.name)}</p></div>`)
    .join('');
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(`${model.annexLabel} — ${model.title} — ${model.receiptCode}`)}</title>
<link rel="stylesheet" href="${formStylesheetPath}">
</head>
<body>
<article class="form" data-form="${model.form}">
<p class="annex">${escape(model.annexLabel)}</p>
<header class="form-header">
<div class="issuer">${model.issuer.map((l) => `<p>${escape(l)}</p>`).join('')}</div>
<div class="motto"><p class="motto-country">${escape(model.motto[0])}</p><p class="motto-words">${escape(model.motto[1])}</p><p class="place-date">${escape(model.placeAndDate)}</p></div>
</header>
<h1>${escape(model.title)}</h1>
<p class="receipt-code">Mã hồ sơ: <strong>${escape(model.receiptCode)}</strong></p>
${qr}
${model.blocks.map(renderBlock).join('\n')}
<footer class="signatures signatures-${model.signatures.length}">${signatures}</footer>
</article>
</body>
</html>
`;
}

function renderBlock(block: FormBlock): string {
  switch (block.kind) {
    case 'text':
      return `<p>${escape(block.text)}</p>`;
    case 'field':
      return `<p class="field"><span class="label">${escape(block.label)}:</span> <span class="value">${escape(block.value)}</span></p>`;
    case 'list':
      return `<p class="label">${escape(block.label)}:</p><ol>${block.items.map((i) => `<li>${escape(i)}</li>`).join('')}</ol>`;
    case 'table':
      return `<p class="label">${escape(block.label)}</p><table><thead><tr>${block.columns.map((c) => `<th scope="col">${escape(c)}</th>`).join('')}</tr></thead><tbody>${block.rows.map((r) => `<tr>${r.map((c) => `<td>${escape(c)}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
  }
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
