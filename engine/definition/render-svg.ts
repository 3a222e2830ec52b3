// A procedure as a standalone SVG document, drawn from layout-diagram.ts: boxes
// coloured by national-portal status (reception blue, supplement amber, result
// green, refusal and stop red), containers for compound and parallel states,
// arrows with their event labels. Hovering an arrow shows its full label.
import type { CompiledProcedure } from './compiled-procedure.ts';
import { CHAR_WIDTH, LINE_HEIGHT, layoutDiagram, type DiagramBox } from './layout-diagram.ts';

const FILL: Record<number, string> = { 1: '#e8f0fe', 2: '#e8f0fe', 3: '#fde8e8', 4: '#f5f5f5', 5: '#fff4e0', 6: '#fff4e0', 7: '#eeeeee', 8: '#fde8e8', 9: '#e6f4ea', 10: '#d4edda' };

export function renderSvg(procedure: CompiledProcedure): string {
  const layout = layoutDiagram(procedure);
  const title = `${procedure.source.name.en} (${procedure.source.code} v${procedure.source.version})`;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${layout.width}" height="${layout.height}" viewBox="0 0 ${layout.width} ${layout.height}" font-family="Helvetica, Arial, sans-serif" font-size="12">`,
    `<title>${escapeXml(title)}</title>`,
    '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#444"/></marker></defs>',
    `<rect x="0" y="0" width="${layout.width}" height="${layout.height}" fill="#ffffff"/>`,
  ];
  // Containers first so the states inside them are drawn on top.
  const containers = layout.boxes.filter((b) => b.kind === 'compound' || b.kind === 'parallel');
  const leaves = layout.boxes.filter((b) => b.kind !== 'compound' && b.kind !== 'parallel');
  for (const box of containers) out.push(drawContainer(box));
  for (const box of leaves) out.push(drawLeaf(box));
  for (const box of layout.boxes) if (box.initial) out.push(drawInitialMarker(box));
  for (const edge of layout.edges) out.push(`<path d="${edge.path}" fill="none" stroke="#444" stroke-width="1.2" marker-end="url(#arrow)"><title>${escapeXml(edge.descriptions.join('\n'))}</title></path>`);
  for (const edge of layout.edges) {
    const width = Math.max(...edge.labels.map((l) => l.length)) * CHAR_WIDTH + 6;
    out.push(`<rect x="${edge.labelX - 3}" y="${edge.labelY}" width="${round(width)}" height="${edge.labels.length * LINE_HEIGHT + 2}" fill="#ffffff" fill-opacity="0.85"/>`);
    edge.labels.forEach((line, i) => out.push(`<text x="${edge.labelX}" y="${round(edge.labelY + (i + 1) * LINE_HEIGHT - 2)}" font-size="11" fill="#222">${escapeXml(line)}</text>`));
  }
  out.push('</svg>');
  return out.join('\n') + '\n';
}

function drawLeaf(box: DiagramBox): string {
  const fill = box.status !== null ? (FILL[box.status] ?? '#ffffff') : '#ffffff';
  const final = box.kind === 'final';
  const parts = [`<g><title>${escapeXml(`${box.heading}: ${box.detail}`)}</title>`];
  parts.push(`<rect x="${box.x}" y="${box.y}" width="${round(box.width)}" height="${box.height}" rx="8" fill="${fill}" stroke="#333" stroke-width="${final ? 2.5 : 1}"/>`);
  if (final) parts.push(`<rect x="${box.x + 3}" y="${box.y + 3}" width="${round(box.width - 6)}" height="${box.height - 6}" rx="6" fill="none" stroke="#333" stroke-width="0.8"/>`);
  parts.push(`<text x="${round(box.x + box.width / 2)}" y="${box.y + 18}" text-anchor="middle" font-weight="bold">${escapeXml(box.heading)}</text>`);
  parts.push(`<text x="${round(box.x + box.width / 2)}" y="${box.y + 34}" text-anchor="middle" font-size="11" fill="#444">${escapeXml(box.detail)}</text>`);
  parts.push('</g>');
  return parts.join('');
}

function drawContainer(box: DiagramBox): string {
  const dashed = box.region ? ' stroke-dasharray="6 4"' : '';
  const fill = box.region ? 'none' : '#fbfbfb';
  const parts = [`<g><title>${escapeXml(`${box.heading}: ${box.detail}`)}</title>`];
  parts.push(`<rect x="${box.x}" y="${box.y}" width="${round(box.width)}" height="${round(box.height)}" rx="10" fill="${fill}" stroke="#666"${dashed}/>`);
  parts.push(`<text x="${box.x + 12}" y="${box.y + 18}" font-weight="bold">${escapeXml(box.heading)}</text>`);
  parts.push(`<text x="${box.x + 12}" y="${box.y + 32}" font-size="11" fill="#444">${escapeXml(box.detail)}</text>`);
  parts.push('</g>');
  return parts.join('');
}

/** The UML start dot, left of the initial state of each scope. */
function drawInitialMarker(box: DiagramBox): string {
  const cy = box.kind === 'compound' || box.kind === 'parallel' ? box.y + 18 : box.y + box.height / 2;
  return `<circle cx="${box.x - 16}" cy="${cy}" r="5" fill="#222"/><path d="M${box.x - 11},${cy} L${box.x},${cy}" stroke="#222" stroke-width="1.2" marker-end="url(#arrow)"/>`;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
