// Nothing lost, nothing applied twice: processes are killed with SIGKILL at the
// worst moments and restarted; every committed transition survives, every
// committed effect is carried out exactly once. On both queue backends.
import { inject, afterAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { findFreePort } from '../server/start-embedded-postgres.ts';
import { ApiClient } from '../test/api-client.ts';
import { birthRegistration } from '../test/birth-registration.ts';
import { createTestDatabase, type TestDatabase } from '../test/create-test-database.ts';
import { describeWithRedis } from '../test/describe-with-redis.ts';
import { spawnServer, type ServerProcess } from '../test/spawn-server.ts';

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

async function count(url: string, sql: string): Promise<number> {
  return Number((await query<{ n: string }>(url, sql))[0]!.n);
}

function crashSuite(backend: 'postgres' | 'redis'): void {
  const servers: ServerProcess[] = [];
  const databases: TestDatabase[] = [];
  afterAll(async () => {
    for (const s of servers) await s.kill();
    for (const d of databases) await d.drop();
  });

  async function start(database: TestDatabase, role: 'all' | 'api' | 'worker', port: number): Promise<ServerProcess> {
    const env: Record<string, string> = { DATABASE_URL: database.url, PROCESS_ROLE: role, PORT: String(port), OUTBOX_POLL_MS: '200' };
    if (backend === 'redis') Object.assign(env, { QUEUE_BACKEND: 'redis', REDIS_URL: inject('redisUrl')!, QUEUE_PREFIX: database.name });
    const server = await spawnServer(env, role === 'worker' ? 'motcua workers are running' : 'motcua is running at');
    servers.push(server);
    return server;
  }

  it('effects committed by an API process killed before any relay are carried out once by a worker started later', async () => {
    const database = await createTestDatabase();
    databases.push(database);
    const api = await start(database, 'api', await findFreePort());
    const receiver = await ApiClient.login(api.url, 'receiver.hop-thinh');
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) {
      const created = await receiver.post('/v1/dossiers', birthRegistration());
      expect(created.status).toBe(201);
      ids.push(created.body.id);
      expect((await receiver.post(`/v1/dossiers/${created.body.id}/events`, { type: 'ACCEPT' })).status).toBe(200);
    }
    await api.kill('SIGKILL');
    // Committed, never enqueued: 2 status changes per dossier wait in the outbox.
    expect(await count(database.url, "SELECT count(*) AS n FROM outbox WHERE topic = 'notify' AND relayed_at IS NULL")).toBe(40);
    expect(await count(database.url, 'SELECT count(*) AS n FROM notifications')).toBe(0);

    const worker = await start(database, 'worker', 0);
    await expect.poll(() => count(database.url, 'SELECT count(*) AS n FROM notifications'), { timeout: 60_000, interval: 250 }).toBe(40);
    expect(await count(database.url, 'SELECT count(*) AS n FROM outbox WHERE relayed_at IS NULL')).toBe(0);
    await worker.kill('SIGKILL');
  });

  it('a process killed under load loses no acknowledged transition and duplicates no effect', async () => {
    const database = await createTestDatabase();
    databases.push(database);
    const port = await findFreePort();
    const server = await start(database, 'all', port);
    const receiver = await ApiClient.login(server.url, 'receiver.hop-thinh');
    const acknowledged: Array<{ id: string; version: number }> = [];
    let stop = false;
    // Four desks filing and accepting as fast as they can until the crash.
    const desks = Array.from({ length: 4 }, async () => {
      while (!stop) {
        try {
          const created = await receiver.post('/v1/dossiers', birthRegistration());
          if (created.status !== 201) continue;
          acknowledged.push({ id: created.body.id, version: 1 });
          const accepted = await receiver.post(`/v1/dossiers/${created.body.id}/events`, { type: 'ACCEPT' });
          if (accepted.status === 200) acknowledged.push({ id: created.body.id, version: 2 });
        } catch {
          return; // the connection died with the process
        }
      }
    });
    await expect.poll(() => acknowledged.length, { timeout: 60_000, interval: 50 }).toBeGreaterThan(60);
    await server.kill('SIGKILL');
    stop = true;
    await Promise.all(desks);

    const restarted = await start(database, 'all', port);
    // Every transition the client saw acknowledged is there, with its place in the chain.
    const rows = await query<{ id: string; version: number }>(database.url, 'SELECT id, version FROM dossiers');
    const versions = new Map(rows.map((r) => [r.id, r.version]));
    for (const a of acknowledged) expect(versions.get(a.id)).toBeGreaterThanOrEqual(a.version);
    // Each dossier's events match its version: one RECEIVED, plus ACCEPT (and its due date) if accepted.
    const mismatched = await count(database.url, `
      SELECT count(*) AS n FROM dossiers d
      WHERE (SELECT count(*) FROM dossier_events e WHERE e.dossier_id = d.id AND e.type IN ('RECEIVED', 'ACCEPT')) <> d.version`);
    expect(mismatched).toBe(0);
    // Every committed notification effect ends as exactly one notification.
    const expected = await count(database.url, "SELECT count(*) AS n FROM outbox WHERE topic = 'notify'");
    await expect.poll(() => count(database.url, 'SELECT count(*) AS n FROM notifications'), { timeout: 90_000, interval: 250 }).toBe(expected);
    expect(await count(database.url, 'SELECT count(*) AS n FROM (SELECT outbox_id FROM notifications GROUP BY outbox_id HAVING count(*) > 1) d')).toBe(0);
    const receiverAgain = await ApiClient.login(restarted.url, 'receiver.hop-thinh');
    const sample = await receiverAgain.get(`/v1/dossiers/${acknowledged[0]!.id}/history`);
    expect(sample.body.chainIntact).toBe(true);
    await restarted.kill('SIGTERM');
  });

  it('a process killed in the middle of handoffs delivers each dossier exactly once after restart', async () => {
    const database = await createTestDatabase();
    databases.push(database);
    const port = await findFreePort();
    const server = await start(database, 'all', port);
    const receiver = await ApiClient.login(server.url, 'receiver.hop-thinh');
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) {
      const created = await receiver.post('/v1/dossiers', {
        procedureCode: '1.012753',
        applicant: { fullName: `Người nộp ${i}`, idNumber: '027070001313' },
        data: { applicant: { fullName: `Người nộp ${i}`, idNumber: '027070001313' }, parcel: { commune: 'hop-thinh', sheet: 1, number: i + 1, areaM2: 100 } },
      });
      ids.push(created.body.id);
    }
    // Accept them all at once and kill the process while the handoff worker is busy with them.
    await Promise.all(ids.map((id) => receiver.post(`/v1/dossiers/${id}/events`, { type: 'ACCEPT' })));
    await server.kill('SIGKILL');
    const deliveredBefore = await count(database.url, "SELECT count(*) AS n FROM dossier_events WHERE type = 'HANDOFF_DELIVERED'");
    expect(deliveredBefore).toBeLessThan(ids.length);

    const restarted = await start(database, 'all', port);
    await expect.poll(() => count(database.url, "SELECT count(*) AS n FROM dossiers WHERE state = 'arrived-at-land-office'"), { timeout: 90_000, interval: 250 }).toBe(ids.length);
    await new Promise((r) => setTimeout(r, 2000));
    expect(await count(database.url, "SELECT count(*) AS n FROM dossier_events WHERE type = 'HANDOFF_DELIVERED'")).toBe(ids.length);
    expect(await count(database.url, "SELECT count(*) AS n FROM (SELECT dossier_id FROM dossier_events WHERE type = 'HANDOFF_DELIVERED' GROUP BY dossier_id HAVING count(*) <> 1) x")).toBe(0);
    await restarted.kill('SIGTERM');
  });
}

describe('crash recovery on the PostgreSQL queue backend', () => crashSuite('postgres'));
describeWithRedis('crash recovery on the Redis queue backend', () => crashSuite('redis'));
