// Sessions, passwords, disabled accounts, API keys and the login limits, as a
// client sees them over HTTP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../test/api-client.ts';
import { startTestSystem, type TestSystem } from '../test/start-test-system.ts';
import { describeWithRedis } from '../test/describe-with-redis.ts';

let system: TestSystem;
let admin: ApiClient;

beforeAll(async () => {
  system = await startTestSystem({ workers: false });
  admin = await ApiClient.login(system.url, 'admin');
});
afterAll(async () => {
  await system?.close();
});

/** A login from a given client address (the API trusts X-Forwarded-For from its loopback proxy). */
function loginFrom(address: string, username: string, password: string) {
  return new ApiClient(system.url).post('/v1/auth/login', { username, password }, { 'x-forwarded-for': address });
}

const invalidCredentials = {
  type: 'https://motcua.dev/problems/auth.invalid-credentials',
  title: 'Invalid credentials',
  status: 401,
  detail: 'unknown username or wrong password; check both and try again, or ask your administrator to reset the password',
  instance: '/v1/auth/login',
  code: 'auth.invalid-credentials',
};

describe('login', () => {
  it('answers an unknown username and a wrong password alike, with no hint of any password', async () => {
    const unknown = await loginFrom('10.1.0.1', 'nobody.hop-thinh', 'demo');
    const wrong = await loginFrom('10.1.0.1', 'receiver.hop-thinh', 'wrong');
    expect([unknown.status, unknown.headers.get('content-type')]).toEqual([401, 'application/problem+json; charset=utf-8']);
    expect(unknown.body).toEqual(invalidCredentials);
    expect(wrong.status).toBe(401);
    expect(wrong.body).toEqual(invalidCredentials);
  });

  it('refuses an account after 10 failures in a row with 429 and Retry-After, even with the right password', async () => {
    for (let i = 0; i < 10; i++) expect((await loginFrom('10.1.0.2', 'specialist.kinh-bac', `guess-${i}`)).status).toBe(401);
    const blocked = await loginFrom('10.1.0.2', 'specialist.kinh-bac', 'demo');
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
    expect(blocked.body).toMatchObject({ status: 429, code: 'rate.limited', title: 'Too many attempts' });
    const retryAfter = Number(blocked.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(900);
    expect(blocked.body.retryAfterSeconds).toBe(retryAfter);
    // Another account from the same address is not affected.
    expect((await loginFrom('10.1.0.2', 'leader.kinh-bac', 'demo')).status).toBe(200);
  });

  it('refuses a client address after 50 failures, whatever usernames it tries', async () => {
    for (let i = 0; i < 50; i++) expect((await loginFrom('10.1.0.3', `user-${i}.tu-son`, 'demo')).status).toBe(401);
    const blocked = await loginFrom('10.1.0.3', 'receiver.tu-son', 'demo');
    expect([blocked.status, blocked.body.code]).toEqual([429, 'rate.limited']);
    expect((await loginFrom('10.1.0.4', 'receiver.tu-son', 'demo')).status).toBe(200);
  });
});

describe('sessions', () => {
  it('logout ends the session at once', async () => {
    const receiver = await ApiClient.login(system.url, 'receiver.hop-thinh');
    expect((await receiver.get('/v1/me')).status).toBe(200);
    expect((await receiver.post('/v1/auth/logout')).status).toBe(204);
    const after = await receiver.get('/v1/me');
    expect([after.status, after.body.code, after.body.detail]).toEqual([401, 'auth.unauthenticated', 'the bearer token is unknown, expired or logged out; log in again with POST /v1/auth/login']);
  });

  it('a password change needs the current password and ends the other sessions', async () => {
    const phone = await ApiClient.login(system.url, 'receiver.bac-giang');
    const desk = await ApiClient.login(system.url, 'receiver.bac-giang');
    const wrong = await desk.post('/v1/me/password', { currentPassword: 'not-it', newPassword: 'a-long-new-password' });
    expect([wrong.status, wrong.body.code]).toEqual([401, 'auth.invalid-credentials']);
    const short = await desk.post('/v1/me/password', { currentPassword: 'demo', newPassword: 'short' });
    expect([short.status, short.body.code, short.body.detail]).toEqual([422, 'auth.password-too-weak', 'the new password has 5 characters; use at least 10']);
    const changed = await desk.post('/v1/me/password', { currentPassword: 'demo', newPassword: 'a-long-new-password' });
    expect([changed.status, changed.body]).toEqual([200, { sessionsEnded: 1 }]);
    expect((await desk.get('/v1/me')).status).toBe(200);
    expect((await phone.get('/v1/me')).status).toBe(401);
    expect((await loginFrom('10.1.0.5', 'receiver.bac-giang', 'demo')).status).toBe(401);
    expect((await loginFrom('10.1.0.5', 'receiver.bac-giang', 'a-long-new-password')).status).toBe(200);
  });

  it('an administrator disables an account: its sessions stop, it cannot log in; enabled, it can again', async () => {
    const leader = await ApiClient.login(system.url, 'leader.tu-son');
    const forbidden = await leader.post('/v1/admin/users/receiver.tu-son/disable');
    expect([forbidden.status, forbidden.body.detail]).toEqual([403, 'disabling an account needs the role admin; you are leader at tu-son']);
    const disabled = await admin.post('/v1/admin/users/leader.tu-son/disable');
    expect([disabled.status, disabled.body]).toEqual([200, { username: 'leader.tu-son', active: false, sessionsEnded: 1 }]);
    expect((await leader.get('/v1/me')).status).toBe(401);
    const refused = await loginFrom('10.1.0.6', 'leader.tu-son', 'demo');
    expect([refused.status, refused.body]).toEqual([401, invalidCredentials]);
    expect((await admin.post('/v1/admin/users/leader.tu-son/enable')).body).toEqual({ username: 'leader.tu-son', active: true, sessionsEnded: 0 });
    expect((await loginFrom('10.1.0.6', 'leader.tu-son', 'demo')).status).toBe(200);
    expect((await admin.post('/v1/admin/users/no-such-user/disable')).status).toBe(404);
  });
});

describe('API keys', () => {
  it('are created by an administrator for a unit and roles, shown once, act in a chosen role and stop when revoked', async () => {
    const created = await admin.post('/v1/admin/api-keys', { name: 'hop-thinh-kiosk', unit: 'hop-thinh', roles: ['receiver', 'specialist'] });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'hop-thinh-kiosk', unit: 'hop-thinh', roles: ['receiver', 'specialist'], revokedAt: null });
    expect(created.body.key).toMatch(/^mck_[A-Za-z0-9_-]{43}$/);
    const listed = await admin.get('/v1/admin/api-keys');
    expect(listed.body.items).toEqual([{ id: created.body.id, name: 'hop-thinh-kiosk', unit: 'hop-thinh', roles: ['receiver', 'specialist'], createdAt: created.body.createdAt, revokedAt: null }]);
    expect(JSON.stringify(listed.body)).not.toContain(created.body.key);

    const key = new ApiClient(system.url, created.body.key);
    expect((await key.get('/v1/me')).body).toMatchObject({ username: 'hop-thinh-kiosk', role: 'receiver', unit: { id: 'hop-thinh' } });
    expect((await key.request('GET', '/v1/me', undefined, { 'x-motcua-role': 'specialist' })).body.role).toBe('specialist');
    const notHeld = await key.request('GET', '/v1/me', undefined, { 'x-motcua-role': 'leader' });
    expect([notHeld.status, notHeld.body.detail]).toEqual([403, 'this API key may act as receiver or specialist, not leader']);

    const badRole = await admin.post('/v1/admin/api-keys', { name: 'too-strong', unit: 'hop-thinh', roles: ['admin'] });
    expect([badRole.status, badRole.body.detail]).toEqual([400, 'an API key may hold the roles receiver, specialist, leader, supervisor; not admin']);
    expect((await admin.post('/v1/admin/api-keys', { name: 'hop-thinh-kiosk', unit: 'hop-thinh', roles: ['receiver'] })).status).toBe(409);
    expect((await key.post('/v1/admin/api-keys', { name: 'self-made', unit: 'hop-thinh', roles: ['receiver'] })).status).toBe(403);

    const revoked = await admin.request('DELETE', `/v1/admin/api-keys/${created.body.id}`);
    expect(revoked.body.revokedAt).not.toBeNull();
    // Revocation wins within the few seconds a verified key is trusted without a lookup.
    await expect.poll(async () => (await key.get('/v1/me')).status, { timeout: 30_000, interval: 200 }).toBe(401);
  });
});

describeWithRedis('login limits with QUEUE_BACKEND=redis', () => {
  let redisSystem: TestSystem;
  beforeAll(async () => {
    redisSystem = await startTestSystem({ queue: 'redis', workers: false });
  });
  afterAll(async () => {
    await redisSystem?.close();
  });

  it('count failures in Redis and answer 429 after 10', async () => {
    const client = new ApiClient(redisSystem.url);
    for (let i = 0; i < 10; i++) expect((await client.post('/v1/auth/login', { username: 'receiver.kinh-bac', password: `guess-${i}` })).status).toBe(401);
    const blocked = await client.post('/v1/auth/login', { username: 'receiver.kinh-bac', password: 'demo' });
    expect([blocked.status, blocked.body.code]).toEqual([429, 'rate.limited']);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
