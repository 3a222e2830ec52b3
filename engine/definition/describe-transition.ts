// How diagnostics name a transition: "transition ACCEPT of state 'reception'",
// "the 'always' transition of state 'routing'", "the 'onDone' transition of state 'consultation'".
import { doneEvent, type Transition } from './procedure-definition.ts';

export function describeTransition(t: Pick<Transition, 'event' | 'source'>): string {
  if (t.event === doneEvent) return `the 'onDone' transition of state '${t.source}'`;
  return t.event ? `transition ${t.event} of state '${t.source}'` : `the 'always' transition of state '${t.source}'`;
}
