// XState's pure transition functions, bounded: a definition with an eventless
// cycle (states that leave each other by `always` transitions whose conditions
// hold together) would otherwise loop until the process runs out of heap.
// Validation refuses such definitions (check-eventless-cycles.ts); this is the
// last line for one that slipped past, e.g. compiled without validation.
import { initialTransition, transition, type AnyMachineSnapshot, type ExecutableActionObject } from 'xstate';
import { microstepLimit } from '../definition/compile-procedure.ts';
import type { CompiledProcedure } from '../definition/compiled-procedure.ts';
import type { InitialInput, MachineEvent } from '../definition/compile-procedure.ts';
import { MotcuaError } from '../motcua-error.ts';

type Macrostep = [AnyMachineSnapshot, ExecutableActionObject[]];

/** `transition()` of XState; throws MotcuaError 'transition.eventless-loop' instead of looping. */
export function runTransition(procedure: CompiledProcedure, snapshot: AnyMachineSnapshot, event: MachineEvent, state: string): Macrostep {
  return bounded(procedure, () => transition(procedure.machine, snapshot, event), event.type, state);
}

/** `initialTransition()` of XState, bounded the same way; the start's data and units reach the initial state's guards. */
export function runInitialTransition(procedure: CompiledProcedure, start: InitialInput): Macrostep {
  return bounded(procedure, () => initialTransition(procedure.machine, start), null, null);
}

function bounded(procedure: CompiledProcedure, run: () => Macrostep, event: string | null, state: string | null): Macrostep {
  try {
    const result = run();
    // initialTransition() catches what it throws and returns it as an 'error' snapshot.
    if (result[0].status === 'error') throw (result[0] as { error?: unknown }).error;
    return result;
  } catch (error) {
    // XState's own guard (machine option maxIterations, set in compile-procedure.ts) throws a plain Error.
    if (!(error instanceof Error) || !/^Infinite loop detected/.test(error.message)) throw error;
    const limit = microstepLimit(procedure.states.size);
    const where = event === null ? 'starting a dossier' : `event ${event} in state '${state}'`;
    throw new MotcuaError(
      'transition.eventless-loop',
      `${where} took more than ${limit} eventless moves without coming to rest: procedure ${procedure.code} version ${procedure.version} has an eventless cycle ('always' or 'onDone' transitions leading back to a state they left, with conditions that hold together); the dossier is unchanged — run motcua validate on the definition, break the cycle, and publish a new version`,
      { event, state, limit, procedure: procedure.code, version: procedure.version },
      { cause: error },
    );
  }
}
