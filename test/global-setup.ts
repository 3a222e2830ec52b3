// Once per test run: find or start PostgreSQL (TEST_DATABASE_URL, else an
// embedded server) and Redis (TEST_REDIS_URL, else redis-server from PATH),
// build a migrated and seeded template database, and hand its name to the
// test files, which clone it. Everything this run creates carries its run id
// and is dropped at the end, so concurrent runs never collide.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import pg from 'pg';
import { startEmbeddedPostgres, type EmbeddedServer } from '../server/start-embedded-postgres.ts';
import { prepareTemplate } from './prepare-template.ts';
import { startRedis, type RedisServer } from './start-redis.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
    templateDatabase: string;
    runId: string;
    redisUrl: string | null;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const runId = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  let embedded: EmbeddedServer | null = null;
  let embeddedDir: string | null = null;
  let adminUrl = process.env.TEST_DATABASE_URL ?? '';
  // The multi-process tests (two APIs and two workers, each with its pools and queue
  // connections) beside another test file need about 300 connections; a server that
  // allows fewer (PostgreSQL's default is 100) would refuse clients mid-test.
  if (adminUrl) {
    const allowed = await readMaxConnections(adminUrl);
    if (allowed < neededConnections) {
      process.stderr.write(`TEST_DATABASE_URL's server allows ${allowed} connections and these tests need ${neededConnections}: starting an embedded PostgreSQL server instead (raise max_connections to use that server)\n`);
      adminUrl = '';
    }
  }
  if (!adminUrl) {
    embeddedDir = await mkdtemp(join(tmpdir(), 'motcua-test-pg-'));
    // Every test system opens its own pools; two test files at once need more than the default 100 connections.
    embedded = await startEmbeddedPostgres({ dataDir: embeddedDir, port: null, database: 'postgres', log: () => {}, maxConnections: neededConnections });
    adminUrl = embedded.url;
  }
  const templateDatabase = `motcua_tpl_${runId}`;
  await prepareTemplate(adminUrl, templateDatabase);

  let redis: RedisServer | null = null;
  let redisUrl = process.env.TEST_REDIS_URL ?? null;
  if (!redisUrl) {
    redis = await startRedis();
    redisUrl = redis?.url ?? null;
  }
  if (!redisUrl) {
    const line = 'NO REDIS: neither TEST_REDIS_URL nor redis-server on PATH — the Redis-backend tests are SKIPPED';
    process.stderr.write(`\n${'!'.repeat(line.length)}\n${line}\n${'!'.repeat(line.length)}\n\n`);
  }

  project.provide('pgAdminUrl', adminUrl);
  project.provide('templateDatabase', templateDatabase);
  project.provide('runId', runId);
  project.provide('redisUrl', redisUrl);

  return async () => {
    await dropRunDatabases(adminUrl, runId);
    await redis?.stop();
    if (embedded) {
      await embedded.stop();
      // Run as root from a private folder, the cluster lives outside embeddedDir (see place-cluster.ts).
      await rm(embedded.databaseDir, { recursive: true, force: true });
      await rm(embeddedDir!, { recursive: true, force: true });
    }
  };
}

const neededConnections = 300;

async function readMaxConnections(serverUrl: string): Promise<number> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ max_connections: string }>('SHOW max_connections');
    return Number(rows[0]!.max_connections);
  } finally {
    await client.end();
  }
}

async function dropRunDatabases(adminUrl: string, runId: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE $1", [`motcua\\_%\\_${runId}%`]);
    for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(datname)} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
