// The events this actor may fire now, with what each needs: what the console
// shows as buttons and what the API returns as `availableEvents`.
import { isAllowed, type MachineEvent } from '../definition/compile-procedure.ts';
import type { CompiledProcedure } from '../definition/compiled-procedure.ts';
import type { LocalizedText } from '../definition/procedure-definition.ts';
import { restoreSnapshot, type Actor, type DossierPosition } from './dossier-position.ts';
import { acceptedEvents, candidateTransitions } from './step.ts';

export interface AvailableEvent {
  type: string;
  target: string;
  requires: string[];
  form: string | null;
  /** The button text from the definition's `label`; null when it gives none (the console falls back to the id). */
  label: LocalizedText | null;
  /** The `title` of the state it leads to; null when that state has none. */
  targetTitle: LocalizedText | null;
}

export function availableEvents(procedure: CompiledProcedure, position: DossierPosition, actor: Actor): AvailableEvent[] {
  const snapshot = restoreSnapshot(procedure, position.snapshot);
  if (snapshot.status === 'done') return [];
  const out: AvailableEvent[] = [];
  for (const type of acceptedEvents(procedure, snapshot)) {
    const probe: MachineEvent = { type, input: {}, data: position.data, actor: { role: actor.role, unit: actor.unit }, units: position.units };
    // Guards that read the event's input cannot be judged before it is sent: offer the event, the step decides.
    const candidates = candidateTransitions(procedure, snapshot, type);
    const t = candidates.find((c) => {
      const verdict = isAllowed(c, probe, procedure.states, procedure.guards);
      return verdict.ok || (verdict.reason === 'guard' && c.when !== null && c.when.includes('input.'));
    });
    // A branch without a label of its own takes the event's label from a sibling branch.
    const label = t?.label ?? candidates.find((c) => c.label)?.label ?? null;
    if (t) out.push({ type, target: t.target, requires: t.requires, form: t.form, label, targetTitle: procedure.states.get(t.target)?.title ?? null });
  }
  return out;
}
