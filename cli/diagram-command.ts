// `motcua diagram FILE [--format mermaid|svg]`: the procedure's state diagram
// on stdout — Mermaid text to paste into Markdown, or a standalone SVG file.
import { parseArgs } from 'node:util';
import { renderMermaid } from '../engine/definition/render-mermaid.ts';
import { renderSvg } from '../engine/definition/render-svg.ts';
import type { CliIo } from './cli-io.ts';
import { loadOneProcedure } from './load-one-procedure.ts';

export const DIAGRAM_USAGE: readonly string[] = [
  'Usage: motcua diagram FILE [--format mermaid|svg]',
  '  --format  mermaid (default): a stateDiagram-v2 for Markdown; svg: a standalone picture, e.g. motcua diagram procedures/birth-registration.yaml --format svg > birth.svg',
];

export async function runDiagramCommand(argv: string[], io: CliIo): Promise<number> {
  let args;
  try {
    args = parseArgs({ args: argv, allowPositionals: true, options: { format: { type: 'string', short: 'f', default: 'mermaid' }, help: { type: 'boolean', short: 'h' } } });
  } catch (error) {
    io.stderr(`motcua diagram: ${(error as Error).message}`);
    io.stderr(DIAGRAM_USAGE[0]!);
    return 2;
  }
  if (args.values.help) {
    DIAGRAM_USAGE.forEach((line) => io.stdout(line));
    return 0;
  }
  const format = args.values.format;
  if (args.positionals.length !== 1 || (format !== 'mermaid' && format !== 'svg')) {
    io.stderr(args.positionals.length !== 1 ? 'motcua diagram: name exactly one procedure file' : `motcua diagram: unknown format '${format}'; use mermaid or svg`);
    io.stderr(DIAGRAM_USAGE[0]!);
    return 2;
  }
  const procedure = await loadOneProcedure('diagram', args.positionals[0]!, io);
  if (typeof procedure === 'number') return procedure;
  const text = format === 'svg' ? renderSvg(procedure) : renderMermaid(procedure);
  text.replace(/\n$/, '').split('\n').forEach((line) => io.stdout(line));
  return 0;
}
