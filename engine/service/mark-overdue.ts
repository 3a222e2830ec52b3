// Recording that a deadline passed: an OVERDUE event in the audit trail, a
// notice to the holding unit's supervisor, and the escalation event the
// procedure declares for the step. Each deadline is recorded exactly once,
// whichever of the delayed job and the reconciler gets there first: both take
// the dossier's row lock and re-check under it.
import type { Logger } from 'pino';
import { isMotcuaError } from '../motcua-error.ts';
import type { Database } from '../store/create-database.ts';
import { lockDossier } from '../store/dossier-store.ts';
import { appendEvents } from '../store/event-store.ts';
import { findOverdueDossiers, findOverdueSteps, lockOpenStep, markDossierOverdue, markStepOverdue, readOverdueRecordedFor } from '../store/deadline-store.ts';
import { insertOutbox } from '../store/outbox-store.ts';
import type { DossierRecord } from '../store/records.ts';
import { applyEvent } from './advance-dossier.ts';
import type { ServiceContext } from './service-context.ts';


export async function recordStepOverdue(ctx: ServiceContext, stepId: number, dossierId: string, log: Logger): Promise<boolean> {
  const done = await ctx.db.transaction(async (trx) => {
    const dossier = await lockDossier(trx, dossierId);
    const step = await lockOpenStep(trx, stepId);
    const now = ctx.now();
    if (!dossier || !step || step.leftAt || step.overdueMarkedAt || !step.dueAt || step.dueAt > now || dossier.closedAt) return false;
    await markStepOverdue(trx, stepId, now);
    await appendOverdue(trx, dossier, now, { scope: 'step', state: step.state, unit: step.unitId, dueAt: step.dueAt.toISOString() });
    await notifySupervisor(trx, dossier, step.unitId, now, `bước '${step.state}' quá hạn`, `step '${step.state}' is overdue`);
    const procedure = await ctx.procedures.get(dossier.procedureCode, dossier.procedureVersion);
    const onOverdue = procedure.states.get(step.state)?.onOverdue;
    if (onOverdue?.send) {
      try {
        await trx.transaction(async (inner) => {
          await applyEvent(ctx, inner, { ...dossier, version: dossier.version }, { type: onOverdue.send! }, { role: 'system', unit: step.unitId }, null);
        });
      } catch (error) {
        // The escalation is the procedure's wish, not a condition of recording the delay.
        if (!isMotcuaError(error)) throw error;
        log.warn({ dossierId, event: onOverdue.send, err: error.message }, 'escalation event not applied');
      }
    }
    return true;
  });
  if (done) ctx.outboxWritten();
  return done;
}

export async function recordDossierOverdue(ctx: ServiceContext, dossierId: string): Promise<boolean> {
  const done = await ctx.db.transaction(async (trx) => {
    const dossier = await lockDossier(trx, dossierId);
    const now = ctx.now();
    if (!dossier || dossier.closedAt || dossier.pausedAt || !dossier.dueAt || dossier.dueAt > now) return false;
    const recorded = await readOverdueRecordedFor(trx, dossierId);
    if (recorded && recorded.getTime() === dossier.dueAt.getTime()) return false;
    await markDossierOverdue(trx, dossierId, dossier.dueAt);
    await appendOverdue(trx, dossier, now, { scope: 'statutory', state: dossier.state, unit: dossier.currentUnit, dueAt: dossier.dueAt.toISOString() });
    await notifySupervisor(trx, dossier, dossier.currentUnit, now, 'hồ sơ quá hạn giải quyết', 'the dossier is past its statutory due date');
    return true;
  });
  if (done) ctx.outboxWritten();
  return done;
}

/** Finds in PostgreSQL every deadline that passed unrecorded (lost job, wiped queue) and records it. */
export async function reconcileDeadlines(ctx: ServiceContext, log: Logger, batch = 500): Promise<{ steps: number; dossiers: number }> {
  let steps = 0;
  let dossiers = 0;
  for (;;) {
    const due = await findOverdueSteps(ctx.db, ctx.now(), batch);
    for (const s of due) if (await recordStepOverdue(ctx, s.stepId, s.dossierId, log)) steps++;
    if (due.length < batch) break;
  }
  for (;;) {
    const due = await findOverdueDossiers(ctx.db, ctx.now(), batch);
    for (const id of due) if (await recordDossierOverdue(ctx, id)) dossiers++;
    if (due.length < batch) break;
  }
  return { steps, dossiers };
}

async function appendOverdue(trx: Database, d: DossierRecord, at: Date, payload: Record<string, unknown>): Promise<void> {
  await appendEvents(trx, d.id, [{ dossierId: d.id, type: 'OVERDUE', actorId: null, actorRole: 'system', unitId: null, at, fromState: d.state, toState: d.state, statusCode: d.statusCode, comment: null, payload }]);
}

async function notifySupervisor(trx: Database, d: DossierRecord, unit: string, at: Date, vi: string, en: string): Promise<void> {
  await insertOutbox(trx, [{ dossierId: d.id, topic: 'notify', createdAt: at, payload: { recipient: `supervisor.${unit}`, receiptCode: d.receiptCode, statusCode: d.statusCode, text: { vi: `Hồ sơ ${d.receiptCode}: ${vi}`, en: `Dossier ${d.receiptCode}: ${en}` } } }]);
}
