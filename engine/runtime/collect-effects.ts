// Turns the action descriptors XState returns from a transition into effects,
// and adds the ones derived from comparing before and after (status, unit, closure).
import type { ExecutableActionObject } from 'xstate';
import { resolveUnit } from '../definition/compile-procedure.ts';
import type { CompiledProcedure } from '../definition/compiled-procedure.ts';
import type { DossierUnits, PositionFacts } from './dossier-position.ts';
import type { Effect } from './effect.ts';

export function collectEffects(procedure: CompiledProcedure, actions: ExecutableActionObject[], before: PositionFacts | null, after: PositionFacts, units: DossierUnits): Effect[] {
  const effects: Effect[] = [];
  for (const action of actions) {
    const params = action.params as Record<string, string> | undefined;
    if (action.type === 'transitioned' && params) {
      const t = procedure.transitions.get(params.key!)!;
      if (t.form) effects.push({ type: 'form-issued', form: t.form });
      if (t.clock) effects.push({ type: 'clock', action: t.clock });
    } else if (action.type === 'entered' && params) {
      const state = procedure.states.get(params.state!)!;
      effects.push({ type: 'entered', state: state.name, unit: resolveUnit(state, procedure.states, units), budget: state.budget, clock: state.clock });
    } else if (action.type === 'exited' && params) {
      effects.push({ type: 'exited', state: params.state! });
    }
  }
  if (before?.statusCode !== after.statusCode) {
    const leaf = procedure.states.get(after.leaves[0]!)!;
    effects.push({ type: 'status-changed', from: before?.statusCode ?? null, to: after.statusCode, citizenText: leaf.citizenText });
  }
  if (before?.unit !== after.unit) effects.push({ type: 'unit-changed', from: before?.unit ?? null, to: after.unit });
  if (after.outcome) effects.push({ type: 'closed', outcome: after.outcome });
  return effects;
}
