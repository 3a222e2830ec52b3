// step() against raw XState transition() on an equivalent machine: the same
// states and events, without motcua's guard, role and effect bookkeeping.
import { readFileSync } from 'node:fs';
import { createMachine, initialTransition, transition } from 'xstate';
import { loadProcedure } from '../engine/definition/load-procedure.ts';
import type { PersistedSnapshot } from '../engine/runtime/dossier-position.ts';
import { startDossier } from '../engine/runtime/start-dossier.ts';
import { step } from '../engine/runtime/step.ts';
import { fmt, syncRate } from './measure.ts';

const path: Array<[string, string]> = [
  ['ACCEPT', 'receiver'],
  ['PROPOSE_APPROVAL', 'specialist'],
  ['SIGN', 'leader'],
  ['HAND_OVER', 'receiver'],
];

export function benchStep(seconds: number): string[] {
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
  let i = 0;
  const motcua = syncRate(seconds, () => {
    const k = i++ % path.length;
    const [type, role] = path[k]!;
    step(procedure, { snapshot: snapshots[k]!, data, units }, { type }, { now, actor: { role, unit: 'hop-thinh' } });
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
  const rawPersisted = rawSnapshots.map((s) => raw.getPersistedSnapshot(s) as unknown as { value: string });
  let j = 0;
  const baseline = syncRate(seconds, () => {
    const k = j++ % path.length;
    transition(raw, raw.resolveState({ value: rawPersisted[k]!.value, context: {} }), { type: path[k]![0] });
  });
  return [
    `step(): ${fmt(motcua)} transitions/s · raw XState transition(): ${fmt(baseline)} transitions/s · ratio ${fmt(motcua / baseline, 2)}`,
  ];
}
