// The supervisor board in one read: what the counts, the overdue and at-risk
// lists, the statistics by procedure, each procedure's on-time rate month by
// month and the catalogue (for names and the filter) answer on their own, under
// the same supervision rule (resolve-supervision-scope.ts), from the same
// service functions. The month-by-month series is one grouped tally per month,
// not a statistics request per procedure.
import { isoDateFromDay, DAY_MS } from '../../calendar/local-day.ts';
import type { WorkCalendar } from '../../calendar/index.ts';
import { listPublishedProcedures, type ProcedureSummaryView } from '../procedures/read-published-procedures.ts';
import type { Principal } from '../principal.ts';
import type { ServiceContext } from '../service-context.ts';
import { readStatisticsWithMonthlySeries, type MonthlySeries } from './read-statistics.ts';
import { readWatchCounts, readWatchList, type WatchedDossierView } from './read-watch-list.ts';
import type { SupervisionQuery } from './resolve-supervision-scope.ts';
import type { Statistics } from '../../supervision/compute-statistics.ts';

export interface BoardQuery extends SupervisionQuery {
  from?: unknown;
  to?: unknown;
  limit?: unknown;
}

export interface BoardView {
  /** The server's now: every part is as of it (give or take the read). */
  asOf: string;
  counts: Awaited<ReturnType<typeof readWatchCounts>>;
  overdue: { items: WatchedDossierView[]; nextCursor: string | null };
  atRisk: { items: WatchedDossierView[]; nextCursor: string | null };
  /** The period's figures grouped by procedure (its from and to are the period used, defaults filled in). */
  statistics: Statistics;
  /** For each procedure of `statistics.groups`, in that order, its figures month by month. */
  monthlyByProcedure: MonthlySeries;
  procedures: ProcedureSummaryView[];
}

/**
 * Errors: auth.forbidden (not a supervisor or admin, unit outside the remit),
 * request.invalid (filters, period, limit), unit.not-found — as the parts' own endpoints.
 * The period defaults to the six local months up to and including now's.
 */
export async function readBoard(ctx: ServiceContext, principal: Principal, query: BoardQuery): Promise<BoardView> {
  const now = ctx.now();
  const scope: SupervisionQuery = { unit: query.unit, procedure: query.procedure, state: query.state, level: query.level };
  const period = defaultPeriod(ctx.calendar, now);
  const lists = { ...scope, limit: query.limit };
  const [counts, overdue, atRisk, stats, procedures] = await Promise.all([
    readWatchCounts(ctx, principal, scope),
    readWatchList(ctx, principal, 'overdue', lists),
    readWatchList(ctx, principal, 'at-risk', lists),
    readStatisticsWithMonthlySeries(ctx, principal, { ...scope, from: query.from ?? period.from, to: query.to ?? period.to, groupBy: 'procedure' }),
    listPublishedProcedures(ctx),
  ]);
  return { asOf: counts.asOf, counts, overdue, atRisk, statistics: stats.statistics, monthlyByProcedure: stats.monthly, procedures };
}

/** The first local day of the month five months before now's, and the first of the next month (exclusive). */
function defaultPeriod(calendar: WorkCalendar, now: Date): { from: string; to: string } {
  const local = new Date(Math.floor((now.getTime() + calendar.offsetMs) / DAY_MS) * DAY_MS);
  const first = Date.UTC(local.getUTCFullYear(), local.getUTCMonth() - 5, 1) / DAY_MS;
  const next = Date.UTC(local.getUTCFullYear(), local.getUTCMonth() + 1, 1) / DAY_MS;
  return { from: isoDateFromDay(first), to: isoDateFromDay(next) };
}
