import { describe, expect, it } from 'vitest';
import { loadProcedure } from '../definition/load-procedure.ts';
import { startDossier } from './start-dossier.ts';
import { step } from './step.ts';
import { availableEvents } from './available-events.ts';
import type { DossierPosition } from './dossier-position.ts';

const source = `
code: "T.STEP"
version: 1
name: { vi: Thử, en: Test }
level: commune
processingTime: { workingDays: 3 }
data:
  type: object
  properties: { urgent: { type: boolean } }
roles: [receiver, specialist]
initial: reception
states:
  reception:
    status: 1
    on:
      ACCEPT: { target: routing, roles: [receiver], form: "01", clock: start }
  routing:
    status: 2
    always:
      - { target: fast-track, when: "has(data.urgent) && data.urgent" }
      - consulting
  fast-track:
    status: 4
    on:
      FINISH: { target: done, roles: [specialist] }
  consulting:
    type: parallel
    status: 4
    onDone: fast-track
    states:
      police:
        initial: asking-police
        states:
          asking-police:
            unit: { unit: police-unit }
            on:
              ANSWER_POLICE: { target: police-answered, roles: [specialist] }
          police-answered: { type: final }
      tax:
        initial: asking-tax
        states:
          asking-tax:
            unit: { unit: tax-unit }
            on:
              ANSWER_TAX: { target: tax-answered, roles: [specialist] }
          tax-answered: { type: final }
  done: { type: final, outcome: approved, status: 10 }
`;

const loaded = loadProcedure(source, 'test.yaml');
if (!loaded.ok) throw new Error(JSON.stringify(loaded.diagnostics));
const procedure = loaded.procedure;
const units = { receiving: 'commune-a', competent: 'commune-a' };
const now = new Date('2026-03-02T02:00:00Z');

function position(data: Record<string, unknown>): DossierPosition {
  return { snapshot: startDossier(procedure, units).snapshot, data, units };
}

describe('step', () => {
  it("takes an 'always' transition right after an officer's event, by its condition", () => {
    const urgent = step(procedure, position({ urgent: true }), { type: 'ACCEPT' }, { now, actor: { role: 'receiver', unit: 'commune-a' } });
    expect(urgent.after).toMatchObject({ state: 'fast-track', statusCode: 4 });
    const normal = step(procedure, position({}), { type: 'ACCEPT' }, { now, actor: { role: 'receiver', unit: 'commune-a' } });
    expect(normal.after).toMatchObject({ state: 'asking-police,asking-tax', leaves: ['asking-police', 'asking-tax'], statusCode: 4 });
    // 'routing' was passed through within the step: it held the dossier for no time, so it gets no visit.
    expect(normal.effects.filter((e) => e.type === 'entered').map((e) => (e as { state: string }).state)).toEqual(['consulting', 'police', 'asking-police', 'tax', 'asking-tax']);
  });

  it('leaves a parallel state by onDone when every region is done, and not before', () => {
    const start = position({});
    const accepted = step(procedure, start, { type: 'ACCEPT' }, { now, actor: { role: 'receiver', unit: 'commune-a' } });
    // Each region is answered only by the unit that holds it.
    expect(availableEvents(procedure, { ...start, snapshot: accepted.snapshot }, { role: 'specialist', unit: 'police-unit' }).map((e) => e.type)).toEqual(['ANSWER_POLICE']);
    const police = step(procedure, { ...start, snapshot: accepted.snapshot }, { type: 'ANSWER_POLICE' }, { now, actor: { role: 'specialist', unit: 'police-unit' } });
    expect(police.after.state).toBe('police-answered,asking-tax');
    const tax = step(procedure, { ...start, snapshot: police.snapshot }, { type: 'ANSWER_TAX' }, { now, actor: { role: 'specialist', unit: 'tax-unit' } });
    expect(tax.after).toMatchObject({ state: 'fast-track', statusCode: 4, unit: 'commune-a' });
  });

  it('refuses an event of the other region with the unit that holds it', () => {
    const start = position({});
    const accepted = step(procedure, start, { type: 'ACCEPT' }, { now, actor: { role: 'receiver', unit: 'commune-a' } });
    expect(() => step(procedure, { ...start, snapshot: accepted.snapshot }, { type: 'ANSWER_TAX' }, { now, actor: { role: 'specialist', unit: 'police-unit' } })).toThrow(
      "ANSWER_TAX is not yours to fire: the dossier is held by tax-unit in state 'asking-tax'",
    );
  });
});

