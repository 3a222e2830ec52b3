// Runs a procedure's scenario tests: each scenario files a dossier, fires its
// steps through the pure runtime (startDossier, step) and the statutory clock
// (applyClock) exactly as the service does, and compares what it expects after
// each step with what happened. Pure: the caller passes file texts in; the
// clock is the `at` of each step. A scenario stops at its first failing step.
import { CalendarError, createCalendarFromTexts, formatLocalIso, parseLocalDateTime, type CalendarText, type WorkCalendar } from '../calendar/index.ts';
import type { CheckContext } from '../definition/check-procedure.ts';
import type { CompiledProcedure } from '../definition/compiled-procedure.ts';
import { sortDiagnostics, type Diagnostic } from '../definition/diagnostic.ts';
import { loadProcedure } from '../definition/load-procedure.ts';
import { diagnosticAt, type YamlSource } from '../definition/yaml-source.ts';
import { isMotcuaError } from '../motcua-error.ts';
import { applyClock, type ClockState } from '../runtime/apply-clock.ts';
import type { DossierPosition, DossierUnits, PositionFacts } from '../runtime/dossier-position.ts';
import { startDossier } from '../runtime/start-dossier.ts';
import { step } from '../runtime/step.ts';
import { checkScenarioNames } from './check-scenario-names.ts';
import { parseScenarios } from './parse-scenarios.ts';
import type { Expectation, Scenario } from './scenario-file.ts';

export interface SourceText {
  file: string;
  text: string;
}

export interface Mismatch {
  field: string;
  expected: string;
  actual: string;
}

export interface ScenarioFailure {
  /** 0 for the `given` part, else the 1-based step number. */
  step: number;
  /** "SIGN by leader at hop-thinh, 2026-02-13T11:00+07:00", or "given". */
  description: string;
  line: number;
  col: number;
  mismatches: Mismatch[];
}

export interface ScenarioResult {
  name: string;
  line: number;
  col: number;
  steps: number;
  failure: ScenarioFailure | null;
}

export interface ScenarioRun {
  procedureFile: string;
  scenarioFile: string;
  /** Problems that stopped the run: the definition or the scenario file does not load. */
  diagnostics: Diagnostic[];
  results: ScenarioResult[];
}

/**
 * Loads the definition, the scenarios and the procedure's calendar (files named
 * <calendar>-<year>.yaml), then runs every scenario. A caller that already holds
 * the built calendar (the API) passes it as `calendar` instead of its files.
 */
export function runScenarios(input: { procedure: SourceText; scenarios: SourceText; calendars: CalendarText[]; calendar?: WorkCalendar; context?: CheckContext }): ScenarioRun {
  const run: ScenarioRun = { procedureFile: input.procedure.file, scenarioFile: input.scenarios.file, diagnostics: [], results: [] };
  const loaded = loadProcedure(input.procedure.text, input.procedure.file, input.context);
  if (!loaded.ok) return { ...run, diagnostics: loaded.diagnostics };
  const parsed = parseScenarios(input.scenarios.text, input.scenarios.file);
  if (!parsed.ok) return { ...run, diagnostics: parsed.diagnostics };

  const calendar = input.calendar ?? loadCalendar(loaded.procedure.source.calendar ?? 'vn', input.calendars);
  if ('diagnostic' in calendar) return { ...run, diagnostics: [{ ...calendar.diagnostic, file: calendar.diagnostic.file || input.procedure.file }] };

  const problems = [...checkTimes(parsed.source, parsed.file.scenarios, calendar), ...checkScenarioNames(parsed.source, parsed.file.scenarios, loaded.procedure, input.context)];
  if (problems.length) return { ...run, diagnostics: sortDiagnostics(problems) };
  run.results = parsed.file.scenarios.map((scenario, index) => runScenario(loaded.procedure, scenario, index, parsed.source, calendar, input.context));
  return run;
}

