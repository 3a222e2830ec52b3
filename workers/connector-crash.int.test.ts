// A worker process killed (SIGKILL) while the external system is receiving a
// connector handoff, then restarted: the job is taken up again, the peer sees
// the same Idempotency-Key and keeps one copy, the dossier is delivered once,
// and the peer's result, sent twice, fires one event. The API runs in its own
// process throughout, as in a scaled-out deployment. On both queue backends.
import { afterAll, describe, expect, inject, it } from 'vitest';
import pg from 'pg';
import { findFreePort } from '../server/start-embedded-postgres.ts';
import { ApiClient } from '../test/api-client.ts';
import { ConnectorPeer } from '../test/connector-peer.ts';
import { createTestDatabase, type TestDatabase } from '../test/create-test-database.ts';
import { describeWithRedis } from '../test/describe-with-redis.ts';
import { signHouseholdBusiness } from '../test/household-business.ts';
import { spawnServer, type ServerProcess } from '../test/spawn-server.ts';

const secret = 'test-secret-shared-with-the-registry-0123456789';

async function count(url: string, sql: string, params: unknown[]): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return Number((await client.query<{ n: string }>(sql, params)).rows[0]!.n);
  } finally {
    await client.end();
  }
}

function crashSuite(backend: 'postgres' | 'redis'): void {
  const servers: ServerProcess[] = [];
  const databases: TestDatabase[] = [];
  const peers: ConnectorPeer[] = [];
  afterAll(async () => {
    for (const s of servers) await s.kill();
    for (const p of peers) await p.close();
    for (const d of databases) await d.drop();
  });

  it('a worker killed mid-handoff and restarted delivers once; a result sent twice fires once', async () => {
    const database = await createTestDatabase();
    databases.push(database);
    const peer = await ConnectorPeer.start(secret);
    peers.push(peer);
    const apiPort = await findFreePort();
    const env: Record<string, string> = {
      DATABASE_URL: database.url,
      OUTBOX_POLL_MS: '200',
      PUBLIC_URL: `http://127.0.0.1:${apiPort}`,
      CONNECTOR_NATIONAL_BUSINESS_REGISTRY_URL: peer.url,
      CONNECTOR_NATIONAL_BUSINESS_REGISTRY_SECRET: secret,
      CONNECTOR_RETRY_DELAY_MS: '100',
    };
    if (backend === 'redis') Object.assign(env, { QUEUE_BACKEND: 'redis', REDIS_URL: inject('redisUrl')!, QUEUE_PREFIX: database.name });
    const start = async (role: 'api' | 'worker', port: number) => {
      const server = await spawnServer({ ...env, PROCESS_ROLE: role, PORT: String(port) }, role === 'worker' ? 'motcua workers are running' : 'motcua is running at');
      servers.push(server);
      return server;
    };
    const api = await start('api', apiPort);
    const worker = await start('worker', 0);

    // The registry takes the dossier in and is still working on its answer when the worker dies.
    peer.answerWith(() => 'hold');
    const id = await signHouseholdBusiness(api.url);
    await expect.poll(() => peer.requestsFor(id).length, { timeout: 30_000, interval: 50 }).toBe(1);
    await worker.kill('SIGKILL');
    peer.release();
    expect(await count(database.url, "SELECT count(*) AS n FROM dossier_events WHERE dossier_id = $1 AND type = 'HANDOFF_DELIVERED'", [id])).toBe(0);

    // Restarted, the worker takes the stalled job up again once its lock expires.
    peer.answerWith(() => ({ status: 200, body: { accepted: true, duplicate: true } }));
    const restarted = await start('worker', 0);
    const receiver = await ApiClient.login(api.url, 'receiver.hop-thinh');
    await expect.poll(async () => (await receiver.get(`/v1/dossiers/${id}`)).body.state, { timeout: 90_000, interval: 250 }).toBe('awaiting-registry');
    const requests = peer.requestsFor(id);
    expect(requests.length).toBe(2);
    expect(new Set(requests.map((r) => r.idempotencyKey)).size).toBe(1);
    expect(requests.every((r) => r.signatureValid)).toBe(true);
    expect(await count(database.url, "SELECT count(*) AS n FROM dossier_events WHERE dossier_id = $1 AND type = 'HANDOFF_DELIVERED'", [id])).toBe(1);
    expect(await count(database.url, 'SELECT count(*) AS n FROM connector_dead_letters WHERE dossier_id = $1', [id])).toBe(0);

    // The registry answers, and answers again (its own retry): one event.
    const callbackUrl = requests[0]!.json.callback.url;
    expect(callbackUrl).toBe(`${api.url}/v1/connectors/national-business-registry/callback`);
    const result = { dossierId: id, event: 'RESULT_RECEIVED', data: { registrationNumber: '27A8012345' }, idempotencyKey: 'dkkd-crash-1' };
    const first = await peer.callBack(callbackUrl, result);
    const second = await peer.callBack(callbackUrl, result);
    expect([first.status, first.body.state, second.status, second.body]).toEqual([200, 'result-ready', 200, first.body]);
    expect(await count(database.url, "SELECT count(*) AS n FROM dossier_events WHERE dossier_id = $1 AND type = 'RESULT_RECEIVED'", [id])).toBe(1);
    const history = await receiver.get(`/v1/dossiers/${id}/history`);
    expect(history.body.chainIntact).toBe(true);
    await restarted.kill('SIGTERM');
  });
}

describe('a connector handoff through a worker crash on the PostgreSQL queue backend', () => crashSuite('postgres'));
describeWithRedis('a connector handoff through a worker crash on the Redis queue backend', () => crashSuite('redis'));
