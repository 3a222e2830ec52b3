// Reception: a receiver at any center files a dossier of any published
// procedure (borderless). Validates applicant and data, routes it to the
// competent unit, issues the receipt code, and writes it all in one transaction.
import { randomUUID } from 'node:crypto';
import type { CompiledProcedure } from '../definition/compiled-procedure.ts';
import { MotcuaError } from '../motcua-error.ts';
import { applyClock } from '../runtime/apply-clock.ts';
import { startDossier } from '../runtime/start-dossier.ts';
import { nextReceiptNumber } from '../store/next-receipt-number.ts';
import type { DossierRecord } from '../store/records.ts';
import { formatReceiptCode, localDayOf } from './format-receipt-code.ts';
import { toDossierView } from './dossier-view.ts';
import { withIdempotency, type IdempotentResult } from './with-idempotency.ts';
import type { Principal } from './principal.ts';
import { recordTransition } from './record-transition.ts';
import type { ServiceContext } from './service-context.ts';
import { findApplicantErrors, type Applicant } from './validate-applicant.ts';
import type { DataError } from '../definition/compiled-procedure.ts';
import { unitHasRole } from '../store/user-store.ts';

export interface ReceiveCommand {
  procedureCode: string;
  applicant: unknown;
  data: unknown;
  /** Where the applicant will collect the result, if not at this desk. */
  returnUnit?: string;
}

export async function receiveDossier(ctx: ServiceContext, principal: Principal, command: ReceiveCommand, idempotencyKey: string | null): Promise<IdempotentResult> {
  if (principal.role !== 'receiver') throw new MotcuaError('auth.forbidden', `only a receiver files dossiers; you are ${principal.role} at ${principal.unitId}`, { role: principal.role });
  const { record, procedure } = await ctx.procedures.latest(command.procedureCode);
  const applicantErrors = findApplicantErrors(command.applicant, ctx.now());
  const data = structuredClone(command.data ?? {}) as Record<string, unknown>;
  const dataErrors = procedure.validateData(data);
  // Both blocks at once: a receiver fixing the applicant should not then learn the data was wrong too.
  if (applicantErrors.length || dataErrors.length) throw invalidDossier(procedure.code, applicantErrors, dataErrors);
  const applicant = command.applicant as Applicant & Record<string, unknown>;
  const competent = await resolveCompetentUnit(ctx, procedure, principal.unitId, data);
  const returnUnit = command.returnUnit ? await resolveReturnUnit(ctx, command.returnUnit) : null;
  const units = { receiving: principal.unitId, competent, return: returnUnit };

  const result = await withIdempotency(ctx, principal, idempotencyKey, { op: 'receive', command }, async (trx) => {
    const now = ctx.now();
    const started = startDossier(procedure, units, data);
    const plan = applyClock(procedure, { dueAt: null, pausedAt: null }, started.effects, { now, calendar: ctx.calendar, activeLeaves: started.after.leaves });
    const unit = await ctx.units.get(principal.unitId);
    const number = await nextReceiptNumber(trx, unit.id, localDayOf(ctx.calendar, now));
    const dossier: DossierRecord = {
      id: randomUUID(),
      receiptCode: formatReceiptCode(unit.code, localDayOf(ctx.calendar, now), number),
      procedureCode: record.code,
      procedureVersion: record.version,
      state: started.after.state,
      statusCode: started.after.statusCode,
      snapshot: started.snapshot as DossierRecord['snapshot'],
      applicant,
      data,
      receivingUnit: units.receiving,
      competentUnit: units.competent,
      currentUnit: started.after.unit,
      returnUnit,
      outcome: null,
      receivedAt: now,
      dueAt: plan.clock.dueAt,
      stepDueAt: null,
      pausedAt: plan.clock.pausedAt,
      closedAt: null,
      updatedAt: now,
      version: 1,
      overdueRecordedFor: null,
      extendedAt: null,
      eventSeq: 0,
      eventHash: null,
    };
    const written = await recordTransition(trx, { mode: 'insert', dossier, expectedVersion: 0, openSteps: [], fromState: null, event: 'RECEIVED', comment: null, input: {}, form: null, effects: started.effects, plan, actor: principal, at: now });
    return { status: 201, body: toDossierView(written, procedure, principal, now, ctx.calendar) };
  });
  ctx.outboxWritten();
  return result;
}

function invalidDossier(procedureCode: string, applicantErrors: DataError[], dataErrors: DataError[]): MotcuaError {
  const list = (errors: DataError[]) => errors.map((e) => `${e.path || '/'} ${e.message}`).join('; ');
  const parts = [
    ...(applicantErrors.length ? [`the applicant is not valid: ${list(applicantErrors)}`] : []),
    ...(dataErrors.length ? [`the data does not match procedure ${procedureCode}: ${list(dataErrors)}`] : []),
  ];
  return new MotcuaError('dossier.data-invalid', parts.join('; and '), { errors: [...applicantErrors, ...dataErrors] });
}

async function resolveReturnUnit(ctx: ServiceContext, id: string): Promise<string> {
  const unit = (await ctx.units.all()).get(id);
  // Results are handed over at service centers: the province's, or a commune's.
  if (!unit || unit.level === 'department')
    throw new MotcuaError('request.invalid', `returnUnit '${id}' is not a service center; name a commune or the province center (GET /v1/units)`, { errors: [{ path: '/returnUnit', message: 'must be a commune or the province center' }] });
  // The result waits at result-arrived for that desk's receiver: a center without one would hold it forever.
  if (!(await unitHasRole(ctx.db, unit.id, 'receiver')))
    throw new MotcuaError('request.invalid', `returnUnit '${id}' has no receiving desk (no active receiver account), so the result could never be handed over there; name a unit with a receiver, or add one`, { errors: [{ path: '/returnUnit', message: 'must be a unit with a receiving desk' }] });
  return unit.id;
}

async function resolveCompetentUnit(ctx: ServiceContext, procedure: CompiledProcedure, receivingUnit: string, data: Record<string, unknown>): Promise<string> {
  const rule = procedure.source.competentUnit ?? 'receiving';
  if (rule === 'receiving') return receivingUnit;
  if ('department' in rule) return (await ctx.units.get(rule.department)).id;
  const value = rule.communeOf.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), data);
  const unit = typeof value === 'string' ? (await ctx.units.all()).get(value) : undefined;
  if (!unit || unit.level !== 'commune')
    throw new MotcuaError('dossier.data-invalid', `data.${rule.communeOf} must name a commune of the province (e.g. hop-thinh); got ${JSON.stringify(value)}`, { errors: [{ path: `/${rule.communeOf.replaceAll('.', '/')}`, message: 'must be a commune id' }] });
  return unit.id;
}
