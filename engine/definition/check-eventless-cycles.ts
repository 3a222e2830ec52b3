// An eventless cycle: states that leave each other by `always` (or `onDone`)
// transitions, so the engine could go round without waiting for any event. A
// dossier's data does not change within a step, so if the conditions along the
// cycle can hold together once they hold forever: the step never ends (the
// runtime refuses it after a bounded number of moves, see
// engine/runtime/run-macrostep.ts). Such a cycle is an error naming the states,
// the data that makes it loop, and the fix.
//
// XState takes, from each active leaf, the first eventless transition whose
// condition holds (the leaf's own first, then its ancestors'), so a cycle counts
// only for data under which each of its transitions is the one taken.
import type { CompiledGuard } from './compile-guard.ts';
import type { Report } from './check-data-references.ts';
import { describeAssignment, GuardDataSpace, type Assignment } from './guard-data-space.ts';
import { doneEvent, type StateNode, type Transition } from './procedure-definition.ts';

interface Move {
  from: string;
  to: string;
  transition: Transition;
  /** Eventless transitions XState would take instead, were their conditions true. */
  before: Transition[];
}

export function checkEventlessCycles(states: ReadonlyMap<string, StateNode>, guards: ReadonlyMap<string, CompiledGuard>, dataSchema: unknown, report: Report): void {
  const moves = listEventlessMoves(states);
  if (moves.length === 0) return;
  const space = new GuardDataSpace(dataSchema, guards);
  const reported = new Set<string>();
  const order = [...states.keys()];
  for (const first of moves) {
    const rest = findShortestPath(moves, first.to, first.from);
    if (!rest) continue;
    const cycle = [first, ...rest];
    const key = cycle.map((m) => `${m.from}>${m.to}`).sort().join(',');
    if (reported.has(key)) continue;
    const witness = findLoopingData(cycle, space);
    if (!witness) continue;
    reported.add(key);
    // Start the cycle at the state written first, and report it on that state's transition.
    const start = cycle.reduce((best, m, i) => (order.indexOf(m.from) < order.indexOf(cycle[best]!.from) ? i : best), 0);
    const rotated = [...cycle.slice(start), ...cycle.slice(0, start)];
    const names = [...rotated.map((m) => m.from), rotated[0]!.from].join(' → ');
    const kinds = rotated.some((m) => m.transition.event === doneEvent) ? "'always' and 'onDone' transitions" : "'always' transitions";
    const data = describeAssignment(witness);
    report(
      [...rotated[0]!.transition.sourcePath],
      `eventless cycle ${names}: the engine would take these ${kinds} round and round without waiting for an event, ${data ? `when ${data}` : 'whatever the data'}; give one of them a condition that cannot hold together with the others, or make one of these steps wait for an event under on:`,
    );
  }
}

/** Data (and input, actor, units) under which every move of the cycle is the one XState takes, or null. */
function findLoopingData(cycle: Move[], space: GuardDataSpace): Assignment | null {
  // An unguarded transition that XState prefers blocks the move for any data.
  if (cycle.some((m) => m.before.some((t) => t.when === null))) return null;
  const must = cycle.flatMap((m) => (m.transition.when === null ? [] : [m.transition.when]));
  const mustNot = cycle.flatMap((m) => m.before.map((t) => t.when!));
  const paths = [...new Set([...must, ...mustNot].flatMap((g) => space.pathsOf(g)))];
  const loops = (a: Assignment) => must.every((g) => space.holds(g, a)) && mustNot.every((g) => !space.holds(g, a));
  for (const assignment of space.assignments(paths)) if (loops(assignment)) return space.keepRelevant(assignment, loops);
  return null;
}

/** Eventless moves between leaves (atomic or final states): where the dossier would go, and by which transition. */
function listEventlessMoves(states: ReadonlyMap<string, StateNode>): Move[] {
  const moves: Move[] = [];
  const add = (from: string, transitions: Transition[]) => {
    transitions.forEach((t, i) => {
      for (const to of entryLeaves(t.target, states, new Set())) moves.push({ from, to, transition: t, before: transitions.slice(0, i) });
    });
  };
  for (const leaf of states.values()) {
    if (leaf.kind !== 'atomic' && leaf.kind !== 'final') continue;
    // A top-level final state ends the dossier: nothing runs after it.
    if (leaf.kind === 'final' && leaf.parent === null) continue;
    const chain = ancestry(leaf, states);
    add(leaf.name, chain.flatMap((s) => s.transitions.filter((t) => t.event === '')));
    if (leaf.kind === 'final') {
      // Reaching a final child makes its parent done; a region done may make its parallel parent done.
      const parent = states.get(leaf.parent!)!;
      const grand = parent.parent ? states.get(parent.parent) : undefined;
      add(leaf.name, parent.transitions.filter((t) => t.event === doneEvent));
      if (grand?.kind === 'parallel') add(leaf.name, grand.transitions.filter((t) => t.event === doneEvent));
    }
  }
  return moves;
}

/** The leaves entered when a transition targets `name`: itself, its initial child's, or every region's. */
function entryLeaves(name: string, states: ReadonlyMap<string, StateNode>, seen: Set<string>): string[] {
  const node = states.get(name);
  if (!node || seen.has(name)) return [];
  seen.add(name);
  if (node.kind === 'atomic' || node.kind === 'final') return [name];
  if (node.kind === 'parallel') return node.children.flatMap((c) => entryLeaves(c, states, seen));
  return node.initial ? entryLeaves(node.initial, states, seen) : [];
}

function ancestry(node: StateNode, states: ReadonlyMap<string, StateNode>): StateNode[] {
  const out: StateNode[] = [];
  for (let s: StateNode | undefined = node; s; s = s.parent ? states.get(s.parent) : undefined) out.push(s);
  return out;
}

/** Shortest chain of moves from `from` to `to` (empty when they are the same leaf), or null. */
function findShortestPath(moves: Move[], from: string, to: string): Move[] | null {
  if (from === to) return [];
  const previous = new Map<string, Move>();
  const queue = [from];
  const seen = new Set([from]);
  while (queue.length) {
    const at = queue.shift()!;
    for (const m of moves) {
      if (m.from !== at || seen.has(m.to)) continue;
      seen.add(m.to);
      previous.set(m.to, m);
      if (m.to === to) {
        const path: Move[] = [];
        for (let cur = to; cur !== from; cur = previous.get(cur)!.from) path.unshift(previous.get(cur)!);
        return path;
      }
      queue.push(m.to);
    }
  }
  return null;
}
