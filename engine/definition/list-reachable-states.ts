// The states a dossier can reach from the initial one: the walk that both the
// unreachable-state check and the dead-end check take, each with its own rule
// for which transitions may be followed.
import type { StateNode, Transition } from './procedure-definition.ts';

/**
 * Every state entered from `initial` through transitions `follow` accepts.
 * Entering a state enters its ancestors, and its initial child (or every region).
 */
export function listReachableStates(initial: string, states: ReadonlyMap<string, StateNode>, follow: (t: Transition) => boolean = () => true): Set<string> {
  const reached = new Set<string>();
  const queue: string[] = [];
  const enter = (name: string) => {
    const state = states.get(name);
    if (!state || reached.has(name)) return;
    reached.add(name);
    queue.push(name);
    if (state.parent) enter(state.parent);
    if (state.kind === 'compound' && state.initial) enter(state.initial);
    if (state.kind === 'parallel') state.children.forEach(enter);
  };
  enter(initial);
  while (queue.length) {
    const state = states.get(queue.shift()!)!;
    for (const t of state.transitions) if (follow(t)) enter(t.target);
  }
  return reached;
}
