// Property: what `validate` accepts, the runtime can run. For arbitrary small
// definitions (chains of states with random extra events, guarded `always`
// transitions, parallel consultations, optional fields) that load without a
// diagnostic, and arbitrary bounded event sequences, step() never hangs or
// crashes — it moves the dossier or refuses with a typed MotcuaError that is not
// an eventless loop — and never leaves a dossier in a non-final state where no
// event is accepted for any input.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { loadProcedure } from '../definition/load-procedure.ts';
import type { CompiledProcedure } from '../definition/compiled-procedure.ts';
import { MotcuaError } from '../motcua-error.ts';
import type { DossierPosition } from './dossier-position.ts';
import { startDossier } from './start-dossier.ts';
import { acceptedEvents, step } from './step.ts';
import { restoreSnapshot } from './dossier-position.ts';

const EVENTS = ['GO', 'BACK', 'DECIDE', 'ANSWER_A', 'ANSWER_B'] as const;
const GUARDS = [null, 'data.flag', '!data.flag', 'has(data.flag) && data.flag', 'data.kind == "a"', 'data.kind != "b"', 'input.ok == true', '!has(data.kind)'] as const;
const units = { receiving: 'hop-thinh', competent: 'hop-thinh' };
const officer = { role: 'officer', unit: 'hop-thinh' };
const now = new Date('2026-03-02T02:00:00Z');
const inputs = [{ ok: true, reason: 'Thiếu giấy tờ' }, { ok: false, reason: 'Thiếu giấy tờ' }];

const extra = fc.record({ event: fc.constantFrom(...EVENTS, ''), target: fc.nat(), guard: fc.constantFrom(...GUARDS), requires: fc.boolean() });
const stateShape = fc.record({ parallel: fc.boolean(), main: fc.constantFrom(...GUARDS), mainAlways: fc.boolean(), extras: fc.array(extra, { maxLength: 3 }) });
const definitionShape = fc.record({
  states: fc.array(stateShape, { minLength: 1, maxLength: 5 }),
  flag: fc.constantFrom('optional', 'required', 'default'),
  kind: fc.constantFrom('optional', 'required'),
});

type Shape = typeof definitionShape extends fc.Arbitrary<infer T> ? T : never;

/** A chain s0 → s1 → … → approved by GO (guarded or not, event or `always`), with random extra transitions. */
function buildDefinition(shape: Shape): string {
  const names = shape.states.map((_, i) => `s${i}`);
  const all = [...names, 'approved', 'rejected'];
  const states: Record<string, unknown> = {};
  shape.states.forEach((s, i) => {
    const next = all[i + 1]!;
    const main = { target: next, ...(s.mainAlways ? {} : { roles: ['officer'] }), ...(s.main ? { when: s.main } : {}) };
    const on: Record<string, unknown[]> = {};
    const always: unknown[] = [];
    if (s.mainAlways) always.push(main);
    else (on.GO ??= []).push(main);
    for (const e of s.extras) {
      const t = { target: all[e.target % all.length]!, ...(e.guard ? { when: e.guard } : {}), ...(e.event ? { roles: ['officer'], ...(e.requires ? { requires: ['reason'] } : {}) } : {}) };
      if (e.event) (on[e.event] ??= []).push(t);
      else always.push(t);
    }
    const transitions = { ...(Object.keys(on).length ? { on } : {}), ...(always.length ? { always } : {}) };
    if (!s.parallel) {
      states[names[i]!] = { status: 4, ...transitions };
      return;
    }
    // A consultation: two regions answered by their own events, then the chain goes on by onDone.
    const region = (r: string, event: string) => ({ initial: `${names[i]}-${r}-waiting`, states: { [`${names[i]}-${r}-waiting`]: { on: { [event]: { target: `${names[i]}-${r}-done`, roles: ['officer'] } } }, [`${names[i]}-${r}-done`]: { type: 'final' } } });
    states[names[i]!] = {
      type: 'parallel',
      status: 4,
      ...(Object.keys(on).length ? { on: Object.fromEntries(Object.entries(on).filter(([event]) => event !== 'GO')) } : {}),
      onDone: s.main ? [{ target: next, when: s.main }, ...(s.mainAlways ? [] : [{ target: 'rejected' }])] : next,
      states: { [`${names[i]}-a`]: region('a', 'ANSWER_A'), [`${names[i]}-b`]: region('b', 'ANSWER_B') },
    };
  });
  states.approved = { type: 'final', outcome: 'approved', status: 10 };
  states.rejected = { type: 'final', outcome: 'rejected', status: 10 };
  const flag = shape.flag === 'default' ? { type: 'boolean', default: false } : { type: 'boolean' };
  const required = [...(shape.flag === 'required' ? ['flag'] : []), ...(shape.kind === 'required' ? ['kind'] : [])];
  return stringify({
    code: '9.000001',
    version: 1,
    name: { vi: 'Thử', en: 'Test' },
    level: 'commune',
    processingTime: { workingDays: 10 },
    data: { type: 'object', ...(required.length ? { required } : {}), properties: { flag, kind: { type: 'string', enum: ['a', 'b', 'c'] } } },
    roles: ['officer'],
    initial: 's0',
    states,
  });
}

const dataShape = fc.record({ flag: fc.constantFrom(undefined, true, false), kind: fc.constantFrom(undefined, 'a', 'b', 'c') });
const eventsShape = fc.array(fc.record({ type: fc.constantFrom(...EVENTS), input: fc.constantFrom(...inputs, {}) }), { maxLength: 8 });

/** Whether some event, with some input, moves the dossier. */
function hasWayOut(procedure: CompiledProcedure, position: DossierPosition): boolean {
  const snapshot = restoreSnapshot(procedure, position.snapshot);
  for (const type of acceptedEvents(procedure, snapshot))
    for (const input of inputs) {
      try {
        step(procedure, position, { type, input }, { now, actor: officer });
        return true;
      } catch (error) {
        expectRefusal(error);
      }
    }
  return false;
}

function expectRefusal(error: unknown): void {
  expect(error).toBeInstanceOf(MotcuaError);
  expect((error as MotcuaError).code).not.toBe('transition.eventless-loop');
}

describe('definitions that validate accept', () => {
  it('run without hanging, crashing or stranding a dossier', () => {
    let accepted = 0;
    let stepsTaken = 0;
    fc.assert(
      fc.property(definitionShape, dataShape, eventsShape, (shape, rawData, events) => {
        const loaded = loadProcedure(buildDefinition(shape), 'generated.yaml');
        if (!loaded.ok) return;
        const procedure = loaded.procedure;
        const data: Record<string, unknown> = Object.fromEntries(Object.entries(rawData).filter(([, v]) => v !== undefined));
        if (procedure.validateData(data).length) return;
        accepted++;
        let position: DossierPosition = { snapshot: startDossier(procedure, units, data).snapshot, data, units };
        for (const event of [null, ...events]) {
          if (event) {
            try {
              position = { ...position, snapshot: step(procedure, position, event, { now, actor: officer }).snapshot };
              stepsTaken++;
            } catch (error) {
              expectRefusal(error);
            }
          }
          if (position.snapshot.status === 'done') return;
          expect(hasWayOut(procedure, position), `stuck in ${JSON.stringify(position.snapshot.value)} with data ${JSON.stringify(data)}`).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
    // The property says something only if enough generated definitions pass validation and move.
    expect(accepted).toBeGreaterThan(20);
    expect(stepsTaken).toBeGreaterThan(20);
  });
});
