// step() against XState transition() on a hand-written machine of the same
// shape: the same states and events, guarded by roles, unit and the procedure's
// condition, with entry, exit and transition actions; and, for reference, against
// a bare machine with neither guards nor actions. Every side restores from the
// stored form, as a request does: the snapshot goes through JSON on every call.
import { readFileSync } from 'node:fs';
import { createMachine, initialTransition, setup, transition } from 'xstate';
import { loadProcedure } from '../engine/definition/load-procedure.ts';
import type { PersistedSnapshot } from '../engine/runtime/dossier-position.ts';
import { startDossier } from '../engine/runtime/start-dossier.ts';
import { step } from '../engine/runtime/step.ts';
import { syncRate } from './measure.ts';

export interface StepFigures { stepPerSecond: number; xstatePerSecond: number; ratio: number; bareXstatePerSecond: number; bareRatio: number }

const path: Array<[string, string]> = [
  ['ACCEPT', 'receiver'],
  ['PROPOSE_APPROVAL', 'specialist'],
  ['SIGN', 'leader'],
  ['HAND_OVER', 'receiver'],
];

export function benchStep(seconds: number): StepFigures {
  const loaded = loadProcedure(readFileSync('procedures/birth-registration.yaml', 'utf8'), 'procedures/birth-registration.yaml');
  if (!loaded.ok) throw new Error('birth-registration.yaml does not load');
  const procedure = loaded.procedure;
  const units = { receiving: 'hop-thinh', competent: 'hop-thinh' };
  const data = { child: { fullName: 'A', sex: 'male', birthDate: '2026-01-01', birthPlace: 'x' }, informant: { relationship: 'father' } };
  const start = startDossier(procedure, units).snapshot;
  const now = new Date('2026-03-02T02:00:00Z');

  // Pre-compute each snapshot on the path so every measured call is one step.
  const snapshots: PersistedSnapshot[] = [start];
  for (const [type, role] of path) snapshots.push(step(procedure, { snapshot: snapshots.at(-1)!, data, units }, { type }, { now, actor: { role, unit: 'hop-thinh' } }).snapshot);
  const texts = snapshots.map((s) => JSON.stringify(s));
  let i = 0;
  const motcua = syncRate(seconds, () => {
    const k = i++ % path.length;
    const [type, role] = path[k]!;
    const result = step(procedure, { snapshot: JSON.parse(texts[k]!) as PersistedSnapshot, data, units }, { type }, { now, actor: { role, unit: 'hop-thinh' } });
    JSON.stringify(result.snapshot);
  });

  // The baseline is what a developer would write by hand for birth registration, with what the procedure
  // has: the same states and events, each transition guarded by its roles and by the unit holding the
  // dossier, the informant condition on PROPOSE_APPROVAL, entry, exit and transition actions (descriptors
  // that transition() returns, as motcua's are), and the event carrying who acts and the dossier.
  const baseline = syncRate(seconds, handWritten(data, units));
  // The same states and events with no guards and no actions: how far the bookkeeping alone sits from bare XState.
  const bare = syncRate(seconds, bareMachine());
  return { stepPerSecond: motcua, xstatePerSecond: baseline, ratio: motcua / baseline, bareXstatePerSecond: bare, bareRatio: motcua / bare };
}

type Units = { receiving: string; competent: string };
interface HandEvent { type: string; actor: { role: string; unit: string }; data: { informant?: { relationship?: string; authorization?: boolean } }; units: Units }

