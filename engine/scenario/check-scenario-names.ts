// Names a scenario file uses — units, roles, events, states — checked against
// the province and the procedure before anything runs. Without this, a misspelt
// unit surfaced as the step being refused ("the dossier is held by kinh-bac"),
// which reads like a permission problem in the procedure rather than a typo in
// the scenario. Each unknown name is reported at its place, with "did you mean".
import type { CheckContext } from '../definition/check-procedure.ts';
import type { CompiledProcedure } from '../definition/compiled-procedure.ts';
import type { Diagnostic } from '../definition/diagnostic.ts';
import { describeDidYouMean } from '../definition/did-you-mean.ts';
import { doneEvent } from '../definition/procedure-definition.ts';
import { diagnosticAt, type PathSegment, type YamlSource } from '../definition/yaml-source.ts';
import type { Expectation, Scenario } from './scenario-file.ts';

/**
 * Units must be units of the province (checked only when `context.units` is
 * given); roles must be the procedure's or `system`; events must be taken by
 * some transition; expected states must exist. A step that expects an error may
 * use an undeclared role or event on purpose (to show it is refused).
 */
export function checkScenarioNames(source: YamlSource, scenarios: Scenario[], procedure: CompiledProcedure, context: CheckContext = {}): Diagnostic[] {
  const out: Diagnostic[] = [];
  const report = (path: PathSegment[], message: string) => out.push(diagnosticAt(source, path, message));
  const roles = [...procedure.source.roles, 'system'];
  const events = new Set<string>();
  for (const state of procedure.states.values()) for (const t of state.transitions) if (t.event && t.event !== doneEvent) events.add(t.event);
  const states = [...procedure.states.keys()];

  const checkUnit = (unit: string | undefined, path: PathSegment[]) => {
    if (unit === undefined || !context.units || context.units.has(unit)) return;
    report(path, `unit '${unit}' does not exist in the province${describeDidYouMean(unit, context.units, '; name a unit of procedures/province.yaml')}`);
  };
  const checkExpect = (expect: Expectation | undefined, path: PathSegment[]) => {
    if (!expect) return;
    checkUnit(expect.unit, [...path, 'unit']);
    const expected = expect.state === undefined ? [] : Array.isArray(expect.state) ? expect.state : [expect.state];
    expected.forEach((state, k) => {
      if (!procedure.states.has(state)) report([...path, 'state', ...(Array.isArray(expect.state) ? [k] : [])], describeUnknownState(state, states));
    });
    for (const state of Object.keys(expect.stepDueAt ?? {})) if (!procedure.states.has(state)) report([...path, 'stepDueAt', state], describeUnknownState(state, states));
  };

  scenarios.forEach((scenario, i) => {
    const base: PathSegment[] = ['scenarios', i];
    checkUnit(scenario.given.receivingUnit, [...base, 'given', 'receivingUnit']);
    checkUnit(scenario.given.competentUnit, [...base, 'given', 'competentUnit']);
    checkExpect(scenario.given.expect, [...base, 'given', 'expect']);
    scenario.steps.forEach((step, j) => {
      const path: PathSegment[] = [...base, 'steps', j];
      checkUnit(step.unit, [...path, 'unit']);
      checkExpect(step.expect, [...path, 'expect']);
      if (step.expect.error !== undefined) return;
      if (!roles.includes(step.role)) report([...path, 'role'], `role '${step.role}' is not a role of the procedure${describeDidYouMean(step.role, roles, `; roles: ${roles.join(', ')}`)}`);
      if (!events.has(step.event)) report([...path, 'event'], `event ${step.event} is taken by no transition of the procedure${describeDidYouMean(step.event, events, `; events: ${[...events].join(', ')}`)}`);
    });
  });
  return out;
}

function describeUnknownState(state: string, states: string[]): string {
  return `state '${state}' does not exist in the procedure${describeDidYouMean(state, states, `; known states: ${states.join(', ')}`)}`;
}
