// `motcua explain FILE`: the procedure in plain words (see explain-procedure.ts).
import { parseArgs } from 'node:util';
import { explainProcedure } from '../engine/definition/explain-procedure.ts';
import type { CliIo } from './cli-io.ts';
import { loadOneProcedure } from './load-one-procedure.ts';

export const EXPLAIN_USAGE: readonly string[] = ['Usage: motcua explain FILE', '  a summary: states with unit, status and budget; who acts where; the longest path in working days'];

export async function runExplainCommand(argv: string[], io: CliIo): Promise<number> {
  let args;
  try {
    args = parseArgs({ args: argv, allowPositionals: true, options: { help: { type: 'boolean', short: 'h' } } });
  } catch (error) {
    io.stderr(`motcua explain: ${(error as Error).message}`);
    io.stderr(EXPLAIN_USAGE[0]!);
    return 2;
  }
  if (args.values.help) {
    EXPLAIN_USAGE.forEach((line) => io.stdout(line));
    return 0;
  }
  if (args.positionals.length !== 1) {
    io.stderr('motcua explain: name exactly one procedure file');
    io.stderr(EXPLAIN_USAGE[0]!);
    return 2;
  }
  const procedure = await loadOneProcedure('explain', args.positionals[0]!, io);
  if (typeof procedure === 'number') return procedure;
  explainProcedure(procedure).replace(/\n$/, '').split('\n').forEach((line) => io.stdout(line));
  return 0;
}