/** A hand-written birth registration machine; every call restores the stored form through JSON and takes one step of `path`, as a request would. */
export function handWritten(data: HandEvent['data'], units: Units): () => void {
  const holder: Record<string, keyof Units> = { reception: 'receiving', 'awaiting-supplement': 'receiving', processing: 'competent', signature: 'competent', 'signature-of-rejection': 'competent', 'result-ready': 'receiving' };
  const may = (event: HandEvent, roles: string[], state: string) => roles.includes(event.actor.role) && event.actor.unit === event.units[holder[state]!];
  const machine = setup({
    types: {} as { events: HandEvent },
    guards: {
      may: ({ event }, p: { roles: string[]; state: string }) => may(event, p.roles, p.state),
      mayProposeApproval: ({ event }) => may(event, ['specialist'], 'processing') && (event.data.informant?.relationship !== 'other' || event.data.informant.authorization === true),
    },
  }).createMachine({
    id: 'birth-registration',
    initial: 'reception',
    states: Object.fromEntries(
      Object.entries({
        reception: { ACCEPT: ['processing', ['receiver']], ASK_SUPPLEMENT: ['awaiting-supplement', ['receiver']], REFUSE: ['refused', ['receiver']] },
        'awaiting-supplement': { SUPPLEMENT_COMPLETE: ['processing', ['receiver']], WITHDRAW: ['withdrawn', ['receiver']] },
        processing: { PROPOSE_APPROVAL: ['signature', ['specialist']], PROPOSE_REJECTION: ['signature-of-rejection', ['specialist']], WITHDRAW: ['withdrawn', ['receiver']] },
        signature: { SIGN: ['result-ready', ['leader']], RETURN_FOR_REVIEW: ['processing', ['leader']] },
        'signature-of-rejection': { SIGN: ['rejected', ['leader']], RETURN_FOR_REVIEW: ['processing', ['leader']] },
        'result-ready': { HAND_OVER: ['returned', ['receiver']] },
        returned: null,
        refused: null,
        rejected: null,
        withdrawn: null,
      } as Record<string, Record<string, [string, string[]]> | null>).map(([state, on]) => [
        state,
        {
          entry: [{ type: 'entered', params: { state } }],
          exit: [{ type: 'exited', params: { state } }],
          ...(on
            ? {
                on: Object.fromEntries(
                  Object.entries(on).map(([event, [target, roles]]) => [
                    event,
                    { target, guard: event === 'PROPOSE_APPROVAL' ? 'mayProposeApproval' : { type: 'may', params: { roles, state } }, actions: [{ type: 'transitioned', params: { event } }] },
                  ]),
                ),
              }
            : { type: 'final' as const }),
        },
      ]),
    ) as never,
  });
  const snapshots = [initialTransition(machine)[0]];
  for (const [type, role] of path) snapshots.push(transition(machine, snapshots.at(-1)!, { type, actor: { role, unit: 'hop-thinh' }, data, units })[0]);
  if (snapshots.at(-1)!.value !== 'returned') throw new Error('the hand-written machine does not reach returned');
  const texts = snapshots.map((s) => JSON.stringify(machine.getPersistedSnapshot(s)));
  let j = 0;
  return () => {
    const k = j++ % path.length;
    const [type, role] = path[k]!;
    const persisted = JSON.parse(texts[k]!) as { value: string; context: Record<string, unknown> };
    const [next] = transition(machine, machine.resolveState({ value: persisted.value, context: persisted.context ?? {} }), { type, actor: { role, unit: 'hop-thinh' }, data, units });
    JSON.stringify(machine.getPersistedSnapshot(next));
  };
}

export function bareMachine(): () => void {
  const raw = createMachine({
    id: 'raw',
    initial: 'reception',
    states: {
      reception: { on: { ACCEPT: 'processing', ASK_SUPPLEMENT: 'awaiting', REFUSE: 'refused' } },
      awaiting: { on: { SUPPLEMENT_COMPLETE: 'processing', WITHDRAW: 'withdrawn' } },
      processing: { on: { PROPOSE_APPROVAL: 'signature', PROPOSE_REJECTION: 'signatureOfRejection', WITHDRAW: 'withdrawn' } },
      signature: { on: { SIGN: 'resultReady', RETURN_FOR_REVIEW: 'processing' } },
      signatureOfRejection: { on: { SIGN: 'rejected', RETURN_FOR_REVIEW: 'processing' } },
      resultReady: { on: { HAND_OVER: 'returned' } },
      returned: { type: 'final' },
      refused: { type: 'final' },
      rejected: { type: 'final' },
      withdrawn: { type: 'final' },
    },
  });
  const rawSnapshots = [initialTransition(raw)[0]];
  for (const [type] of path) rawSnapshots.push(transition(raw, rawSnapshots.at(-1)!, { type })[0]);
  // The persisted form is what a stored dossier holds; both sides restore from it.
  const rawTexts = rawSnapshots.map((s) => JSON.stringify(raw.getPersistedSnapshot(s)));
  let j = 0;
  return () => {
    const k = j++ % path.length;
    const persisted = JSON.parse(rawTexts[k]!) as { value: string; context: Record<string, unknown> };
    const [next] = transition(raw, raw.resolveState({ value: persisted.value, context: persisted.context ?? {} }), { type: path[k]![0] });
    JSON.stringify(raw.getPersistedSnapshot(next));
  };
}
