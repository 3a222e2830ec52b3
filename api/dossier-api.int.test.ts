import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../test/api-client.ts';
import { birthRegistration } from '../test/birth-registration.ts';
import { startTestSystem, type TestSystem } from '../test/start-test-system.ts';

let system: TestSystem;
let receiver: ApiClient;
let specialist: ApiClient;
let leader: ApiClient;

/** Sets the clock and logs in again: sessions expire after 12 hours of (test) clock time. */
async function at(time: string): Promise<void> {
  system.clock.set(time);
  receiver = await ApiClient.login(system.url, 'receiver.hop-thinh');
  specialist = await ApiClient.login(system.url, 'specialist.hop-thinh');
  leader = await ApiClient.login(system.url, 'leader.hop-thinh');
}

beforeAll(async () => {
  system = await startTestSystem();
  await at('2026-03-02T09:00:00+07:00'); // Monday
});
afterAll(async () => {
  await system?.close();
});

describe('a birth registration from reception to result returned', () => {
  it('walks every step, with receipt code, status codes, due date and history', async () => {
    const created = await receiver.post('/v1/dossiers', birthRegistration());
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(`/v1/dossiers/${created.body.id}`);
    expect(created.body).toMatchObject({
      receiptCode: 'H04.101-260302-0001',
      procedureCode: '1.001193',
      procedureVersion: 1,
      state: 'reception',
      statusCode: 1,
      version: 1,
      receivedAt: '2026-03-02T02:00:00.000Z',
      dueAt: null,
      receivingUnit: 'hop-thinh',
      competentUnit: 'hop-thinh',
      currentUnit: 'hop-thinh',
    });
    expect(created.body.availableEvents.map((e: { type: string }) => e.type)).toEqual(['ACCEPT', 'ASK_SUPPLEMENT', 'REFUSE']);
    // Officers read the definition's titles, not the ids.
    expect(created.body.stateTitle).toEqual({ vi: 'Tiếp nhận hồ sơ', en: 'Reception' });
    expect(created.body.availableEvents[0]).toEqual({
      type: 'ACCEPT',
      target: 'processing',
      requires: [],
      form: '01',
      label: { vi: 'Tiếp nhận', en: 'Accept' },
      targetTitle: { vi: 'Thẩm định, xử lý', en: 'Processing' },
    });
    const id = created.body.id;

    const accepted = await receiver.post(`/v1/dossiers/${id}/events`, { type: 'ACCEPT', expectedVersion: 1 });
    expect(accepted.status).toBe(200);
    // Same-day procedure received before 15:00: due at the close of the same working day.
    expect(accepted.body).toMatchObject({ state: 'processing', statusCode: 4, version: 2, dueAt: '2026-03-02T10:00:00.000Z' });
    // The receiver may only withdraw at the applicant's request now; processing is the specialist's.
    expect(accepted.body.availableEvents.map((e: { type: string }) => e.type)).toEqual(['WITHDRAW']);

    system.clock.advance(60 * 60_000);
    const proposed = await specialist.post(`/v1/dossiers/${id}/events`, { type: 'PROPOSE_APPROVAL' });
    expect(proposed.body).toMatchObject({ state: 'signature', statusCode: 4, version: 3 });
    const signed = await leader.post(`/v1/dossiers/${id}/events`, { type: 'SIGN' });
    expect(signed.body).toMatchObject({ state: 'result-ready', statusCode: 9, version: 4 });
    const returned = await receiver.post(`/v1/dossiers/${id}/events`, { type: 'HAND_OVER', comment: 'handed to the father' });
    expect(returned.body).toMatchObject({ state: 'returned', statusCode: 10, outcome: 'approved', closedAt: '2026-03-02T03:00:00.000Z', availableEvents: [], overdue: false });
    expect(returned.body.stateTitle).toEqual({ vi: 'Đã trả kết quả', en: 'Result returned' });

    const procedure = await receiver.get('/v1/procedures/1.001193');
    const reception = procedure.body.states.find((st: { name: string }) => st.name === 'reception');
    expect([reception.title, reception.events.map((e: { type: string; label: unknown }) => [e.type, e.label])]).toEqual([
      { vi: 'Tiếp nhận hồ sơ', en: 'Reception' },
      [
        ['ACCEPT', { vi: 'Tiếp nhận', en: 'Accept' }],
        ['ASK_SUPPLEMENT', { vi: 'Yêu cầu bổ sung', en: 'Ask for a supplement' }],
        ['REFUSE', { vi: 'Từ chối tiếp nhận', en: 'Refuse' }],
      ],
    ]);

    const history = await receiver.get(`/v1/dossiers/${id}/history`);
    expect(history.body.chainIntact).toBe(true);
    expect(history.body.events.map((e: { type: string; toState: string; statusCode: number }) => [e.type, e.toState, e.statusCode])).toEqual([
      ['RECEIVED', 'reception', 1],
      ['ACCEPT', 'processing', 4],
      ['DUE_DATE_CHANGED', 'processing', 4],
      ['PROPOSE_APPROVAL', 'signature', 4],
      ['SIGN', 'result-ready', 9],
      ['HAND_OVER', 'returned', 10],
    ]);
    expect(history.body.events[1]).toMatchObject({ actorRole: 'receiver', unit: 'hop-thinh', fromState: 'reception', payload: { form: '01' } });
    expect(history.body.events[2].payload).toEqual({ from: null, to: '2026-03-02T10:00:00.000Z', reason: 'clock-started' });
    expect(history.body.events[5].comment).toBe('handed to the father');
  });

  it('numbers receipts per unit and day', async () => {
    await at('2026-03-03T08:00:00+07:00');
    const first = await receiver.post('/v1/dossiers', birthRegistration());
    const second = await receiver.post('/v1/dossiers', birthRegistration());
    const otherUnit = await (await ApiClient.login(system.url, 'receiver.tu-son')).post('/v1/dossiers', birthRegistration());
    expect([first.body.receiptCode, second.body.receiptCode, otherUnit.body.receiptCode]).toEqual(['H04.101-260303-0001', 'H04.101-260303-0002', 'H04.103-260303-0001']);
  });

  it('a dossier received after 15:00 is due at the end of the next working day', async () => {
    await at('2026-03-06T15:30:00+07:00'); // Friday
    const created = await receiver.post('/v1/dossiers', birthRegistration());
    const accepted = await receiver.post(`/v1/dossiers/${created.body.id}/events`, { type: 'ACCEPT' });
    expect(accepted.body.dueAt).toBe('2026-03-09T10:00:00.000Z'); // Monday 17:00 +07:00
  });
});

