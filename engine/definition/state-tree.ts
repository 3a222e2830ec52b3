// Walking the state tree of a procedure (names are unique, each state knows its
// parent): shared by the diagram renderers, which draw an edge inside the
// innermost state that contains both of its ends.
import type { StateNode, Transition } from './procedure-definition.ts';

export function ancestors(name: string, states: ReadonlyMap<string, StateNode>): string[] {
  const out: string[] = [];
  for (let s = states.get(name); s?.parent; s = states.get(s.parent)) out.push(s.parent);
  return out;
}

/** The innermost state strictly above both (null: the machine). */
export function commonScope(a: string, b: string, states: ReadonlyMap<string, StateNode>): string | null {
  const above = ancestors(b, states);
  return ancestors(a, states).find((x) => above.includes(x)) ?? null;
}

/** The ancestor of `name` (or `name` itself) that is a direct child of `scope`. */
export function childOf(scope: string | null, name: string, states: ReadonlyMap<string, StateNode>): string {
  for (let s = states.get(name); s; s = s.parent ? states.get(s.parent) : undefined) if (s.parent === scope) return s.name;
  return name;
}

export interface LiftedTransition {
  transition: Transition;
  /** The innermost state holding both ends (null: the top level). */
  scope: string | null;
  /** The ends lifted to children of `scope`. */
  from: string;
  to: string;
  /** Where the ends really are, when lifted: " (from a, to b)", else "". */
  note: string;
}

/** Every transition to a known state, drawn between children of its scope. */
export function liftTransitions(states: ReadonlyMap<string, StateNode>): LiftedTransition[] {
  const out: LiftedTransition[] = [];
  for (const state of states.values())
    for (const t of state.transitions) {
      if (!states.has(t.target)) continue;
      const scope = commonScope(state.name, t.target, states);
      const from = childOf(scope, state.name, states);
      const to = childOf(scope, t.target, states);
      const notes = [from !== state.name ? `from ${state.name}` : '', to !== t.target ? `to ${t.target}` : ''].filter(Boolean);
      out.push({ transition: t, scope, from, to, note: notes.length ? ` (${notes.join(', ')})` : '' });
    }
  return out;
}
