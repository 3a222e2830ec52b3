// The benchmark summary as a plain-text table (also pasted into the README).
import { fmt } from './measure.ts';

export interface Row { measure: string; value: string; baseline: string; ratio: number | null; target: string; met: boolean | null }

export function printTable(rows: Row[]): string[] {
  const cells = [['measure', 'motcua', 'baseline (same run)', 'ratio', 'target', 'met'], ...rows.map((r) => [r.measure, r.value, r.baseline, r.ratio === null ? '' : fmt(r.ratio, 2), r.target, r.met === null ? '' : r.met ? 'yes' : 'no'])];
  const widths = cells[0]!.map((_, i) => Math.max(...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => `| ${c.map((v, i) => v.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(cells[0]!), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...cells.slice(1).map(line)];
}
