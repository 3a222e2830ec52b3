// Counts the SQL statements one HTTP advance sends (`node --import tsx
// bench/count-round-trips.ts`): what the hot path costs in round trips, with
// EXPLAIN (ANALYZE, BUFFERS) of each transition write, run first in a
// transaction that is rolled back. Uses BENCH_DATABASE_URL or PostgreSQL on
// 127.0.0.1:5432. `npm run bench` reports the same count (advance.roundTrips).
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { pino } from 'pino';
import { startSystem } from '../server/start-system.ts';
import { databaseUrl } from '../test/database-url.ts';
import { publishTestProcedure } from '../test/publish-test-procedure.ts';
import { countAdvanceRoundTrips } from './advance-round-trips.ts';

const server = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const name = `motcua_trips_${randomBytes(4).toString('hex')}`;
const admin = new pg.Client({ connectionString: server });
await admin.connect();
await admin.query(`CREATE DATABASE ${name}`);
try {
  const url = databaseUrl(server, name);
  const setup = await startSystem({ databaseUrl: url, queue: { kind: 'postgres', url }, proceduresDir: 'procedures', seedDemo: true, port: 0, host: '127.0.0.1', outboxPollMs: 60_000, logger: pino({ level: 'silent' }), http: false, workers: false });
  try {
    await publishTestProcedure(setup.db, 'bench/fixtures/advance-bench.yaml');
  } finally {
    await setup.stop();
  }
  const { status, statements, plans } = await countAdvanceRoundTrips(url, { explain: true });
  process.stdout.write(`advance answered ${status} after ${statements.length} statements:\n${statements.map((s) => `  ${s}`).join('\n')}\n\n${plans.join('\n\n')}\n`);
} finally {
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
}
