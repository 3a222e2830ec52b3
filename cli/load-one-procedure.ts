// Loads the single definition a command works on (diagram, explain), printing
// its problems when it does not load. Only the file itself is checked: drawing
// or explaining a definition does not need the province's units.
import type { CompiledProcedure } from '../engine/definition/compiled-procedure.ts';
import { formatDiagnostic } from '../engine/definition/diagnostic.ts';
import { loadProcedure } from '../engine/definition/load-procedure.ts';
import type { CliIo } from './cli-io.ts';
import { displayPath } from './collect-procedure-files.ts';

export async function loadOneProcedure(command: string, path: string, io: CliIo): Promise<CompiledProcedure | number> {
  if ((await io.kindOf(path)) !== 'file') {
    io.stderr(`motcua ${command}: no such file: ${path}`);
    return 2;
  }
  const result = loadProcedure(await io.readFile(path), displayPath(io, path));
  if (result.ok) return result.procedure;
  result.diagnostics.forEach((d) => io.stderr(formatDiagnostic(d)));
  io.stderr(`motcua ${command}: ${displayPath(io, path)} is not a valid procedure; fix the problems above (motcua validate lists them all)`);
  return 1;
}
