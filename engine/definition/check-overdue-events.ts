// `onOverdue: { send: EVENT }` makes the system fire EVENT when a step's budget
// runs out. If the state cannot take that event, the escalation silently does
// nothing on the day it matters; this check finds that at authoring time.
import type { Report } from './check-data-references.ts';
import { describeDidYouMean } from './did-you-mean.ts';
import type { StateNode } from './procedure-definition.ts';

export function checkOverdueEvents(states: ReadonlyMap<string, StateNode>, report: Report): void {
  for (const state of states.values()) {
    if (!state.onOverdue) continue;
    if (!state.budget) report([...state.sourcePath, 'onOverdue'], `state '${state.name}' has onOverdue but no budget, so it is never overdue; add budget: { workingDays: N } or remove onOverdue`, true);
    const event = state.onOverdue.send;
    if (!event) continue;
    const taken = new Set<string>();
    for (let s: StateNode | undefined = state; s; s = s.parent ? states.get(s.parent) : undefined) for (const t of s.transitions) if (t.event) taken.add(t.event);
    if (!taken.has(event))
      report([...state.sourcePath, 'onOverdue', 'send'], `onOverdue of state '${state.name}' sends ${event}, which no transition of '${state.name}' takes${describeDidYouMean(event, taken, `; add ${event} under on: or remove send`)}`);
  }
}
