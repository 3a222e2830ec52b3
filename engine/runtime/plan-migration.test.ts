// What a migration may do, judged on the definitions' graphs: counterpart and
// backwards moves only, each entered as a transition would enter it, the clock
// following the target state.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CompiledProcedure } from '../definition/compiled-procedure.ts';
import { loadProcedure } from '../definition/load-procedure.ts';
import { loadCatalogueCalendar } from '../../test/calendar-fixtures.ts';
import { judgeMapping, planMigration } from './plan-migration.ts';

const calendar = loadCatalogueCalendar();

function load(file: string, edit: (text: string) => string): CompiledProcedure {
  const text = edit(readFileSync(file, 'utf8').replace(/\nscenarios: .*\n/, '\n'));
  const result = loadProcedure(text, file);
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
  return result.procedure;
}

const birth1 = load('procedures/birth-registration.yaml', (t) => t);
const birth2 = load('procedures/birth-registration.yaml', (t) => t.replace('version: 1\n', 'version: 2\n'));
const renamed = load('procedures/birth-registration.yaml', (t) => t.replace('version: 1\n', 'version: 2\n').replace(/processing(?!Time)/g, 'examination'));
const business2 = load('procedures/household-business-registration.yaml', (t) => t);
const business3 = load('procedures/household-business-registration.yaml', (t) => t.replace('version: 2\n', 'version: 3\n'));
const units = { receiving: 'hop-thinh', competent: 'hop-thinh', return: null };

describe('judgeMapping', () => {
  it('refuses a move forwards past the proposal and the signature, naming them', () => {
    expect(judgeMapping(birth1, birth2, 'processing', 'result-ready')).toEqual({
      from: 'processing',
      to: 'result-ready',
      move: 'forwards',
      skips: [
        { state: 'processing', event: 'PROPOSE_APPROVAL', roles: ['specialist'] },
        { state: 'signature', event: 'SIGN', roles: ['leader'] },
      ],
      problem: "moving 'processing' to 'result-ready' would skip PROPOSE_APPROVAL in 'processing' (specialist), then SIGN in 'signature' (leader), which nobody fired; map 'processing' to its counterpart in version 2 or to an earlier state to redo the work",
    });
  });

  it('refuses a final state', () => {
    expect(judgeMapping(birth1, birth2, 'processing', 'returned').problem).toBe("state 'returned' of version 2 is final (outcome approved); only a transition closes a dossier — map 'processing' to its counterpart or to an earlier state");
  });

  it('allows the counterpart, a renamed state at the same place, and a move back to redo work', () => {
    expect(judgeMapping(birth1, birth2, 'processing', 'processing')).toMatchObject({ move: 'counterpart', problem: null });
    expect(judgeMapping(birth1, renamed, 'processing', 'examination')).toMatchObject({ move: 'counterpart', problem: null });
    expect(judgeMapping(birth1, birth2, 'signature', 'processing')).toMatchObject({ move: 'backwards', problem: null });
    expect(judgeMapping(birth1, birth2, 'result-ready', 'reception')).toMatchObject({ move: 'backwards', problem: null });
    // Out of a cycle (appraisal ⇄ signature) only the way back is backwards.
    expect(judgeMapping(business2, business3, 'appraisal', 'signature')).toMatchObject({ move: 'forwards', skips: [{ state: 'appraisal', event: 'PROPOSE_APPROVAL', roles: ['specialist'] }] });
    expect(judgeMapping(business2, business3, 'awaiting-registry', 'result-ready')).toMatchObject({ move: 'forwards', skips: [{ state: 'awaiting-registry', event: 'RESULT_RECEIVED', roles: null }] });
  });

  it('refuses a new state that does not sit where the old one did', () => {
    const moved = load('procedures/birth-registration.yaml', (t) => t.replace('version: 1\n', 'version: 2\n').replace(/processing(?!Time)/g, 'examination').replace(/result-ready/g, 'collection'));
    expect(judgeMapping(birth1, moved, 'processing', 'collection').problem).toBe("'collection' is not a state of version 1 and does not sit where 'processing' did (it keeps none of its predecessors or none of its successors); map 'processing' to the state that replaces it or to an earlier one");
    expect(judgeMapping(birth1, moved, 'processing', 'examination')).toMatchObject({ move: 'counterpart', problem: null });
  });
});

