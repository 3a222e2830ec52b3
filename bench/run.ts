// `npm run bench`: every benchmark, each beside a baseline measured in the same
// run on the same machine; prints a table and writes bench/results/latest.json.
// Uses BENCH_DATABASE_URL (a server where it may create and drop a database),
// else PostgreSQL on 127.0.0.1:5432 if it answers, else an embedded server.
// Settings (README "Benchmarks"): BENCH_ONLY, BENCH_SECONDS, BENCH_CONNECTIONS,
// BENCH_DEADLINES, BENCH_DEADLINE_BURST, BENCH_HANDOFFS,
// BENCH_SUPERVISION_DOSSIERS, BENCH_SUPERVISION_RUNS, BENCH_PAGE_DOSSIERS,
// BENCH_PAGE_LOADS, BENCH_PAGE_WORKLIST_RUNS, BENCH_REDIS_URL.
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { Redis } from 'ioredis';
import { startEmbeddedPostgres } from '../server/start-embedded-postgres.ts';
import { databaseUrl } from '../test/database-url.ts';
import type { QueueBackendConfig } from '../workers/queue-backend.ts';
import { benchHttpAdvance } from './bench-http-advance.ts';
import { sqlFloorStatements } from './sql-floor.ts';
import { benchStep } from './bench-step.ts';
import { benchDeadlines } from './bench-deadlines.ts';
import { benchHandoffs } from './bench-handoffs.ts';
import { benchCatalogue } from './bench-catalogue.ts';
import { benchLogins } from './bench-logins.ts';
import { benchSupervision } from './bench-supervision.ts';
import { benchPages, pageTargetMs } from './bench-pages.ts';
import { fmt } from './measure.ts';
import { printTable, type Row } from './print-table.ts';

const suites = ['step', 'catalogue', 'advance', 'logins', 'handoffs', 'deadlines', 'supervision', 'pages'] as const;
type Suite = (typeof suites)[number];

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 16);
const spreadCount = Number(process.env.BENCH_DEADLINES ?? 100_000);
const burstCount = Number(process.env.BENCH_DEADLINE_BURST ?? 100_000);

function selected(): Set<Suite> {
  const only = process.env.BENCH_ONLY?.split(',').map((s) => s.trim()).filter(Boolean);
  if (!only) return new Set(suites);
  const unknown = only.filter((s) => !(suites as readonly string[]).includes(s));
  if (unknown.length) throw new Error(`BENCH_ONLY names ${unknown.join(', ')}; the suites are ${suites.join(', ')}`);
  return new Set(only as Suite[]);
}

async function serverUrl(): Promise<{ url: string; stop: () => Promise<void> }> {
  if (process.env.BENCH_DATABASE_URL) return { url: process.env.BENCH_DATABASE_URL, stop: async () => {} };
  const local = 'postgres://postgres@127.0.0.1:5432/postgres';
  try {
    const c = new pg.Client({ connectionString: local });
    await c.connect();
    await c.end();
    return { url: local, stop: async () => {} };
  } catch {
    const dir = await mkdtemp(join(tmpdir(), 'motcua-bench-'));
    const server = await startEmbeddedPostgres({ dataDir: dir, port: null, database: 'postgres', log: () => {} });
    return { url: server.url, stop: async () => { await server.stop(); await rm(dir, { recursive: true, force: true }); } };
  }
}

