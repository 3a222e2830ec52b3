// SQL of the statistics summaries (migration 0010): the queue of closed
// dossiers to summarise, the stored summaries, and a period's tallies summed
// from them. Period bounds are instants; `fromPosition`/`tPosition` the same
// instants on the working-time line (WorkingClock.position, working minutes).
/* eslint-disable @typescript-eslint/no-explicit-any */
import type { Knex } from 'knex';
import type { DossierSummary } from '../supervision/summarise-dossier.ts';
import { addRating, addVisits, createTally, type Tally } from '../supervision/tally-figures.ts';
import type { Database } from './create-database.ts';
import { applySupervisionFilter, type SupervisionFilter } from './supervision-store.ts';

/** `[from, to)` the period; `t` = min(to, now), the instant the figures are as of. */
export interface SummaryWindow {
  from: Date;
  to: Date;
  t: Date;
  fromPosition: number;
  tPosition: number;
}

export type SummaryGroup = 'competent_unit' | 'procedure_code' | 'state' | null;

/** Runs `body` in one read-only repeatable-read snapshot: every closed dossier is then either queued or summarised, once. */
export async function readInStatisticsSnapshot<T>(db: Database, body: (trx: Knex.Transaction) => Promise<T>): Promise<T> {
  return db.transaction(
    async (trx) => {
      // JIT compilation costs more than it saves on these index-driven reads (tens of ms a
      // query), and so does starting parallel workers (25 ms for a query that finds nothing).
      await trx.raw('SET LOCAL jit = off');
      await trx.raw('SET LOCAL max_parallel_workers_per_gather = 0');
      return body(trx);
    },
    { isolationLevel: 'repeatable read', readOnly: true },
  );
}

export async function readSummaryCalendarKey(db: Database): Promise<string | null> {
  const row = await db('statistics_summary_state').first('calendar_key');
  return (row?.calendar_key as string | undefined) ?? null;
}

/** Drops every summary and queues every closed dossier again, under a new calendar key. One transaction. */
export async function resetSummaries(db: Database, calendarKey: string): Promise<void> {
  await db.transaction(async (trx) => {
    await trx('dossier_summaries').delete();
    await trx.raw(`INSERT INTO dossier_summary_queue (dossier_id, received_at, closed_at)
                   SELECT id, received_at, closed_at FROM dossiers WHERE closed_at IS NOT NULL ON CONFLICT (dossier_id) DO NOTHING`);
    await trx.raw('INSERT INTO statistics_summary_state (only_row, calendar_key) VALUES (true, ?) ON CONFLICT (only_row) DO UPDATE SET calendar_key = EXCLUDED.calendar_key', [calendarKey]);
  });
}

/** Locks up to `limit` queued dossiers of the period (others' locked rows skipped) and returns their ids. */
export async function claimQueuedSummaries(trx: Knex.Transaction, period: { from: Date; to: Date }, limit: number): Promise<string[]> {
  // No ORDER BY: sorting by id would walk the primary key over the whole queue; skipped locks rule out deadlocks anyway.
  const rows = await trx('dossier_summary_queue').select('dossier_id').where('closed_at', '>=', period.from).where('received_at', '<', period.to)
    .limit(limit).forUpdate().skipLocked();
  return rows.map((r: { dossier_id: string }) => r.dossier_id);
}

/** Stores summaries and takes their dossiers off the queue. */
export async function storeSummaries(trx: Knex.Transaction, summaries: DossierSummary[], calendarKey: string): Promise<void> {
  if (summaries.length === 0) return;
  const rows = summaries.map((s) => ({
    dossier_id: s.dossierId, procedure_code: s.procedureCode, state: s.state, receiving_unit: s.receivingUnit, competent_unit: s.competentUnit, current_unit: s.currentUnit,
    received_at: s.receivedAt, closed_at: s.closedAt, due_at: s.dueAt, paused_at: s.pausedAt, extended_at: s.extendedAt, finished_at: s.finishedAt,
    channel: s.channel, paid_online: s.paidOnline, has_fee: s.hasFee, digitized_components: s.digitizedComponents, digitized_result: s.digitizedResult,
    supplement_requests: s.supplementRequests, verdict: s.verdict, processing_hundredths: s.processingHundredths, calendar_key: calendarKey,
  }));
  const visits = summaries.flatMap((s) => s.visits.map((v, ordinal) => ({
    dossier_id: s.dossierId, ordinal, procedure_code: s.procedureCode, state: s.state, receiving_unit: s.receivingUnit, competent_unit: s.competentUnit, current_unit: s.currentUnit,
    received_at: s.receivedAt, closed_at: s.closedAt, finished_at: s.finishedAt, visit_state: v.state, visit_unit: v.unit, entered_at: v.enteredAt, left_at: v.leftAt,
    entered_position: v.enteredPosition, left_position: v.leftPosition,
  })));
  await trx('dossier_summary_visits').whereIn('dossier_id', summaries.map((s) => s.dossierId)).delete();
  await trx('dossier_summaries').insert(rows).onConflict('dossier_id').merge();
  // PostgreSQL takes at most 65,535 parameters a statement: 16 per visit row.
  for (let i = 0; i < visits.length; i += 2000) await trx('dossier_summary_visits').insert(visits.slice(i, i + 2000));
  await trx('dossier_summary_queue').whereIn('dossier_id', summaries.map((s) => s.dossierId)).delete();
}

