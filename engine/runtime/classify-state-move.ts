// Whether a migration may move a dossier from state S of one version to state T
// of another — judged on the definitions' graphs, so that a migration can never
// do what the definition does not allow. Pure.
//
// - `counterpart`: T is where the dossier already is — S itself in the new
//   version, a renamed S at the same place (it has a predecessor and a
//   successor of S, names read through the state map), or a state the engine
//   would reach from S by eventless transitions alone.
// - `backwards`: T comes before the dossier's place (T is reachable from the
//   start without passing that place, and the place is reachable from T): work
//   is redone, nothing is presumed done.
// - `forwards`: anything else — the dossier would land past transitions nobody
//   fired (a proposal, a signature, a delivery). `skips` names them, from the
//   shortest route (fewest events) from the dossier's place to T.
// - `final`: T ends the procedure; only a transition may close a dossier (its
//   outcome, its closing date, its result handed over).
import type { CompiledProcedure } from '../definition/compiled-procedure.ts';

export interface SkippedTransition {
  state: string;
  event: string;
  /** Roles that may fire it; null for system events (a delivery, a registry's answer). */
  roles: string[] | null;
}

export type StateMove =
  | { move: 'counterpart' | 'backwards'; skips: [] }
  | { move: 'forwards'; skips: SkippedTransition[] }
  | { move: 'final' | 'unplaced'; skips: [] };

interface Edge {
  to: string;
  /** null: no event is needed (eventless, or entering/leaving a parent). */
  skipped: SkippedTransition | null;
}

export function classifyStateMove(from: CompiledProcedure, to: CompiledProcedure, source: string, target: string, stateMap: Record<string, string> = {}): StateMove {
  const node = to.states.get(target)!;
  if (node.kind === 'final') return { move: 'final', skips: [] };
  // The dossier's place, in the graph where S and T both exist.
  let graph: CompiledProcedure;
  if (to.states.has(source)) graph = to;
  else if (from.states.has(target)) graph = from;
  else return sharesPlace(from, to, source, target, stateMap) ? { move: 'counterpart', skips: [] } : { move: 'unplaced', skips: [] };
  const edges = edgesOf(graph);
  const route = cheapestRoute(edges, source, target);
  if (route && route.length === 0) return { move: 'counterpart', skips: [] };
  if (reachable(edges, graph.source.initial, target, source) && reachable(edges, target, source, null)) return { move: 'backwards', skips: [] };
  return { move: 'forwards', skips: route ?? [] };
}

/** A renamed state sits where the old one did when it keeps one of its predecessors and one of its successors (or both are initial). */
function sharesPlace(from: CompiledProcedure, to: CompiledProcedure, source: string, target: string, stateMap: Record<string, string>): boolean {
  if (from.source.initial === source && to.source.initial === target) return true;
  const rename = (names: Set<string>) => new Set([...names].map((n) => (n === source ? target : (stateMap[n] ?? n))));
  const fromEdges = edgesOf(from);
  const toEdges = edgesOf(to);
  const overlaps = (a: Set<string>, b: Set<string>) => [...a].some((n) => b.has(n));
  return overlaps(rename(neighbours(fromEdges, source, 'in')), neighbours(toEdges, target, 'in')) && overlaps(rename(neighbours(fromEdges, source, 'out')), neighbours(toEdges, target, 'out'));
}

function neighbours(edges: Map<string, Edge[]>, name: string, side: 'in' | 'out'): Set<string> {
  const out = new Set<string>();
  for (const [s, list] of edges) for (const e of list) if (e.skipped && (side === 'out' ? s === name : e.to === name)) out.add(side === 'out' ? e.to : s);
  return out;
}

function edgesOf(procedure: CompiledProcedure): Map<string, Edge[]> {
  const edges = new Map<string, Edge[]>();
  const add = (s: string, e: Edge) => edges.set(s, [...(edges.get(s) ?? []), e]);
  for (const state of procedure.states.values()) {
    edges.set(state.name, edges.get(state.name) ?? []);
    for (const t of state.transitions) add(state.name, { to: t.target, skipped: t.event === '' ? null : { state: state.name, event: t.event, roles: t.roles } });
    // Entering a parent enters its initial child (every region of a parallel one);
    // a child takes its parent's transitions.
    if (state.kind === 'compound' && state.initial) add(state.name, { to: state.initial, skipped: null });
    if (state.kind === 'parallel') for (const child of state.children) add(state.name, { to: child, skipped: null });
    if (state.parent) add(state.name, { to: state.parent, skipped: null });
  }
  return edges;
}

/** The route from `start` to `goal` firing the fewest events (0-1 BFS); null when there is none. */
function cheapestRoute(edges: Map<string, Edge[]>, start: string, goal: string): SkippedTransition[] | null {
  const best = new Map<string, SkippedTransition[]>([[start, []]]);
  const queue: string[] = [start];
  while (queue.length) {
    const at = queue.shift()!;
    const path = best.get(at)!;
    for (const e of edges.get(at) ?? []) {
      const next = e.skipped ? [...path, e.skipped] : path;
      const known = best.get(e.to);
      if (known && known.length <= next.length) continue;
      best.set(e.to, next);
      if (e.skipped) queue.push(e.to);
      else queue.unshift(e.to);
    }
  }
  return best.get(goal) ?? null;
}

function reachable(edges: Map<string, Edge[]>, start: string, goal: string, avoiding: string | null): boolean {
  if (start === avoiding) return false;
  const seen = new Set([start]);
  const stack = [start];
  while (stack.length) {
    const at = stack.pop()!;
    if (at === goal) return true;
    for (const e of edges.get(at) ?? []) {
      if (e.to === avoiding || seen.has(e.to)) continue;
      seen.add(e.to);
      stack.push(e.to);
    }
  }
  return false;
}
