// Turns the action descriptors XState returns from a transition into effects,
// and adds the ones derived from comparing before and after (status, unit, closure).
import type { ExecutableActionObject } from 'xstate';
import { resolveUnit, resolveUnitRef } from '../definition/compile-procedure.ts';
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
      const unit = resolveUnit(state, procedure.states, units);
      effects.push({ type: 'entered', state: state.name, unit, budget: state.budget, clock: state.clock });
      if (state.handoff)
        effects.push({ type: 'handoff', state: state.name, from: unit, to: 'connector' in state.handoff ? { connector: state.handoff.connector } : { unit: resolveUnitRef(state.handoff.to, units) } });
    } else if (action.type === 'exited' && params) {
      effects.push({ type: 'exited', state: params.state! });
    }
  }
  dropTransientStates(effects);
  if (before?.statusCode !== after.statusCode) {
    const leaf = procedure.states.get(after.leaves[0]!)!;
    effects.push({ type: 'status-changed', from: before?.statusCode ?? null, to: after.statusCode, citizenText: leaf.citizenText });
  }
  if (before?.unit !== after.unit) effects.push({ type: 'unit-changed', from: before?.unit ?? null, to: after.unit });
  if (after.outcome) effects.push({ type: 'closed', outcome: after.outcome });
  return effects;
}

/**
 * A state entered and left within the same step (passed through by an `always`
 * transition) held the dossier for no time: it gets no visit and no handoff.
 */
function dropTransientStates(effects: Effect[]): void {
  const transient = new Set<string>();
  const entered = new Set<string>();
  for (const e of effects) {
    if (e.type === 'entered') entered.add(e.state);
    else if (e.type === 'exited' && entered.has(e.state)) transient.add(e.state);
  }
  if (transient.size === 0) return;
  const kept = effects.filter((e) => !((e.type === 'entered' || e.type === 'exited' || e.type === 'handoff') && transient.has(e.state)));
  effects.splice(0, effects.length, ...kept);
}
