// A dead end: a state a dossier can enter, for some data the schema allows, and
// never leave — every transition out of it (its own and its ancestors') has a
// condition that is then false, so no one has an event to fire and only a
// migration can move the dossier. Typically two guarded `always` transitions,
// `data.parcel.disputed` and `!data.parcel.disputed`, on an optional field: a
// missing field makes a guard and its negation both false.
//
// The same holds for a compound or parallel state once it is done (its final
// child, or every region's, reached), when nothing follows or only guarded
// `onDone` transitions do. An atomic state with no transition at all is
// check-procedure.ts's "no way out".
import type { CompiledGuard } from './compile-guard.ts';
import type { Report } from './check-data-references.ts';
import { findUnknownField } from './find-unknown-field.ts';
import { describeAssignment, GuardDataSpace, type Assignment } from './guard-data-space.ts';
import { listDataReferences } from './list-data-references.ts';
import { listReachableStates } from './list-reachable-states.ts';
import { doneEvent, type StateNode, type Transition } from './procedure-definition.ts';
import type { PathSegment } from './yaml-source.ts';

export function checkDeadEnds(initial: string, states: ReadonlyMap<string, StateNode>, guards: ReadonlyMap<string, CompiledGuard>, dataSchema: unknown, report: Report): void {
  const space = new GuardDataSpace(dataSchema, guards);
  for (const state of states.values()) {
    let exits: Transition[];
    let place: string;
    if (state.kind === 'atomic') {
      exits = ancestry(state, states).flatMap((s) => s.transitions.filter((t) => t.event !== doneEvent));
      place = 'can be entered';
    } else if (canBeDone(state, states)) {
      exits = ancestry(state, states).flatMap((s) => s.transitions.filter((t) => t.event !== doneEvent || s === state));
      place = state.kind === 'parallel' ? 'can have all its regions done' : 'can reach its final state';
      if (exits.length === 0) {
        report(state.sourcePath as PathSegment[], `state '${state.name}' ${place} with no way out: nothing follows it; add onDone: <next state>, or a transition under on:`, true);
        continue;
      }
    } else continue;
    if (exits.length === 0 || exits.some((t) => t.when === null || !guards.has(t.when))) continue;
    const conditions = [...new Set(exits.map((t) => t.when!))];
    // A guard naming an undeclared field is reported as such (check-data-references.ts); fixing the name changes this analysis.
    if (conditions.some((g) => listDataReferences(g).some((path) => findUnknownField(dataSchema, path) !== null))) continue;
    // An event's condition may be met by the input of a later event; an automatic one ('always', 'onDone') is judged
    // once, with the input of the event that led into the state, and never again while no event is accepted.
    const byEvent = [...new Set(exits.filter((t) => t.event !== '' && t.event !== doneEvent).map((t) => t.when!))];
    const automatic = [...new Set(exits.filter((t) => t.event === '' || t.event === doneEvent).map((t) => t.when!))];
    const isStuck = (a: Assignment) => automatic.every((g) => !space.holds(g, a)) && byEvent.every((g) => !space.canHold(g, onlyData(a)));
    const paths = [...new Set([...byEvent.flatMap((g) => space.pathsOf(g).filter((p) => p.startsWith('data.'))), ...automatic.flatMap((g) => space.pathsOf(g))])];
    let found: Assignment | null = null;
    for (const a of space.assignments(paths)) if (isStuck(a) && isReachable(initial, state.name, states, space, onlyData(a))) {
      found = a;
      break;
    }
    if (!found) continue;
    const stuck = space.keepRelevant(found, isStuck);
    const data = describeAssignment(stuck);
    const missing = [...stuck].filter(([path, c]) => path.startsWith('data.') && !c.present).map(([path]) => path);
    const why = missing.length ? `, since a missing field makes a condition and its negation both false` : '';
    const fix = missing.length
      ? `make ${missing.join(' and ')} required, give ${missing.length > 1 ? 'them defaults' : 'it a default'}, or add a fallback transition without when:`
      : 'add a transition for that case, or a fallback transition without when:';
    report(
      state.sourcePath as PathSegment[],
      `state '${state.name}' ${place} with no way out when ${data || 'its data is as the schema allows'}: the conditions of all its transitions are then false (${conditions.join('; ')})${why}; ${fix}`,
      true,
    );
  }
}

function onlyData(a: Assignment): Assignment {
  return new Map([...a].filter(([path]) => path.startsWith('data.')));
}

/** Whether `target` can be entered from the initial state by transitions whose conditions can hold with this data. */
function isReachable(initial: string, target: string, states: ReadonlyMap<string, StateNode>, space: GuardDataSpace, data: Assignment): boolean {
  return listReachableStates(initial, states, (t) => t.when === null || space.canHold(t.when, data)).has(target);
}

/** A compound state with a final child, or a parallel state each of whose regions has one: it can be done and wait for onDone. */
function canBeDone(state: StateNode, states: ReadonlyMap<string, StateNode>): boolean {
  const hasFinalChild = (s: StateNode | undefined) => s !== undefined && s.children.some((c) => states.get(c)?.kind === 'final');
  // A region that is done waits for its siblings: the parallel state's own done configuration is what must have a way out.
  const region = state.parent !== null && states.get(state.parent)?.kind === 'parallel' && !state.transitions.some((t) => t.event === doneEvent);
  if (state.kind === 'compound') return hasFinalChild(state) && !region;
  if (state.kind === 'parallel') return state.children.length > 0 && state.children.every((c) => hasFinalChild(states.get(c)));
  return false;
}

function ancestry(node: StateNode, states: ReadonlyMap<string, StateNode>): StateNode[] {
  const out: StateNode[] = [];
  for (let s: StateNode | undefined = node; s; s = s.parent ? states.get(s.parent) : undefined) out.push(s);
  return out;
}
