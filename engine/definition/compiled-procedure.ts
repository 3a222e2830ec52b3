// What the runtime executes: a validated definition, its flat state table,
// its compiled guards and data validator, and the XState machine built from it.
import type { AnyStateMachine } from 'xstate';
import type { CompiledGuard } from './compile-guard.ts';
import type { ProcedureSource, StateNode, Transition } from './procedure-definition.ts';

export interface DataError {
  /** JSON path of the failing field, e.g. "/child/birthDate" ("" for the whole object). */
  path: string;
  message: string;
}

export interface CompiledProcedure {
  code: string;
  version: number;
  source: ProcedureSource;
  states: ReadonlyMap<string, StateNode>;
  guards: ReadonlyMap<string, CompiledGuard>;
  machine: AnyStateMachine;
  /** Transitions by key `${source}|${event}|${index}`, as referenced from the machine's guards. */
  transitions: ReadonlyMap<string, Transition>;
  transitionKeys: ReadonlyMap<Transition, string>;
  /** Validates (and fills defaults into) dossier data; returns every failing field. */
  validateData(data: unknown): DataError[];
}
