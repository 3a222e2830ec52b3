// The callback through which an external system returns its result, through
// the real system: signed requests only, only the connector's events, only on
// dossiers delivered to it, and a repeated idempotencyKey fires nothing. On
// both queue backends.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signRequest } from '../engine/service/connectors/sign-request.ts';
import { ApiClient } from '../test/api-client.ts';
import { birthRegistration } from '../test/birth-registration.ts';
import { ConnectorPeer } from '../test/connector-peer.ts';
import { describeWithRedis } from '../test/describe-with-redis.ts';
import { signHouseholdBusiness } from '../test/household-business.ts';
import { startConnectorTestSystem } from '../test/start-connector-test-system.ts';
import type { TestSystem } from '../test/start-test-system.ts';

const connector = 'national-business-registry';
const secret = 'test-secret-shared-with-the-registry-0123456789';

function callbackSuite(backend: 'postgres' | 'redis'): void {
  let system: TestSystem;
  let peer: ConnectorPeer;
  let callbackUrl: string;
  beforeAll(async () => {
    peer = await ConnectorPeer.start(secret);
    system = await startConnectorTestSystem({ queue: backend, env: { [connector]: { url: peer.url, secret } }, timeoutMs: 2000, maxAttempts: 3, retryDelayMs: 50 });
    callbackUrl = `${system.url}/v1/connectors/${connector}/callback`;
  });
  afterAll(async () => {
    await system?.close();
    await peer?.close();
  });

  // The engine runs on the test clock: the peer signs with its time.
  const now = () => Math.floor(system.clock.now().getTime() / 1000);
  const dossier = async (id: string) => (await system.db('dossiers').where({ id }).first('state', 'version', 'event_seq')) as { state: string; version: number; event_seq: number };
  const eventsOf = async (id: string, type: string) => (await system.db('dossier_events').where({ dossier_id: id, type }).orderBy('seq').select('actor_role', 'unit_id', 'comment', 'payload', 'to_state')) as Array<Record<string, any>>;
  const callbacksOf = async (id: string) => Number((await system.db('connector_callbacks').where({ dossier_id: id }).count<{ n: string }[]>({ n: '*' }))[0]!.n);

  async function awaitingRegistry(name: string): Promise<string> {
    const id = await signHouseholdBusiness(system.url, { name });
    await expect.poll(async () => (await dossier(id)).state, { timeout: 30_000 }).toBe('awaiting-registry');
    return id;
  }

  it('a result sent twice with the same key fires one event; both answers are the first one', async () => {
    const id = await awaitingRegistry('Tạp hóa Bình Minh');
    const { receiptCode } = (await (await ApiClient.login(system.url, 'receiver.hop-thinh')).get(`/v1/dossiers/${id}`)).body;
    const before = await dossier(id);
    const result = { dossierId: id, event: 'RESULT_RECEIVED', data: { registrationNumber: '27A8012345' }, idempotencyKey: 'dkkd-2026-000123' };
    // At the same moment, as a peer retrying on its own timeout would.
    const answers = await Promise.all([peer.callBack(callbackUrl, result, { timestamp: now() }), peer.callBack(callbackUrl, result, { timestamp: now() })]);
    const expected = { dossierId: id, receiptCode, event: 'RESULT_RECEIVED', state: 'result-ready', statusCode: 9, version: before.version + 1 };
    expect(answers.map((a) => [a.status, a.body])).toEqual([
      [200, expected],
      [200, expected],
    ]);
    expect(answers.map((a) => a.headers.get('idempotent-replayed')).sort()).toEqual([null, 'true']);
    // And once more, later: still the first answer, still nothing fired.
    const later = await peer.callBack(callbackUrl, result, { timestamp: now() });
    expect([later.status, later.body, later.headers.get('idempotent-replayed')]).toEqual([200, expected, 'true']);

    expect(await eventsOf(id, 'RESULT_RECEIVED')).toEqual([
      { actor_role: 'system', unit_id: 'hop-thinh', comment: `result from connector ${connector}`, to_state: 'result-ready', payload: expect.objectContaining({ input: { registrationNumber: '27A8012345' } }) },
    ]);
    expect(await dossier(id)).toMatchObject({ state: 'result-ready', version: before.version + 1 });
    expect(await callbacksOf(id)).toBe(1);
    const history = await (await ApiClient.login(system.url, 'receiver.hop-thinh')).get(`/v1/dossiers/${id}/history`);
    expect(history.body.chainIntact).toBe(true);

    // The same key for another result is refused; a new result the state does not take is refused too.
    const reused = await peer.callBack(callbackUrl, { ...result, data: { registrationNumber: '27A8099999' } }, { timestamp: now() });
    expect([reused.status, reused.body.code]).toEqual([422, 'idempotency.key-reused']);
    const late = await peer.callBack(callbackUrl, { ...result, idempotencyKey: 'dkkd-2026-000124' }, { timestamp: now() });
    expect([late.status, late.body.code]).toEqual([409, 'transition.not-allowed']);
    expect(await eventsOf(id, 'RESULT_RECEIVED')).toHaveLength(1);
  });

  it('a refusal from the registry sends the dossier back to appraisal', async () => {
    const id = await awaitingRegistry('Quán cơm Hợp Thịnh');
    const refused = await peer.callBack(callbackUrl, { dossierId: id, event: 'REGISTRATION_REFUSED', data: { reason: 'Tên hộ kinh doanh đã được đăng ký' }, idempotencyKey: 'dkkd-refusal-1' }, { timestamp: now() });
    expect([refused.status, refused.body.state, refused.body.statusCode]).toEqual([200, 'appraisal', 4]);
  });

  it('an unsigned, wrongly signed or stale callback is refused with 401 and changes nothing', async () => {
    const id = await awaitingRegistry('Cửa hàng điện thoại Minh');
    const before = await dossier(id);
    const result = { dossierId: id, event: 'RESULT_RECEIVED', data: { registrationNumber: '27A8012346' }, idempotencyKey: 'dkkd-2026-000200' };
    const attempts = [
      await peer.callBack(callbackUrl, result, { timestamp: now(), secret: 'a-secret-the-registry-does-not-share-with-us' }),
      await peer.callBack(callbackUrl, result, { timestamp: now(), signature: null }),
      await peer.callBack(callbackUrl, result, { timestamp: now() - 301 }),
      // Signed, then changed on the way: the signature covers the exact bytes.
      await peer.callBack(callbackUrl, result, { timestamp: now(), signature: signRequest(secret, now(), JSON.stringify({ ...result, event: 'REGISTRATION_REFUSED' })) }),
    ];
    expect(attempts.map((a) => [a.status, a.headers.get('content-type'), a.body.code, a.body.reason])).toEqual([
      [401, 'application/problem+json; charset=utf-8', 'connector.signature-invalid', 'signature-mismatch'],
      [401, 'application/problem+json; charset=utf-8', 'connector.signature-invalid', 'signature-missing'],
      [401, 'application/problem+json; charset=utf-8', 'connector.signature-invalid', 'timestamp-stale'],
      [401, 'application/problem+json; charset=utf-8', 'connector.signature-invalid', 'signature-mismatch'],
    ]);
    expect(attempts[2]!.body.detail).toBe(
      'X-Motcua-Timestamp 1772416499 is 301 s old; requests are accepted within 5 minutes of signing — sign each request when sending it, and check the sender\'s clock',
    );
    expect(await dossier(id)).toEqual(before);
    expect(await callbacksOf(id)).toBe(0);
    // Nothing was remembered under the key: the genuine callback still goes through.
    const genuine = await peer.callBack(callbackUrl, result, { timestamp: now() });
    expect([genuine.status, genuine.body.state, genuine.headers.get('idempotent-replayed')]).toEqual([200, 'result-ready', null]);
  });

  it('refuses events the connector may not fire, dossiers never delivered to it, and unknown connectors', async () => {
    const id = await awaitingRegistry('Tiệm may Thu Hà');
    const before = await dossier(id);
    const handOver = await peer.callBack(callbackUrl, { dossierId: id, event: 'HAND_OVER', idempotencyKey: 'k-1' }, { timestamp: now() });
    expect([handOver.status, handOver.body.code, handOver.body.detail]).toEqual([
      403,
      'connector.event-not-allowed',
      "connector 'national-business-registry' may fire RESULT_RECEIVED, REGISTRATION_REFUSED, not HAND_OVER; list it under events: in procedures/connectors.yaml if it should",
    ]);
    const receiver = await ApiClient.login(system.url, 'receiver.hop-thinh');
    const birth = (await receiver.post('/v1/dossiers', birthRegistration())).body.id;
    const notSent = await peer.callBack(callbackUrl, { dossierId: birth, event: 'RESULT_RECEIVED', data: { registrationNumber: 'x' }, idempotencyKey: 'k-2' }, { timestamp: now() });
    expect([notSent.status, notSent.body.code]).toEqual([404, 'dossier.not-found']);
    const malformed = await peer.callBack(callbackUrl, null, { timestamp: now(), rawBody: '{"dossierId": ' });
    expect([malformed.status, malformed.body.code]).toEqual([400, 'request.malformed']);
    const invalid = await peer.callBack(callbackUrl, { dossierId: 'not-a-uuid', event: 'RESULT_RECEIVED' }, { timestamp: now() });
    expect([invalid.status, invalid.body.code, invalid.body.errors]).toEqual([
      400,
      'request.invalid',
      [
        { path: '/idempotencyKey', message: 'is required' },
        { path: '/dossierId', message: 'must match pattern "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"' },
      ],
    ]);
    const unknown = await peer.callBack(`${system.url}/v1/connectors/land-registry/callback`, { dossierId: id, event: 'RESULT_RECEIVED', idempotencyKey: 'k-3' }, { timestamp: now() });
    expect([unknown.status, unknown.body.code]).toEqual([404, 'connector.not-found']);
    expect(await dossier(id)).toEqual(before);
  });
}

describe('connector callbacks on the PostgreSQL queue backend', () => callbackSuite('postgres'));
describeWithRedis('connector callbacks on the Redis queue backend', () => callbackSuite('redis'));
