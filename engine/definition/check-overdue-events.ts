// `onOverdue: { send: EVENT }` makes the system fire EVENT when a step's budget
// runs out. If the state cannot take that event, the escalation silently does
// nothing on the day it matters; this check finds that at authoring time.
import type { Report } from './check-data-references.ts';
import type { StateNode } from './procedure-definition.ts';

export function checkOverdueEvents(states: ReadonlyMap<string, StateNode>, report: Report): void {
  for (const state of states.values()) {
    if (!state.onOverdue) continue;
    if (!state.budget) report([...state.sourcePath, 'onOverdue'], `state '${state.name}' has onOverdue but no budget, so it is never overdue; add budget: { workingDays: N } or remove onOverdue`, true);
    const event = state.onOverdue.send;
    if (!event) continue;
    let handled = false;
    for (let s: StateNode | undefined = state; s && !handled; s = s.parent ? states.get(s.parent) : undefined) handled = s.transitions.some((t) => t.event === event);
    if (!handled) report([...state.sourcePath, 'onOverdue', 'send'], `onOverdue of state '${state.name}' sends ${event}, which no transition of '${state.name}' takes; add ${event} under on: or remove send`);
  }
}
