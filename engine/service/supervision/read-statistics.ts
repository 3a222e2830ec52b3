// Statistics of a period for the caller's remit: the store's per-dossier facts,
// completed with facts of each procedure version (a fee, which states are
// supplement requests), then the pure figures of engine/supervision.
import { computeStatistics, type GroupBy, type Statistics } from '../../supervision/compute-statistics.ts';
import type { DossierFacts } from '../../supervision/dossier-facts.ts';
import { parsePeriod, type Period } from '../../supervision/statistics-period.ts';
import { MotcuaError } from '../../motcua-error.ts';
import { readStatisticsFacts, type SupervisionFilter } from '../../store/supervision-store.ts';
import type { Principal } from '../principal.ts';
import type { ServiceContext } from '../service-context.ts';
import { resolveSupervisionScope, type SupervisionQuery } from './resolve-supervision-scope.ts';

export interface StatisticsQuery extends SupervisionQuery {
  from?: unknown;
  to?: unknown;
  groupBy?: unknown;
}

const groupings = ['unit', 'procedure', 'month', 'state'] as const;

/** Errors: auth.forbidden, request.invalid (period, groupBy, filters), unit.not-found. */
export async function readStatistics(ctx: ServiceContext, principal: Principal, query: StatisticsQuery): Promise<Statistics> {
  const filter = await resolveSupervisionScope(ctx, principal, query);
  const period = parsePeriod(ctx.calendar, query.from, query.to);
  if (query.groupBy !== undefined && query.groupBy !== '' && !groupings.includes(query.groupBy as GroupBy))
    throw new MotcuaError('request.invalid', `groupBy must be one of ${groupings.join(', ')}; got ${JSON.stringify(query.groupBy)}`, { groupBy: query.groupBy });
  const groupBy = query.groupBy ? (query.groupBy as GroupBy) : null;
  return computeFilteredStatistics(ctx, filter, period, groupBy, ctx.now());
}

export async function computeFilteredStatistics(ctx: ServiceContext, filter: SupervisionFilter, period: Period, groupBy: GroupBy | null, now: Date): Promise<Statistics> {
  const rows = await readStatisticsFacts(ctx.db, filter, period);
  // Facts of each procedure version, looked up once per version rather than once per dossier.
  const versions = new Map<string, { hasFee: boolean; supplement: (state: string) => boolean }>();
  for (const r of rows) {
    const key = `${r.procedureCode}@${r.procedureVersion}`;
    if (versions.has(key)) continue;
    const procedure = await ctx.procedures.get(r.procedureCode, r.procedureVersion);
    versions.set(key, { hasFee: (procedure.source.fees ?? []).some((fee) => fee.amountVnd > 0), supplement: (state) => procedure.states.get(state)?.status === 5 });
  }
  const facts: DossierFacts[] = rows.map((r) => {
    const version = versions.get(`${r.procedureCode}@${r.procedureVersion}`)!;
    return { ...r, hasFee: version.hasFee, visits: r.visits.map((v) => ({ ...v, supplement: version.supplement(v.state) })) };
  });
  return computeStatistics(facts, period, { now, calendar: ctx.calendar, groupBy });
}
