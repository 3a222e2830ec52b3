// Checks a set of definition files together: each file on its own (loadProcedure),
// then what only shows across files — two files declaring the same code and
// version, which would make "version N of procedure X" ambiguous. Pure: the
// caller reads the files.
import type { CheckContext } from './check-procedure.ts';
import { sortDiagnostics, type Diagnostic } from './diagnostic.ts';
import { loadProcedure, type LoadResult } from './load-procedure.ts';
import { diagnosticAt, parseYamlSource } from './yaml-source.ts';

export interface CatalogueFile {
  file: string;
  text: string;
}

export interface CatalogueResult {
  /** Every problem in every file, sorted by file, line and column. */
  diagnostics: Diagnostic[];
  /** Every warning (severity 'warning'), sorted the same way; they do not make a file invalid. */
  warnings: Diagnostic[];
  /** Each file's own result, in the order given. */
  results: Array<{ file: string; result: LoadResult }>;
}

export function checkCatalogue(files: readonly CatalogueFile[], context: CheckContext = {}): CatalogueResult {
  const results = files.map(({ file, text }) => ({ file, result: loadProcedure(text, file, context) }));
  const diagnostics = results.flatMap(({ result }) => result.diagnostics);
  diagnostics.push(...findDuplicateVersions(files));
  const warnings = results.flatMap(({ result }) => result.warnings);
  return { diagnostics: sortDiagnostics(diagnostics), warnings: sortDiagnostics(warnings), results };
}

/** Files that repeat a code and version declared by an earlier file (in file-name order). */
export function findDuplicateVersions(files: readonly CatalogueFile[]): Diagnostic[] {
  const first = new Map<string, string>();
  const out: Diagnostic[] = [];
  for (const { file, text } of [...files].sort((a, b) => a.file.localeCompare(b.file))) {
    // Read code and version even from a file with other problems: the clash is worth knowing at once.
    const { source } = parseYamlSource(text, file);
    const value = source?.value as { code?: unknown; version?: unknown } | null | undefined;
    if (!source || typeof value !== 'object' || value === null || typeof value.code !== 'string' || !Number.isInteger(value.version)) continue;
    const key = `${value.code}@${String(value.version)}`;
    const earlier = first.get(key);
    if (earlier === undefined) first.set(key, file);
    else out.push(diagnosticAt(source, ['version'], `procedure ${value.code} version ${String(value.version)} is already defined in ${earlier}; give this file the next version number or correct its code`));
  }
  return out;
}
