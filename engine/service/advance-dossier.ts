// Advancing a dossier by one event, in one transaction: lock the row, check
// the expected version, run the pure step, apply the clock, write snapshot,
// events, step visits and outbox rows, commit. Any refusal rolls everything back.
import { MotcuaError } from '../motcua-error.ts';
import { applyClock } from '../runtime/apply-clock.ts';
import type { Actor, PersistedSnapshot } from '../runtime/dossier-position.ts';
import { step } from '../runtime/step.ts';
import { lockDossier, updateDossier } from '../store/dossier-store.ts';
import type { Database } from '../store/create-database.ts';
import type { DossierRecord } from '../store/records.ts';
import { toDossierView } from './dossier-view.ts';
import { canReadDossier, type Principal } from './principal.ts';
import { recordTransition, type TransitionRecord } from './record-transition.ts';
import type { ServiceContext } from './service-context.ts';
import { withIdempotency, type IdempotentResult } from './with-idempotency.ts';

export interface AdvanceCommand {
  type: string;
  expectedVersion?: number;
  comment?: string;
  data?: Record<string, unknown>;
}

export async function advanceDossier(ctx: ServiceContext, principal: Principal, dossierId: string, command: AdvanceCommand, idempotencyKey: string | null): Promise<IdempotentResult> {
  const result = await withIdempotency(ctx, principal, idempotencyKey, { op: 'advance', dossierId, command }, async (trx) => {
    const dossier = await lockDossier(trx, dossierId);
    if (!dossier || !canReadDossier(principal, dossier)) throw notFound(dossierId);
    const next = await applyEvent(ctx, trx, dossier, command, { role: principal.role, unit: principal.unitId, userId: principal.userId }, principal);
    const procedure = await ctx.procedures.get(next.procedureCode, next.procedureVersion);
    return { status: 200, body: toDossierView(next, procedure, principal, ctx.now()) };
  });
  ctx.outboxWritten();
  return result;
}

/**
 * The transition itself, for a dossier already locked in `trx`. Shared by
 * officers' requests and by workers that fire system events (escalation,
 * handoff acknowledgement), which act as `principal: null`.
 */
export async function applyEvent(ctx: ServiceContext, trx: Database, dossier: DossierRecord, command: AdvanceCommand, actor: Actor, principal: Principal | null): Promise<DossierRecord> {
  if (command.expectedVersion !== undefined && command.expectedVersion !== dossier.version)
    throw new MotcuaError('dossier.version-conflict', `the dossier is at version ${dossier.version}, not ${command.expectedVersion}: someone changed it since you read it; reload it and decide again`, { currentVersion: dossier.version, expectedVersion: command.expectedVersion });
  const procedure = await ctx.procedures.get(dossier.procedureCode, dossier.procedureVersion);
  const now = ctx.now();
  const input = command.data ?? {};
  const units = { receiving: dossier.receivingUnit, competent: dossier.competentUnit };
  const result = step(procedure, { snapshot: dossier.snapshot as PersistedSnapshot, data: dossier.data, units }, { type: command.type, input }, { now, actor });
  const plan = applyClock(procedure, { dueAt: dossier.dueAt, pausedAt: dossier.pausedAt }, result.effects, { now, calendar: ctx.calendar, activeLeaves: result.after.leaves });
  const next: DossierRecord = {
    ...dossier,
    state: result.after.state,
    statusCode: result.after.statusCode,
    snapshot: result.snapshot as DossierRecord['snapshot'],
    currentUnit: result.after.unit,
    outcome: result.after.outcome,
    dueAt: plan.clock.dueAt,
    pausedAt: plan.clock.pausedAt,
    closedAt: result.after.outcome ? now : null,
    updatedAt: now,
    version: dossier.version + 1,
  };
  if (!(await updateDossier(trx, next, dossier.version)))
    throw new MotcuaError('dossier.version-conflict', `the dossier changed while this event was applied; reload it and try again`, { currentVersion: dossier.version + 1 });
  const by: TransitionRecord['actor'] = principal ?? { userId: null, role: 'system', unitId: null };
  next.stepDueAt = await recordTransition(trx, { dossier: next, fromState: dossier.state, event: command.type, comment: command.comment ?? null, input, form: result.transition.form, effects: result.effects, plan, actor: by, at: now });
  return next;
}

export function notFound(dossierId: string): MotcuaError {
  return new MotcuaError('dossier.not-found', `no dossier ${dossierId} that you may see; check the id (GET /v1/dossiers lists your unit's dossiers)`, { dossierId });
}
