// Turns one transition into what is written, in the caller's transaction and in
// one statement: the dossier row, the audit events (the transition, then each
// due-date change with its reason), the step visits, and the outbox rows for
// what must happen after commit.
import type { ClockPlan } from '../runtime/apply-clock.ts';
import type { Effect } from '../runtime/effect.ts';
import type { Database } from '../store/create-database.ts';
import { chainEvents, type NewDossierEvent } from '../store/event-store.ts';
import type { DossierRecord, OpenStep } from '../store/records.ts';
import { writeTransition } from '../store/write-transition.ts';
import { MotcuaError } from '../motcua-error.ts';
import type { Principal } from './principal.ts';

export type EventActor = Principal | { userId: null; role: 'system'; unitId: string | null };

export interface TransitionRecord {
  mode: 'insert' | 'update';
  /** The dossier after the transition; its event head and step due date are filled in here. */
  dossier: DossierRecord;
  expectedVersion: number;
  openSteps: OpenStep[];
  fromState: string | null;
  event: string;
  comment: string | null;
  input: Record<string, unknown>;
  form: string | null;
  effects: Effect[];
  plan: ClockPlan;
  actor: EventActor;
  at: Date;
  /** Replaces the event's payload (a migration records its versions and moves, not an input). */
  payload?: Record<string, unknown>;
  /** More outbox rows of the same transaction (a migration's rescheduled step deadlines). */
  outbox?: Array<{ topic: string; payload: Record<string, unknown> }>;
}

export async function recordTransition(trx: Database, t: TransitionRecord): Promise<DossierRecord> {
  const d = t.dossier;
  const base = { dossierId: d.id, actorId: t.actor.userId, actorRole: t.actor.role, unitId: t.actor.unitId, at: t.at, toState: d.state, statusCode: d.statusCode };
  const events: NewDossierEvent[] = [{ ...base, type: t.event, fromState: t.fromState, comment: t.comment, payload: t.payload ?? { input: t.input, form: t.form, currentUnit: d.currentUnit } }];
  for (const change of t.plan.dueChanges)
    events.push({ ...base, type: 'DUE_DATE_CHANGED', fromState: d.state, comment: null, payload: { from: change.from?.toISOString() ?? null, to: change.to?.toISOString() ?? null, reason: change.reason } });
  if (t.plan.paused) events.push({ ...base, type: 'CLOCK_PAUSED', fromState: d.state, comment: null, payload: { reason: 'waiting for the applicant' } });

  const outbox: Array<{ topic: string; payload: Record<string, unknown> }> = [];
  for (const effect of t.effects)
    if (effect.type === 'status-changed') outbox.push({ topic: 'notify', payload: applicantNotice(d, effect.to, effect.citizenText) });
  // A job only for a date that is live after the transition: a dossier closed from a waiting
  // state "resumes" its clock on the way out, and a paused one must not go overdue.
  const live = d.closedAt === null && t.plan.clock.pausedAt === null;
  for (const change of t.plan.dueChanges) if (change.to && live) outbox.push({ topic: 'deadline', payload: { kind: 'statutory', dueAt: change.to.toISOString() } });
  outbox.push(...deadlineCancellations(t), ...(t.outbox ?? []));

  const left = new Set(t.plan.stepsLeft);
  const open = [...t.openSteps.filter((s) => !left.has(s.state)).map((s) => s.dueAt), ...t.plan.stepsEntered.map((s) => s.dueAt)];
  const next = { ...d, stepDueAt: earliest(open) };
  const handoffs = t.effects.flatMap((e) => (e.type === 'handoff' ? [{ state: e.state, payload: { state: e.state, from: e.from, to: e.to } }] : []));
  return write(trx, t.mode, next, t.expectedVersion, events, outbox, t.at, { left: t.plan.stepsLeft, entered: t.plan.stepsEntered.map((s) => ({ state: s.state, unitId: s.unit, dueAt: s.dueAt })), handoffs });
}

/**
 * Appends events that change no state (an OVERDUE record, an attachment, a new
 * due date), with their outbox rows. `dossier` carries any changed fields; the
 * row must still be at `expectedVersion` (by default the dossier's own).
 */
export async function recordDossierEvents(trx: Database, dossier: DossierRecord, events: NewDossierEvent[], outbox: Array<{ topic: string; payload: Record<string, unknown> }>, at: Date, expectedVersion = dossier.version): Promise<DossierRecord> {
  return write(trx, 'update', dossier, expectedVersion, events, outbox, at, { left: [], entered: [], handoffs: [] });
}

