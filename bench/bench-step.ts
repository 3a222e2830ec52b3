// step() against raw XState transition() on a hand-written machine of the same
// shape: the same states and events, without motcua's guard, role and effect
// bookkeeping. Both sides restore from the stored form, as a request does: the
// snapshot is round-tripped through JSON on every call.
import { readFileSync } from 'node:fs';
import { createMachine, initialTransition, transition } from 'xstate';
import { loadProcedure } from '../engine/definition/load-procedure.ts';
import type { PersistedSnapshot } from '../engine/runtime/dossier-position.ts';
import { startDossier } from '../engine/runtime/start-dossier.ts';
import { step } from '../engine/runtime/step.ts';
import { syncRate } from './measure.ts';

export interface StepFigures { stepPerSecond: number; xstatePerSecond: number; ratio: number }

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
  const baseline = syncRate(seconds, () => {
    const k = j++ % path.length;
    const persisted = JSON.parse(rawTexts[k]!) as { value: string; context: Record<string, unknown> };
    const [next] = transition(raw, raw.resolveState({ value: persisted.value, context: persisted.context ?? {} }), { type: path[k]![0] });
    JSON.stringify(raw.getPersistedSnapshot(next));
  });
  return { stepPerSecond: motcua, xstatePerSecond: baseline, ratio: motcua / baseline };
}
