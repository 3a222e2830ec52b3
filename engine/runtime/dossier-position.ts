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

/**
 * `scope`: the dossier as guards see it during the step about to be taken (see StepScope).
 * @throws MotcuaError 'definition.conflict' when the stored state does not exist in this version.
 */
export function restoreSnapshot(procedure: CompiledProcedure, snapshot: PersistedSnapshot, scope: StepScope = {}): AnyMachineSnapshot {
  // Resolving a state value to its active state nodes depends on the procedure alone, so it is done once
  // per stored value; XState never mutates a snapshot (every move builds a new one), so the resolved one
  // is shared and only the step's context differs.
  const key = typeof snapshot.value === 'string' ? snapshot.value : JSON.stringify(snapshot.value);
  let resolved = resolvedStates(procedure).get(key);
  if (!resolved) {
    try {
      resolved = procedure.machine.resolveState({ value: snapshot.value as never, context: {} }) as AnyMachineSnapshot;
    } catch (error) {
      throw new MotcuaError('definition.conflict', `the stored state ${JSON.stringify(snapshot.value)} does not exist in ${procedure.code} version ${procedure.version}; migrate the dossier to a version that has it`, { value: snapshot.value }, { cause: error });
    }
    deepFreeze(resolved.value);
    resolvedStates(procedure).set(key, resolved);
  }
  return { ...resolved, context: scope } as AnyMachineSnapshot;
}

const resolvedByProcedure = new WeakMap<CompiledProcedure, Map<string, AnyMachineSnapshot>>();

/** Bounded by the procedure: only state values that exist in it are kept, and a procedure has finitely many. */
function resolvedStates(procedure: CompiledProcedure): Map<string, AnyMachineSnapshot> {
  let states = resolvedByProcedure.get(procedure);
  if (!states) resolvedByProcedure.set(procedure, (states = new Map()));
  return states;
}

/** A shared state value must not be changed through a snapshot handed out; frozen, an attempt fails loudly. */
function deepFreeze(value: unknown): void {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
}

/**
 * The snapshot to store: without the step's context, which only lives during a step. The same object
 * as XState's getPersistedSnapshot() with an empty context, built directly: XState's copies every
 * snapshot field by object rest and walks the context, which costs a tenth of a step. The machine
 * compile-procedure.ts builds invokes and spawns no actors, so `children` is always empty.
 */
export function persistSnapshot(_procedure: CompiledProcedure, snapshot: AnyMachineSnapshot): PersistedSnapshot {
  return {
    status: snapshot.status,
    output: snapshot.output,
    error: snapshot.error,
    value: snapshot.value,
    historyValue: persistHistory(snapshot.historyValue),
    context: {},
    children: {},
  } as unknown as PersistedSnapshot;
}

/** History as XState persists it: each entry's state nodes by id. */
function persistHistory(history: unknown): Record<string, Array<{ id: string }>> {
  const out: Record<string, Array<{ id: string }>> = {};
  if (typeof history !== 'object' || history === null) return out;
  for (const [key, nodes] of Object.entries(history as Record<string, unknown>)) if (Array.isArray(nodes)) out[key] = nodes.map((n: { id: string }) => ({ id: n.id }));
  return out;
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