async function write(
  trx: Database,
  mode: 'insert' | 'update',
  dossier: DossierRecord,
  expectedVersion: number,
  events: NewDossierEvent[],
  outbox: Array<{ topic: string; payload: Record<string, unknown> }>,
  at: Date,
  steps: { left: string[]; entered: Array<{ state: string; unitId: string; dueAt: Date | null }>; handoffs: Array<{ state: string; payload: Record<string, unknown> }> },
): Promise<DossierRecord> {
  const chained = chainEvents(dossier.id, { seq: dossier.eventSeq, hash: dossier.eventHash }, events);
  const last = chained[chained.length - 1]!;
  const next = { ...dossier, eventSeq: last.seq, eventHash: last.hash };
  const written = await writeTransition(trx, { mode, dossier: next, expectedVersion, expectedEventSeq: dossier.eventSeq, events: chained, stepsLeft: steps.left, stepsEntered: steps.entered, outbox: netDeadlineRows(outbox), handoffs: steps.handoffs, at });
  // `race` tells an optimistic writer to read again: its expectation may still hold.
  if (!written) throw new MotcuaError('dossier.version-conflict', 'the dossier changed while this event was applied; reload it and try again', { race: true });
  return next;
}

/**
 * The deadline jobs this transition makes pointless: those of the steps it
 * leaves, of a statutory due date it moves, pauses or closes. Removing them
 * keeps the queue lean; a job missed here still fires, re-reads and does nothing.
 */
function deadlineCancellations(t: TransitionRecord): Array<{ topic: string; payload: Record<string, unknown> }> {
  const out: Array<{ topic: string; payload: Record<string, unknown> }> = [];
  const left = new Set(t.plan.stepsLeft);
  for (const s of t.openSteps) if (s.dueAt && left.has(s.state)) out.push({ topic: 'deadline-cancel', payload: { kind: 'step', stepId: s.id, dueAt: s.dueAt.toISOString() } });
  const before = t.plan.dueChanges[0]?.from ?? null;
  if (before) out.push({ topic: 'deadline-cancel', payload: { kind: 'statutory', dueAt: before.toISOString() } });
  const stopped = t.plan.paused || t.dossier.closedAt !== null;
  if (stopped && t.dossier.dueAt && t.plan.dueChanges.length === 0) out.push({ topic: 'deadline-cancel', payload: { kind: 'statutory', dueAt: t.dossier.dueAt.toISOString() } });
  return out;
}

/**
 * One transaction's deadline rows reduced to their net effect. A reset or a
 * resume that lands on the same instant (a supplement completed the day it was
 * asked for, a pause spanning no working time) both schedules and cancels the
 * same deadline: the cancel meant the date as it was before the transaction,
 * the schedule the date after it, and they are one date — so the deadline
 * stays live and the cancel is dropped. Netted here, when written, rather than
 * in the relay: outbox rows carry no transaction id and a relay batch may end
 * in the middle of a transaction, so only the writer sees a transaction whole.
 * (The relay still applies rows of different transactions in their order.)
 */
export function netDeadlineRows(rows: Array<{ topic: string; payload: Record<string, unknown> }>): Array<{ topic: string; payload: Record<string, unknown> }> {
  const scheduled = new Set(rows.filter((r) => r.topic === 'deadline').map((r) => deadlineKey(r.payload)));
  return rows.filter((r) => r.topic !== 'deadline-cancel' || !scheduled.has(deadlineKey(r.payload)));
}

/** What a deadline watches: a step visit or the statutory date, and the instant (ms). */
function deadlineKey(payload: Record<string, unknown>): string {
  return `${String(payload.kind)}-${payload.kind === 'step' ? String(payload.stepId) : ''}-${Date.parse(String(payload.dueAt))}`;
}

/**
 * What the notification worker needs, so it does not read the dossier again:
 * the contact for the notifications record, and each channel's address
 * (engine/service/notifications/plan-deliveries.ts).
 */
export function applicantNotice(d: DossierRecord, statusCode: number, text: { vi: string; en: string } | null): Record<string, unknown> {
  const a = d.applicant as { fullName?: string; idNumber?: string; phone?: string; email?: string };
  return { recipient: 'applicant', receiptCode: d.receiptCode, contact: a.phone ?? a.idNumber, channel: a.phone ? 'sms' : 'portal', statusCode, text, fullName: a.fullName ?? null, phone: a.phone ?? null, email: a.email ?? null };
}

export function earliest(dates: Array<Date | null>): Date | null {
  let min: Date | null = null;
  for (const d of dates) if (d && (!min || d < min)) min = d;
  return min;
}
