// Deadlines scheduled and fired at volume, in two shapes:
// - burst: N open steps all due at one instant (a province's same-day steps
//   fall due at the close of the working day) — time from that instant until
//   every passing is recorded;
// - spread: N open steps due over a window — firing lag p50/p99 (recorded
//   time − due time).
// The steps and their deadline outbox rows are written in bulk as committed
// transitions would leave them; the relay schedules them as delayed BullMQ
// jobs and the deadline worker records each passing. Beside each: raw BullMQ
// running the same number of delayed no-op jobs with the same due times on the
// same backend.
import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { Queue, Worker, createPostgresBackend } from 'bullmq';
import { Redis } from 'ioredis';
import { startSystem } from '../server/start-system.ts';
import { publishTestProcedure } from '../test/publish-test-procedure.ts';
import type { QueueBackendConfig } from '../workers/queue-backend.ts';
import { percentile } from './measure.ts';

export type DeadlineShape = 'burst' | 'spread';

export interface FiringFigures { seconds: number; lagP50Ms: number; lagP99Ms: number; perSecond: number }

export interface DeadlineFigures { count: number; scheduledPerSecond: number; motcua: FiringFigures; rawBullmq: FiringFigures }

const leadMs = Number(process.env.BENCH_DEADLINE_LEAD_MS ?? 60_000); // the first due time, after the start
const windowMs = 60_000; // spread: due times over this window

function dueAtOf(shape: DeadlineShape, start: number, count: number): (i: number) => number {
  return shape === 'burst' ? () => start + leadMs : (i) => start + leadMs + Math.floor((i * windowMs) / count);
}

export async function benchDeadlines(databaseUrl: string, backend: QueueBackendConfig, count: number, shape: DeadlineShape): Promise<DeadlineFigures> {
  const setup = await startSystem({ databaseUrl, queue: backend, proceduresDir: 'procedures', seedDemo: true, port: 0, host: '127.0.0.1', outboxPollMs: 200, logger: pino({ level: 'silent' }), http: false, workers: false });
  await publishTestProcedure(setup.db, 'bench/fixtures/deadline-bench.yaml');
  await setup.stop();

  const start = Date.now();
  const burstAt = start + leadMs;
  const system = await startSystem({ databaseUrl, queue: backend, proceduresDir: 'procedures', seedDemo: true, port: 0, host: '127.0.0.1', outboxPollMs: 200, logger: pino({ level: 'silent' }), http: false, workers: true, reconcileEveryMs: 3_600_000 });
  try {
    // Dossiers, their open step and the deadline outbox rows, written in bulk as committed transitions would leave them.
    await system.db.raw(
      `WITH d AS (
         INSERT INTO dossiers (id, receipt_code, procedure_code, procedure_version, state, status_code, snapshot, applicant, data, receiving_unit, competent_unit, current_unit, received_at, updated_at, version, event_seq)
         SELECT gen_random_uuid(), 'BENCH-' || i, 'B.DEADLINE', 1, 'review', 4, '{"value":"review","status":"active","context":{},"children":{},"historyValue":{}}',
                '{"fullName":"Bench","idNumber":"027090001234"}', '{}', 'hop-thinh', 'hop-thinh', 'hop-thinh', now(), now(), 1, 0
         FROM generate_series(1, ?) AS i
         RETURNING id, receipt_code),
       s AS (
         INSERT INTO dossier_steps (dossier_id, state, unit_id, entered_at, due_at)
         SELECT id, 'review', 'hop-thinh', now(), to_timestamp((? + (substr(receipt_code, 7)::bigint % ?) * ? / ?) / 1000.0)
         FROM d RETURNING id, dossier_id, due_at)
       INSERT INTO outbox (dossier_id, topic, payload, created_at)
       SELECT dossier_id, 'deadline', jsonb_build_object('kind', 'step', 'stepId', id, 'state', 'review', 'dueAt', to_char(due_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')), now() FROM s`,
      [count, start + leadMs, count, shape === 'burst' ? 0 : windowMs, count],
    );
    const t0 = Date.now();
    system.relay.notify();
    for (;;) {
      const pending = Number((await system.db('outbox').whereNull('relayed_at').where('topic', 'deadline').count<{ n: string }>({ n: '*' }).first())?.n);
      if (pending === 0) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const scheduledPerSecond = count / ((Date.now() - t0) / 1000);
    for (;;) {
      const fired = Number((await system.db('dossier_steps').whereNotNull('overdue_marked_at').count<{ n: string }>({ n: '*' }).first())?.n);
      if (fired >= count) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    const lags = (await system.db.raw<{ rows: Array<{ lag: number }> }>(`SELECT EXTRACT(EPOCH FROM (overdue_marked_at - due_at)) * 1000 AS lag FROM dossier_steps WHERE overdue_marked_at IS NOT NULL`)).rows.map((r) => Number(r.lag));
    const last = (await system.db.raw<{ rows: Array<{ ms: number }> }>(`SELECT EXTRACT(EPOCH FROM max(overdue_marked_at)) * 1000 AS ms FROM dossier_steps`)).rows[0]!.ms;
    const from = shape === 'burst' ? burstAt : start + leadMs;
    const seconds = (Number(last) - from) / 1000;
    const motcua = { seconds, lagP50Ms: percentile(lags, 50), lagP99Ms: percentile(lags, 99), perSecond: count / seconds };
    await system.stop();
    const rawBullmq = await rawDelayedJobs(databaseUrl, backend, count, shape);
    return { count, scheduledPerSecond, motcua, rawBullmq };
  } finally {
    await system.stop();
  }
}

/** The baseline: the same number of delayed jobs with the same due times, a processor that only notes the time. */
async function rawDelayedJobs(databaseUrl: string, backend: QueueBackendConfig, count: number, shape: DeadlineShape): Promise<FiringFigures> {
  const name = `bench-raw-${randomUUID().slice(0, 8)}`;
  const pg = { connectionString: databaseUrl, max: 4 };
  const redis = () => new Redis((backend as { url: string }).url, { maxRetriesPerRequest: null });
  const queue = backend.kind === 'postgres' ? (new Queue(name, { connection: pg }, createPostgresBackend) as unknown as Queue) : new Queue(name, { connection: redis(), prefix: `{${name}}` });
  const lags: number[] = [];
  let last = 0;
  const start = Date.now();
  const dueAt = dueAtOf(shape, start, count);
  const jobs = Array.from({ length: count }, (_, i) => ({ name: 'due', data: { dueAt: dueAt(i) }, opts: { jobId: `raw-${i}`, removeOnComplete: true } }));
  for (let i = 0; i < jobs.length; i += 1000) await queue.addBulk(jobs.slice(i, i + 1000).map((j) => ({ ...j, opts: { ...j.opts, delay: Math.max(0, j.data.dueAt - Date.now()) } })));
  const processor = async (job: { data: { dueAt: number } }) => {
    last = Date.now();
    lags.push(last - job.data.dueAt);
  };
  const worker = backend.kind === 'postgres' ? (new Worker(name, processor, { connection: pg, concurrency: 8 }, createPostgresBackend) as unknown as Worker) : new Worker(name, processor, { connection: redis(), prefix: `{${name}}`, concurrency: 8 });
  while (lags.length < count) await new Promise((r) => setTimeout(r, 500));
  await worker.close();
  await queue.obliterate({ force: true });
  await queue.close();
  const seconds = (last - (start + leadMs)) / 1000;
  return { seconds, lagP50Ms: percentile(lags, 50), lagP99Ms: percentile(lags, 99), perSecond: count / seconds };
}
