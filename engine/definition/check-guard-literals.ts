// A guard that compares a dossier field with a literal the field can never hold
// is silently constant: `data.maritalStatus != "divorcd"` with an enum of
// [single, divorced, widowed] is always true, so the condition it was meant to
// enforce never applies. Each such literal is an error, with the closest allowed
// value suggested when the schema lists them.
import { isScalar, type Scalar } from 'yaml';
import type { Diagnostic } from './diagnostic.ts';
import { describeTransition } from './describe-transition.ts';
import { listGuardTerms, type GuardComparison, type Literal } from './list-guard-terms.ts';
import type { ProcedureSource, StateNode } from './procedure-definition.ts';
import { readFieldSchema, type FieldSchema } from './read-field-schema.ts';
import { suggestClosest } from './suggest-closest.ts';
import { diagnosticAt, type PathSegment, type YamlSource } from './yaml-source.ts';

/** Comparisons by which a field must be able to equal the literal for the guard to mean anything. */
const EQUALITY = new Set(['==', '!=', 'in']);

export function checkGuardLiterals(procedure: ProcedureSource, states: ReadonlyMap<string, StateNode>, source: YamlSource, diagnostics: Diagnostic[]): void {
  for (const state of states.values())
    for (const t of state.transitions) {
      if (t.when === null) continue;
      const seen = new Set<string>();
      for (const comparison of listGuardTerms(t.when).comparisons) {
        if (comparison.path[0] !== 'data') continue;
        const field = readFieldSchema(procedure.data, comparison.path.slice(1));
        const problem = field && explainImpossible(field, comparison);
        const name = comparison.path.join('.');
        if (!problem || seen.has(`${name}|${JSON.stringify(comparison.literal)}`)) continue;
        seen.add(`${name}|${JSON.stringify(comparison.literal)}`);
        diagnostics.push(diagnosticInGuard(source, [...t.sourcePath, 'when'], comparison.start, `guard of ${describeTransition(t)} compares ${name} with ${JSON.stringify(comparison.literal)}, which it can never hold: ${problem}`));
      }
    }
}

function explainImpossible(field: FieldSchema, comparison: GuardComparison): string | null {
  const { literal } = comparison;
  const equality = EQUALITY.has(comparison.op);
  const typeProblem = field.types !== null && !field.types.some((type) => isOfType(type, literal));
  if (!equality && !typeProblem) return null;
  if (field.canHold(literal)) return null;
  if (field.allowedValues && field.allowedValues.length > 0 && equality) {
    const listed = field.allowedValues.map((v) => JSON.stringify(v)).join(', ');
    const strings = field.allowedValues.filter((v): v is string => typeof v === 'string');
    const closest = typeof literal === 'string' ? suggestClosest(literal, strings) : null;
    return `the data schema allows ${listed}; ${closest !== null ? `did you mean ${JSON.stringify(closest)}?` : 'compare with one of them, or add the value to the schema'}`;
  }
  if (typeProblem) {
    const kind = field.types!.map(describeType).join(' or ');
    return `the data schema makes it ${kind}, and this is ${describeLiteral(literal)}; ${fixType(field.types!, literal)}`;
  }
  if (typeof literal === 'string' && field.patterns.length > 0) return `the data schema requires the pattern ${field.patterns.join(' or ')}; correct the value in the guard or the pattern`;
  return 'the data schema does not allow that value (see its minimum and maximum); correct the value in the guard or the schema';
}

function fixType(types: string[], literal: Literal): string {
  if (typeof literal === 'string') {
    const trimmed = literal.trim();
    if ((types.includes('number') || types.includes('integer')) && trimmed !== '' && Number.isFinite(Number(trimmed))) return `write ${trimmed} without quotes`;
    if (types.includes('boolean') && (trimmed === 'true' || trimmed === 'false')) return `write ${trimmed} without quotes`;
  }
  if (types.includes('string') && typeof literal !== 'string') return `quote it: "${String(literal)}"`;
  return `compare with ${types.map(describeType).join(' or ')}`;
}

function describeType(type: string): string {
  return ({ string: 'a string', number: 'a number', integer: 'an integer', boolean: 'a boolean', array: 'a list', object: 'an object', null: 'null' } as Record<string, string>)[type] ?? type;
}

function describeLiteral(literal: Literal): string {
  if (typeof literal === 'string') return 'a string';
  if (typeof literal === 'boolean') return 'a boolean';
  return Number.isInteger(literal) ? 'an integer' : 'a number';
}

function isOfType(type: string, value: Literal): boolean {
  if (type === 'number') return typeof value === 'number';
  if (type === 'integer') return typeof value === 'number' && Number.isInteger(value);
  return typeof value === type;
}

/** Points at the literal inside the guard when the guard is written on one line as is (plain or quoted, no escapes); else at the guard. */
function diagnosticInGuard(source: YamlSource, path: PathSegment[], offset: number, message: string): Diagnostic {
  const at = diagnosticAt(source, path, message);
  const node = source.doc.getIn(path, true);
  if (!isScalar(node) || typeof node.value !== 'string' || !node.range) return at;
  const [start, end] = node.range;
  const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
  const verbatim = (node.type as Scalar.Type | undefined) === 'PLAIN' ? end - start === node.value.length : quoted && end - start === node.value.length + 2;
  if (!verbatim || source.lineCounter.linePos(start).line !== source.lineCounter.linePos(end).line) return at;
  const pos = source.lineCounter.linePos(start + (quoted ? 1 : 0) + offset);
  return { ...at, line: pos.line, col: pos.col };
}