function loadCalendar(name: string, calendars: CalendarText[]): WorkCalendar | { diagnostic: Diagnostic } {
  const files = calendars.filter((c) => new RegExp(`(^|/)${name}-\\d{4}\\.ya?ml$`).test(c.fileName));
  try {
    if (!files.length) throw new CalendarError('calendar.invalid', `no calendar file for calendar '${name}': add procedures/calendars/${name}-<year>.yaml`);
    return createCalendarFromTexts(files);
  } catch (error) {
    if (!(error instanceof CalendarError)) throw error;
    return { diagnostic: { file: files[0]?.fileName ?? '', line: 1, col: 1, message: error.message, path: '' } };
  }
}

/** Every `at` must be a date-time on the calendar and no earlier than the moment before it. */
function checkTimes(source: YamlSource, scenarios: Scenario[], calendar: WorkCalendar): Diagnostic[] {
  const out: Diagnostic[] = [];
  scenarios.forEach((scenario, i) => {
    let previous: Date | null = null;
    const moments: Array<[string, Array<string | number>]> = [[scenario.given.receivedAt, ['scenarios', i, 'given', 'receivedAt']], ...scenario.steps.map((s, j): [string, Array<string | number>] => [s.at, ['scenarios', i, 'steps', j, 'at']])];
    for (const [text, path] of moments) {
      let at: Date;
      try {
        at = parseLocalDateTime(calendar, text);
      } catch (error) {
        out.push(diagnosticAt(source, path, error instanceof Error ? error.message : String(error)));
        continue;
      }
      if (previous && at < previous) out.push(diagnosticAt(source, path, `${text} is earlier than the moment before it; steps happen in order — correct the time`));
      previous = at;
    }
  });
  return out;
}

function runScenario(procedure: CompiledProcedure, scenario: Scenario, index: number, source: YamlSource, calendar: WorkCalendar, context: CheckContext | undefined): ScenarioResult {
  const where = (path: Array<string | number>) => diagnosticAt(source, ['scenarios', index, ...path], '');
  const head = where([]);
  const result: ScenarioResult = { name: scenario.name, line: head.line, col: head.col, steps: scenario.steps.length, failure: null };
  const fail = (stepNumber: number, description: string, path: Array<string | number>, mismatches: Mismatch[]): ScenarioResult => {
    const at = where(path);
    return { ...result, failure: { step: stepNumber, description, line: at.line, col: at.col, mismatches } };
  };

  const data = structuredClone(scenario.given.data);
  const dataErrors = procedure.validateData(data);
  if (dataErrors.length) return fail(0, 'given', ['given', 'data'], [{ field: 'data', expected: 'data matching the data schema', actual: dataErrors.map((e) => `${e.path || '/'} ${e.message}`).join('; ') }]);
  const competent = scenario.given.competentUnit ?? competentUnitOf(procedure, scenario.given.receivingUnit, data);
  if (competent === null || (context?.units && !context.units.has(competent)))
    return fail(0, 'given', ['given'], [{ field: 'competentUnit', expected: 'a unit of the province', actual: competent === null ? `none: the procedure's competentUnit rule finds no unit in the data; set given.competentUnit` : `'${competent}', which is not a unit` }]);
  const units: DossierUnits = { receiving: scenario.given.receivingUnit, competent };

  let now = parseLocalDateTime(calendar, scenario.given.receivedAt);
  const started = startDossier(procedure, units, data);
  let plan = applyClock(procedure, { dueAt: null, pausedAt: null }, started.effects, { now, calendar, activeLeaves: started.after.leaves });
  const stepDue = new Map<string, Date | null>();
  const track = () => {
    for (const left of plan.stepsLeft) stepDue.delete(left);
    for (const entered of plan.stepsEntered) stepDue.set(entered.state, entered.dueAt);
  };
  track();
  const position: DossierPosition = { snapshot: started.snapshot, data, units };
  let facts: PositionFacts = started.after;
  let clock: ClockState = plan.clock;
  if (scenario.given.expect) {
    const mismatches = compare(scenario.given.expect, { facts, clock, stepDue, form: null, error: null }, calendar);
    if (mismatches.length) return fail(0, 'given', ['given', 'expect'], mismatches);
  }

  for (const [j, s] of scenario.steps.entries()) {
    now = parseLocalDateTime(calendar, s.at);
    const description = `${s.event} by ${s.role}${s.unit ? ` at ${s.unit}` : ''}, ${s.at}`;
    let error: { code: string; message: string } | null = null;
    let form: string | null = null;
    try {
      const result = step(procedure, position, { type: s.event, input: s.input ?? {} }, { now, actor: { role: s.role, unit: s.unit ?? '' } });
      plan = applyClock(procedure, clock, result.effects, { now, calendar, activeLeaves: result.after.leaves });
      track();
      position.snapshot = result.snapshot;
      facts = result.after;
      clock = plan.clock;
      form = result.transition.form;
    } catch (caught) {
      if (isMotcuaError(caught) || caught instanceof CalendarError) error = { code: caught.code, message: caught.message };
      else error = { code: 'internal', message: caught instanceof Error ? caught.message : String(caught) };
    }
    const mismatches = compare(s.expect, { facts, clock, stepDue, form, error }, calendar);
    if (mismatches.length) return fail(j + 1, description, ['steps', j], mismatches);
  }
  return result;
}