describe('step in a parallel state where both regions take the event', () => {
  // Both regions take RETURN_FOR_FIX; only one of them requires a reason. Whichever region
  // XState looks at first, the requirement must hold for the step as a whole.
  const consultation = (requiresIn: 'land' | 'tax') => `
code: "T.PARALLEL"
version: 1
name: { vi: Thử, en: Test }
level: commune
processingTime: { workingDays: 5 }
data: { type: object }
roles: [specialist]
initial: checks
states:
  checks:
    type: parallel
    status: 4
    onDone: decided
    states:
      land:
        initial: land-check
        states:
          land-check:
            on:
              RETURN_FOR_FIX: { target: land-fix, roles: [specialist]${requiresIn === 'land' ? ', requires: [reason]' : ''} }
          land-fix:
            on:
              FIXED: { target: land-done, roles: [specialist] }
          land-done: { type: final }
      tax:
        initial: tax-check
        states:
          tax-check:
            on:
              RETURN_FOR_FIX: { target: tax-fix, roles: [specialist]${requiresIn === 'tax' ? ', requires: [reason]' : ''} }
          tax-fix:
            on:
              FIXED: { target: tax-done, roles: [specialist] }
          tax-done: { type: final }
  decided: { type: final, outcome: approved, status: 10 }
`;
  const specialist = { role: 'specialist', unit: 'commune-a' };

  for (const region of ['land', 'tax'] as const) {
    it(`refuses the event without the reason the ${region} region requires, and takes it with one`, () => {
      const loadedParallel = loadProcedure(consultation(region), 'parallel.yaml');
      if (!loadedParallel.ok) throw new Error(JSON.stringify(loadedParallel.diagnostics));
      const parallel = loadedParallel.procedure;
      const start: DossierPosition = { snapshot: startDossier(parallel, units).snapshot, data: {}, units };
      expect(() => step(parallel, start, { type: 'RETURN_FOR_FIX' }, { now, actor: specialist })).toThrow(
        'RETURN_FOR_FIX requires data.reason; send them in the event\'s data, e.g. {"type":"RETURN_FOR_FIX","data":{"reason":"…"}}',
      );
      const fixed = step(parallel, start, { type: 'RETURN_FOR_FIX', input: { reason: 'Sơ đồ thửa đất thiếu chữ ký' } }, { now, actor: specialist });
      expect(fixed.after.state).toBe('land-fix,tax-fix');
    });
  }
});

describe('startDossier', () => {
  it("judges the initial state's 'always' transitions on the dossier's data", () => {
    const loadedRouting = loadProcedure(
      source.replace('initial: reception', 'initial: routing').replace(/ {2}reception:\n(?: {4}.*\n)+/, ''),
      'routing.yaml',
    );
    if (!loadedRouting.ok) throw new Error(JSON.stringify(loadedRouting.diagnostics));
    expect(startDossier(loadedRouting.procedure, units, { urgent: true }).after.state).toBe('fast-track');
    expect(startDossier(loadedRouting.procedure, units, {}).after.state).toBe('asking-police,asking-tax');
  });
});

describe('onDone conditions', () => {
  const review = `
code: "T.DONE"
version: 1
name: { vi: Thử, en: Test }
level: commune
processingTime: { workingDays: 5 }
data: { type: object, required: [complete], properties: { complete: { type: boolean } } }
roles: [specialist]
initial: checks
states:
  checks:
    type: parallel
    status: 4
    onDone:
      - { target: approved, when: data.complete }
      - rejected
    states:
      land:
        initial: land-check
        states:
          land-check:
            on:
              ANSWER_LAND: { target: land-done, roles: [specialist] }
          land-done: { type: final }
      tax:
        initial: tax-check
        states:
          tax-check:
            on:
              ANSWER_TAX: { target: tax-done, roles: [specialist] }
          tax-done: { type: final }
  approved: { type: final, outcome: approved, status: 10 }
  rejected: { type: final, outcome: rejected, status: 10 }
`;
  const specialist = { role: 'specialist', unit: 'commune-a' };

  it("are judged on the dossier's data when the last region finishes", () => {
    const loadedReview = loadProcedure(review, 'review.yaml');
    if (!loadedReview.ok) throw new Error(JSON.stringify(loadedReview.diagnostics));
    const outcomeFor = (complete: boolean) => {
      const data = { complete };
      let at: DossierPosition = { snapshot: startDossier(loadedReview.procedure, units, data).snapshot, data, units };
      at = { ...at, snapshot: step(loadedReview.procedure, at, { type: 'ANSWER_LAND' }, { now, actor: specialist }).snapshot };
      return step(loadedReview.procedure, at, { type: 'ANSWER_TAX' }, { now, actor: specialist }).after;
    };
    expect(outcomeFor(true)).toMatchObject({ state: 'approved', outcome: 'approved' });
    expect(outcomeFor(false)).toMatchObject({ state: 'rejected', outcome: 'rejected' });
  });
});
