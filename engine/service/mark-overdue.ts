// Recording that a deadline passed: an OVERDUE event in the audit trail, a
// notice to the holding unit's supervisor, and the escalation event the
// procedure declares for the step. Each deadline is recorded exactly once,
// whichever of the due sweep, the delayed job, a set-based batch and the
// reconciler gets there first: all take the dossier's row lock and re-check under it.
import type { Logger } from 'pino';
import { isMotcuaError } from '../motcua-error.ts';
import { earliestUnrecordedDeadline, findOverdueDossiers, findOverdueSteps, isStepSettled, lockDueDossiers, markStepOverdue, writeOverdueBatch, type OverdueWrite } from '../store/deadline-store.ts';
import { lockDossier } from '../store/dossier-store.ts';
import { chainEvents, type NewDossierEvent } from '../store/event-store.ts';
import type { DossierRecord } from '../store/records.ts';
import { applyEvent } from './advance-dossier.ts';
import { recordDossierEvents } from './record-transition.ts';
import type { ServiceContext } from './service-context.ts';

/** How many dossiers one set-based batch locks and records. */
export const overdueBatchSize = 500;

/**
 * What a step's deadline job does: nothing when the visit is already
 * settled (recorded by a batch, or left) — one read, no lock; else it records
 * a batch of every step due by now (its own among them, unless a transition
 * holds its dossier), and its own step alone if the batch did not take it.
 * When a province's steps fall due at one instant, the first jobs record
 * them by the hundred and the rest find them settled.
 */
export async function recordStepDeadline(ctx: ServiceContext, stepId: number, dossierId: string, log: Logger): Promise<boolean> {
  if (await isStepSettled(ctx.db, stepId)) return false;
  const recorded = await recordDueSteps(ctx);
  if (recorded.has(stepId)) return true;
  return recordStepOverdue(ctx, stepId, dossierId, log);
}

/**
 * Records, in one transaction and one write statement, the due steps of up
 * to `limit` dossiers no one else holds: per dossier its OVERDUE events
 * chained on its own head (the hash chain is per dossier, so different
 * dossiers go in one statement) and a notice to the holding unit's
 * supervisor per step — the same records as recordStepOverdue. Dossiers with
 * a step whose procedure escalates on overdue (`onOverdue.send`) are left to
 * recordStepOverdue, which applies the event. Returns the recorded step ids.
 */
export async function recordDueSteps(ctx: ServiceContext, limit = overdueBatchSize): Promise<Set<number>> {
  const recorded = await ctx.db.transaction(async (trx) => {
    const now = ctx.now();
    const locked = await lockDueDossiers(trx, now, limit);
    const writes: OverdueWrite[] = [];
    for (const { dossier, dueSteps } of locked) {
      const procedure = await ctx.procedures.get(dossier.procedureCode, dossier.procedureVersion, trx);
      if (dueSteps.length === 0 || dueSteps.some((s) => procedure.states.get(s.state)?.onOverdue?.send)) continue;
      const unit = dossier.currentUnit;
      const events = chainEvents(dossier.id, { seq: dossier.eventSeq, hash: dossier.eventHash }, dueSteps.map((s) => overdueEvent(dossier, now, { scope: 'step', state: s.state, unit, dueAt: s.dueAt!.toISOString() })));
      const last = events[events.length - 1]!;
      writes.push({
        dossierId: dossier.id, expectedVersion: dossier.version, expectedEventSeq: dossier.eventSeq, eventSeq: last.seq, eventHash: last.hash,
        stepIds: dueSteps.map((s) => s.id), events,
        notices: dueSteps.map((s) => supervisorNotice(dossier, unit, `bước '${s.state}' quá hạn`, `step '${s.state}' is overdue`).payload),
      });
    }
    if (writes.length === 0) return new Set<number>();
    const written = await writeOverdueBatch(trx, writes, now);
    const steps = writes.flatMap((w) => w.stepIds);
    // Every row is locked by this transaction: a shortfall is a bug, and nothing of the batch may stay.
    if (written.dossiers !== writes.length || written.steps !== steps.length) throw new Error(`overdue batch wrote ${written.dossiers} of ${writes.length} dossiers and ${written.steps} of ${steps.length} steps`);
    return new Set(steps);
  });
  if (recorded.size > 0) ctx.outboxWritten();
  return recorded;
}

export async function recordStepOverdue(ctx: ServiceContext, stepId: number, dossierId: string, log: Logger): Promise<boolean> {
  const done = await ctx.db.transaction(async (trx) => {
    const locked = await lockDossier(trx, dossierId);
    const now = ctx.now();
    const step = locked?.openSteps.find((s) => s.id === stepId);
    if (!locked || !step || !step.dueAt || step.dueAt > now || locked.dossier.closedAt) return false;
    // Recorded already (by the job or the reconciler, whichever came second): nothing to do.
    if (!(await markStepOverdue(trx, stepId, now))) return false;
    const dossier = locked.dossier;
    const unit = dossier.currentUnit;
    const written = await recordDossierEvents(
      trx,
      dossier,
      [overdueEvent(dossier, now, { scope: 'step', state: step.state, unit, dueAt: step.dueAt.toISOString() })],
      [supervisorNotice(dossier, unit, `bước '${step.state}' quá hạn`, `step '${step.state}' is overdue`)],
      now,
    );
    const procedure = await ctx.procedures.get(dossier.procedureCode, dossier.procedureVersion, trx);
    const send = procedure.states.get(step.state)?.onOverdue?.send;
    if (send) {
      try {
        // A savepoint: a refused escalation leaves the OVERDUE record in place.
        await trx.transaction((inner) => applyEvent(ctx, inner, { dossier: written, openSteps: locked.openSteps }, { type: send }, { role: 'system', unit }, null));
      } catch (error) {
        if (!isMotcuaError(error)) throw error;
        log.warn({ dossierId, event: send, err: error.message }, 'escalation event not applied');
      }
    }
    return true;
  });
  if (done) ctx.outboxWritten();
  return done;
}

