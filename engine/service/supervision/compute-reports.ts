// Periodic reports: at the end of every working day and every month (local
// time, Asia/Ho_Chi_Minh), the figures of each unit's remit over the period,
// stored with a SHA-256 checksum of their canonical JSON — all units of a
// period in one transaction, so a report is never half-written. Figures are
// as of the period's end, so computing a period again gives the same figures.
import { createHash } from 'node:crypto';
import { canonicalJson } from '../../canonical-json.ts';
import { endedReportPeriods, type Period } from '../../supervision/statistics-period.ts';
import { insertReports, type ReportRecord } from '../../store/report-store.ts';
import type { ServiceContext } from '../service-context.ts';
import { computeFilteredStatistics } from './read-statistics.ts';
import { subtreeOf } from './resolve-supervision-scope.ts';

/** The report rows of one period for every unit (not stored). */
export async function computePeriodReports(ctx: ServiceContext, kind: 'daily' | 'monthly', period: Period, computedBy: string, now: Date): Promise<Array<Omit<ReportRecord, 'id'>>> {
  const units = await ctx.units.all();
  const out: Array<Omit<ReportRecord, 'id'>> = [];
  for (const unit of units.values()) {
    const remit = unit.level === 'province' ? null : subtreeOf(units, unit.id);
    const stats = await computeFilteredStatistics(ctx, { units: remit, unitFilter: null, procedure: null, state: null, levelUnits: null }, period, 'procedure', period.to < now ? period.to : now);
    const figures = stats as unknown as Record<string, unknown>;
    out.push({ unitId: unit.id, kind, periodStart: period.fromDate, periodEnd: period.toDate, computedBy, computedAt: now, figures, checksum: checksumOf(figures) });
  }
  return out;
}

/** Computes and stores every report whose period has ended by now and is not stored yet. Returns how many were stored. */
export async function computeDueReports(ctx: ServiceContext, computedBy: string): Promise<number> {
  const now = ctx.now();
  let stored = 0;
  for (const { kind, period } of endedReportPeriods(ctx.calendar, now)) stored += await insertReports(ctx.db, await computePeriodReports(ctx, kind, period, computedBy, now));
  return stored;
}

export function checksumOf(figures: Record<string, unknown>): string {
  return createHash('sha256').update(canonicalJson(figures) ?? '').digest('hex');
}