async function withDatabase<T>(server: string, body: (url: string) => Promise<T>): Promise<T> {
  const name = `motcua_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  try {
    return await body(databaseUrl(server, name));
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

async function answers(redisUrl: string): Promise<boolean> {
  const client = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  try {
    await client.connect();
    await client.ping();
    return true;
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

const say = (line: string) => process.stdout.write(`${line}\n`);

async function main(): Promise<void> {
  const run = selected();
  const report: Record<string, unknown> = {
    machine: { cpus: cpus().length, memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version, platform: process.platform },
    at: new Date().toISOString(),
    settings: { suites: [...run], seconds, connections, deadlinesSpread: spreadCount, deadlinesBurst: burstCount },
  };
  const other: Record<string, string[]> = {};
  report.other = other;
  const rows: Row[] = [];
  const notes: string[] = [];
  say(`motcua benchmarks: ${[...run].join(', ')} (${seconds} s per load; ${cpus().length} cores) — ratios against a baseline from this run\n`);

  if (run.has('step')) {
    const s = benchStep(seconds);
    report.step = { perSecond: s.stepPerSecond, xstatePerSecond: s.xstatePerSecond, ratio: s.ratio, bareXstatePerSecond: s.bareXstatePerSecond, bareRatio: s.bareRatio };
    rows.push({ measure: 'step(), snapshot through JSON', value: `${fmt(s.stepPerSecond)}/s`, baseline: `hand-written XState ${fmt(s.xstatePerSecond)}/s`, ratio: s.ratio, target: '≥ 0.8', met: s.ratio >= 0.8 });
    notes.push(`step() against bare XState (same states and events, no guards, no actions): ${fmt(s.bareXstatePerSecond)}/s, ratio ${fmt(s.bareRatio, 2)}`);
  }
  if (run.has('catalogue')) other.catalogue = await benchCatalogue(seconds);

  const server = await serverUrl();
  try {
    if (run.has('advance')) {
      const a = await withDatabase(server.url, (url) => benchHttpAdvance(url, { seconds, connections }));
      const w = a.withDeadlines;
      const floor = a.sqlFloor;
      const cost = 1 - w.perSecond / a.withoutDeadlines.perSecond;
      report.advance = {
        httpPerSecond: w.perSecond, p50Ms: w.p50Ms, p99Ms: w.p99Ms, failed: w.failed, connections,
        sqlFloorPerSecond: floor?.perSecond ?? null, sqlFloorMeanMs: floor?.meanMs ?? null, ratio: floor ? w.perSecond / floor.perSecond : null,
        withoutDeadlinesPerSecond: a.withoutDeadlines.perSecond, withoutDeadlinesP99Ms: a.withoutDeadlines.p99Ms, deadlineCost: cost,
        apiCpuUsPerAdvance: w.cpu.apiUs, workerCpuUsPerAdvance: w.cpu.workerUs, roundTrips: a.roundTrips,
      };
      report.rss = a.rss;
      if (floor) rows.push({ measure: `HTTP advance, ${connections} connections`, value: `${fmt(w.perSecond)}/s`, baseline: `pgbench ${fmt(floor.perSecond)}/s`, ratio: w.perSecond / floor.perSecond, target: '≥ 0.5', met: w.perSecond / floor.perSecond >= 0.5 });
      else notes.push('SQL floor skipped: pgbench is not on PATH (it ships with the PostgreSQL client tools: apt install postgresql-client, brew install libpq)');
      rows.push({ measure: 'HTTP advance latency', value: `p50 ${fmt(w.p50Ms)} ms, p99 ${fmt(w.p99Ms)} ms`, baseline: floor ? `pgbench mean ${fmt(floor.meanMs, 1)} ms` : '—', ratio: null, target: 'p99 < 100 ms', met: w.p99Ms < 100 });
      // Stable where throughput is not: CPU time per request does not move with what else runs on the machine.
      rows.push({ measure: 'CPU time per advance', value: `API ${fmt(w.cpu.apiUs ?? NaN)} µs`, baseline: `worker ${fmt(w.cpu.workerUs ?? NaN)} µs`, ratio: null, target: '—', met: null });
      rows.push({ measure: 'round trips per advance', value: `${a.roundTrips} statements`, baseline: `pgbench ${sqlFloorStatements} statements`, ratio: null, target: '—', met: null });
      rows.push({ measure: 'deadline scheduling cost', value: `${fmt(w.perSecond)}/s with`, baseline: `${fmt(a.withoutDeadlines.perSecond)}/s without`, ratio: w.perSecond / a.withoutDeadlines.perSecond, target: 'cost ≤ 15%', met: cost <= 0.15 });
      rows.push({ measure: 'peak RSS under load', value: `API ${fmt(a.rss.apiMb ?? NaN)} MB`, baseline: `worker ${fmt(a.rss.workerMb ?? NaN)} MB`, ratio: null, target: 'API ≤ 300 MB', met: a.rss.apiMb !== null && a.rss.apiMb <= 300 });
      if (w.failed) notes.push(`${w.failed} advance requests failed (non-2xx or errors)`);
    }
    if (run.has('logins')) other.logins = await withDatabase(server.url, (url) => benchLogins(url, seconds));

    const redisUrl = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
    const backends: QueueBackendConfig[] = [{ kind: 'postgres', url: '' }];
    if (await answers(redisUrl)) backends.push({ kind: 'redis', url: redisUrl });
    else notes.push(`redis backend skipped: no Redis at ${redisUrl} (set BENCH_REDIS_URL)`);
    const withBackend = (b: QueueBackendConfig, url: string): QueueBackendConfig => (b.kind === 'postgres' ? { kind: 'postgres', url } : { kind: 'redis', url: b.url, prefix: `bench-${randomBytes(3).toString('hex')}` });

    if (run.has('handoffs')) {
      const lines: string[] = [];
      for (const b of backends) lines.push(...(await withDatabase(server.url, (url) => benchHandoffs(url, withBackend(b, url), Number(process.env.BENCH_HANDOFFS ?? 5_000)))));
      other.handoffs = lines;
    }
    if (run.has('deadlines')) {
      const deadlines: Record<string, unknown> = {};
      for (const b of backends) {
        const burst = await withDatabase(server.url, (url) => benchDeadlines(url, withBackend(b, url), burstCount, 'burst'));
        // Each figure as soon as it is measured: at full counts a backend takes tens of minutes.
        say(`deadlines (${b.kind}): burst of ${burstCount} recorded in ${fmt(burst.motcua.seconds, 1)} s (raw BullMQ ${fmt(burst.rawBullmq.seconds, 1)} s); scheduled ${fmt(burst.scheduledPerSecond)}/s`);
        const spread = await withDatabase(server.url, (url) => benchDeadlines(url, withBackend(b, url), spreadCount, 'spread'));
        say(`deadlines (${b.kind}): ${spreadCount} spread, lag p50 ${fmt(spread.motcua.lagP50Ms)} ms, p99 ${fmt(spread.motcua.lagP99Ms)} ms (raw BullMQ p50 ${fmt(spread.rawBullmq.lagP50Ms)} ms, p99 ${fmt(spread.rawBullmq.lagP99Ms)} ms)`);
        deadlines[b.kind] = {
          burstCount, burstSeconds: burst.motcua.seconds, burstPerSecond: burst.motcua.perSecond, rawBurstSeconds: burst.rawBullmq.seconds,
          spreadCount, lagP50Ms: spread.motcua.lagP50Ms, lagP99Ms: spread.motcua.lagP99Ms, rawLagP50Ms: spread.rawBullmq.lagP50Ms, rawLagP99Ms: spread.rawBullmq.lagP99Ms,
          scheduledPerSecond: spread.scheduledPerSecond,
        };
        rows.push({ measure: `${fmt(burstCount)} deadlines due at once (${b.kind})`, value: `all recorded in ${fmt(burst.motcua.seconds, 1)} s`, baseline: `raw BullMQ ${fmt(burst.rawBullmq.seconds, 1)} s`, ratio: burst.rawBullmq.seconds / burst.motcua.seconds, target: '≤ 60 s', met: burst.motcua.seconds <= 60 });
        rows.push({ measure: `lag, ${fmt(spreadCount)} pending (${b.kind})`, value: `p50 ${fmt(spread.motcua.lagP50Ms)} ms, p99 ${fmt(spread.motcua.lagP99Ms)} ms`, baseline: `raw BullMQ p99 ${fmt(spread.rawBullmq.lagP99Ms)} ms`, ratio: null, target: 'p99 ≤ 1,000 ms', met: spread.motcua.lagP99Ms <= 1000 });
      }
      report.deadlines = deadlines;
    }
    if (run.has('supervision')) {
      const dossiers = Number(process.env.BENCH_SUPERVISION_DOSSIERS ?? 1_000_000);
      other.supervision = await withDatabase(server.url, (url) => benchSupervision(url, dossiers, Number(process.env.BENCH_SUPERVISION_RUNS ?? 50)));
    }
    if (run.has('pages')) {
      const p = await withDatabase(server.url, (url) =>
        benchPages(url, { dossiers: Number(process.env.BENCH_PAGE_DOSSIERS ?? 100_000), loads: Number(process.env.BENCH_PAGE_LOADS ?? 200), worklistRuns: Number(process.env.BENCH_PAGE_WORKLIST_RUNS ?? 50) }),
      );
      report.pages = {
        dossiers: p.seed.dossiers, openDossiers: p.seed.open, loads: p.loads, worklistRuns: p.worklistRuns,
        worklistP50Ms: p.worklistAll.p50Ms, worklistP95Ms: p.worklistAll.p95Ms, dossierP50Ms: p.dossierAll.p50Ms, dossierP95Ms: p.dossierAll.p95Ms,
        baselineP50Ms: p.baseline.p50Ms, baselineP95Ms: p.baseline.p95Ms, targetMs: pageTargetMs,
        worklist: p.worklist, dossier: p.dossier, chainsVerified: p.chainsVerified,
      };
      const baseline = `pg primary-key row p50 ${fmt(p.baseline.p50Ms, 2)} ms`;
      const slowestWorklistP95 = Math.max(...Object.values(p.worklist).flatMap((v) => Object.values(v).map((x) => x.p95Ms)));
      rows.push({ measure: `worklist page, ${fmt(p.seed.dossiers)} dossiers`, value: `p50 ${fmt(p.worklistAll.p50Ms)} ms, p95 ${fmt(p.worklistAll.p95Ms)} ms`, baseline, ratio: null, target: `< ${pageTargetMs} ms`, met: p.worklistAll.p95Ms < pageTargetMs });
      rows.push({ measure: 'worklist, slowest variant (q=, procedure)', value: `p95 ${fmt(slowestWorklistP95)} ms`, baseline, ratio: null, target: `< ${pageTargetMs} ms`, met: slowestWorklistP95 < pageTargetMs });
      rows.push({ measure: `dossier page, ${fmt(p.seed.dossiers)} dossiers`, value: `p50 ${fmt(p.dossierAll.p50Ms)} ms, p95 ${fmt(p.dossierAll.p95Ms)} ms`, baseline, ratio: null, target: `< ${pageTargetMs} ms`, met: p.dossierAll.p95Ms < pageTargetMs });
      other.pages = p.lines;
    }
  } finally {
    await server.stop();
  }

  say('');
  for (const line of printTable(rows)) say(line);
  for (const [name, lines] of Object.entries(other)) for (const line of lines) say(`${name}: ${line}`);
  for (const note of notes) say(`note: ${note}`);
  report.notes = notes;
  await mkdir('bench/results', { recursive: true });
  await writeFile('bench/results/latest.json', `${JSON.stringify(report, null, 2)}\n`);
  say('\nwritten: bench/results/latest.json');
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
