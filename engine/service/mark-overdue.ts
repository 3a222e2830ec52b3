// Recording that a deadline passed: an OVERDUE event in the audit trail, a
// notice to the holding unit's supervisor, and the escalation event the
// procedure declares for the step. Each deadline is recorded exactly once,
// whichever of the delayed job and the reconciler gets there first: both take
// the dossier's row lock and re-check under it.
import type { Logger } from 'pino';
import { isMotcuaError } from '../motcua-error.ts';
import { findOverdueDossiers, findOverdueSteps, markStepOverdue } from '../store/deadline-store.ts';
import { lockDossier } from '../store/dossier-store.ts';
import type { NewDossierEvent } from '../store/event-store.ts';
import type { DossierRecord } from '../store/records.ts';
import { applyEvent } from './advance-dossier.ts';
import { recordDossierEvents } from './record-transition.ts';
import type { ServiceContext } from './service-context.ts';

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

function overdueEvent(d: DossierRecord, at: Date, payload: Record<string, unknown>): NewDossierEvent {
  return { dossierId: d.id, type: 'OVERDUE', actorId: null, actorRole: 'system', unitId: null, at, fromState: d.state, toState: d.state, statusCode: d.statusCode, comment: null, payload };
}

function supervisorNotice(d: DossierRecord, unit: string, vi: string, en: string): { topic: string; payload: Record<string, unknown> } {
  return { topic: 'notify', payload: { recipient: `supervisor.${unit}`, receiptCode: d.receiptCode, statusCode: d.statusCode, text: { vi: `Hồ sơ ${d.receiptCode}: ${vi}`, en: `Dossier ${d.receiptCode}: ${en}` } } };
}
