// A definition with an eventless cycle that slipped past validation (compiled
// directly, as a buggy loader or an old stored version might) must refuse the
// step with a typed error, never hang the process or exhaust its heap.
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { compileGuard, type CompiledGuard } from '../definition/compile-guard.ts';
import { compileProcedure } from '../definition/compile-procedure.ts';
import { formatDiagnostic } from '../definition/diagnostic.ts';
import { loadProcedure } from '../definition/load-procedure.ts';
import { normalizeStates } from '../definition/normalize-states.ts';
import type { ProcedureSource } from '../definition/procedure-definition.ts';
import { MotcuaError } from '../motcua-error.ts';
import { startDossier } from './start-dossier.ts';
import { step } from './step.ts';

const text = `
code: "T.LOOP"
version: 3
name: { vi: Thử, en: Test }
level: commune
processingTime: { workingDays: 3 }
data: { type: object, properties: { urgent: { type: boolean } } }
roles: [receiver]
initial: reception
states:
  reception:
    status: 1
    on:
      ACCEPT: { target: sorting, roles: [receiver] }
  sorting:
    status: 2
    always: { target: checking, when: "!has(data.urgent)" }
    on:
      WITHDRAW: { target: withdrawn, roles: [receiver] }
  checking:
    status: 2
    always: sorting
  withdrawn: { type: final, outcome: withdrawn, status: 3 }
`;

/** Compiles without any static check, as if validation had been skipped. */
function compileUnchecked(yaml: string) {
  const source = parse(yaml) as ProcedureSource;
  const { states } = normalizeStates(source, null);
  const guards = new Map<string, CompiledGuard>();
  for (const state of states.values()) for (const t of state.transitions) if (t.when) guards.set(t.when, compileGuard(t.when));
  return compileProcedure(source, states, guards);
}

const units = { receiving: 'hop-thinh', competent: 'hop-thinh' };
const receiver = { role: 'receiver', unit: 'hop-thinh' };
const now = new Date('2026-03-02T02:00:00Z');

function refusalOf(run: () => unknown): MotcuaError {
  try {
    run();
  } catch (error) {
    if (error instanceof MotcuaError) return error;
    throw error;
  }
  throw new Error('the step was not refused');
}

describe('a step bounded in eventless moves', () => {
  it('validation refuses this definition, naming the cycle and the data that makes it loop', () => {
    expect(loadProcedure(text, 'loop.yaml').diagnostics.map(formatDiagnostic)).toEqual([
      "loop.yaml:17:13: eventless cycle sorting → checking → sorting: the engine would take these 'always' transitions round and round without waiting for an event, when data.urgent is missing; give one of them a condition that cannot hold together with the others, or make one of these steps wait for an event under on:",
    ]);
  });

  it('refuses an event that enters an eventless cycle, naming the event, the state and the fix', () => {
    const procedure = compileUnchecked(text);
    const start = startDossier(procedure, units);
    const error = refusalOf(() => step(procedure, { snapshot: start.snapshot, data: {}, units }, { type: 'ACCEPT' }, { now, actor: receiver }));
    expect(error.code).toBe('transition.eventless-loop');
    expect(error.message).toBe(
      "event ACCEPT in state 'reception' took more than 24 eventless moves without coming to rest: procedure T.LOOP version 3 has an eventless cycle ('always' or 'onDone' transitions leading back to a state they left, with conditions that hold together); the dossier is unchanged — run motcua validate on the definition, break the cycle, and publish a new version",
    );
    expect(error.details).toEqual({ event: 'ACCEPT', state: 'reception', limit: 24, procedure: 'T.LOOP', version: 3 });
  });

  it('takes the same event normally when the data keeps the cycle shut', () => {
    const procedure = compileUnchecked(text);
    const start = startDossier(procedure, units);
    const result = step(procedure, { snapshot: start.snapshot, data: { urgent: true }, units }, { type: 'ACCEPT' }, { now, actor: receiver });
    expect(result.after.state).toBe('sorting');
  });

  it('refuses to start a dossier whose initial state is in an eventless cycle', () => {
    const procedure = compileUnchecked(text.replace('initial: reception', 'initial: checking'));
    const error = refusalOf(() => startDossier(procedure, units));
    expect(error.code).toBe('transition.eventless-loop');
    expect(error.message).toMatch(/^starting a dossier took more than 24 eventless moves without coming to rest: procedure T\.LOOP version 3 has an eventless cycle/);
  });
});
