// SQL of supervision: the open dossiers watched by a due date (overdue, at
// risk), their counts per holding unit, and the per-dossier facts of the
// statistics. Scope is a list of unit ids (a dossier is in scope when one of
// them received it, holds it or is competent for it) or null for the province.
// Rows are spelled out field by field below; `any` only carries them there.
/* eslint-disable @typescript-eslint/no-explicit-any */
import type { Knex } from 'knex';
import type { Database } from './create-database.ts';

export interface SupervisionFilter {
  /** null: the whole province. */
  units: string[] | null;
  /** The unit filter, already expanded to the unit and those under it. */
  unitFilter: string[] | null;
  procedure: string | null;
  state: string | null;
  /** Competent units of the requested level. */
  levelUnits: string[] | null;
}

export interface WatchedRow {
  id: string; receiptCode: string; procedureCode: string; procedureVersion: number; state: string; statusCode: number;
  receivingUnit: string; competentUnit: string; currentUnit: string; receivedAt: Date;
  dueAt: Date | null; stepDueAt: Date | null; watchDueAt: Date; pausedAt: Date | null; extendedAt: Date | null;
  /** Since when the current unit holds the dossier: the first visit of its present stay. */
  heldSince: Date;
}

/** Narrows `q` (dossiers or summaries aliased `d`) to the filter's scope. */
export function applySupervisionFilter(q: Knex.QueryBuilder, f: SupervisionFilter): Knex.QueryBuilder {
  const touching = (units: string[]) => (w: Knex.QueryBuilder) => w.whereIn('d.receiving_unit', units).orWhereIn('d.current_unit', units).orWhereIn('d.competent_unit', units);
  if (f.units) q.where(touching(f.units));
  if (f.unitFilter) q.where(touching(f.unitFilter));
  if (f.procedure) q.where('d.procedure_code', f.procedure);
  if (f.state) q.where('d.state', f.state);
  if (f.levelUnits) q.whereIn('d.competent_unit', f.levelUnits);
  return q;
}

/**
 * Open dossiers whose watching due date passed (`overdue`: before `now`) or comes
 * within the window (`at-risk`: from `now` to `until`), latest first by that date,
 * after the cursor `(watchDueAt, id)`.
 */
export async function listWatchedDossiers(db: Database, f: SupervisionFilter, w: WatchWindow): Promise<WatchedRow[]> {
  const rows = (await watchedDossiersQuery(db, f, w)) as Array<Record<string, any>>;
  return rows.map((r) => ({
    id: r.id, receiptCode: r.receipt_code, procedureCode: r.procedure_code, procedureVersion: r.procedure_version, state: r.state, statusCode: r.status_code,
    receivingUnit: r.receiving_unit, competentUnit: r.competent_unit, currentUnit: r.current_unit, receivedAt: r.received_at,
    dueAt: r.due_at, stepDueAt: r.step_due_at, watchDueAt: r.watch_due_at, pausedAt: r.paused_at, extendedAt: r.extended_at, heldSince: r.held_since,
  }));
}

export interface WatchWindow { kind: 'overdue' | 'at-risk'; now: Date; until: Date; after: { watchDueAt: Date; id: string } | null; limit: number }

/** The query of listWatchedDossiers, for EXPLAIN in the benchmark. */
export function watchedDossiersQuery(db: Database, f: SupervisionFilter, w: WatchWindow): Knex.QueryBuilder {
  const q = db('dossiers as d')
    .select(
      'd.id', 'd.receipt_code', 'd.procedure_code', 'd.procedure_version', 'd.state', 'd.status_code', 'd.receiving_unit', 'd.competent_unit', 'd.current_unit',
      'd.received_at', 'd.due_at', 'd.step_due_at', 'd.watch_due_at', 'd.paused_at', 'd.extended_at',
      db.raw(`COALESCE((SELECT min(s.entered_at) FROM dossier_steps s WHERE s.dossier_id = d.id AND s.unit_id = d.current_unit
                 AND s.entered_at >= COALESCE((SELECT max(o.left_at) FROM dossier_steps o WHERE o.dossier_id = d.id AND o.unit_id <> d.current_unit), '-infinity')), d.received_at) AS held_since`),
    )
    .whereNull('d.closed_at')
    .whereNotNull('d.watch_due_at');
  if (w.kind === 'overdue') q.where('d.watch_due_at', '<', w.now);
  else q.where('d.watch_due_at', '>=', w.now).where('d.watch_due_at', '<', w.until);
  applySupervisionFilter(q, f);
  if (w.after) q.whereRaw('(d.watch_due_at, d.id) > (?, ?)', [w.after.watchDueAt, w.after.id]);
  return q.orderBy([{ column: 'd.watch_due_at' }, { column: 'd.id' }]).limit(w.limit);
}

/** Overdue and at-risk open dossiers per holding unit. */
export async function countWatchedByUnit(db: Database, f: SupervisionFilter, w: { now: Date; until: Date }): Promise<Array<{ unit: string; overdue: number; atRisk: number }>> {
  const q = db('dossiers as d')
    .select('d.current_unit as unit')
    .select(db.raw('count(*) FILTER (WHERE d.watch_due_at < ?)::int AS overdue', [w.now]))
    .select(db.raw('count(*) FILTER (WHERE d.watch_due_at >= ?)::int AS at_risk', [w.now]))
    .whereNull('d.closed_at')
    .where('d.watch_due_at', '<', w.until);
  applySupervisionFilter(q, f);
  const rows = (await q.groupBy('d.current_unit').orderBy('d.current_unit')) as Array<{ unit: string; overdue: number; at_risk: number }>;
  return rows.map((r) => ({ unit: r.unit, overdue: r.overdue, atRisk: r.at_risk }));
}

