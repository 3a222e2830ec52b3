// Every place a definition names a dossier field — `data.…` in a guard, the
// `competentUnit: { communeOf: … }` rule — must name a field the data schema
// declares. A typo there would otherwise surface only at run time, as a guard
// that is never true or a dossier routed nowhere.
import { findUnknownField } from './find-unknown-field.ts';
import { listDataReferences } from './list-data-references.ts';
import type { ProcedureSource, StateNode } from './procedure-definition.ts';
import type { PathSegment } from './yaml-source.ts';

export type Report = (path: PathSegment[], message: string, key?: boolean) => void;

export function checkDataReferences(procedure: ProcedureSource, states: ReadonlyMap<string, StateNode>, report: Report): void {
  for (const state of states.values())
    for (const t of state.transitions) {
      if (t.when === null) continue;
      const seen = new Set<string>();
      for (const path of listDataReferences(t.when)) {
        const problem = explainUnknown(procedure.data, path);
        if (!problem || seen.has(problem.field)) continue;
        seen.add(problem.field);
        const transition = t.event === '@done' ? `the 'onDone' transition of state '${state.name}'` : t.event ? `transition ${t.event} of state '${state.name}'` : `the 'always' transition of state '${state.name}'`;
        report([...t.sourcePath, 'when'], `guard of ${transition} reads ${problem.field}, which the data schema does not declare; ${problem.known} — fix the name or declare the field in data`);
      }
    }

  const rule = procedure.competentUnit;
  if (rule && typeof rule === 'object' && 'communeOf' in rule && typeof rule.communeOf === 'string') {
    const problem = explainUnknown(procedure.data, rule.communeOf.replace(/^data\./, '').split('.'));
    if (problem) report(['competentUnit', 'communeOf'], `competentUnit.communeOf names ${problem.field}, which the data schema does not declare; ${problem.known} — fix the name or declare the field in data`);
  }
}

function explainUnknown(schema: unknown, path: string[]): { field: string; known: string } | null {
  const unknown = findUnknownField(schema, path);
  if (!unknown) return null;
  const parent = ['data', ...path.slice(0, unknown.index)].join('.');
  return {
    field: ['data', ...path.slice(0, unknown.index + 1)].join('.'),
    known: unknown.known.length ? `fields of ${parent}: ${unknown.known.join(', ')}` : `${parent} declares no fields`,
  };
}
