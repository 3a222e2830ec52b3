// Counts the SQL statements one HTTP advance sends (`node --import tsx
// bench/count-round-trips.ts`): what the hot path costs in round trips, with
// EXPLAIN (ANALYZE, BUFFERS) of each raw statement, run first in a
// transaction that is rolled back. Uses BENCH_DATABASE_URL or PostgreSQL on
// 127.0.0.1:5432.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { pino } from 'pino';
import { startSystem } from '../server/start-system.ts';
import { ApiClient } from '../test/api-client.ts';
import { databaseUrl } from '../test/database-url.ts';
import { publishTestProcedure } from '../test/publish-test-procedure.ts';

const server = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const name = `motcua_trips_${randomBytes(4).toString('hex')}`;
const admin = new pg.Client({ connectionString: server });
await admin.connect();
await admin.query(`CREATE DATABASE ${name}`);
try {
  const url = databaseUrl(server, name);
  const system = await startSystem({ databaseUrl: url, queue: { kind: 'postgres', url }, proceduresDir: 'procedures', seedDemo: true, port: 0, host: '127.0.0.1', outboxPollMs: 60_000, logger: pino({ level: 'silent' }), workers: false });
  try {
    await publishTestProcedure(system.db, 'bench/fixtures/advance-bench.yaml');
    const receiver = await ApiClient.login(system.url, 'receiver.hop-thinh');
    const specialist = await ApiClient.login(system.url, 'specialist.hop-thinh');
    const created = await receiver.post('/v1/dossiers', { procedureCode: 'B.ADVANCE', applicant: { fullName: 'Bench', idNumber: '027090001234' }, data: {} });
    await receiver.post(`/v1/dossiers/${created.body.id}/events`, { type: 'ACCEPT' });
    await specialist.get('/v1/me');
    // Every statement any connection sends (knex's and named ones), and a plan of each write, explained
    // first on a separate connection in a transaction that is rolled back.
    const statements: string[] = [];
    const plans: string[] = [];
    const send = pg.Client.prototype.query as (this: pg.Client, ...args: unknown[]) => unknown;
    let explaining = false;
    (pg.Client.prototype as unknown as { query: unknown }).query = function (this: pg.Client, ...args: unknown[]) {
      const config = args[0] as string | { text: string; values?: unknown[] };
      const text = typeof config === 'string' ? config : config.text;
      if (explaining) return send.apply(this, args);
      statements.push(text.replace(/\s+/g, ' ').trim().slice(0, 110));
      if (!/^\s*WITH d AS/.test(text)) return send.apply(this, args);
      const values = typeof config === 'string' ? (args[1] as unknown[]) : config.values;
      return (async () => {
        explaining = true;
        const other = new pg.Client({ connectionString: url });
        await other.connect();
        await other.query('BEGIN');
        const plan = await other.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${text}`, values);
        plans.push(plan.rows.map((r) => r['QUERY PLAN']).join('\n'));
        await other.query('ROLLBACK');
        await other.end();
        explaining = false;
        return send.apply(this, args);
      })();
    };
    const res = await specialist.post(`/v1/dossiers/${created.body.id}/events`, { type: 'PROPOSE_APPROVAL' });
    (pg.Client.prototype as unknown as { query: unknown }).query = send;
    process.stdout.write(`advance answered ${res.status} after ${statements.length} statements:\n${statements.map((s) => `  ${s}`).join('\n')}\n\n${plans.join('\n\n')}\n`);
  } finally {
    await system.stop();
  }
} finally {
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
}
