// Effects are what a step asks the outside world to do. The runtime only
// describes them; engine/service writes them to the outbox in the same
// transaction as the new snapshot, and workers carry them out after commit.
import type { ClockAction, LocalizedText, Outcome, TimeLimit } from '../definition/procedure-definition.ts';

export type Effect =
  | { type: 'entered'; state: string; unit: string; budget: TimeLimit | null; clock: 'runs' | 'paused' }
  | { type: 'exited'; state: string }
  | { type: 'form-issued'; form: string }
  | { type: 'clock'; action: ClockAction }
  | { type: 'status-changed'; from: number | null; to: number; citizenText: LocalizedText | null }
  | { type: 'unit-changed'; from: string | null; to: string }
  | { type: 'closed'; outcome: Outcome }
  /** Entering a handoff state: deliver the dossier to a unit, or send it to an external system. */
  | { type: 'handoff'; state: string; from: string; to: { unit: string } | { connector: string } };
