// A form as an A4 PDF (pdfkit), with DejaVu Sans embedded (subset) so every
// Vietnamese diacritic prints, and form 01's receipt code drawn as a QR code in
// vector squares. Reproducible: the same form model gives the same bytes (the
// creation date is the issuing event's time; pdfkit derives the file id from it).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { FormBlock, FormModel } from '../../forms/form-model.ts';

const require = createRequire(import.meta.url);
let fonts: { regular: Buffer; bold: Buffer } | null = null;

function loadFonts(): { regular: Buffer; bold: Buffer } {
  fonts ??= {
    regular: readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')),
    bold: readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf')),
  };
  return fonts;
}

type QrCodes = typeof import('qrcode');

const margin = 56; // points (2 cm)
const pageWidth = 595.28; // A4, points
const contentWidth = pageWidth - 2 * margin;

/** The PDF's bytes. */
export async function renderFormPdf(model: FormModel): Promise<Buffer> {
  // Loaded at the first form printed: pdfkit and qrcode are about 35 MB of resident code an API process mostly never runs.
  const [{ default: PDFDocument }, { default: QRCode }] = await Promise.all([import('pdfkit'), import('qrcode')]);
  const { regular, bold } = loadFonts();
  const doc = new PDFDocument({
    size: 'A4',
    margin,
    info: { Title: `${model.annexLabel} — ${model.title} — ${model.receiptCode}`, Author: model.issuer.join(' — '), Creator: 'motcua', Producer: 'motcua', CreationDate: model.issuedAt, ModDate: model.issuedAt },
    lang: 'vi-VN',
    displayTitle: true,
  });
  doc.registerFont('regular', regular);
  doc.registerFont('bold', bold);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  drawHeader(doc, model, QRCode);
  for (const block of model.blocks) drawBlock(doc, block);
  drawSignatures(doc, model);
  doc.end();
  return done;
}

function drawHeader(doc: PDFKit.PDFDocument, model: FormModel, qrCodes: QrCodes): void {
  const half = contentWidth / 2;
  doc.font('regular').fontSize(8).text(model.annexLabel, margin, margin - 24, { width: contentWidth, align: 'right' });
  const top = margin;
  doc.font('bold').fontSize(9);
  model.issuer.forEach((line, i) => doc.font(i === model.issuer.length - 1 ? 'bold' : 'regular').text(line, margin, i === 0 ? top : undefined, { width: half - 8, align: 'center' }));
  const leftBottom = doc.y;
  doc.font('bold').fontSize(9).text(model.motto[0], margin + half, top, { width: half, align: 'center' });
  doc.font('bold').fontSize(10).text(model.motto[1], margin + half, undefined, { width: half, align: 'center', underline: true });
  doc.moveDown(0.6);
  doc.font('regular').fontSize(10).text(model.placeAndDate, margin + half, undefined, { width: half, align: 'center' });
  let y = Math.max(leftBottom, doc.y) + 18;
  // The title stays on one line, as on the annex: long ones (form 04) print smaller.
  let titleSize = 14;
  while (titleSize > 10 && doc.font('bold').fontSize(titleSize).widthOfString(model.title) > contentWidth) titleSize -= 0.5;
  doc.font('bold').fontSize(titleSize).text(model.title, margin, y, { width: contentWidth, align: 'center' });
  doc.font('bold').fontSize(11).text(`Mã hồ sơ: ${model.receiptCode}`, margin, undefined, { width: contentWidth, align: 'center' });
  y = doc.y + 6;
  if (model.qrCode) {
    const size = 84;
    drawQrCode(doc, qrCodes, model.receiptCode, (pageWidth - size) / 2, y, size);
    y += size + 6;
  }
  doc.x = margin;
  doc.y = y + 6;
}

function drawQrCode(doc: PDFKit.PDFDocument, qrCodes: QrCodes, text: string, x: number, y: number, size: number): void {
  const qr = qrCodes.create(text, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const quiet = 2; // modules of white border
  const cell = size / (n + 2 * quiet);
  for (let r = 0; r < n; r++)
    for (let c = 0; c < n; c++) if (qr.modules.get(r, c)) doc.rect(x + (c + quiet) * cell, y + (r + quiet) * cell, cell, cell);
  doc.fill('#000000');
}

function drawBlock(doc: PDFKit.PDFDocument, block: FormBlock): void {
  doc.fontSize(11);
  switch (block.kind) {
    case 'text':
      doc.font('regular').text(block.text, margin, undefined, { width: contentWidth, align: 'justify' });
      break;
    case 'field':
      doc.font('bold').text(`${block.label}: `, margin, undefined, { width: contentWidth, continued: true }).font('regular').text(block.value);
      break;
    case 'list':
      doc.font('bold').text(`${block.label}:`, margin, undefined, { width: contentWidth });
      block.items.forEach((item, i) => doc.font('regular').text(`${i + 1}. ${item}`, margin + 16, undefined, { width: contentWidth - 16 }));
      break;
    case 'table':
      doc.font('bold').text(block.label, margin, undefined, { width: contentWidth });
      drawTable(doc, block.columns, block.rows);
      break;
  }
  doc.moveDown(0.35);
}

function drawTable(doc: PDFKit.PDFDocument, columns: string[], rows: string[][]): void {
  const widths = [30, contentWidth - 30 - 80 - 60, 80, 60];
  const draw = (cells: string[], font: 'regular' | 'bold') => {
    doc.font(font).fontSize(10);
    const heights = cells.map((c, i) => doc.heightOfString(c, { width: widths[i]! - 8 }));
    const h = Math.max(...heights) + 8;
    const y = doc.y;
    let x = margin;
    cells.forEach((c, i) => {
      doc.rect(x, y, widths[i]!, h).lineWidth(0.5).stroke('#000000');
      doc.fillColor('#000000').text(c, x + 4, y + 4, { width: widths[i]! - 8, align: i === 1 ? 'left' : 'center' });
      x += widths[i]!;
    });
    doc.x = margin;
    doc.y = y + h;
  };
  doc.moveDown(0.2);
  draw(columns, 'bold');
  for (const row of rows) draw(row, 'regular');
  doc.fontSize(11);
}

function drawSignatures(doc: PDFKit.PDFDocument, model: FormModel): void {
  doc.moveDown(1);
  const n = model.signatures.length;
  const width = contentWidth / Math.max(n, 2);
  const top = doc.y;
  model.signatures.forEach((s, i) => {
    // One signature sits on the right, as on the circular's forms; two share the width.
    const x = n === 1 ? margin + contentWidth / 2 : margin + i * width;
    doc.font('bold').fontSize(10).text(s.title, x, top, { width, align: 'center' });
    doc.font('regular').fontSize(9).text(s.note, x, undefined, { width, align: 'center' });
    doc.font('bold').fontSize(11).text(s.name, x, top + 80, { width, align: 'center' });
  });
}
