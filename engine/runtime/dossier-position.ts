// Where a dossier stands, as the pure runtime needs to know it, and the
// derived facts read from an XState snapshot (state names, status code,
// holding unit, outcome) — derived every time, never stored separately.
import type { AnyMachineSnapshot, Snapshot } from 'xstate';
import { resolveUnit, type StepScope } from '../definition/compile-procedure.ts';
import type { CompiledProcedure } from '../definition/compiled-procedure.ts';
import { statusOf } from '../definition/check-procedure.ts';
import type { Outcome } from '../definition/procedure-definition.ts';
import { MotcuaError } from '../motcua-error.ts';

export type { DossierUnitIds as DossierUnits } from '../definition/compile-procedure.ts';
import type { DossierUnitIds as DossierUnits } from '../definition/compile-procedure.ts';

export interface Actor {
  /** 'system' for workers, which act for no role and in no unit. */
  role: string;
  unit: string;
  userId?: string;
}

/** The persisted XState snapshot as stored in dossiers.snapshot. */
export type PersistedSnapshot = Snapshot<unknown> & { value: unknown; status: string };

export interface DossierPosition {
  snapshot: PersistedSnapshot;
  data: Record<string, unknown>;
  units: DossierUnits;
}

export interface PositionFacts {
  /** Active leaf states, comma-separated (names are unique in a procedure). */
  state: string;
  leaves: string[];
  statusCode: number;
  unit: string;
  outcome: Outcome | null;
}

/** `scope`: the dossier as guards see it during the step about to be taken (see StepScope). */
export function restoreSnapshot(procedure: CompiledProcedure, snapshot: PersistedSnapshot, scope: StepScope = {}): AnyMachineSnapshot {
  try {
    return procedure.machine.resolveState({ value: snapshot.value as never, context: scope });
  } catch (error) {
    throw new MotcuaError('definition.conflict', `the stored state ${JSON.stringify(snapshot.value)} does not exist in ${procedure.code} version ${procedure.version}; migrate the dossier to a version that has it`, { value: snapshot.value }, { cause: error });
  }
}

/** The snapshot to store: without the step's context, which only lives during a step. */
export function persistSnapshot(procedure: CompiledProcedure, snapshot: AnyMachineSnapshot): PersistedSnapshot {
  // The context is dropped before XState copies it: its persisting walks every value of the dossier's data.
  return procedure.machine.getPersistedSnapshot({ ...snapshot, context: {} }) as unknown as PersistedSnapshot;
}

export function leafStates(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (value && typeof value === 'object')
    return Object.entries(value as Record<string, unknown>).flatMap(([key, child]) => {
      const below = leafStates(child);
      return below.length ? below : [key];
    });
  return [];
}

export function describePosition(procedure: CompiledProcedure, snapshot: { value: unknown; status: string }, units: DossierUnits): PositionFacts {
  const leaves = leafStates(snapshot.value);
  const first = procedure.states.get(leaves[0]!)!;
  return {
    state: leaves.join(','),
    leaves,
    statusCode: statusOf(first, procedure.states) ?? 0,
    unit: resolveUnit(first, procedure.states, units),
    outcome: snapshot.status === 'done' ? first.outcome : null,
  };
}
