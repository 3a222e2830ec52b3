// Stored periodic reports of the caller's remit: the list, and one report as a
// statistics object for download.
import type { Statistics } from '../../supervision/compute-statistics.ts';
import { MotcuaError } from '../../motcua-error.ts';
import { findReport, listReports } from '../../store/report-store.ts';
import type { Principal } from '../principal.ts';
import type { ServiceContext } from '../service-context.ts';
import { resolveRemit } from './resolve-supervision-scope.ts';

export interface ReportSummary {
  id: number;
  unit: string;
  kind: 'daily' | 'monthly';
  periodStart: string;
  periodEnd: string;
  computedBy: string;
  computedAt: string;
  checksum: string;
}

/** Errors: auth.forbidden, request.invalid (kind, limit). */
export async function listSupervisionReports(ctx: ServiceContext, principal: Principal, query: { kind?: unknown; limit?: unknown }): Promise<ReportSummary[]> {
  const units = await resolveRemit(ctx, principal);
  if (query.kind !== undefined && query.kind !== 'daily' && query.kind !== 'monthly') throw new MotcuaError('request.invalid', `kind must be daily or monthly; got ${JSON.stringify(query.kind)}`, { kind: query.kind });
  const limit = query.limit === undefined ? 100 : Number(query.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new MotcuaError('request.invalid', `limit must be a whole number from 1 to 1000; got ${JSON.stringify(query.limit)}`, { limit: query.limit });
  const rows = await listReports(ctx.db, { units, kind: (query.kind as 'daily' | 'monthly' | undefined) ?? null, limit });
  return rows.map((r) => ({ id: r.id, unit: r.unitId, kind: r.kind, periodStart: r.periodStart, periodEnd: r.periodEnd, computedBy: r.computedBy, computedAt: r.computedAt.toISOString(), checksum: r.checksum }));
}

/** One report with its figures. Errors: auth.forbidden, report.not-found (no such report in the remit). */
export async function getSupervisionReport(ctx: ServiceContext, principal: Principal, id: number): Promise<ReportSummary & { figures: Statistics }> {
  const units = await resolveRemit(ctx, principal);
  const r = Number.isSafeInteger(id) && id > 0 ? await findReport(ctx.db, id) : null;
  if (!r || (units && !units.includes(r.unitId))) throw new MotcuaError('report.not-found', `no report ${id} in your remit; list them with GET /v1/supervision/reports`, { id });
  return { id: r.id, unit: r.unitId, kind: r.kind, periodStart: r.periodStart, periodEnd: r.periodEnd, computedBy: r.computedBy, computedAt: r.computedAt.toISOString(), checksum: r.checksum, figures: r.figures as unknown as Statistics };
}
