// The pure step: (procedure, where the dossier stands, event, {now, actor}) →
// the next snapshot and the effects to carry out. Built on XState's pure
// `transition()`; executes nothing, reads no clock. Refusals are typed errors
// that say which events are possible or which condition failed.
import { transition, type AnyMachineSnapshot } from 'xstate';
import { isAllowed, resolveUnit, type MachineEvent, type Permission } from '../definition/compile-procedure.ts';
import type { CompiledProcedure } from '../definition/compiled-procedure.ts';
import { doneEvent, type Transition } from '../definition/procedure-definition.ts';
import { MotcuaError } from '../motcua-error.ts';
import { checkDocumentLists } from './check-document-lists.ts';
import { collectEffects } from './collect-effects.ts';
import { describePosition, restoreSnapshot, type Actor, type DossierPosition, type PersistedSnapshot, type PositionFacts } from './dossier-position.ts';
import type { Effect } from './effect.ts';

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
  const current = restoreSnapshot(procedure, position.snapshot);
  const before = describePosition(procedure, position.snapshot, position.units);
  if (current.status === 'done') throw new MotcuaError('dossier.closed', `the dossier is closed (state '${before.state}', outcome ${before.outcome}); no event can change it`, { state: before.state });

  const machineEvent: MachineEvent = { type: event.type, input: event.input ?? {}, data: position.data, actor: { role: context.actor.role, unit: context.actor.unit }, units: position.units };
  const candidates = candidateTransitions(procedure, current, event.type);
  if (candidates.length === 0) {
    const accepted = acceptedEvents(procedure, current);
    throw new MotcuaError('transition.not-allowed', `event ${event.type} is not accepted in state '${before.state}'; accepted events: ${accepted.join(', ') || 'none'}`, { event: event.type, state: before.state, acceptedEvents: accepted });
  }
  const verdicts = candidates.map((t) => ({ t, verdict: isAllowed(t, machineEvent, procedure.states, procedure.guards) }));
  const chosen = verdicts.find((v) => v.verdict.ok)?.t;
  if (!chosen) throw refusal(event.type, before.state, verdicts.map((v) => v.verdict as Exclude<Permission, { ok: true }>));

  const missing = chosen.requires.filter((field) => isBlank(machineEvent.input[field]));
  if (missing.length) throw new MotcuaError('transition.input-missing', `${event.type} requires ${missing.map((f) => `data.${f}`).join(', ')}; send them in the event's data, e.g. {"type":"${event.type}","data":{"${missing[0]}":"…"}}`, { event: event.type, missing });
  checkDocumentLists(event.type, machineEvent.input, procedure.source.documents ?? []);

  const decided = new Set(verdicts.filter((v) => v.verdict.ok).map((v) => procedure.transitionKeys.get(v.t)!));
  const [next, actions] = transition(procedure.machine, current, { ...machineEvent, decided });
  const snapshot = procedure.machine.getPersistedSnapshot(next) as PersistedSnapshot;
  const after = describePosition(procedure, snapshot, position.units);
  const effects = collectEffects(procedure, actions, before, after, position.units);
  return { snapshot, before, after, transition: chosen, effects };
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
