// Periodic reports: at the end of every working day and every month (local
// time, Asia/Ho_Chi_Minh), the figures of each unit's remit over the period,
// stored with a SHA-256 checksum of their canonical JSON — all units of a
// period in one transaction, so a report is never half-written. Figures are
// as of the period's end, so computing a period again gives the same figures.
import { createHash } from 'node:crypto';
import { canonicalJson } from '../../canonical-json.ts';
import { endedReportPeriods, type Period } from '../../supervision/statistics-period.ts';
import { insertReports, listCompletePeriods, type ReportRecord } from '../../store/report-store.ts';
import type { ServiceContext } from '../service-context.ts';
import { computeFilteredStatistics } from './read-statistics.ts';
import { listUnitSubtree } from '../principal.ts';

/** The report rows of one period for every unit (not stored). */
export async function computePeriodReports(ctx: ServiceContext, kind: 'daily' | 'monthly', period: Period, computedBy: string, now: Date): Promise<Array<Omit<ReportRecord, 'id'>>> {
  const units = await ctx.units.all();
  const out: Array<Omit<ReportRecord, 'id'>> = [];
  for (const unit of units.values()) {
    const remit = unit.level === 'province' ? null : listUnitSubtree(units, unit.id);
    const stats = await computeFilteredStatistics(ctx, { units: remit, unitFilter: null, procedure: null, state: null, levelUnits: null }, period, 'procedure', period.to < now ? period.to : now);
    const figures = stats as unknown as Record<string, unknown>;
    out.push({ unitId: unit.id, kind, periodStart: period.fromDate, periodEnd: period.toDate, computedBy, computedAt: now, figures, checksum: checksumOf(figures) });
  }
  return out;
}

/**
 * Computes and stores every report whose period ended in the last week (and last
 * month's) that is not stored yet: a server that was down catches up. Returns
 * how many reports were stored.
 */
export async function computeDueReports(ctx: ServiceContext, computedBy: string): Promise<number> {
  const now = ctx.now();
  const due = endedReportPeriods(ctx.calendar, now);
  if (due.length === 0) return 0;
  const complete = await listCompletePeriods(ctx.db, (await ctx.units.all()).size, due.map((d) => d.period.fromDate).sort()[0]!);
  let stored = 0;
  for (const { kind, period } of due) {
    if (complete.has(`${kind}|${period.fromDate}`)) continue;
    stored += await insertReports(ctx.db, await computePeriodReports(ctx, kind, period, computedBy, now));
  }
  return stored;
}

export function checksumOf(figures: Record<string, unknown>): string {
  return createHash('sha256').update(canonicalJson(figures) ?? '').digest('hex');
}