/**
 * Refreshes the planner's statistics of the queue and the summaries after a large
 * batch: a month summarised at once empties a range the planner still believes
 * full, and it would then scan the whole queue (measured: 20 ms → 700 ms).
 */
export async function analyseSummaryTables(db: Database): Promise<void> {
  await db.raw('ANALYZE dossier_summary_queue, dossier_summaries, dossier_summary_visits');
}

// Conditions on a summary `d` over the window; named bindings of windowBindings.
const inPopulation = 'd.received_at < :t AND d.finished_at >= :from';
const finished = 'd.finished_at < :t';

function windowBindings(w: SummaryWindow) {
  return { from: w.from, t: w.t, fromPosition: w.fromPosition, tPosition: w.tPosition };
}

/** Closed dossiers of the period in scope: closed since it began and received before it ended. */
function summariesOfPeriod(db: Knex | Knex.Transaction, f: SupervisionFilter, w: SummaryWindow): Knex.QueryBuilder {
  return applySupervisionFilter(db('dossier_summaries as d').where('d.closed_at', '>=', w.from).where('d.received_at', '<', w.to), f);
}

function keyOf(db: Knex | Knex.Transaction, group: SummaryGroup): Knex.Raw {
  return group ? db.raw('?? AS key', [`d.${group}`]) : db.raw("'' AS key");
}

/** The three queries of tallySummaries, for EXPLAIN in the benchmark. */
export function summaryTallyQueries(db: Knex | Knex.Transaction, f: SupervisionFilter, w: SummaryWindow, group: SummaryGroup): { counts: Knex.QueryBuilder; days: Knex.QueryBuilder; visits: Knex.QueryBuilder } {
  const b = windowBindings(w);
  const count = (alias: string, condition: string) => db.raw(`CAST(count(*) FILTER (WHERE ${condition}) AS int) AS ${alias}`, b);
  const received = `${inPopulation} AND d.received_at >= :from`;
  const processed = `${inPopulation} AND d.due_at IS NOT NULL`;
  const rated = `${inPopulation} AND r.rated_at < :t`;
  const counts = summariesOfPeriod(db, f, w)
    .leftJoin('dossier_ratings as r', 'r.dossier_id', 'd.dossier_id')
    .select(
      keyOf(db, group),
      count('received', received), count('desk', `${received} AND d.channel = 'desk'`), count('online', `${received} AND d.channel = 'online'`), count('post', `${received} AND d.channel = 'post'`),
      count('received_digitized', `${received} AND d.digitized_components`), count('received_fee', `${received} AND d.has_fee`), count('received_fee_paid', `${received} AND d.has_fee AND d.paid_online`),
      count('processed', processed), count('not_accepted', `${inPopulation} AND d.due_at IS NULL AND ${finished}`),
      count('early', `${processed} AND ${finished} AND d.verdict = 'early'`), count('on_time', `${processed} AND ${finished} AND d.verdict = 'onTime'`), count('late', `${processed} AND ${finished} AND d.verdict = 'late'`),
      count('overdue', `${processed} AND NOT ${finished} AND d.paused_at IS NULL AND d.due_at < :t`),
      count('within_time', `${processed} AND NOT ${finished} AND NOT (d.paused_at IS NULL AND d.due_at < :t)`),
      count('finished_result', `${processed} AND ${finished} AND d.digitized_result`), count('finished_both', `${processed} AND ${finished} AND d.digitized_result AND d.digitized_components`),
      count('ratings', rated), db.raw(`CAST(COALESCE(sum(r.score) FILTER (WHERE ${rated}), 0) AS int) AS rating_sum`, b),
      count('satisfied', `${rated} AND r.score >= 4`), count('dissatisfied', `${rated} AND r.score <= 2`),
      count('apologies', `${inPopulation} AND d.extended_at >= :from AND d.extended_at < :t`),
    );
  const days = summariesOfPeriod(db, f, w)
    .select(keyOf(db, group), 'd.processing_hundredths as hundredths', db.raw('CAST(count(*) AS int) AS n'))
    .whereRaw(`${processed} AND ${finished}`, b)
    .groupBy('d.processing_hundredths');
  // Each visit clipped to [from, t): counted when some instant remains, its working time from positions.
  const visits = applySupervisionFilter(db('dossier_summary_visits as d').where('d.closed_at', '>=', w.from).where('d.received_at', '<', w.to), f)
    .select(
      keyOf(db, group), 'd.procedure_code', 'd.visit_state as state', 'd.visit_unit as unit', db.raw('GROUPING(d.visit_unit) AS by_state'), db.raw('CAST(count(*) AS int) AS visits'),
      db.raw('sum(GREATEST(0, LEAST(COALESCE(d.left_position, :tPosition), :tPosition) - GREATEST(d.entered_position, :fromPosition))) AS minutes', b),
    )
    .whereRaw(`${inPopulation} AND LEAST(COALESCE(d.left_at, :t), :t) > GREATEST(d.entered_at, :from)`, b);
  if (group) {
    counts.groupBy(`d.${group}`);
    days.groupBy(`d.${group}`);
    visits.groupByRaw('GROUPING SETS ((??, d.procedure_code, d.visit_state), (??, d.visit_unit))', [`d.${group}`, `d.${group}`]);
  } else visits.groupByRaw('GROUPING SETS ((d.procedure_code, d.visit_state), (d.visit_unit))');
  return { counts, days, visits };
}

