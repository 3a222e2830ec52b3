// The pure step: (procedure, where the dossier stands, event, {now, actor}) →
// the next snapshot and the effects to carry out. Built on XState's pure
// `transition()`; executes nothing, reads no clock. Refusals are typed errors
// that say which events are possible or which condition failed.
import type { AnyMachineSnapshot, ExecutableActionObject } from 'xstate';
import { isAllowed, resolveUnit, type MachineEvent, type Permission } from '../definition/compile-procedure.ts';
import type { CompiledProcedure } from '../definition/compiled-procedure.ts';
import { doneEvent, type Transition } from '../definition/procedure-definition.ts';
import { MotcuaError } from '../motcua-error.ts';
import { checkDocumentLists } from './check-document-lists.ts';
import { collectEffects } from './collect-effects.ts';
import { describePosition, persistSnapshot, restoreSnapshot, type Actor, type DossierPosition, type PersistedSnapshot, type PositionFacts } from './dossier-position.ts';
import type { Effect } from './effect.ts';
import { runTransition } from './run-macrostep.ts';

export interface DossierEvent {
  type: string;
  input?: Record<string, unknown>;
}

export interface StepContext {
  now: Date;
  actor: Actor;
}

export interface StepResult {
  snapshot: PersistedSnapshot;
  before: PositionFacts;
  after: PositionFacts;
  /** The transition the event took (the first one, for events handled in several parallel regions). */
  transition: Transition;
  effects: Effect[];
}

export function step(procedure: CompiledProcedure, position: DossierPosition, event: DossierEvent, context: StepContext): StepResult {
  const machineEvent: MachineEvent = { type: event.type, input: event.input ?? {}, data: position.data, actor: { role: context.actor.role, unit: context.actor.unit }, units: position.units };
  const current = restoreSnapshot(procedure, position.snapshot, { scope: { ...machineEvent, type: '' } });
  const before = describePosition(procedure, position.snapshot, position.units);
  if (current.status === 'done') throw new MotcuaError('dossier.closed', `the dossier is closed (state '${before.state}', outcome ${before.outcome}); no event can change it`, { state: before.state });

  const candidates = candidateTransitions(procedure, current, event.type);
  if (candidates.length === 0) {
    const accepted = acceptedEvents(procedure, current);
    throw new MotcuaError('transition.not-allowed', `event ${event.type} is not accepted in state '${before.state}'; accepted events: ${accepted.join(', ') || 'none'}`, { event: event.type, state: before.state, acceptedEvents: accepted });
  }
  const verdicts = candidates.map((t) => ({ t, verdict: isAllowed(t, machineEvent, procedure.states, procedure.guards) }));
  const chosen = verdicts.find((v) => v.verdict.ok)?.t;
  if (!chosen) throw refusal(event.type, before.state, verdicts.map((v) => v.verdict as Exclude<Permission, { ok: true }>));

  const decided = new Set(verdicts.filter((v) => v.verdict.ok).map((v) => procedure.transitionKeys.get(v.t)!));
  const [next, actions] = runTransition(procedure, current, { ...machineEvent, decided }, before.state);
  // In a parallel state every region may take the event: each transition taken must have what it requires,
  // not only the first one found (the step is pure, so refusing now changes nothing).
  const taken = takenTransitions(procedure, actions);
  const missing = [...new Set(taken.flatMap((t) => t.requires.filter((field) => isBlank(machineEvent.input[field]))))];
  if (missing.length) throw new MotcuaError('transition.input-missing', `${event.type} requires ${missing.map((f) => `data.${f}`).join(', ')}; send them in the event's data, e.g. {"type":"${event.type}","data":{"${missing[0]}":"…"}}`, { event: event.type, missing });
  checkDocumentLists(event.type, machineEvent.input, procedure.source.documents ?? [], taken.some((t) => t.form === '01'));

  const snapshot = persistSnapshot(procedure, next);
  const after = describePosition(procedure, snapshot, position.units);
  const effects = collectEffects(procedure, actions, before, after, position.units);
  return { snapshot, before, after, transition: taken.find((t) => t.event === event.type) ?? chosen, effects };
}

/** The transitions XState took in one macrostep, in the order taken (the event's, then eventless and onDone ones). */
function takenTransitions(procedure: CompiledProcedure, actions: ExecutableActionObject[]): Transition[] {
  const out: Transition[] = [];
  for (const action of actions) {
    const key = (action.params as { key?: string } | undefined)?.key;
    if (action.type === 'transitioned' && key) out.push(procedure.transitions.get(key)!);
  }
  return out;
}

/** Transitions for this event on the active states and their ancestors, innermost first. */
export function candidateTransitions(procedure: CompiledProcedure, snapshot: AnyMachineSnapshot, eventType: string): Transition[] {
  const out: Transition[] = [];
  for (const node of activeNodes(procedure, snapshot)) for (const t of node.transitions) if (t.event === eventType) out.push(t);
  return out;
}

export function acceptedEvents(procedure: CompiledProcedure, snapshot: AnyMachineSnapshot): string[] {
  const names = new Set<string>();
  for (const node of activeNodes(procedure, snapshot)) for (const t of node.transitions) if (t.event && t.event !== doneEvent) names.add(t.event);
  return [...names];
}

function activeNodes(procedure: CompiledProcedure, snapshot: AnyMachineSnapshot) {
  // XState orders state nodes from the root down; innermost first matches how it picks transitions.
  return snapshot._nodes
    .filter((n) => n.key && procedure.states.has(n.key) && n.id === n.key)
    .map((n) => procedure.states.get(n.key)!)
    .reverse();
}

function refusal(eventType: string, state: string, failures: Array<Exclude<Permission, { ok: true }>>): MotcuaError {
  const guard = failures.find((f) => f.reason === 'guard');
  if (guard) return new MotcuaError('transition.guard-failed', `${eventType} is not possible in state '${state}': ${guard.detail}`, { event: eventType, state, condition: guard.detail });
  const unit = failures.find((f) => f.reason === 'unit');
  if (unit) return new MotcuaError('auth.forbidden', `${eventType} is not yours to fire: ${unit.detail}`, { event: eventType, state });
  return new MotcuaError('auth.forbidden', `${eventType} is not yours to fire: ${failures[0]!.detail}`, { event: eventType, state });
}

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

export { resolveUnit };
