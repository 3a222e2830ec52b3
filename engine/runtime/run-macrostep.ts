// XState's pure transition functions, bounded: a definition with an eventless
// cycle (states that leave each other by `always` transitions whose conditions
// hold together) would otherwise loop until the process runs out of heap.
// Validation refuses such definitions (check-eventless-cycles.ts); this is the
// last line for one that slipped past, e.g. compiled without validation.
import { createActor, initialTransition, type AnyActorScope, type AnyMachineSnapshot, type ExecutableActionObject } from 'xstate';
import { microstepLimit } from '../definition/compile-procedure.ts';
import type { CompiledProcedure } from '../definition/compiled-procedure.ts';
import type { InitialInput, MachineEvent } from '../definition/compile-procedure.ts';
import { MotcuaError } from '../motcua-error.ts';

type Macrostep = [AnyMachineSnapshot, ExecutableActionObject[]];

/** `transition()` of XState; throws MotcuaError 'transition.eventless-loop' instead of looping. */
export function runTransition(procedure: CompiledProcedure, snapshot: AnyMachineSnapshot, event: MachineEvent, state: string): Macrostep {
  return bounded(procedure, () => {
    const actions: ExecutableActionObject[] = [];
    const next = procedure.machine.transition(snapshot, event, inertScope(procedure, actions)) as AnyMachineSnapshot;
    return [next, actions];
  }, event.type, state);
}

/**
 * What XState's `transition()` does, without building a new actor on every call: that
 * actor's constructor computes the machine's whole initial state (context factory, entry
 * of the initial state), a quarter of a step's cost, only to be thrown away. One actor per
 * procedure serves every step: the machine compile-procedure.ts builds has no invoked or
 * spawned actors and no delays, so nothing is ever registered in its system, and its
 * actions are descriptors collected here, never executed.
 */
function inertScope(procedure: CompiledProcedure, actions: ExecutableActionObject[]): AnyActorScope {
  let self = scopeActors.get(procedure);
  if (!self) scopeActors.set(procedure, (self = createActor(procedure.machine)));
  const ignore = (): void => {};
  return {
    self,
    system: self.system,
    id: '',
    sessionId: '',
    logger: ignore,
    defer: ignore,
    stopChild: ignore,
    emit: ignore,
    actionExecutor: (action) => void actions.push(action),
  } as AnyActorScope;
}

const scopeActors = new WeakMap<CompiledProcedure, ReturnType<typeof createActor>>();

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
