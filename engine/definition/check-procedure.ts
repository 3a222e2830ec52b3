// Static checks that a JSON Schema cannot express: references between states,
// roles and units, reachability, guards that parse, a valid data schema.
// All problems are reported in one run, each at its place in the file.
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { checkBudgets } from './check-budgets.ts';
import { checkCitizenTexts } from './check-citizen-texts.ts';
import { checkDataReferences } from './check-data-references.ts';
import { checkDeadEnds } from './check-dead-ends.ts';
import { checkEventlessCycles } from './check-eventless-cycles.ts';
import { checkGuardLiterals } from './check-guard-literals.ts';
import { checkHandoffs } from './check-handoffs.ts';
import { checkOverdueEvents } from './check-overdue-events.ts';
import { checkTitles } from './check-titles.ts';
import { compileGuard, explainGuardError, type CompiledGuard } from './compile-guard.ts';
import type { Diagnostic } from './diagnostic.ts';
import { describeDidYouMean } from './did-you-mean.ts';
import { listReachableStates } from './list-reachable-states.ts';
import type { ProcedureSource, StateNode } from './procedure-definition.ts';
import { diagnosticAt, type PathSegment, type YamlSource } from './yaml-source.ts';

export interface CheckContext {
  /** Unit ids that exist; when given, named units must be among them. */
  units?: ReadonlySet<string>;
  /** Calendar names that exist (e.g. "vn"); when given, `calendar` must be one. */
  calendars?: ReadonlySet<string>;
  /** Connector names of procedures/connectors.yaml; when given, handoffs must name one of them. */
  connectors?: ReadonlySet<string>;
  /**
   * Every state a dossier can rest in must have a citizenText (check-citizen-texts.ts).
   * On for definitions being written or published — `motcua validate` and `test`,
   * the seed of the catalogue, drafts stored through the API — and off when a
   * version already published is compiled again: it can never change, and its
   * dossiers must keep running.
   */
  requireCitizenTexts?: boolean;
}

export interface CheckResult {
  diagnostics: Diagnostic[];
  /** Problems that do not stop the definition loading (severity 'warning'): missing officer-facing titles. */
  warnings: Diagnostic[];
  guards: Map<string, CompiledGuard>;
}

export function checkProcedure(procedure: ProcedureSource, states: Map<string, StateNode>, source: YamlSource, context: CheckContext = {}): CheckResult {
  const diagnostics: Diagnostic[] = [];
  const at = (path: PathSegment[], message: string, key = false) => diagnostics.push(diagnosticAt(source, path, message, { key }));
  const known = [...states.keys()];
  const guards = new Map<string, CompiledGuard>();

  if (!states.has(procedure.initial)) at(['initial'], `initial state '${procedure.initial}' does not exist${describeDidYouMean(procedure.initial, known, `; known states: ${known.join(', ')}`)}`);
  else if (states.get(procedure.initial)!.parent !== null) at(['initial'], `initial state '${procedure.initial}' is nested; name a top-level state`);

  const roles = new Set(procedure.roles);
  for (const state of states.values()) {
    if (state.kind === 'compound') {
      if (!state.initial) at(state.sourcePath, `compound state '${state.name}' has no initial state; add initial: ${state.children[0]}`, true);
      else if (!state.children.includes(state.initial)) at([...state.sourcePath, 'initial'], `initial state '${state.initial}' is not a child of '${state.name}'${describeDidYouMean(state.initial, state.children, `; children: ${state.children.join(', ')}`)}`);
    }
    // Only a top-level final state ends the dossier; a nested one ends its parent (a region of a parallel state, say).
    if (state.kind === 'final' && !state.outcome && state.parent === null) at(state.sourcePath, `final state '${state.name}' has no outcome; add outcome: approved | rejected | refused-at-reception | withdrawn | stopped`, true);
    if (state.kind === 'final' && state.outcome && state.parent !== null) at([...state.sourcePath, 'outcome'], `final state '${state.name}' is inside '${state.parent}', so it ends '${state.parent}', not the dossier; remove the outcome, or move the state to the top level`);
    if (state.kind !== 'final' && state.outcome) at([...state.sourcePath, 'outcome'], `state '${state.name}' is not final but has an outcome; add type: final or remove the outcome`);
    if (statusOf(state, states) === null) at(state.sourcePath, `state '${state.name}' has no national-portal status code; add status: 1–10 (4 = in progress)`, true);
    if (state.unit && typeof state.unit === 'object' && context.units && !context.units.has(state.unit.unit))
      at([...state.sourcePath, 'unit', 'unit'], `unit '${state.unit.unit}' does not exist${describeDidYouMean(state.unit.unit, context.units, '; add it to procedures/province.yaml or name an existing unit')}`);

    for (const t of state.transitions) {
      if (!states.has(t.target)) at([...t.sourcePath, ...(typeof t.target === 'string' && t.sourcePath.length ? targetSuffix(source, t.sourcePath) : [])], `unknown target state '${t.target}' in ${describeTransition(t.event, state.name)}${describeDidYouMean(t.target, known, `; known states: ${known.join(', ')}`)}`);
      for (const role of t.roles ?? [])
        if (!roles.has(role)) at([...t.sourcePath, 'roles'], `unknown role '${role}' in ${describeTransition(t.event, state.name)}${describeDidYouMean(role, roles, `; declare it under roles: [${[...roles, role].join(', ')}]`)}`);
      if (t.when !== null && !guards.has(t.when)) {
        try {
          guards.set(t.when, compileGuard(t.when));
        } catch (error) {
          at([...t.sourcePath, 'when'], `guard of ${describeTransition(t.event, state.name)} is not valid CEL: ${explainGuardError(error, t.when)}; guards may use data, input, actor and units`);
        }
      }
    }
  }

  checkWayOut(states, at);
  checkReachable(procedure, states, at);
  checkDataSchema(procedure, at);
  checkDataReferences(procedure, states, at);
  checkGuardLiterals(procedure, states, source, diagnostics);
  checkEventlessCycles(states, guards, procedure.data, at);
  checkDeadEnds(procedure.initial, states, guards, procedure.data, at);
  checkBudgets(procedure, states, at);
  checkOverdueEvents(states, at);
  checkHandoffs(states, context, at);
  if (context.requireCitizenTexts) checkCitizenTexts(states, at);
  if (procedure.competentUnit && typeof procedure.competentUnit === 'object' && 'department' in procedure.competentUnit && context.units && !context.units.has(procedure.competentUnit.department))
    at(['competentUnit', 'department'], `unit '${procedure.competentUnit.department}' does not exist${describeDidYouMean(procedure.competentUnit.department, context.units, '; name an existing department')}`);
  if (context.calendars && !context.calendars.has(procedure.calendar ?? 'vn'))
    at(['calendar'], `calendar '${procedure.calendar ?? 'vn'}' does not exist${describeDidYouMean(procedure.calendar ?? 'vn', context.calendars, `; known calendars: ${[...context.calendars].join(', ')}`)}`);
  const warnings: Diagnostic[] = [];
  checkTitles(states, (path, message, key) => warnings.push({ ...diagnosticAt(source, path, message, { key }), severity: 'warning' }));
  return { diagnostics, guards, warnings };
}

