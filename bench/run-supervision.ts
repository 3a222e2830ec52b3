// `node --import tsx bench/run-supervision.ts`: only the supervision benchmark
// (it seeds for minutes at full scale); BENCH_SUPERVISION_DOSSIERS sets the scale.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { databaseUrl } from '../test/database-url.ts';
import { benchSupervision } from './bench-supervision.ts';

const server = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const name = `motcua_bench_${randomBytes(4).toString('hex')}`;
const admin = new pg.Client({ connectionString: server });
await admin.connect();
await admin.query(`CREATE DATABASE ${name}`);
try {
  const lines = await benchSupervision(databaseUrl(server, name), Number(process.env.BENCH_SUPERVISION_DOSSIERS ?? 1_000_000), Number(process.env.BENCH_SUPERVISION_RUNS ?? 50), process.env.BENCH_SUPERVISION_EXPLAIN === 'true');
  for (const l of lines) process.stdout.write(`${l}\n`);
} finally {
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
}
process.exit(0);
