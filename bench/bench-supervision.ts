// Supervision at province scale: N dossiers (default 1,000,000; BENCH_SUPERVISION_DOSSIERS)
// and ten events each, three step visits each, seeded with generate_series (not
// through the API), received over the 12 months before "now" across the four
// communes. About one in ten is still open; their due dates spread around now,
// so some are overdue and some at risk. Reports p50/p95 of the overdue list, the
// at-risk list and a month of statistics, for the province and for one commune,
// each beside a plain SELECT count(*) over the same rows.
import { performance } from 'node:perf_hooks';
import { pino } from 'pino';
import type { Principal } from '../engine/service/principal.ts';
import { readStatistics } from '../engine/service/supervision/read-statistics.ts';
import { readWatchList } from '../engine/service/supervision/read-watch-list.ts';
import { summariseClosedDossiers } from '../engine/service/supervision/summarise-closed-dossiers.ts';
import { summaryTallyQueries } from '../engine/store/statistics-summary-store.ts';
import { statisticsFactsQuery, watchedDossiersQuery } from '../engine/store/supervision-store.ts';
import { addWorkingHours } from '../engine/calendar/index.ts';
import { parsePeriod } from '../engine/supervision/statistics-period.ts';
import { createWorkingClock } from '../engine/supervision/working-clock.ts';
import { startSystem } from '../server/start-system.ts';
import { fmt, timeRuns as time } from './measure.ts';
import { analyzeSeeded, beginBulkSeed, demoCommunes } from './seed-scale.ts';

const NOW = new Date('2026-11-16T09:00:00+07:00'); // a Monday
const communes = [...demoCommunes];

