// The supervisor's live lists: open dossiers past their due date (overdue) or
// within one working day of it (at risk), most late first, with who holds them
// and how late in working hours; and their counts per holding unit.
import { addWorkingHours, workingTimeBetween } from '../../calendar/index.ts';
import type { LocalizedText } from '../../definition/procedure-definition.ts';
import { MotcuaError } from '../../motcua-error.ts';
import { countWatchedByUnit, listWatchedDossiers, type WatchedRow } from '../../store/supervision-store.ts';
import type { Principal } from '../principal.ts';
import type { ServiceContext } from '../service-context.ts';
import { isUuid } from '../is-uuid.ts';
import { resolveSupervisionScope, type SupervisionQuery } from './resolve-supervision-scope.ts';

export interface WatchedDossierView {
  id: string;
  receiptCode: string;
  procedureCode: string;
  procedureName: LocalizedText;
  state: string;
  /** The state's title, or its id while the procedure gives none. */
  stateTitle: LocalizedText;
  statusCode: number;
  heldBy: { unit: string; name: LocalizedText; since: string };
  receivingUnit: string;
  competentUnit: string;
  dueAt: string | null;
  stepDueAt: string | null;
  /** Which due date watches the dossier now: the statutory one or its step's own (earlier, or the only one while the clock is paused). */
  watchedDue: 'statutory' | 'step';
  watchDueAt: string;
  /** Working hours past `watchDueAt` (negative: hours left). */
  workingHoursLate: number;
  clockPaused: boolean;
  /** Form 04 (apology and new date) was issued. */
  apologyIssued: boolean;
}

export interface WatchListQuery extends SupervisionQuery {
  cursor?: unknown;
  limit?: unknown;
}

/** Errors: auth.forbidden (not a supervisor, unit outside the remit), request.invalid (filters, cursor, limit), unit.not-found. */
export async function readWatchList(ctx: ServiceContext, principal: Principal, kind: 'overdue' | 'at-risk', query: WatchListQuery): Promise<{ items: WatchedDossierView[]; nextCursor: string | null }> {
  const filter = await resolveSupervisionScope(ctx, principal, query);
  const limit = limitOf(query.limit);
  const now = ctx.now();
  const rows = await listWatchedDossiers(ctx.db, filter, { kind, now, until: atRiskUntil(ctx, now), after: parseCursor(query.cursor), limit: limit + 1 });
  const page = rows.slice(0, limit);
  const units = await ctx.units.all();
  const items: WatchedDossierView[] = [];
  for (const r of page) items.push(await toView(ctx, r, now, units.get(r.currentUnit)?.nameVi ?? r.currentUnit, units.get(r.currentUnit)?.nameEn ?? r.currentUnit));
  const last = page[page.length - 1];
  return { items, nextCursor: rows.length > limit && last ? Buffer.from(JSON.stringify([last.watchDueAt.toISOString(), last.id])).toString('base64url') : null };
}

/** Overdue and at-risk counts per holding unit, with the unit's name. */
export async function readWatchCounts(ctx: ServiceContext, principal: Principal, query: SupervisionQuery): Promise<{ asOf: string; units: Array<{ unit: string; name: LocalizedText; overdue: number; atRisk: number }> }> {
  const filter = await resolveSupervisionScope(ctx, principal, query);
  const now = ctx.now();
  const units = await ctx.units.all();
  const counts = await countWatchedByUnit(ctx.db, filter, { now, until: atRiskUntil(ctx, now) });
  return { asOf: now.toISOString(), units: counts.map((c) => ({ ...c, name: { vi: units.get(c.unit)?.nameVi ?? c.unit, en: units.get(c.unit)?.nameEn ?? c.unit } })) };
}

/** At risk: due within one working day (8 working hours), the last moment for form 04. */
function atRiskUntil(ctx: ServiceContext, now: Date): Date {
  return addWorkingHours(ctx.calendar, now, 8);
}

async function toView(ctx: ServiceContext, r: WatchedRow, now: Date, unitVi: string, unitEn: string): Promise<WatchedDossierView> {
  const procedure = await ctx.procedures.get(r.procedureCode, r.procedureVersion);
  const node = procedure.states.get(r.state.split(',')[0]!);
  const statutory = r.pausedAt === null && r.dueAt !== null && r.dueAt.getTime() === r.watchDueAt.getTime();
  return {
    id: r.id,
    receiptCode: r.receiptCode,
    procedureCode: r.procedureCode,
    procedureName: procedure.source.name,
    state: r.state,
    stateTitle: node?.title ?? { vi: r.state, en: r.state },
    statusCode: r.statusCode,
    heldBy: { unit: r.currentUnit, name: { vi: unitVi, en: unitEn }, since: r.heldSince.toISOString() },
    receivingUnit: r.receivingUnit,
    competentUnit: r.competentUnit,
    dueAt: r.dueAt?.toISOString() ?? null,
    stepDueAt: r.stepDueAt?.toISOString() ?? null,
    watchedDue: statutory ? 'statutory' : 'step',
    watchDueAt: r.watchDueAt.toISOString(),
    workingHoursLate: Math.round(workingTimeBetween(ctx.calendar, r.watchDueAt, now) / 60 * 100) / 100,
    clockPaused: r.pausedAt !== null,
    apologyIssued: r.extendedAt !== null,
  };
}

function limitOf(raw: unknown): number {
  const limit = raw === undefined ? 50 : Number(raw);
  if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw new MotcuaError('request.invalid', `limit must be a whole number from 1 to 500; got ${JSON.stringify(raw)}`, { limit: raw });
  return limit;
}

function parseCursor(raw: unknown): { watchDueAt: Date; id: string } | null {
  if (raw === undefined || raw === '') return null;
  try {
    const [at, id] = JSON.parse(Buffer.from(String(raw), 'base64url').toString('utf8')) as [string, string];
    const watchDueAt = new Date(at);
    if (Number.isNaN(watchDueAt.getTime()) || typeof id !== 'string' || !isUuid(id)) throw new Error('bad cursor');
    return { watchDueAt, id };
  } catch {
    throw new MotcuaError('request.invalid', 'cursor is not one this API gave; pass nextCursor from the previous page unchanged', { cursor: raw });
  }
}
