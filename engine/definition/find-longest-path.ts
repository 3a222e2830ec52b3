// The longest way a dossier can take through a procedure, in working hours of
// step budgets: what `motcua explain` prints and what the budget check compares
// with the statutory limit.
//
// A "step" is an atomic state, a final state, or a whole parallel state (its
// regions run at the same time, so it costs its own budget, or else its slowest
// region). Compound states are transparent: entering one enters its initial
// child, and its transitions leave from any state inside it. Only simple paths
// count (no state twice), so loops such as "return for review" are ignored.
//
// The sum follows the statutory clock: a state with `clock: paused` costs
// nothing (the citizen holds the dossier), a transition with `clock: start` or
// `clock: reset` restarts the count from zero (a complete supplement restarts the
// time limit), and after `clock: stop` nothing counts. A path's measure is the
// largest count reached on it.
import { toWorkingHours } from './describe-time-limit.ts';
import type { StateNode, Transition } from './procedure-definition.ts';

export interface LongestPath {
  /** Working hours on the statutory clock along the path. */
  hours: number;
  /** Step names from the initial state to a final state. */
  steps: string[];
}

/** Past this many explored path extensions the search stops and returns the longest path found so far. */
const SEARCH_LIMIT = 200_000;

/** From `initial` to a final state of the whole procedure, or, with `scope`, to a final child of that compound state. */
export function findLongestPath(initial: string, states: ReadonlyMap<string, StateNode>, scope: string | null = null): LongestPath | null {
  if (!states.has(initial)) return null;
  return new PathSearch(states).longest(scope, initial);
}

/** The slowest region of a parallel state, for comparing with the parallel state's own budget. */
export function findSlowestRegion(parallel: StateNode, states: ReadonlyMap<string, StateNode>): { region: string; path: LongestPath } | null {
  const search = new PathSearch(states);
  let slowest: { region: string; path: LongestPath } | null = null;
  for (const region of parallel.children) {
    const path = search.longest(region, region);
    if (path && (!slowest || path.hours > slowest.path.hours)) slowest = { region, path };
  }
  return slowest;
}

class PathSearch {
  private readonly costs = new Map<string, number>();
  private explored = 0;

  constructor(private readonly states: ReadonlyMap<string, StateNode>) {}

  /** Longest path inside `scope` (null: the whole procedure) from entering `entry` to a final state of that scope. */
  longest(scope: string | null, entry: string): LongestPath | null {
    const first = this.enter(entry, null, scope);
    if (first === null) return null;
    let best: LongestPath | null = null;
    const visited = new Set<string>();
    const path: string[] = [];
    const walk = (step: string, running: number, peak: number, stopped: boolean): void => {
      if (this.explored++ > SEARCH_LIMIT) return;
      visited.add(step);
      path.push(step);
      const count = stopped ? running : running + this.cost(step);
      const top = Math.max(peak, count);
      const node = this.states.get(step)!;
      if (node.kind === 'final' && node.parent === scope) {
        if (!best || top > best.hours) best = { hours: top, steps: [...path] };
      } else {
        for (const t of this.exits(step, scope)) {
          const next = this.enter(t.target, t.source, scope);
          if (next === null || visited.has(next)) continue;
          const restart = t.clock === 'start' || t.clock === 'reset';
          walk(next, restart ? 0 : count, top, restart ? false : stopped || t.clock === 'stop');
        }
      }
      path.pop();
      visited.delete(step);
    };
    walk(first, 0, 0, false);
    return best;
  }

  /** The step entered when a transition from `from` targets `target`, or null when it leaves the scope. */
  private enter(target: string, from: string | null, scope: string | null): string | null {
    const node = this.states.get(target);
    if (!node || (scope !== null && !this.isWithin(target, scope))) return null;
    // Entering a state inside a parallel state from outside it enters the whole parallel state.
    let outermost: string | null = null;
    for (let s: StateNode | undefined = node; s && s.name !== scope; s = s.parent ? this.states.get(s.parent) : undefined)
      if (s.kind === 'parallel' && (from === null || !this.isWithin(from, s.name))) outermost = s.name;
    if (outermost) return outermost;
    if (node.kind === 'compound') return node.initial && node.children.includes(node.initial) ? this.enter(node.initial, from, scope) : null;
    return target;
  }

  /** Transitions that leave a step: its own, its ancestors' inside the scope, and for a parallel step those of its descendants that lead out of it. */
  private exits(step: string, scope: string | null): Transition[] {
    const out: Transition[] = [];
    for (let s: StateNode | undefined = this.states.get(step); s; s = s.parent && s.name !== scope ? this.states.get(s.parent) : undefined) out.push(...s.transitions);
    const node = this.states.get(step)!;
    if (node.kind === 'parallel')
      for (const inner of this.descendants(step)) for (const t of inner.transitions) if (this.states.has(t.target) && !this.isWithin(t.target, step)) out.push(t);
    return out;
  }

  private cost(step: string): number {
    let cost = this.costs.get(step);
    if (cost !== undefined) return cost;
    const node = this.states.get(step)!;
    cost = 0;
    if (node.clock !== 'paused') {
      if (node.budget) cost = toWorkingHours(node.budget);
      else if (node.kind === 'parallel') for (const region of node.children) cost = Math.max(cost, this.longest(region, region)?.hours ?? 0);
    }
    this.costs.set(step, cost);
    return cost;
  }

  private isWithin(name: string, ancestor: string): boolean {
    for (let s: StateNode | undefined = this.states.get(name); s; s = s.parent ? this.states.get(s.parent) : undefined) if (s.name === ancestor) return true;
    return false;
  }

  private descendants(name: string): StateNode[] {
    const node = this.states.get(name);
    if (!node) return [];
    return node.children.flatMap((c) => {
      const child = this.states.get(c);
      return child ? [child, ...this.descendants(c)] : [];
    });
  }
}