/** Tallies of the period's summarised closed dossiers in scope, per group key ('' without grouping). */
export async function tallySummaries(db: Knex | Knex.Transaction, f: SupervisionFilter, w: SummaryWindow, group: SummaryGroup): Promise<Map<string, Tally>> {
  const q = summaryTallyQueries(db, f, w, group);
  const tallies = new Map<string, Tally>();
  const of = (key: string) => tallies.get(key) ?? tallies.set(key, createTally()).get(key)!;
  for (const r of (await q.counts) as Array<Record<string, any>>) {
    const t = of(r.key);
    t.received.total += r.received; t.received.desk += r.desk; t.received.online += r.online; t.received.post += r.post;
    t.receivedDigitized += r.received_digitized; t.receivedWithFee += r.received_fee; t.receivedWithFeePaidOnline += r.received_fee_paid;
    t.processed += r.processed; t.notAccepted += r.not_accepted;
    t.finished.early += r.early; t.finished.onTime += r.on_time; t.finished.late += r.late; t.finished.total += r.early + r.on_time + r.late;
    t.open.overdue += r.overdue; t.open.withinTime += r.within_time;
    t.finishedDigitizedResult += r.finished_result; t.finishedDigitizedBoth += r.finished_both;
    addRating(t, r.rating_sum, r.ratings, r.satisfied, r.dissatisfied);
    t.apologies += r.apologies;
  }
  for (const r of (await q.days) as Array<{ key: string; hundredths: number; n: number }>) {
    const t = of(r.key);
    t.days.set(r.hundredths, (t.days.get(r.hundredths) ?? 0) + r.n);
  }
  for (const r of (await q.visits) as Array<Record<string, any>>) {
    if (r.by_state === 1) addVisits(of(r.key), r.procedure_code, r.state, null, r.visits, r.minutes);
    else addVisits(of(r.key), null, null, r.unit, r.visits, r.minutes);
  }
  return tallies;
}

/** The stored summaries of the given dossiers, as summariseDossier returns them. */
export async function readStoredSummaries(db: Database, ids: string[]): Promise<DossierSummary[]> {
  const rows = (await db('dossier_summaries').whereIn('dossier_id', ids).orderBy('dossier_id')) as Array<Record<string, any>>;
  const visits = (await db('dossier_summary_visits').whereIn('dossier_id', ids).orderBy(['dossier_id', 'ordinal'])) as Array<Record<string, any>>;
  return rows.map((r) => ({
    dossierId: r.dossier_id, procedureCode: r.procedure_code, state: r.state, receivingUnit: r.receiving_unit, competentUnit: r.competent_unit, currentUnit: r.current_unit,
    receivedAt: r.received_at, closedAt: r.closed_at, dueAt: r.due_at, pausedAt: r.paused_at, extendedAt: r.extended_at, finishedAt: r.finished_at,
    channel: r.channel, paidOnline: r.paid_online, hasFee: r.has_fee, digitizedComponents: r.digitized_components, digitizedResult: r.digitized_result,
    supplementRequests: r.supplement_requests, verdict: r.verdict, processingHundredths: r.processing_hundredths,
    visits: visits.filter((v) => v.dossier_id === r.dossier_id).map((v) => ({
      state: v.visit_state, unit: v.visit_unit, enteredAt: v.entered_at, leftAt: v.left_at, enteredPosition: v.entered_position, leftPosition: v.left_position,
    })),
  }));
}

/** How many closed dossiers wait for a summary. */
export async function countQueuedSummaries(db: Database): Promise<number> {
  const row = await db('dossier_summary_queue').count({ n: '*' }).first();
  return Number(row?.n ?? 0);
}

/** Records the calendar key the stored summaries were computed with. */
export async function writeSummaryCalendarKey(db: Database, calendarKey: string): Promise<void> {
  await db.raw('INSERT INTO statistics_summary_state (only_row, calendar_key) VALUES (true, ?) ON CONFLICT (only_row) DO UPDATE SET calendar_key = EXCLUDED.calendar_key', [calendarKey]);
}