export function statusOf(state: StateNode, states: ReadonlyMap<string, StateNode>): number | null {
  for (let s: StateNode | undefined = state; s; s = s.parent ? states.get(s.parent) : undefined) if (s.status !== null) return s.status;
  return null;
}

function describeTransition(event: string, state: string): string {
  return event === '@done' ? `the 'onDone' transition of state '${state}'` : event ? `transition ${event} of state '${state}'` : `the 'always' transition of state '${state}'`;
}

function targetSuffix(source: YamlSource, path: PathSegment[]): PathSegment[] {
  // A bare string transition is itself the target; an object has a `target` key.
  const node = source.doc.getIn(path, true) as { items?: unknown } | undefined;
  return node && typeof node === 'object' && 'items' in node ? ['target'] : [];
}

function checkWayOut(states: Map<string, StateNode>, at: (path: PathSegment[], message: string, key?: boolean) => void): void {
  for (const state of states.values()) {
    if (state.kind !== 'atomic') continue;
    let hasExit = false;
    for (let s: StateNode | undefined = state; s && !hasExit; s = s.parent ? states.get(s.parent) : undefined) hasExit = s.transitions.length > 0;
    // A region of a parallel state may end by reaching a final child; an atomic state inside one still needs an exit.
    if (!hasExit) at(state.sourcePath, `state '${state.name}' is not final and has no way out; add a transition under on:, or type: final with an outcome`, true);
  }
}

function checkReachable(procedure: ProcedureSource, states: Map<string, StateNode>, at: (path: PathSegment[], message: string, key?: boolean) => void): void {
  const reached = listReachableStates(procedure.initial, states);
  for (const state of states.values())
    if (!reached.has(state.name)) at(state.sourcePath, `state '${state.name}' is unreachable: no transition leads to it from '${procedure.initial}'; add one or remove the state`, true);
}

function checkDataSchema(procedure: ProcedureSource, at: (path: PathSegment[], message: string, key?: boolean) => void): void {
  try {
    const ajv = new Ajv({ strict: true, allErrors: true, useDefaults: true, strictRequired: false });
    addFormats.default(ajv);
    // JSON Schema's title and description are plain strings; the officer's form reads these bilingual siblings first.
    for (const keyword of localizedKeywords) ajv.addKeyword({ keyword, metaSchema: localizedTextSchema });
    ajv.compile(procedure.data);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // ajv names an unknown keyword but not where it is: point at the first object that has it.
    const keyword = /unknown keyword: "(.*)"$/.exec(message)?.[1];
    // A bad x-title / x-description names its place as a JSON pointer: point at the keyword there.
    const invalid = /^keyword "(x-[a-z]+)" value is invalid at path "#\/?(.*)"/.exec(message);
    const place = invalid
      ? ['data', ...invalid[2]!.split('/').filter(Boolean).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~')), invalid[1]!]
      : keyword === undefined ? null : findKey(procedure.data, keyword, ['data']);
    at(place ?? ['data'], `the data schema is not valid JSON Schema: ${invalid ? `${message.replace(/: data must/, ': it must')}; write it as { vi: …, en: … }` : message}`, place !== null);
  }
}

/** A data field's `{ vi, en }` label and hint for the officer's form, beside JSON Schema's own `title` and `description`. */
export const localizedKeywords = ['x-title', 'x-description'] as const;

const localizedTextSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['vi', 'en'],
  properties: { vi: { type: 'string', minLength: 1 }, en: { type: 'string', minLength: 1 } },
};

function findKey(value: unknown, key: string, path: PathSegment[]): PathSegment[] | null {
  if (typeof value !== 'object' || value === null) return null;
  if (!Array.isArray(value) && Object.hasOwn(value, key)) return [...path, key];
  for (const [k, v] of Object.entries(value)) {
    const found = findKey(v, key, [...path, Array.isArray(value) ? Number(k) : k]);
    if (found) return found;
  }
  return null;
}
