// One-line descriptions of a state and a transition, as the diagrams and
// `motcua explain` show them: what an officer needs to read off a box or an
// arrow (status code, who holds it, time budget; event, roles, form, guard).
import { statusOf } from './check-procedure.ts';
import { describeTimeLimit } from './describe-time-limit.ts';
import type { StateNode, Transition, UnitRef } from './procedure-definition.ts';

/** What a box says in bold: the state's Vietnamese title ("Tiếp nhận hồ sơ"), else its id. */
export function describeStateHeading(state: StateNode): string {
  return state.title?.vi ?? state.name;
}

/** "Tiếp nhận hồ sơ (reception)" for a titled state, else the bare id. */
export function describeStateName(state: StateNode): string {
  return state.title ? `${state.title.vi} (${state.name})` : state.name;
}

/** "status 4 · competent unit · 2 working days", "final · approved · status 10". */
export function describeState(state: StateNode, states: ReadonlyMap<string, StateNode>): string {
  const parts: string[] = [];
  if (state.kind === 'final' && state.parent === null) parts.push(`final · ${state.outcome ?? 'no outcome'}`);
  else if (state.kind === 'final') parts.push('final');
  else if (state.kind === 'parallel') parts.push('parallel');
  const status = statusOf(state, states);
  if (status !== null) parts.push(`status ${status}`);
  if (state.kind !== 'final') parts.push(describeUnit(effectiveUnit(state, states)));
  if (state.budget) parts.push(describeTimeLimit(state.budget));
  if (state.clock === 'paused') parts.push('clock paused');
  return parts.join(' · ');
}

/**
 * "Tiếp nhận — ACCEPT (receiver) · form 01 · clock start · when data.x": the
 * Vietnamese label first when the transition has one; `always` for an eventless
 * transition, `(system)` when no role may fire it.
 */
export function describeTransition(t: Transition): string {
  return describeTransitionLines(t).join(' · ');
}

/** The same description in up to three short lines: who fires what; form, clock and required input; the guard. */
export function describeTransitionLines(t: Transition): string[] {
  const label = t.label ? `${t.label.vi} — ` : '';
  const lines = [t.event ? `${label}${t.event} (${t.roles ? t.roles.join(', ') : 'system'})` : 'always'];
  const details: string[] = [];
  if (t.form) details.push(`form ${t.form}`);
  if (t.clock) details.push(`clock ${t.clock}`);
  if (t.requires.length) details.push(`needs ${t.requires.join(', ')}`);
  if (details.length) lines.push(details.join(' · '));
  if (t.when) lines.push(`when ${t.when}`);
  return lines;
}

export function describeUnit(ref: UnitRef | null): string {
  if (ref === null || ref === 'receiving') return 'receiving desk';
  if (ref === 'competent') return 'competent unit';
  if (ref === 'return') return 'return place';
  return ref.unit;
}

/** The unit reference that applies in a state: its own, else its nearest ancestor's (null: the receiving desk). */
export function effectiveUnit(state: StateNode, states: ReadonlyMap<string, StateNode>): UnitRef | null {
  for (let s: StateNode | undefined = state; s; s = s.parent ? states.get(s.parent) : undefined) if (s.unit !== null) return s.unit;
  return null;
}