export async function recordDossierOverdue(ctx: ServiceContext, dossierId: string): Promise<boolean> {
  const done = await ctx.db.transaction(async (trx) => {
    const locked = await lockDossier(trx, dossierId);
    const now = ctx.now();
    const d = locked?.dossier;
    if (!d || d.closedAt || d.pausedAt || !d.dueAt || d.dueAt > now) return false;
    if (d.overdueRecordedFor && d.overdueRecordedFor.getTime() === d.dueAt.getTime()) return false;
    await recordDossierEvents(
      trx,
      { ...d, overdueRecordedFor: d.dueAt },
      [overdueEvent(d, now, { scope: 'statutory', state: d.state, unit: d.currentUnit, dueAt: d.dueAt.toISOString() })],
      [supervisorNotice(d, d.currentUnit, 'hồ sơ quá hạn giải quyết', 'the dossier is past its statutory due date')],
      now,
    );
    return true;
  });
  if (done) ctx.outboxWritten();
  return done;
}

/**
 * Finds in PostgreSQL every deadline due by now and unrecorded and records it:
 * what the due sweep does when something is due, and the reconciler after a
 * lost job or a wiped queue. Returns how many step and statutory passings it
 * recorded (others racing it record the rest; each passing once).
 */
export async function reconcileDeadlines(ctx: ServiceContext, log: Logger, batch = 500): Promise<{ steps: number; dossiers: number }> {
  let steps = 0;
  let dossiers = 0;
  // Set-based first, two batches at a time: SKIP LOCKED gives them disjoint dossiers, and one
  // batch's statement runs in PostgreSQL while the other's events are chained here. What the batches leave
  // (escalating steps, dossiers another transaction held) is recorded one by one.
  const loops = Array.from({ length: 2 }, async () => {
    for (;;) {
      const recorded = await recordDueSteps(ctx, batch);
      steps += recorded.size;
      if (recorded.size === 0) break;
    }
  });
  await Promise.all(loops);
  // A full page of which none could be recorded would come back the same: stop rather than spin.
  for (;;) {
    const due = await findOverdueSteps(ctx.db, ctx.now(), batch);
    let page = 0;
    for (const s of due) if (await recordStepOverdue(ctx, s.stepId, s.dossierId, log)) page++;
    steps += page;
    if (due.length < batch || page === 0) break;
  }
  for (;;) {
    const due = await findOverdueDossiers(ctx.db, ctx.now(), batch);
    let page = 0;
    for (const id of due) if (await recordDossierOverdue(ctx, id)) page++;
    dossiers += page;
    if (due.length < batch || page === 0) break;
  }
  return { steps, dossiers };
}

/**
 * One pass of the due sweep (workers/deadline-sweep.ts): one indexed
 * statement reads the earliest due time among unrecorded deadlines; when it
 * is later than now (or there is none) the pass ends there, so an idle sweep
 * costs that statement alone. Otherwise every deadline due by now is recorded
 * as reconcileDeadlines does — set-based, SKIP LOCKED, so sweeps of several
 * worker processes take disjoint dossiers, and each passing is recorded
 * once whoever else (its job, the reconciler) races it.
 * Returns what was recorded and the earliest unrecorded due time it read
 * (null: none), for the caller to sleep until.
 */
export async function sweepDueDeadlines(ctx: ServiceContext, log: Logger): Promise<{ steps: number; dossiers: number; earliestDueAt: Date | null }> {
  const earliestDueAt = await earliestUnrecordedDeadline(ctx.db);
  if (earliestDueAt === null || earliestDueAt > ctx.now()) return { steps: 0, dossiers: 0, earliestDueAt };
  return { ...(await reconcileDeadlines(ctx, log)), earliestDueAt };
}

function overdueEvent(d: DossierRecord, at: Date, payload: Record<string, unknown>): NewDossierEvent {
  return { dossierId: d.id, type: 'OVERDUE', actorId: null, actorRole: 'system', unitId: null, at, fromState: d.state, toState: d.state, statusCode: d.statusCode, comment: null, payload };
}

function supervisorNotice(d: DossierRecord, unit: string, vi: string, en: string): { topic: string; payload: Record<string, unknown> } {
  return { topic: 'notify', payload: { recipient: `supervisor.${unit}`, receiptCode: d.receiptCode, statusCode: d.statusCode, text: { vi: `Hồ sơ ${d.receiptCode}: ${vi}`, en: `Dossier ${d.receiptCode}: ${en}` } } };
}