describe('bad input gets a clear error and changes nothing', () => {
  beforeAll(() => at('2026-03-09T09:00:00+07:00'));
  it('malformed JSON is a 400 problem', async () => {
    const res = await receiver.post('/v1/dossiers', '{"procedureCode":');
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body).toMatchObject({ type: 'https://motcua.dev/problems/request.malformed', status: 400, code: 'request.malformed' });
  });

  it('an unknown procedure or dossier is a 404', async () => {
    const procedure = await receiver.post('/v1/dossiers', { ...birthRegistration(), procedureCode: '9.999999' });
    expect(procedure.status).toBe(404);
    expect(procedure.body.detail).toBe('no published procedure has code 9.999999; list them with GET /v1/procedures');
    const dossier = await receiver.get('/v1/dossiers/00000000-0000-4000-8000-000000000000');
    expect(dossier.status).toBe(404);
    expect((await receiver.get('/v1/dossiers/not-a-uuid')).status).toBe(404);
  });

  it('data failing the procedure schema is a 422 listing every failing field', async () => {
    const body = birthRegistration();
    const res = await receiver.post('/v1/dossiers', { ...body, data: { child: { fullName: '', sex: 'unknown', birthDate: '2026-02-30', birthPlace: 'x' }, grandfather: 'x' } });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([
      { path: '/informant', message: 'is required' },
      { path: '/grandfather', message: 'is not a field of this procedure; remove it or check its spelling' },
      { path: '/child/fullName', message: 'must NOT have fewer than 1 characters' },
      { path: '/child/sex', message: 'must be one of "male", "female"' },
      { path: '/child/birthDate', message: 'must match format "date"' },
    ]);
  });

  it('an event the state does not accept is a 409 naming the accepted events', async () => {
    const created = await receiver.post('/v1/dossiers', birthRegistration());
    const res = await receiver.post(`/v1/dossiers/${created.body.id}/events`, { type: 'SIGN' });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'transition.not-allowed', acceptedEvents: ['ACCEPT', 'ASK_SUPPLEMENT', 'REFUSE'] });
    expect(res.body.detail).toBe("event SIGN is not accepted in state 'reception'; accepted events: ACCEPT, ASK_SUPPLEMENT, REFUSE");
    expect((await receiver.get(`/v1/dossiers/${created.body.id}`)).body.version).toBe(1);
  });

  it('a failing guard is a 422 saying which condition', async () => {
    const created = await receiver.post('/v1/dossiers', birthRegistration({ informant: { relationship: 'other' } }));
    await receiver.post(`/v1/dossiers/${created.body.id}/events`, { type: 'ACCEPT' });
    const res = await specialist.post(`/v1/dossiers/${created.body.id}/events`, { type: 'PROPOSE_APPROVAL' });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('transition.guard-failed');
    expect(res.body.detail).toBe(
      "PROPOSE_APPROVAL is not possible in state 'processing': an informant who is not a relative must present a written authorization (data.informant.relationship != \"other\" || (has(data.informant.authorization) && data.informant.authorization))",
    );
    expect((await specialist.get(`/v1/dossiers/${created.body.id}`)).body).toMatchObject({ state: 'processing', version: 2 });
  });

  it('a stale expectedVersion is a 409 and changes nothing', async () => {
    const created = await receiver.post('/v1/dossiers', birthRegistration());
    await receiver.post(`/v1/dossiers/${created.body.id}/events`, { type: 'ACCEPT', expectedVersion: 1 });
    const res = await receiver.post(`/v1/dossiers/${created.body.id}/events`, { type: 'WITHDRAW', expectedVersion: 1, data: { reason: 'x' } });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'dossier.version-conflict', currentVersion: 2, expectedVersion: 1 });
    const history = await receiver.get(`/v1/dossiers/${created.body.id}/history`);
    expect(history.body.events.map((e: { type: string }) => e.type)).toEqual(['RECEIVED', 'ACCEPT', 'DUE_DATE_CHANGED']);
  });

  it('a missing required input is a 422 naming it', async () => {
    const created = await receiver.post('/v1/dossiers', birthRegistration());
    const res = await receiver.post(`/v1/dossiers/${created.body.id}/events`, { type: 'REFUSE' });
    expect(res.status).toBe(422);
    expect(res.body.detail).toBe('REFUSE requires data.reason; send them in the event\'s data, e.g. {"type":"REFUSE","data":{"reason":"…"}}');
  });

  it('an officer of another unit neither sees nor advances the dossier', async () => {
    const created = await receiver.post('/v1/dossiers', birthRegistration());
    const outsider = await ApiClient.login(system.url, 'receiver.kinh-bac');
    expect((await outsider.get(`/v1/dossiers/${created.body.id}`)).status).toBe(404);
    expect((await outsider.post(`/v1/dossiers/${created.body.id}/events`, { type: 'ACCEPT' })).status).toBe(404);
    const wrongRole = await specialist.post(`/v1/dossiers/${created.body.id}/events`, { type: 'ACCEPT' });
    expect(wrongRole.status).toBe(403);
    expect(wrongRole.body.detail).toBe('ACCEPT is not yours to fire: only receiver may fire ACCEPT');
  });

  it('requests without a valid token are 401', async () => {
    const anonymous = new ApiClient(system.url);
    expect((await anonymous.get('/v1/procedures')).status).toBe(401);
    expect((await new ApiClient(system.url, 'forged').get('/v1/procedures')).status).toBe(401);
    const wrong = await anonymous.post('/v1/auth/login', { username: 'receiver.hop-thinh', password: 'nope' });
    expect(wrong.status).toBe(401);
    expect(wrong.body.code).toBe('auth.invalid-credentials');
  });
});