interface Observed {
  facts: PositionFacts;
  clock: ClockState;
  stepDue: ReadonlyMap<string, Date | null>;
  form: string | null;
  error: { code: string; message: string } | null;
}

function compare(expect: Expectation, seen: Observed, calendar: WorkCalendar): Mismatch[] {
  const out: Mismatch[] = [];
  const check = (field: string, expected: string, actual: string, same = expected === actual) => {
    if (!same) out.push({ field, expected, actual });
  };
  // An unexpected refusal explains every other difference: report it alone.
  if (seen.error && expect.error !== seen.error.code) return [{ field: 'error', expected: expect.error ?? 'none: the step is allowed', actual: `${seen.error.code}: ${seen.error.message}` }];
  if (expect.error !== undefined && !seen.error) return [{ field: 'error', expected: expect.error, actual: `none: the step was allowed and moved to ${seen.facts.state}` }];

  if (expect.state !== undefined) {
    const expected = Array.isArray(expect.state) ? expect.state : [expect.state];
    check('state', expected.join(','), seen.facts.state, [...expected].sort().join(',') === [...seen.facts.leaves].sort().join(','));
  }
  if (expect.status !== undefined) check('status', String(expect.status), String(seen.facts.statusCode));
  if (expect.unit !== undefined) check('unit', expect.unit, seen.facts.unit);
  if (expect.outcome !== undefined) check('outcome', expect.outcome, seen.facts.outcome ?? 'none: the dossier is open');
  if (expect.form !== undefined) check('form', expect.form, seen.form ?? 'none');
  if (expect.paused !== undefined) check('paused', String(expect.paused), String(seen.clock.pausedAt !== null));
  if (expect.dueAt !== undefined) compareMoment(check, 'dueAt', expect.dueAt, seen.clock.dueAt, calendar);
  for (const [state, due] of Object.entries(expect.stepDueAt ?? {})) {
    if (!seen.stepDue.has(state)) check(`stepDueAt.${state}`, due ?? 'null', `none: '${state}' is not an active step`, false);
    else compareMoment(check, `stepDueAt.${state}`, due, seen.stepDue.get(state) ?? null, calendar);
  }
  return out;
}

function compareMoment(check: (field: string, expected: string, actual: string, same?: boolean) => void, field: string, expected: string | null, actual: Date | null, calendar: WorkCalendar): void {
  const shown = actual ? formatLocalIso(calendar, actual) : 'null';
  if (expected === null) check(field, 'null', shown, actual === null);
  else check(field, expected, shown, actual !== null && parseLocalDateTime(calendar, expected).getTime() === actual.getTime());
}

/** The competent unit as reception derives it (engine/service/receive-dossier.ts): null when the data names none. */
function competentUnitOf(procedure: CompiledProcedure, receiving: string, data: Record<string, unknown>): string | null {
  const rule = procedure.source.competentUnit ?? 'receiving';
  if (rule === 'receiving') return receiving;
  if ('department' in rule) return rule.department;
  const value = rule.communeOf
    .replace(/^data\./, '')
    .split('.')
    .reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), data);
  return typeof value === 'string' ? value : null;
}
