// Stored periodic reports: one row per unit, kind and period, written whole or
// not at all (one INSERT of the row with its figures and checksum).
import type { Database } from './create-database.ts';

export interface ReportRecord {
  id: number;
  unitId: string;
  kind: 'daily' | 'monthly';
  periodStart: string;
  periodEnd: string;
  computedBy: string;
  computedAt: Date;
  figures: Record<string, unknown>;
  checksum: string;
}

interface ReportRow { id: number; unit_id: string; kind: ReportRecord['kind']; period_start: string; period_end: string; computed_by: string; computed_at: Date; figures: Record<string, unknown>; checksum: string }

const toRecord = (r: ReportRow): ReportRecord => ({ id: r.id, unitId: r.unit_id, kind: r.kind, periodStart: r.period_start, periodEnd: r.period_end, computedBy: r.computed_by, computedAt: r.computed_at, figures: r.figures, checksum: r.checksum });
// Dates as local date texts: a DATE through a Date object would shift by the process's time zone.
const selected = "id, unit_id, kind, to_char(period_start, 'YYYY-MM-DD') AS period_start, to_char(period_end, 'YYYY-MM-DD') AS period_end, computed_by, computed_at, figures, checksum";

/** Stores the reports of one period in one transaction; a report already stored for a unit and period is kept. Returns how many were new. */
export async function insertReports(db: Database, reports: Array<Omit<ReportRecord, 'id'>>): Promise<number> {
  if (reports.length === 0) return 0;
  return db.transaction(async (trx) => {
    const rows = await trx('supervision_reports')
      .insert(reports.map((r) => ({ unit_id: r.unitId, kind: r.kind, period_start: r.periodStart, period_end: r.periodEnd, computed_by: r.computedBy, computed_at: r.computedAt, figures: JSON.stringify(r.figures), checksum: r.checksum })))
      .onConflict(['unit_id', 'kind', 'period_start'])
      .ignore()
      .returning('id');
    return rows.length;
  });
}

/** Reports of the given units (null: all), newest period first. */
export async function listReports(db: Database, q: { units: string[] | null; kind: ReportRecord['kind'] | null; limit: number }): Promise<ReportRecord[]> {
  const query = db('supervision_reports').select(db.raw(selected));
  if (q.units) query.whereIn('unit_id', q.units);
  if (q.kind) query.where('kind', q.kind);
  const rows = (await query.orderBy([{ column: 'period_start', order: 'desc' }, { column: 'unit_id' }, { column: 'kind' }]).limit(q.limit)) as ReportRow[];
  return rows.map(toRecord);
}

export async function findReport(db: Database, id: number): Promise<ReportRecord | null> {
  const row = (await db('supervision_reports').select(db.raw(selected)).where({ id }).first()) as ReportRow | undefined;
  return row ? toRecord(row) : null;
}

/** The `kind|period start` pairs from `since` (a local date) on already stored for every one of `unitCount` units. */
export async function listCompletePeriods(db: Database, unitCount: number, since: string): Promise<Set<string>> {
  const rows = (await db('supervision_reports')
    .select('kind', db.raw("to_char(period_start, 'YYYY-MM-DD') AS period_start"))
    .where('period_start', '>=', since)
    .groupBy('kind', 'period_start')
    .havingRaw('count(*) >= ?', [unitCount])) as Array<{ kind: string; period_start: string }>;
  return new Set(rows.map((r) => `${r.kind}|${r.period_start}`));
}
