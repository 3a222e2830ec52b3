// Advancing a dossier by one event: read it, check the expected version, run
// the pure step, apply the clock, and write snapshot, events, step visits and
// outbox rows atomically. Any refusal writes nothing.
//
// Two ways to get there. With an Idempotency-Key: one transaction that holds
// the key's lock and the row's lock, so the stored answer and the change commit
// together. Without one: optimistic — read, step, then one version-checked
// statement that writes everything or nothing (two round trips instead of
// four); losing a race to a concurrent writer means reading again and deciding
// again — a pinned expectedVersion then fails if the race changed the version.
import { MotcuaError } from '../motcua-error.ts';
import { applyClock } from '../runtime/apply-clock.ts';
import type { Actor, PersistedSnapshot } from '../runtime/dossier-position.ts';
import { step } from '../runtime/step.ts';
import { lockDossier, readDossierForUpdate } from '../store/dossier-store.ts';
import type { Database } from '../store/create-database.ts';
import type { DossierRecord, OpenStep } from '../store/records.ts';
import { toDossierView } from './dossier-view.ts';
import { canReadDossier, unitsOf, type Principal } from './principal.ts';
import { recordTransition, type EventActor } from './record-transition.ts';
import type { ServiceContext } from './service-context.ts';
import { withIdempotency, type IdempotentResult } from './with-idempotency.ts';

export interface AdvanceCommand {
  type: string;
  expectedVersion?: number;
  comment?: string;
  data?: Record<string, unknown>;
}

export async function advanceDossier(ctx: ServiceContext, principal: Principal, dossierId: string, command: AdvanceCommand, idempotencyKey: string | null): Promise<IdempotentResult> {
  const actor = { role: principal.role, unit: principal.unitId, userId: principal.userId };
  const view = async (next: DossierRecord, via: Database = ctx.db) => toDossierView(next, await ctx.procedures.get(next.procedureCode, next.procedureVersion, via), principal, ctx.now(), ctx.calendar);
  let result: IdempotentResult;
  if (idempotencyKey !== null) {
    result = await withIdempotency(ctx, principal, idempotencyKey, { op: 'advance', dossierId, command }, async (trx) => {
      const locked = await lockDossier(trx, dossierId);
      if (!locked || !canReadDossier(principal, locked.dossier)) throw notFound(dossierId);
      return { status: 200, body: await view(await applyEvent(ctx, trx, locked, command, actor, principal), trx) };
    });
  } else {
    result = { status: 200, body: await view(await advanceOptimistically(ctx, principal, dossierId, command, actor)), replayed: false };
  }
  ctx.outboxWritten();
  return result;
}

async function advanceOptimistically(ctx: ServiceContext, principal: Principal, dossierId: string, command: AdvanceCommand, actor: Actor): Promise<DossierRecord> {
  for (let attempt = 1; ; attempt++) {
    const read = await readDossierForUpdate(ctx.db, dossierId);
    if (!read || !canReadDossier(principal, read.dossier)) throw notFound(dossierId);
    try {
      return await applyEvent(ctx, ctx.db, read, command, actor, principal);
    } catch (error) {
      // Someone else wrote between our read and our write: decide again on what they left
      // (a pinned expectedVersion is checked again against the fresh read).
      const lostRace = error instanceof MotcuaError && error.code === 'dossier.version-conflict' && error.details.race === true;
      if (!lostRace || attempt >= 5) throw error;
    }
  }
}

/**
 * The transition itself, for a dossier read with its open steps: inside a
 * transaction holding its lock, or on the root handle, where the
 * version-checked single-statement write makes it safe. Shared by
 * officers' requests and by workers that fire system events (escalation,
 * handoff acknowledgement), which act as `principal: null`.
 */
export async function applyEvent(ctx: ServiceContext, trx: Database, locked: { dossier: DossierRecord; openSteps: OpenStep[] }, command: AdvanceCommand, actor: Actor, principal: Principal | null): Promise<DossierRecord> {
  const dossier = locked.dossier;
  if (command.expectedVersion !== undefined && command.expectedVersion !== dossier.version)
    throw new MotcuaError('dossier.version-conflict', `the dossier is at version ${dossier.version}, not ${command.expectedVersion}: someone changed it since you read it; reload it and decide again`, { currentVersion: dossier.version, expectedVersion: command.expectedVersion });
  const procedure = await ctx.procedures.get(dossier.procedureCode, dossier.procedureVersion, trx);
  const now = ctx.now();
  const input = command.data ?? {};
  const units = unitsOf(dossier);
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
  const by: EventActor = principal ?? { userId: null, role: 'system', unitId: actor.unit };
  return recordTransition(trx, { mode: 'update', dossier: next, expectedVersion: dossier.version, openSteps: locked.openSteps, fromState: dossier.state, event: command.type, comment: command.comment ?? null, input, form: result.transition.form, effects: result.effects, plan, actor: by, at: now });
}

export function notFound(dossierId: string): MotcuaError {
  return new MotcuaError('dossier.not-found', `no dossier ${dossierId} that you may see; check the id (GET /v1/dossiers lists your unit's dossiers)`, { dossierId });
}
