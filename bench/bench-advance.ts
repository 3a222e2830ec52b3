// Advancing dossiers through the HTTP API on PostgreSQL, beside the same write
// pattern as plain SQL transactions (SELECT … FOR UPDATE the dossier, UPDATE it,
// INSERT the event, INSERT an outbox row) at the same concurrency, same database.
import pg from 'pg';
import { pino } from 'pino';
import { startSystem } from '../server/start-system.ts';
import { ApiClient } from '../test/api-client.ts';
import { birthRegistration } from '../test/birth-registration.ts';
import { fmt, percentile, rate } from './measure.ts';

export async function benchAdvance(databaseUrl: string, seconds: number, concurrency: number): Promise<string[]> {
  const system = await startSystem({ databaseUrl, queue: { kind: 'postgres', url: databaseUrl }, proceduresDir: 'procedures', seedDemo: true, port: 0, host: '127.0.0.1', outboxPollMs: 1000, logger: pino({ level: 'silent' }), workers: process.env.BENCH_NO_WORKERS !== '1' });
  try {
    const receiver = await ApiClient.login(system.url, 'receiver.hop-thinh');
    const specialist = await ApiClient.login(system.url, 'specialist.hop-thinh');
    const leader = await ApiClient.login(system.url, 'leader.hop-thinh');
    const ids: string[] = [];
    for (let i = 0; i < concurrency; i++) {
      const created = await receiver.post('/v1/dossiers', birthRegistration());
      await receiver.post(`/v1/dossiers/${created.body.id}/events`, { type: 'ACCEPT' });
      ids.push(created.body.id);
    }
    // Each lane moves its own dossier back and forth between processing and signature.
    const turn = new Map(ids.map((id) => [id, 0]));
    const api = await rate(
      'api',
      seconds,
      async (lane) => {
        const id = ids[lane]!;
        const n = turn.get(id)!;
        turn.set(id, n + 1);
        const res = n % 2 === 0 ? await specialist.post(`/v1/dossiers/${id}/events`, { type: 'PROPOSE_APPROVAL' }) : await leader.post(`/v1/dossiers/${id}/events`, { type: 'RETURN_FOR_REVIEW', data: { reason: 'bench' } });
        if (res.status !== 200) throw new Error(`advance failed: ${res.status} ${JSON.stringify(res.body)}`);
      },
      concurrency,
    );

    const pool = new pg.Pool({ connectionString: databaseUrl, max: concurrency });
    await pool.query(`
      CREATE TABLE bench_dossiers (id uuid PRIMARY KEY, version int NOT NULL, state text NOT NULL, snapshot jsonb NOT NULL, updated_at timestamptz NOT NULL);
      CREATE TABLE bench_events (id bigserial PRIMARY KEY, dossier_id uuid NOT NULL REFERENCES bench_dossiers(id), seq int NOT NULL, type text NOT NULL, payload jsonb NOT NULL, hash text NOT NULL, UNIQUE (dossier_id, seq));
      CREATE TABLE bench_outbox (id bigserial PRIMARY KEY, dossier_id uuid NOT NULL, topic text NOT NULL, payload jsonb NOT NULL, created_at timestamptz NOT NULL);
      INSERT INTO bench_dossiers SELECT gen_random_uuid(), 1, 'processing', '{"value":"processing"}', now() FROM generate_series(1, ${concurrency});`);
    const plainIds = (await pool.query<{ id: string }>('SELECT id FROM bench_dossiers')).rows.map((r) => r.id);
    const sql = await rate(
      'sql',
      seconds,
      async (lane) => {
        const id = plainIds[lane]!;
        const client = await pool.connect();
        try {
          await client.query('BEGIN');
          const { rows } = await client.query<{ version: number; state: string }>('SELECT version, state FROM bench_dossiers WHERE id = $1 FOR UPDATE', [id]);
          const next = rows[0]!.state === 'processing' ? 'signature' : 'processing';
          await client.query('UPDATE bench_dossiers SET state = $2, snapshot = $3, version = version + 1, updated_at = now() WHERE id = $1', [id, next, JSON.stringify({ value: next })]);
          await client.query('INSERT INTO bench_events (dossier_id, seq, type, payload, hash) VALUES ($1, $2, $3, $4, $5)', [id, rows[0]!.version + 1, 'MOVE', JSON.stringify({ to: next }), 'h']);
          await client.query('INSERT INTO bench_outbox (dossier_id, topic, payload, created_at) VALUES ($1, $2, $3, now())', [id, 'notify', JSON.stringify({ to: next })]);
          await client.query('COMMIT');
        } finally {
          client.release();
        }
      },
      concurrency,
    );
    await pool.end();
    return [
      `advance via HTTP API: ${fmt(api.perSecond)} /s (p50 ${fmt(percentile(api.latencies, 50), 1)} ms, p99 ${fmt(percentile(api.latencies, 99), 1)} ms) · plain SQL transactions: ${fmt(sql.perSecond)} /s (p50 ${fmt(percentile(sql.latencies, 50), 1)} ms, p99 ${fmt(percentile(sql.latencies, 99), 1)} ms) · ratio ${fmt(api.perSecond / sql.perSecond, 2)} · concurrency ${concurrency}`,
    ];
  } finally {
    await system.stop();
  }
}
