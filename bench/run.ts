// `npm run bench`: every benchmark, each beside a baseline measured in the same
// run on the same machine. Uses BENCH_DATABASE_URL (a server where it may create
// and drop a database), else PostgreSQL on 127.0.0.1:5432 if it answers, else an
// embedded server.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres } from '../server/start-embedded-postgres.ts';
import { databaseUrl } from '../test/database-url.ts';
import { benchAdvance } from './bench-advance.ts';
import { benchStep } from './bench-step.ts';
import { benchDeadlines } from './bench-deadlines.ts';
import { benchHandoffs } from './bench-handoffs.ts';
import { benchCatalogue } from './bench-catalogue.ts';
import { benchLogins } from './bench-logins.ts';
import { benchSupervision } from './bench-supervision.ts';
import { Redis } from 'ioredis';

const seconds = Number(process.env.BENCH_SECONDS ?? 5);

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

async function main(): Promise<void> {
  const out = (lines: string[]) => lines.forEach((l) => process.stdout.write(`${l}\n`));
  process.stdout.write(`motcua benchmarks (${seconds} s each; ratios against a baseline from this run)\n\n`);
  out(benchStep(seconds));
  out(await benchCatalogue(seconds));
  const server = await serverUrl();
  try {
    out(await withDatabase(server.url, (url) => benchAdvance(url, seconds, 8)));
    out(await withDatabase(server.url, (url) => benchLogins(url, seconds)));
    const count = Number(process.env.BENCH_DEADLINES ?? 100_000);
    const handoffs = Number(process.env.BENCH_HANDOFFS ?? 5_000);
    const redisUrl = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
    const redis = (await answers(redisUrl)) ? () => ({ kind: 'redis' as const, url: redisUrl, prefix: `bench-${randomBytes(3).toString('hex')}` }) : null;
    out(await withDatabase(server.url, (url) => benchHandoffs(url, { kind: 'postgres', url }, handoffs)));
    if (redis) out(await withDatabase(server.url, (url) => benchHandoffs(url, redis(), handoffs)));
    out(await withDatabase(server.url, (url) => benchDeadlines(url, { kind: 'postgres', url }, count)));
    if (redis) out(await withDatabase(server.url, (url) => benchDeadlines(url, redis(), count)));
    if (!redis) out([`redis backend: skipped, no Redis at ${redisUrl} (set BENCH_REDIS_URL)`]);
    const dossiers = Number(process.env.BENCH_SUPERVISION_DOSSIERS ?? 1_000_000);
    out(await withDatabase(server.url, (url) => benchSupervision(url, dossiers, Number(process.env.BENCH_SUPERVISION_RUNS ?? 50))));
  } finally {
    await server.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