export async function benchSupervision(databaseUrl: string, count: number, runs: number, explain = false): Promise<string[]> {
  const system = await startSystem({ databaseUrl, queue: { kind: 'postgres', url: databaseUrl }, proceduresDir: 'procedures', seedDemo: true, port: 0, host: '127.0.0.1', outboxPollMs: 1000, logger: pino({ level: 'silent' }), http: false, workers: false, now: () => NOW });
  try {
    const db = system.db;
    const t0 = performance.now();
    await beginBulkSeed((sql) => db.raw(sql));
    // Dossier i: received i/count of the way through the year before NOW; closed unless i % 10 = 0.
    await db.raw(
      `INSERT INTO dossiers (id, receipt_code, procedure_code, procedure_version, state, status_code, snapshot, applicant, data, receiving_unit, competent_unit, current_unit,
                             received_at, due_at, closed_at, outcome, channel, paid_online, updated_at, version, event_seq)
       SELECT gen_random_uuid(), 'B-' || i, '1.001612', 2,
              CASE WHEN i % 10 = 0 THEN 'appraisal' ELSE 'returned' END, CASE WHEN i % 10 = 0 THEN 4 ELSE 10 END,
              '{"value":"appraisal","status":"active"}', '{"fullName":"Bench"}', '{}',
              u, u, u, r, r + interval '3 days' + (i % 7) * interval '1 hour',
              CASE WHEN i % 10 = 0 THEN NULL ELSE r + (i % 5) * interval '1 day' + interval '2 hours' END,
              CASE WHEN i % 10 = 0 THEN NULL ELSE 'approved' END,
              CASE WHEN i % 3 = 0 THEN 'online' ELSE 'desk' END, i % 6 = 0, r, 1, 10
       FROM (SELECT i, (ARRAY['hop-thinh','kinh-bac','tu-son','bac-giang'])[1 + i % 4] AS u,
                    CASE WHEN i % 10 = 0 THEN :now::timestamptz - (i % 1000) * interval '10 minutes'
                         ELSE :now::timestamptz - interval '365 days' + (i::float / :count) * interval '360 days' END AS r
             FROM generate_series(1, :count) AS i) s`,
      { count, now: NOW },
    );
    await db.raw(
      `INSERT INTO dossier_events (dossier_id, seq, type, actor_role, unit_id, at, to_state, status_code, payload, payload_hash, hash)
       SELECT d.id, k, CASE WHEN k = 9 THEN 'SIGN' ELSE 'NOTE' END, 'specialist', d.receiving_unit, d.received_at + k * interval '1 hour', d.state,
              CASE WHEN k = 9 AND d.closed_at IS NOT NULL THEN 9 WHEN k = 10 AND d.closed_at IS NOT NULL THEN 10 ELSE 4 END, '{}', 'x', 'x'
       FROM dossiers d CROSS JOIN generate_series(1, 10) AS k WHERE d.receipt_code LIKE 'B-%'`,
    );
    await db.raw(
      `INSERT INTO dossier_steps (dossier_id, state, unit_id, entered_at, left_at)
       SELECT d.id, v.state, d.receiving_unit, d.received_at + v.o * interval '1 day', CASE WHEN v.o = 2 THEN d.closed_at ELSE d.received_at + (v.o + 1) * interval '1 day' END
       FROM dossiers d CROSS JOIN (VALUES ('reception', 0), ('appraisal', 1), ('result-ready', 2)) AS v(state, o) WHERE d.receipt_code LIKE 'B-%'`,
    );
    await analyzeSeeded((sql) => db.raw(sql), ['dossiers', 'dossier_events', 'dossier_steps']);
    const seeded = (performance.now() - t0) / 1000;
    const filter = { units: null, unitFilter: null, procedure: null, state: null, levelUnits: null };
    const october = parsePeriod(system.calendar, '2026-10-01', '2026-11-01');
    // As the store runs it: without JIT.
    const plan = (sql: string) =>
      db.transaction(async (trx) => {
        await trx.raw('SET LOCAL jit = off');
        return ((await trx.raw(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`)) as { rows: Array<{ 'QUERY PLAN': string }> }).rows.map((r) => `    ${r['QUERY PLAN']}`);
      });
    const explained: string[] = [];
    // Before any summary exists every closed dossier is queued, so the live facts query reads them all: the old statistics query.
    if (explain) explained.push('  EXPLAIN ANALYZE, province month of statistics, before summaries (facts of every closed dossier of the month, as before 0010):', ...(await plan(statisticsFactsQuery(db, filter, october, { kind: 'queued' }).toQuery())));
    const t1 = performance.now();
    const summarised = await summariseClosedDossiers(system.ctx, october);
    const summarising = (performance.now() - t1) / 1000;

    const ctx = system.ctx;
    const province: Principal = { userId: '00000000-0000-0000-0000-000000000000', username: 'supervisor.bac-ninh', role: 'supervisor', unitId: 'bac-ninh', unitLevel: 'province' };
    const commune: Principal = { ...province, username: 'supervisor.hop-thinh', unitId: 'hop-thinh', unitLevel: 'commune' };
    const month = { from: '2026-10-01', to: '2026-11-01' };
    const lines = [
      `supervision (${fmt(count)} dossiers, ${fmt(count * 10)} events, ${fmt(count * 3)} step visits; seeded in ${fmt(seeded)} s; ${runs} runs each):`,
      `  summaries: October's ${fmt(summarised)} closed dossiers summarised once in ${fmt(summarising, 1)} s (the backfill, paid by the first read of a period)`,
    ];
    for (const [who, p, units] of [['province', province, communes], ['commune', commune, ['hop-thinh']]] as const) {
      const overdue = await time(runs, () => readWatchList(ctx, p, 'overdue', {}));
      const overdueBase = await time(runs, () => db('dossiers').whereNull('closed_at').where('watch_due_at', '<', NOW).where((w) => w.whereIn('current_unit', units).orWhereIn('receiving_unit', units)).count());
      const atRisk = await time(runs, () => readWatchList(ctx, p, 'at-risk', {}));
      const stats = await time(Math.max(3, Math.floor(runs / 5)), () => readStatistics(ctx, p, month));
      const statsBase = await time(Math.max(3, Math.floor(runs / 5)), () => db('dossiers').where('received_at', '<', new Date('2026-10-31T17:00:00Z')).where((w) => w.whereNull('closed_at').orWhere('closed_at', '>=', new Date('2026-09-30T17:00:00Z'))).whereIn('receiving_unit', units).count());
      lines.push(
        `  ${who}: overdue list p50 ${fmt(overdue.p50, 1)} ms, p95 ${fmt(overdue.p95, 1)} ms · at-risk list p50 ${fmt(atRisk.p50, 1)} ms, p95 ${fmt(atRisk.p95, 1)} ms · baseline count(*) of overdue p50 ${fmt(overdueBase.p50, 1)} ms`,
        `  ${who}: month of statistics p50 ${fmt(stats.p50, 1)} ms, p95 ${fmt(stats.p95, 1)} ms · baseline count(*) of the month's rows p50 ${fmt(statsBase.p50, 1)} ms`,
      );
    }
    if (explain) {
      const t = october.to;
      const clock = createWorkingClock(system.calendar);
      const tally = summaryTallyQueries(db, filter, { from: october.from, to: october.to, t, fromPosition: clock.position(october.from), tPosition: clock.position(t) }, null);
      lines.push(
        ...explained,
        '  EXPLAIN ANALYZE, province month of statistics, after: counts over the summaries:', ...(await plan(tally.counts.toQuery())),
        '  after: processing-time histogram:', ...(await plan(tally.days.toQuery())),
        '  after: time per state and unit:', ...(await plan(tally.visits.toQuery())),
        '  after: live facts of open dossiers:', ...(await plan(statisticsFactsQuery(db, filter, october, { kind: 'open' }).toQuery())),
        '  after: live facts of closed dossiers not summarised yet:', ...(await plan(statisticsFactsQuery(db, filter, october, { kind: 'queued' }).toQuery())),
        '  EXPLAIN ANALYZE, province at-risk list:', ...(await plan(watchedDossiersQuery(db, filter, { kind: 'at-risk', now: NOW, until: addWorkingHours(system.calendar, NOW, 8), after: null, limit: 51 }).toQuery())),
      );
    }
    return lines;
  } finally {
    await system.stop();
  }
}
