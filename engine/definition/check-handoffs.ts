// Handoff states: the handoff worker fires HANDOFF_DELIVERED when the dossier
// has arrived, so a handoff state must accept that event (with no roles: no
// officer fires it); the unit or connector it names must exist.
import { handoffDeliveredEvent, type StateNode } from './procedure-definition.ts';
import { describeDidYouMean } from './did-you-mean.ts';
import type { PathSegment } from './yaml-source.ts';

export function checkHandoffs(
  states: ReadonlyMap<string, StateNode>,
  context: { units?: ReadonlySet<string>; connectors?: ReadonlySet<string> },
  at: (path: PathSegment[], message: string, key?: boolean) => unknown,
): void {
  for (const state of states.values()) {
    if (!state.handoff) continue;
    const delivered = state.transitions.find((t) => t.event === handoffDeliveredEvent);
    if (!delivered) at([...state.sourcePath, 'handoff'], `state '${state.name}' hands the dossier over but does not accept ${handoffDeliveredEvent}; add on: { ${handoffDeliveredEvent}: <next state> } — the handoff worker fires it on delivery`, true);
    else if (delivered.roles) at([...delivered.sourcePath, 'roles'], `${handoffDeliveredEvent} is fired by the handoff worker, not by an officer; remove roles`);
    const h = state.handoff;
    if ('connector' in h) {
      if (context.connectors && !context.connectors.has(h.connector))
        at([...state.sourcePath, 'handoff', 'connector'], `connector '${h.connector}' does not exist${describeDidYouMean(h.connector, context.connectors, `; declare it in procedures/connectors.yaml (known: ${[...context.connectors].join(', ') || 'none'})`)}`);
    } else if (typeof h.to === 'object' && context.units && !context.units.has(h.to.unit)) {
      at([...state.sourcePath, 'handoff', 'to', 'unit'], `unit '${h.to.unit}' does not exist${describeDidYouMean(h.to.unit, context.units, '; add it to procedures/province.yaml or name an existing unit')}`);
    }
  }
}