describe('planMigration', () => {
  const now = new Date('2026-03-04T03:00:00Z'); // Wednesday 10:00 local

  it('resumes the clock when a waiting dossier is moved back into work, moving the due date by the working time it waited', () => {
    const result = planMigration(business2, business3, { value: 'awaiting-supplement-in-appraisal', units, clock: { dueAt: new Date('2026-03-05T10:00:00Z'), pausedAt: new Date('2026-03-03T03:00:00Z') }, openSteps: [{ id: 7, state: 'awaiting-supplement-in-appraisal', enteredAt: new Date('2026-03-03T03:00:00Z'), dueAt: null }] }, { 'awaiting-supplement-in-appraisal': 'appraisal' }, { calendar, now });
    if (!result.ok) throw new Error(result.problem);
    // Waited Tuesday 10:00 → Wednesday 10:00: 8 working hours, so Thursday 17:00 becomes Friday 17:00.
    expect(result.plan).toMatchObject({ toState: 'appraisal', fromStatus: 5, toStatus: 4, dueFrom: '2026-03-05T10:00:00.000Z', dueTo: '2026-03-06T10:00:00.000Z', clockPaused: false, moves: [{ from: 'awaiting-supplement-in-appraisal', to: 'appraisal', move: 'backwards', entered: true }] });
    expect(result.clock.stepsEntered).toEqual([{ state: 'appraisal', unit: 'hop-thinh', dueAt: new Date('2026-03-06T10:00:00Z') }]);
    expect(result.clock.stepsLeft).toEqual(['awaiting-supplement-in-appraisal']);
    expect(result.effects.map((e) => e.type)).toEqual(['exited', 'entered', 'status-changed']);
  });

  it('pauses the clock when a running dossier is moved back to wait for the applicant', () => {
    const result = planMigration(business2, business3, { value: 'signature', units, clock: { dueAt: new Date('2026-03-05T10:00:00Z'), pausedAt: null }, openSteps: [] }, { signature: 'awaiting-supplement-in-appraisal' }, { calendar, now });
    if (!result.ok) throw new Error(result.problem);
    expect(result.plan).toMatchObject({ dueTo: '2026-03-05T10:00:00.000Z', clockPaused: true, toStatus: 5 });
    expect(result.clock.paused).toBe(true);
  });

  it('hands the dossier over again when it is moved back into a connector handoff state', () => {
    const result = planMigration(business2, business3, { value: 'awaiting-registry', units, clock: { dueAt: new Date('2026-03-05T10:00:00Z'), pausedAt: null }, openSteps: [] }, { 'awaiting-registry': 'registry-transfer' }, { calendar, now });
    if (!result.ok) throw new Error(result.problem);
    expect(result.effects).toContainEqual({ type: 'handoff', state: 'registry-transfer', from: 'hop-thinh', to: { connector: 'national-business-registry' } });
  });

  it('follows the new version when the counterpart state now pauses the clock', () => {
    const pausing = load('procedures/household-business-registration.yaml', (t) => t.replace('version: 2\n', 'version: 3\n').replace('    budget: { workingDays: 1 }\n    on:\n      SIGN', '    budget: { workingDays: 1 }\n    clock: paused\n    on:\n      SIGN'));
    const result = planMigration(business2, pausing, { value: 'signature', units, clock: { dueAt: new Date('2026-03-05T10:00:00Z'), pausedAt: null }, openSteps: [{ id: 9, state: 'signature', enteredAt: new Date('2026-03-03T03:00:00Z'), dueAt: new Date('2026-03-04T10:00:00Z') }] }, {}, { calendar, now });
    if (!result.ok) throw new Error(result.problem);
    expect(result.plan).toMatchObject({ moves: [{ from: 'signature', to: 'signature', move: 'counterpart', entered: false }], clockPaused: true, stepChanges: [{ stepId: 9, fromState: 'signature', toState: 'signature', dueFrom: '2026-03-04T10:00:00.000Z', dueTo: '2026-03-04T10:00:00.000Z' }] });
  });

  it('enters the counterpart again when the new version hands the dossier to another connector there', () => {
    const rerouted = load('procedures/household-business-registration.yaml', (t) => t.replace('version: 2\n', 'version: 3\n').replace('handoff: { connector: national-business-registry }', 'handoff: { connector: provincial-business-registry }'));
    const result = planMigration(business2, rerouted, { value: 'registry-transfer', units, clock: { dueAt: new Date('2026-03-05T10:00:00Z'), pausedAt: null }, openSteps: [{ id: 11, state: 'registry-transfer', enteredAt: new Date('2026-03-03T03:00:00Z'), dueAt: null }] }, {}, { calendar, now });
    if (!result.ok) throw new Error(result.problem);
    expect(result.plan.moves).toEqual([{ from: 'registry-transfer', to: 'registry-transfer', move: 'counterpart', entered: true }]);
    expect(result.effects).toContainEqual({ type: 'handoff', state: 'registry-transfer', from: 'hop-thinh', to: { connector: 'provincial-business-registry' } });
    expect(result.clock.stepsLeft).toEqual(['registry-transfer']);
  });
});
