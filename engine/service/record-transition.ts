// Writes one transition inside the caller's transaction: the dossier row, the
// audit events (the transition, then each due-date change with its reason),
// the step visits, and the outbox rows for what must happen after commit.
import type { ClockPlan } from '../runtime/apply-clock.ts';
import type { Effect } from '../runtime/effect.ts';
import type { Database } from '../store/create-database.ts';
import { appendEvents, type NewDossierEvent } from '../store/event-store.ts';
import { insertOutbox } from '../store/outbox-store.ts';
import type { DossierRecord, OutboxRecord } from '../store/records.ts';
import { enterSteps, leaveSteps, refreshStepDueAt } from '../store/step-store.ts';
import type { Principal } from './principal.ts';

export interface TransitionRecord {
  dossier: DossierRecord;
  fromState: string | null;
  event: string;
  comment: string | null;
  input: Record<string, unknown>;
  form: string | null;
  effects: Effect[];
  plan: ClockPlan;
  actor: Principal | { userId: null; role: 'system'; unitId: string | null };
  at: Date;
}

/** Returns the dossier's earliest open step deadline after the transition. */
export async function recordTransition(trx: Database, t: TransitionRecord): Promise<Date | null> {
  const d = t.dossier;
  const base = { dossierId: d.id, actorId: t.actor.userId, actorRole: t.actor.role, unitId: t.actor.unitId, at: t.at, toState: d.state, statusCode: d.statusCode };
  const events: NewDossierEvent[] = [
    { ...base, type: t.event, fromState: t.fromState, comment: t.comment, payload: { input: t.input, form: t.form, currentUnit: d.currentUnit } },
  ];
  for (const change of t.plan.dueChanges)
    events.push({ ...base, type: 'DUE_DATE_CHANGED', fromState: d.state, comment: null, payload: { from: change.from?.toISOString() ?? null, to: change.to?.toISOString() ?? null, reason: change.reason } });
  if (t.plan.paused) events.push({ ...base, type: 'CLOCK_PAUSED', fromState: d.state, comment: null, payload: { reason: 'waiting for the applicant' } });
  await appendEvents(trx, d.id, events);

  await leaveSteps(trx, d.id, t.plan.stepsLeft, t.at);
  const steps = await enterSteps(trx, d.id, t.plan.stepsEntered.map((s) => ({ state: s.state, unitId: s.unit, dueAt: s.dueAt })), t.at);
  const stepDueAt = t.plan.stepsLeft.length || steps.length ? await refreshStepDueAt(trx, d.id) : d.stepDueAt;

  const outbox: Array<Omit<OutboxRecord, 'id'>> = [];
  for (const effect of t.effects) {
    if (effect.type === 'status-changed')
      outbox.push({ dossierId: d.id, topic: 'notify', createdAt: t.at, payload: { recipient: 'applicant', receiptCode: d.receiptCode, statusCode: effect.to, text: effect.citizenText } });
  }
  for (const step of steps)
    if (step.dueAt) outbox.push({ dossierId: d.id, topic: 'deadline', createdAt: t.at, payload: { kind: 'step', stepId: step.id, state: step.state, dueAt: step.dueAt.toISOString() } });
  for (const change of t.plan.dueChanges)
    if (change.to) outbox.push({ dossierId: d.id, topic: 'deadline', createdAt: t.at, payload: { kind: 'statutory', dueAt: change.to.toISOString() } });
  await insertOutbox(trx, outbox);
  return stepDueAt;
}
