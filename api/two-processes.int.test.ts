// Two API processes on one database, as a scaled-out deployment runs them:
// logout, disabling an account and the failure counters hold in both.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findFreePort } from '../server/start-embedded-postgres.ts';
import { ApiClient } from '../test/api-client.ts';
import { birthRegistration } from '../test/birth-registration.ts';
import { createTestDatabase, type TestDatabase } from '../test/create-test-database.ts';
import { spawnServer, type ServerProcess } from '../test/spawn-server.ts';

let database: TestDatabase;
let a: ServerProcess;
let b: ServerProcess;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await a?.kill();
  await b?.kill();
  await database?.drop();
});

/** Status of /v1/me for a token, asked of one process. */
async function meStatus(server: ServerProcess, token: string): Promise<number> {
  return (await new ApiClient(server.url, token).get('/v1/me')).status;
}

function loginFrom(server: ServerProcess, address: string, username: string, password: string) {
  return new ApiClient(server.url).post('/v1/auth/login', { username, password }, { 'x-forwarded-for': address });
}

describe('two API processes on one database', () => {
  // spawnServer waits with expect.poll, which runs inside a test.
  it('start', async () => {
    const start = async () => spawnServer({ DATABASE_URL: database.url, PROCESS_ROLE: 'api', PORT: String(await findFreePort()) }, 'motcua is running at');
    a = await start();
    b = await start();
    expect([(await fetch(`${a.url}/healthz`)).status, (await fetch(`${b.url}/healthz`)).status]).toEqual([200, 200]);
  });

  it('a logout in one process ends the session in the other within seconds', async () => {
    const token = (await loginFrom(a, '10.9.0.0', 'receiver.hop-thinh', 'demo')).body.token;
    expect(await meStatus(b, token)).toBe(200);
    expect((await new ApiClient(b.url, token).post('/v1/auth/logout')).status).toBe(204);
    expect(await meStatus(b, token)).toBe(401);
    // The other process trusted the token for at most its short cache time.
    await expect.poll(() => meStatus(a, token), { timeout: 30_000, interval: 250 }).toBe(401);
  });

  it('disabling an account in one process stops its sessions in the other', async () => {
    const token = (await loginFrom(a, '10.9.0.1', 'specialist.tu-son', 'demo')).body.token;
    expect(await meStatus(a, token)).toBe(200);
    const admin = await ApiClient.login(b.url, 'admin');
    expect((await admin.post('/v1/admin/users/specialist.tu-son/disable')).status).toBe(200);
    await expect.poll(() => meStatus(a, token), { timeout: 30_000, interval: 250 }).toBe(401);
  });

  it('failed logins counted by both processes block the account in both', async () => {
    // 5 failures in each: neither process alone reached the limit of 10.
    for (const server of [a, b, a, b, a, b, a, b, a, b]) expect((await loginFrom(server, '10.9.0.2', 'leader.kinh-bac', 'wrong')).status).toBe(401);
    for (const server of [a, b]) {
      const blocked = await loginFrom(server, '10.9.0.2', 'leader.kinh-bac', 'demo');
      expect([blocked.status, blocked.body.code]).toEqual([429, 'rate.limited']);
      expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    }
  });

  it('tracking guesses counted by both processes block the receipt code in both', async () => {
    const receiver = await ApiClient.login(a.url, 'receiver.hop-thinh');
    const { receiptCode } = (await receiver.post('/v1/dossiers', birthRegistration())).body;
    const track = (server: ServerProcess, check: string, address: string) => fetch(`${server.url}/v1/public/dossiers/${receiptCode}?check=${check}`, { headers: { 'x-forwarded-for': address } });
    expect((await track(b, '5678', '10.9.1.1')).status).toBe(200);
    for (const [i, server] of [a, b, a, b, a].entries()) expect((await track(server, `000${i}`, `10.9.1.${i + 2}`)).status).toBe(404);
    for (const server of [a, b]) {
      const blocked = await track(server, '5678', '10.9.1.20');
      expect(blocked.status).toBe(429);
      expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    }
  });
});
