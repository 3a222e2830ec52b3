// Statistics of a period for the caller's remit. Closed dossiers are tallied in
// SQL from their stored summaries; the rest (open, or closed but not summarised
// yet) from live facts with the same pure rules; the tallies add up to the
// figures (engine/supervision/tally-figures.ts). Both reads share one snapshot,
// so every dossier counts exactly once.
import { finishTally, type GroupBy, type Statistics } from '../../supervision/compute-statistics.ts';
import { parsePeriod, splitByMonth, type Period } from '../../supervision/statistics-period.ts';
import { createTally, mergeTally, tallyFacts, type Tally } from '../../supervision/tally-figures.ts';
import { createWorkingClock } from '../../supervision/working-clock.ts';
import { MotcuaError } from '../../motcua-error.ts';
import { readInStatisticsSnapshot, tallySummaries, type SummaryGroup } from '../../store/statistics-summary-store.ts';
import { readStatisticsFacts, type SupervisionFilter } from '../../store/supervision-store.ts';
import type { Principal } from '../principal.ts';
import type { ServiceContext } from '../service-context.ts';
import { resolveSupervisionScope, type SupervisionQuery } from './resolve-supervision-scope.ts';
import { completeFacts, summariseClosedDossiers } from './summarise-closed-dossiers.ts';

export interface StatisticsQuery extends SupervisionQuery {
  from?: unknown;
  to?: unknown;
  groupBy?: unknown;
}

const groupings = ['unit', 'procedure', 'month', 'state'] as const;
const columnOf: Record<Exclude<GroupBy, 'month'>, Exclude<SummaryGroup, null>> = { unit: 'competent_unit', procedure: 'procedure_code', state: 'state' };

/** Errors: auth.forbidden, request.invalid (period, groupBy, filters), unit.not-found. */
export async function readStatistics(ctx: ServiceContext, principal: Principal, query: StatisticsQuery): Promise<Statistics> {
  const filter = await resolveSupervisionScope(ctx, principal, query);
  const period = parsePeriod(ctx.calendar, query.from, query.to);
  if (query.groupBy !== undefined && query.groupBy !== '' && !groupings.includes(query.groupBy as GroupBy))
    throw new MotcuaError('request.invalid', `groupBy must be one of ${groupings.join(', ')}; got ${JSON.stringify(query.groupBy)}`, { groupBy: query.groupBy });
  const groupBy = query.groupBy ? (query.groupBy as GroupBy) : null;
  return computeFilteredStatistics(ctx, filter, period, groupBy, ctx.now());
}

/** Figures month by month for each group of a grouped statistics: the series a chart draws, one per group key. */
export type MonthlySeries = Array<{ key: string; groups: Array<{ key: string; figures: Statistics['totals'] }> }>;

/**
 * Statistics grouped by `groupBy` (unit, procedure or state), and for each of
 * its groups the figures month by month — what GET /v1/supervision/stats
 * answers with that group's filter and groupBy=month, without a request per
 * group: one grouped tally per month, in the same snapshot. Errors as readStatistics.
 */
export async function readStatisticsWithMonthlySeries(ctx: ServiceContext, principal: Principal, query: StatisticsQuery & { groupBy: Exclude<GroupBy, 'month'> }): Promise<{ statistics: Statistics; monthly: MonthlySeries }> {
  const filter = await resolveSupervisionScope(ctx, principal, query);
  const period = parsePeriod(ctx.calendar, query.from, query.to);
  let monthly: MonthlySeries = [];
  const statistics = await computeFilteredStatistics(ctx, filter, period, query.groupBy, ctx.now(), (series) => (monthly = series));
  return { statistics, monthly };
}

/**
 * The figures of `period` as of min(its end, now), in total and per group.
 * With `onMonthlySeries` (a grouping other than month), also each group's
 * figures month by month, handed to it.
 */
export async function computeFilteredStatistics(ctx: ServiceContext, filter: SupervisionFilter, period: Period, groupBy: GroupBy | null, now: Date, onMonthlySeries?: (series: MonthlySeries) => void): Promise<Statistics> {
  await summariseClosedDossiers(ctx, period);
  const clock = createWorkingClock(ctx.calendar);
  const group = groupBy && groupBy !== 'month' ? columnOf[groupBy] : null;
  const keyOf = (f: { competentUnit: string; procedureCode: string; state: string }) => (groupBy === 'unit' ? f.competentUnit : groupBy === 'procedure' ? f.procedureCode : groupBy === 'state' ? f.state : '');
  return readInStatisticsSnapshot(ctx.db, async (trx) => {
    const live = await completeFacts(ctx, await readStatisticsFacts(trx, filter, period, { kind: 'live' }));
    // Tallies of one window per group key: the summaries' from SQL plus the live facts'.
    const tallyWindow = async (p: Period, grouped: SummaryGroup): Promise<Map<string, Tally>> => {
      const t = p.to < now ? p.to : now;
      const tallies = await tallySummaries(trx, filter, { from: p.from, to: p.to, t, fromPosition: clock.position(p.from), tPosition: clock.position(t) }, grouped);
      const byKey = new Map<string, typeof live>();
      for (const f of live) {
        const key = grouped ? keyOf(f) : '';
        byKey.set(key, [...(byKey.get(key) ?? []), f]);
      }
      for (const [key, facts] of byKey) tallies.set(key, tallyFacts(tallies.get(key) ?? createTally(), facts, p.from, t, ctx.calendar, clock));
      return tallies;
    };
    const sum = (tallies: Map<string, Tally>) => [...tallies.values()].reduce(mergeTally, createTally());
    const asOf = period.to < now ? period.to : now;
    let groups: Statistics['groups'] = [];
    let totals: Tally;
    if (groupBy === 'month') {
      // One month after another: the queries share the snapshot's one connection (pg deprecates overlapping queries on a client).
      for (const m of splitByMonth(ctx.calendar, period)) groups.push({ key: m.key, figures: finishTally(sum(await tallyWindow(m.period, null))) });
      totals = sum(await tallyWindow(period, null));
    } else {
      const tallies = await tallyWindow(period, group);
      groups = group ? [...tallies.keys()].sort().map((key) => ({ key, figures: finishTally(tallies.get(key)!) })) : [];
      totals = sum(tallies);
      if (onMonthlySeries && group) {
        const months: Array<{ key: string; tallies: Map<string, Tally> }> = [];
        for (const m of splitByMonth(ctx.calendar, period)) months.push({ key: m.key, tallies: await tallyWindow(m.period, group) });
        // A group without dossiers in a month has that month's empty figures, as its own groupBy=month request would.
        onMonthlySeries(groups.map((g) => ({ key: g.key, groups: months.map((m) => ({ key: m.key, figures: finishTally(m.tallies.get(g.key) ?? createTally()) })) })));
      }
    }
    return { from: period.fromDate, to: period.toDate, asOf: asOf.toISOString(), totals: finishTally(totals), groupBy, groups };
  });
}