export interface FactsRow {
  id: string; receiptCode: string; procedureCode: string; procedureVersion: number; state: string;
  receivingUnit: string; competentUnit: string; currentUnit: string; receivedAt: Date; dueAt: Date | null; pausedAt: Date | null;
  closedAt: Date | null; finishedAt: Date | null; extendedAt: Date | null; channel: 'desk' | 'online' | 'post'; paidOnline: boolean;
  digitizedComponents: boolean; digitizedResult: boolean; rating: { score: number; ratedAt: Date } | null;
  visits: Array<{ state: string; unit: string; enteredAt: Date; leftAt: Date | null }>;
}

/**
 * Which dossiers to read facts of: `live`, those of the period not summarised
 * (open and received before its end, or closed since it began and still queued
 * for a summary); `ids`, the given dossiers.
 */
export type FactsSelection = { kind: 'live' } | { kind: 'ids'; ids: string[] };

/** The query of readStatisticsFacts, for EXPLAIN in the benchmark: `live` is read as its two halves. */
export type FactsQuerySelection = { kind: 'open' } | { kind: 'queued' } | { kind: 'ids'; ids: string[] };

/** Facts of the selected dossiers (in scope of `f`), with what the statistics need. */
export async function readStatisticsFacts(db: Knex | Knex.Transaction, f: SupervisionFilter, period: { from: Date; to: Date }, selection: FactsSelection): Promise<FactsRow[]> {
  // Open and queued dossiers as two queries: each then has its own index range and row estimate.
  const queries = selection.kind === 'ids' ? [statisticsFactsQuery(db, f, period, selection)] : [statisticsFactsQuery(db, f, period, { kind: 'open' }), statisticsFactsQuery(db, f, period, { kind: 'queued' })];
  const rows: Array<Record<string, any>> = [];
  for (const q of queries) rows.push(...((await q) as Array<Record<string, any>>));
  return rows.map((r) => ({
    id: r.id, receiptCode: r.receipt_code, procedureCode: r.procedure_code, procedureVersion: r.procedure_version, state: r.state,
    receivingUnit: r.receiving_unit, competentUnit: r.competent_unit, currentUnit: r.current_unit, receivedAt: r.received_at, dueAt: r.due_at,
    pausedAt: r.paused_at, closedAt: r.closed_at, finishedAt: r.finished_at, extendedAt: r.extended_at, channel: r.channel, paidOnline: r.paid_online,
    digitizedComponents: r.digitized_components, digitizedResult: r.digitized_result,
    rating: r.score === null ? null : { score: r.score, ratedAt: r.rated_at },
    visits: ((r.visits as Array<{ state: string; unit: string; entered_at: string; left_at: string | null }> | null) ?? []).map((v) => ({ state: v.state, unit: v.unit, enteredAt: new Date(v.entered_at), leftAt: v.left_at ? new Date(v.left_at) : null })),
  }));
}

export function statisticsFactsQuery(db: Knex | Knex.Transaction, f: SupervisionFilter, period: { from: Date; to: Date }, selection: FactsQuerySelection): Knex.QueryBuilder {
  const q = db('dossiers as d')
    .leftJoin('dossier_ratings as r', 'r.dossier_id', 'd.id')
    .select(
      'd.id', 'd.receipt_code', 'd.procedure_code', 'd.procedure_version', 'd.state', 'd.receiving_unit', 'd.competent_unit', 'd.current_unit',
      'd.received_at', 'd.due_at', 'd.paused_at', 'd.closed_at', 'd.extended_at', 'd.channel', 'd.paid_online', 'r.score', 'r.rated_at',
      db.raw(`LEAST((SELECT min(e.at) FROM dossier_events e WHERE e.dossier_id = d.id AND e.status_code IN (9, 10)), d.closed_at) AS finished_at`),
      db.raw(`EXISTS (SELECT 1 FROM dossier_attachments a WHERE a.dossier_id = d.id AND a.document_id <> 'result') AS digitized_components`),
      db.raw(`EXISTS (SELECT 1 FROM dossier_attachments a WHERE a.dossier_id = d.id AND a.document_id = 'result') AS digitized_result`),
      db.raw(`(SELECT json_agg(json_build_object('state', s.state, 'unit', s.unit_id, 'entered_at', s.entered_at, 'left_at', s.left_at) ORDER BY s.id)
               FROM dossier_steps s WHERE s.dossier_id = d.id) AS visits`),
    );
  if (selection.kind === 'ids') q.whereIn('d.id', selection.ids);
  // Open and received before the period's end (index dossiers_open_received).
  else if (selection.kind === 'open') q.whereIn('d.id', (sub) => sub.from('dossiers').select('id').whereNull('closed_at').where('received_at', '<', period.to));
  // Closed since the period began and not summarised yet.
  else q.whereIn('d.id', (sub) => sub.from('dossier_summary_queue').select('dossier_id').where('closed_at', '>=', period.from).where('received_at', '<', period.to));
  applySupervisionFilter(q, f);
  return q.orderBy('d.received_at');
}
