// Handoffs through the worker: N land-use certificate dossiers waiting in their
// transfer state, their handoff outbox rows committed; the relay enqueues them
// and the handoff worker delivers each (HANDOFF_DELIVERED, current unit moves
// to the Land Registration Office). Beside it, raw BullMQ moving the same
// number of no-op jobs through a worker of the same concurrency and backend.
import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { Queue, Worker, createPostgresBackend } from 'bullmq';
import { Redis } from 'ioredis';
import { startSystem } from '../server/start-system.ts';
import type { QueueBackendConfig } from '../workers/queue-backend.ts';
import { fmt } from './measure.ts';

export async function benchHandoffs(databaseUrl: string, backend: QueueBackendConfig, count: number): Promise<string[]> {
  const base = { databaseUrl, queue: backend, proceduresDir: 'procedures', seedDemo: true, port: 0, host: '127.0.0.1', outboxPollMs: 100, logger: pino({ level: 'silent' }), http: false } as const;
  const setup = await startSystem({ ...base, workers: false });
  await setup.db.raw(
    `WITH d AS (
       INSERT INTO dossiers (id, receipt_code, procedure_code, procedure_version, state, status_code, snapshot, applicant, data, receiving_unit, competent_unit, current_unit, received_at, updated_at, version, event_seq)
       SELECT gen_random_uuid(), 'HANDOFF-' || i, '1.012753', 1, 'transfer', 2, '{"value":"transfer","status":"active","context":{},"children":{},"historyValue":{}}',
              '{"fullName":"Bench","idNumber":"027090001234"}', '{"applicant":{"fullName":"Bench","idNumber":"027090001234"},"parcel":{"commune":"hop-thinh","sheet":1,"number":1,"areaM2":100,"disputed":false}}',
              'hop-thinh', 'vpdk-dat-dai', 'hop-thinh', now(), now(), 2, 0
       FROM generate_series(1, ?) AS i RETURNING id),
     s AS (INSERT INTO dossier_steps (dossier_id, state, unit_id, entered_at) SELECT id, 'transfer', 'hop-thinh', now() FROM d RETURNING id, dossier_id)
     INSERT INTO outbox (dossier_id, topic, payload, created_at)
     SELECT dossier_id, 'handoff', jsonb_build_object('state', 'transfer', 'from', 'hop-thinh', 'to', jsonb_build_object('unit', 'vpdk-dat-dai'), 'stepId', id), now() FROM s`,
    [count],
  );
  await setup.stop();

  const t0 = Date.now();
  const system = await startSystem({ ...base, workers: true, reconcileEveryMs: 3_600_000 });
  try {
    for (;;) {
      const left = Number((await system.db('dossiers').where({ procedure_code: '1.012753', state: 'transfer' }).count<{ n: string }>({ n: '*' }).first())?.n);
      if (left === 0) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const perSecond = count / ((Date.now() - t0) / 1000);
    const raw = await rawBullmq(databaseUrl, backend, count);
    return [`handoffs (${backend.kind}, ${fmt(count)}): ${fmt(perSecond)}/s delivered through relay and worker · raw BullMQ no-op jobs added and processed: ${fmt(raw)}/s · ratio ${fmt(perSecond / raw, 2)}`];
  } finally {
    await system.stop();
  }
}

async function rawBullmq(databaseUrl: string, backend: QueueBackendConfig, count: number): Promise<number> {
  const name = `bench-handoff-${randomUUID().slice(0, 8)}`;
  const pg = { connectionString: databaseUrl, max: 2 };
  const redis = () => new Redis((backend as { url: string }).url, { maxRetriesPerRequest: null });
  const queue = backend.kind === 'postgres' ? (new Queue(name, { connection: pg }, createPostgresBackend) as unknown as Queue) : new Queue(name, { connection: redis(), prefix: `{${name}}` });
  let done = 0;
  const t0 = Date.now();
  const worker = backend.kind === 'postgres' ? (new Worker(name, async () => void done++, { connection: pg, concurrency: 8 }, createPostgresBackend) as unknown as Worker) : new Worker(name, async () => void done++, { connection: redis(), prefix: `{${name}}`, concurrency: 8 });
  for (let i = 0; i < count; i += 200) await queue.addBulk(Array.from({ length: Math.min(200, count - i) }, (_, k) => ({ name: 'handoff', data: { n: i + k }, opts: { jobId: `h-${i + k}`, removeOnComplete: true } })));
  while (done < count) await new Promise((r) => setTimeout(r, 100));
  const perSecond = count / ((Date.now() - t0) / 1000);
  await worker.close();
  await queue.obliterate({ force: true });
  await queue.close();
  return perSecond;
}
