// The initial step of a new dossier: XState's pure `initialTransition()`,
// with the same effects a later step would produce on entering states.
import type { CompiledProcedure } from '../definition/compiled-procedure.ts';
import { collectEffects } from './collect-effects.ts';
import { describePosition, persistSnapshot, type DossierUnits, type PersistedSnapshot, type PositionFacts } from './dossier-position.ts';
import type { Effect } from './effect.ts';
import { runInitialTransition } from './run-macrostep.ts';

export interface StartResult {
  snapshot: PersistedSnapshot;
  after: PositionFacts;
  effects: Effect[];
}

/** `data`: the dossier's validated data, which conditions of the initial state's 'always' transitions read. */
export function startDossier(procedure: CompiledProcedure, units: DossierUnits, data: Record<string, unknown> = {}): StartResult {
  const [initial, actions] = runInitialTransition(procedure, { data, units });
  const snapshot = persistSnapshot(procedure, initial);
  const after = describePosition(procedure, snapshot, units);
  return { snapshot, after, effects: collectEffects(procedure, actions, null, after, units) };
}
