// Text of one definition file → a compiled procedure, or every problem in it.
// Pure: the caller reads the file and passes its text and name.
import { checkProcedure, type CheckContext } from './check-procedure.ts';
import { checkSchema } from './check-schema.ts';
import { compileProcedure } from './compile-procedure.ts';
import type { CompiledProcedure } from './compiled-procedure.ts';
import { sortDiagnostics, type Diagnostic } from './diagnostic.ts';
import { normalizeStates } from './normalize-states.ts';
import type { ProcedureSource } from './procedure-definition.ts';
import { parseYamlSource } from './yaml-source.ts';

/** `diagnostics` are errors; `warnings` (severity 'warning') never stop the load. */
export type LoadResult =
  | { ok: true; procedure: CompiledProcedure; diagnostics: []; warnings: Diagnostic[] }
  | { ok: false; procedure: null; diagnostics: Diagnostic[]; warnings: Diagnostic[] };

export function loadProcedure(text: string, file: string, context: CheckContext = {}): LoadResult {
  const { source, diagnostics: syntax } = parseYamlSource(text, file);
  if (!source) return { ok: false, procedure: null, diagnostics: syntax, warnings: [] };
  const schemaErrors = checkSchema(source);
  if (schemaErrors.length) return { ok: false, procedure: null, diagnostics: sortDiagnostics(schemaErrors), warnings: [] };
  const procedure = source.value as ProcedureSource;
  const { states, diagnostics: naming } = normalizeStates(procedure, source);
  const { diagnostics: checks, guards, warnings: unsorted } = checkProcedure(procedure, states, source, context);
  const all = [...naming, ...checks];
  const warnings = sortDiagnostics(unsorted);
  if (all.length) return { ok: false, procedure: null, diagnostics: sortDiagnostics(all), warnings };
  return { ok: true, procedure: compileProcedure(procedure, states, guards), diagnostics: [], warnings };
}
