// Builds the XState v5 machine of a checked definition. Every state gets its
// name as id (names are unique), so targets compile to '#name' wherever the
// state sits. Guards carry a transition key; the runtime's single guard
// implementation looks the transition up and checks role, unit and CEL condition.
// Entry and transition actions are descriptors only: the runtime turns them into
// effects, XState never executes anything.
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { describeValueError } from './explain-schema-error.ts';
import { setup, type AnyEventObject, type AnyStateMachine } from 'xstate';
import type { CompiledGuard, GuardScope } from './compile-guard.ts';
import type { CompiledProcedure, DataError } from './compiled-procedure.ts';
import { doneEvent, type ProcedureSource, type StateNode, type Transition, type UnitRef } from './procedure-definition.ts';

/** The event as the machine sees it: the user's event plus who fires it and on what. */
export interface MachineEvent extends AnyEventObject {
  type: string;
  input: Record<string, unknown>;
  data: Record<string, unknown>;
  actor: { role: string; unit: string };
  units: DossierUnitIds;
  /**
   * Keys of the transitions the runtime already judged allowed for this event:
   * the guard then only looks the answer up instead of evaluating the
   * condition a second time. Eventless transitions are always evaluated.
   */
  decided?: ReadonlySet<string>;
}

/**
 * The machine's context, for one step only: the dossier as guards see it, for the moves XState judges
 * against its internal events. Set from the start's input, or by the runtime before a step; never persisted.
 */
export interface StepScope {
  scope?: MachineEvent;
}

/** What a new dossier starts with: XState hands it to the context factory as `input`. */
export interface InitialInput {
  data: Record<string, unknown>;
  units: DossierUnitIds;
}

export function compileProcedure(source: ProcedureSource, states: Map<string, StateNode>, guards: Map<string, CompiledGuard>): CompiledProcedure {
  const transitions = new Map<string, Transition>();
  const keys = new Map<Transition, string>();
  const config = (node: StateNode): Record<string, unknown> => {
    const on: Record<string, unknown[]> = {};
    const always: unknown[] = [];
    const onDone: unknown[] = [];
    const perEvent = new Map<string, number>();
    for (const t of node.transitions) {
      const index = perEvent.get(t.event) ?? 0;
      perEvent.set(t.event, index + 1);
      const key = `${node.name}|${t.event}|${index}`;
      transitions.set(key, t);
      keys.set(t, key);
      const spec = {
        target: `#${t.target}`,
        guard: { type: 'allowed', params: { key } },
        actions: [{ type: 'transitioned', params: { key } }],
        reenter: t.target === node.name,
      };
      if (t.event === doneEvent) onDone.push(spec);
      else if (t.event) (on[t.event] ??= []).push(spec);
      else always.push(spec);
    }
    const result: Record<string, unknown> = { id: node.name, entry: [{ type: 'entered', params: { state: node.name } }], exit: [{ type: 'exited', params: { state: node.name } }] };
    if (Object.keys(on).length) result.on = on;
    if (always.length) result.always = always;
    if (onDone.length) result.onDone = onDone;
    if (node.kind === 'final') result.type = 'final';
    if (node.kind === 'parallel') result.type = 'parallel';
    if (node.kind === 'compound') result.initial = node.initial;
    if (node.children.length) result.states = Object.fromEntries(node.children.map((c) => [c, config(states.get(c)!)]));
    return result;
  };
  const topLevel = [...states.values()].filter((s) => s.parent === null);
  const machineConfig = {
    id: `${source.code}@${source.version}`,
    initial: source.initial,
    states: Object.fromEntries(topLevel.map((s) => [s.name, config(s)])),
    context: ({ input }: { input?: InitialInput }): StepScope => ({ scope: initEvent({ input }) }),
    // A definition that slipped past validation with an eventless cycle must fail the step, not hang the process.
    options: { maxIterations: microstepLimit(states.size) },
  };

  const machine = setup({
    types: {} as { events: MachineEvent },
    guards: {
      allowed: ({ event, context }, params: { key: string }) => {
        const t = transitions.get(params.key)!;
        // XState judges eventless moves against its internal events too (init, done.state.*), which carry
        // no dossier: those read the step's dossier from the context (see StepContext).
        const e = 'data' in event ? (event as MachineEvent) : ((context as StepScope).scope ?? initEvent({}));
        if (e.decided && t.event === e.type) return e.decided.has(params.key);
        return isAllowed(t, e, states, guards).ok;
      },
    },
  }).createMachine(machineConfig as never) as unknown as AnyStateMachine;

  const ajv = new Ajv({ allErrors: true, useDefaults: true, strict: false });
  addFormats.default(ajv);
  const validate = ajv.compile(source.data);
  const validateData = (data: unknown): DataError[] => {
    if (validate(data)) return [];
    return (validate.errors ?? []).map((e) => {
      const params = e.params as { missingProperty?: string; additionalProperty?: string };
      if (e.keyword === 'required') return { path: `${e.instancePath}/${params.missingProperty}`, message: 'is required' };
      if (e.keyword === 'additionalProperties') return { path: `${e.instancePath}/${params.additionalProperty}`, message: 'is not a field of this procedure; remove it or check its spelling' };
      return { path: e.instancePath, message: describeValueError(e) };
    });
  };

  return { code: source.code, version: source.version, source, states, guards, machine, transitions, transitionKeys: keys, validateData };
}

