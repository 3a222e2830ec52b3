// Whether a role has something to do in a state, judged from the definition
// alone, so a list of many dossiers (the worklist) restores the snapshot and
// evaluates guards only where the definition cannot answer. Pure; memoised per
// compiled procedure (a procedure version never changes once compiled).
import type { CompiledProcedure } from '../definition/compiled-procedure.ts';
import { doneEvent } from '../definition/procedure-definition.ts';

/**
 * - `never`: no event of the state or its ancestors names the role: availableEvents is empty for it, whatever the data.
 * - `always`: a single active state with an event of its own that the role fires without a condition on the
 *   dossier's data (none, or one on the event's input, which is offered and judged when sent): availableEvents is
 *   non-empty for an officer of the unit holding the dossier.
 * - `maybe`: it depends on the data or on which unit holds each parallel region; evaluate availableEvents.
 */
export type ActionChance = 'never' | 'always' | 'maybe';

const memo = new WeakMap<CompiledProcedure, Map<string, ActionChance>>();

/** `state`: the dossier's active leaf states, comma-separated, as stored (dossiers.state). */
export function roleCanAct(procedure: CompiledProcedure, state: string, role: string): ActionChance {
  let known = memo.get(procedure);
  if (!known) memo.set(procedure, (known = new Map()));
  const key = `${state}\n${role}`;
  let chance = known.get(key);
  if (chance === undefined) known.set(key, (chance = judge(procedure, state, role)));
  return chance;
}

function judge(procedure: CompiledProcedure, state: string, role: string): ActionChance {
  const leaves = state.split(',');
  let named = false;
  for (const leaf of leaves) {
    for (let node = procedure.states.get(leaf); node; node = node.parent ? procedure.states.get(node.parent) : undefined) {
      for (const t of node.transitions) {
        // Eventless and onDone moves are the engine's; availableEvents never lists them.
        if (t.event === '' || t.event === doneEvent || !t.roles?.includes(role)) continue;
        named = true;
        // Held by the leaf's own unit (the dossier's current unit) only when the transition is the leaf's own.
        if (leaves.length === 1 && t.source === leaf && (t.when === null || t.when.includes('input.'))) return 'always';
      }
    }
  }
  return named ? 'maybe' : 'never';
}
