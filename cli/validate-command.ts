// `motcua validate [paths…]`: every procedure definition under the paths
// (procedures/ by default) checked on its own and against the others, each
// problem printed as file:line:col: message (a warning as file:line:col:
// warning: message). Exit 0 when all are valid — warnings do not fail — 1 when
// any error was found, 2 for bad arguments.
import { parseArgs } from 'node:util';
import { checkCatalogue } from '../engine/definition/check-catalogue.ts';
import { formatDiagnostic, sortDiagnostics } from '../engine/definition/diagnostic.ts';
import type { CliIo } from './cli-io.ts';
import { collectProcedureFiles } from './collect-procedure-files.ts';
import { ContextError, readCheckContext } from './read-check-context.ts';

export const VALIDATE_USAGE: readonly string[] = [
  'Usage: motcua validate [paths…] [--province FILE] [--calendars DIR]',
  '  paths        procedure files or folders to check (default: procedures/)',
  '  --province   the province file whose units definitions may name (default: procedures/province.yaml)',
  '  --calendars  the folder of calendar files, <name>-<year>.yaml (default: procedures/calendars)',
];

export async function runValidateCommand(argv: string[], io: CliIo): Promise<number> {
  let args;
  try {
    args = parseArgs({ args: argv, allowPositionals: true, options: { province: { type: 'string' }, calendars: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  } catch (error) {
    io.stderr(`motcua validate: ${(error as Error).message}`);
    io.stderr(VALIDATE_USAGE[0]!);
    return 2;
  }
  if (args.values.help) {
    VALIDATE_USAGE.forEach((line) => io.stdout(line));
    return 0;
  }

  const { files, missing } = await collectProcedureFiles(args.positionals.length ? args.positionals : ['procedures'], io);
  if (missing.length) {
    missing.forEach((path) => io.stderr(`motcua validate: no such file or folder: ${path}`));
    return 2;
  }
  let context;
  try {
    context = (await readCheckContext(io, args.values)).context;
  } catch (error) {
    if (!(error instanceof ContextError)) throw error;
    error.lines.forEach((line) => io.stderr(line));
    return error.exitCode;
  }

  const texts = await Promise.all(files.map(async (file) => ({ file, text: await io.readFile(file) })));
  const { diagnostics, warnings } = checkCatalogue(texts, context);
  sortDiagnostics([...diagnostics, ...warnings]).forEach((d) => io.stdout(formatDiagnostic(d)));
  const broken = new Set(diagnostics.map((d) => d.file)).size;
  const checked = `checked ${files.length} procedure ${files.length === 1 ? 'file' : 'files'}`;
  const warned = warnings.length ? `, ${warnings.length} ${warnings.length === 1 ? 'warning' : 'warnings'}` : '';
  io.stdout(diagnostics.length ? `${checked}: ${diagnostics.length} ${diagnostics.length === 1 ? 'problem' : 'problems'} in ${broken} ${broken === 1 ? 'file' : 'files'}${warned}` : `${checked}: no problems${warned}`);
  return diagnostics.length ? 1 : 0;
}