describe('idempotency and concurrency', () => {
  beforeAll(() => at('2026-03-09T10:00:00+07:00'));
  it('a repeated Idempotency-Key returns the first answer and changes nothing', async () => {
    const key = { 'Idempotency-Key': 'f3a1c0de-0001' };
    const first = await receiver.post('/v1/dossiers', birthRegistration(), key);
    const again = await receiver.post('/v1/dossiers', birthRegistration(), key);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body.id).toBe(first.body.id);
    expect(again.body.receiptCode).toBe(first.body.receiptCode);

    const eventKey = { 'Idempotency-Key': 'f3a1c0de-0002' };
    const accepted = await receiver.post(`/v1/dossiers/${first.body.id}/events`, { type: 'ACCEPT' }, eventKey);
    const repeated = await receiver.post(`/v1/dossiers/${first.body.id}/events`, { type: 'ACCEPT' }, eventKey);
    expect(repeated.status).toBe(200);
    expect(repeated.body).toEqual(accepted.body);
    const history = await receiver.get(`/v1/dossiers/${first.body.id}/history`);
    expect(history.body.events.filter((e: { type: string }) => e.type === 'ACCEPT')).toHaveLength(1);

    const misuse = await receiver.post(`/v1/dossiers/${first.body.id}/events`, { type: 'WITHDRAW', data: { reason: 'x' } }, eventKey);
    expect(misuse.status).toBe(422);
    expect(misuse.body.code).toBe('idempotency.key-reused');
  });

  it('two concurrent advances of one dossier: exactly one wins', async () => {
    const created = await receiver.post('/v1/dossiers', birthRegistration());
    const results = await Promise.all(Array.from({ length: 8 }, () => receiver.post(`/v1/dossiers/${created.body.id}/events`, { type: 'ACCEPT', expectedVersion: 1 })));
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(7);
    const history = await receiver.get(`/v1/dossiers/${created.body.id}/history`);
    expect(history.body.events.filter((e: { type: string }) => e.type === 'ACCEPT')).toHaveLength(1);
  });
});

describe('after-commit effects', () => {
  it('the applicant is notified of every status change, once each', async () => {
    await at('2026-03-10T09:00:00+07:00');
    const created = await receiver.post('/v1/dossiers', birthRegistration());
    await receiver.post(`/v1/dossiers/${created.body.id}/events`, { type: 'REFUSE', data: { reason: 'not the competent commune' } });
    await expect.poll(async () => (await system.db('notifications').where('dossier_id', created.body.id).orderBy('id').select('recipient', 'channel', 'message_en')), { timeout: 20_000 }).toEqual([
      { recipient: '0912345678', channel: 'sms', message_en: `Dossier ${created.body.receiptCode}: Your dossier has been submitted` },
      { recipient: '0912345678', channel: 'sms', message_en: `Dossier ${created.body.receiptCode}: Your dossier was not accepted` },
    ]);
  });
});