/** The init event as the machine's other events look: the dossier's data and units, no input, the system acting. */
function initEvent(event: { input?: InitialInput }): MachineEvent {
  return { type: '', input: {}, data: event.input?.data ?? {}, actor: { role: 'system', unit: '' }, units: event.input?.units ?? { receiving: '', competent: '' } };
}

/**
 * Most microsteps (eventless or onDone moves) one step may take. Data does not change
 * within a step, so without an eventless cycle each state is entered at most once per
 * step (plus one onDone move for each compound or parallel state): twice the number of
 * states bounds any legal step, and anything beyond it repeats forever.
 */
export function microstepLimit(stateCount: number): number {
  return 2 * stateCount + 16;
}

export type Permission = { ok: true } | { ok: false; reason: 'role' | 'unit' | 'guard'; detail: string };

/**
 * May this actor take this transition now? Checked in order: role, the unit
 * holding the dossier in the source state, then the CEL condition. System actors
 * (workers) bypass role and unit, never the condition.
 */
export function isAllowed(t: Transition, event: MachineEvent, states: ReadonlyMap<string, StateNode>, guards: ReadonlyMap<string, CompiledGuard>): Permission {
  // Eventless and onDone transitions are the engine's own moves: they follow
  // whatever event led there, whoever fired it, so only their condition counts.
  const automatic = t.event === '' || t.event === doneEvent;
  if (!automatic && event.actor.role !== 'system') {
    if (!t.roles || !t.roles.includes(event.actor.role))
      return { ok: false, reason: 'role', detail: t.roles ? `only ${t.roles.join(', ')} may fire ${t.event}` : `${t.event} is fired by the system only` };
    const unit = resolveUnit(states.get(t.source)!, states, event.units);
    if (unit !== event.actor.unit) return { ok: false, reason: 'unit', detail: `the dossier is held by ${unit} in state '${t.source}'` };
  }
  if (t.when !== null) {
    const units = event.units ?? { receiving: '', competent: '' };
    const scope: GuardScope = { data: event.data ?? {}, input: event.input ?? {}, actor: event.actor ?? { role: 'system', unit: '' }, units: { receiving: units.receiving, competent: units.competent, return: units.return ?? units.receiving } };
    const result = guards.get(t.when)!.evaluate(scope);
    if (!result.ok) return { ok: false, reason: 'guard', detail: t.message ? `${t.message.en} (${t.when})` : result.reason };
  }
  return { ok: true };
}

export interface DossierUnitIds {
  receiving: string;
  competent: string;
  /** Where the applicant collects the result; the receiving desk unless they chose another. */
  return?: string | null;
}

/** The unit id that holds a dossier in this state (inherited from ancestors; the receiving desk by default). */
export function resolveUnit(state: StateNode, states: ReadonlyMap<string, StateNode>, units: DossierUnitIds): string {
  let ref: UnitRef | null = null;
  for (let s: StateNode | undefined = state; s && ref === null; s = s.parent ? states.get(s.parent) : undefined) ref = s.unit;
  return resolveUnitRef(ref ?? 'receiving', units);
}

export function resolveUnitRef(ref: UnitRef, units: DossierUnitIds): string {
  if (ref === 'receiving') return units.receiving;
  if (ref === 'competent') return units.competent;
  if (ref === 'return') return units.return ?? units.receiving;
  return ref.unit;
}
