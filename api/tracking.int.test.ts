// Citizens' tracking and rating by receipt code and the last four digits of the
// applicant's phone: what they see, what they never see, and the limit on guessing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../test/api-client.ts';
import { birthRegistration } from '../test/birth-registration.ts';
import { startTestSystem, type TestSystem } from '../test/start-test-system.ts';

let system: TestSystem;
let receiver: ApiClient;
let specialist: ApiClient;
let leader: ApiClient;

beforeAll(async () => {
  system = await startTestSystem({ workers: false });
  receiver = await ApiClient.login(system.url, 'receiver.hop-thinh');
  specialist = await ApiClient.login(system.url, 'specialist.hop-thinh');
  leader = await ApiClient.login(system.url, 'leader.hop-thinh');
});
afterAll(async () => {
  await system?.close();
});

/** The raw answer, bytes and all, from a given client address. */
async function fetchRaw(method: string, path: string, address: string, body?: unknown): Promise<{ status: number; type: string | null; text: string; retryAfter: string | null }> {
  const res = await fetch(system.url + path, {
    method,
    headers: { 'x-forwarded-for': address, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, type: res.headers.get('content-type'), text: await res.text(), retryAfter: res.headers.get('retry-after') };
}

async function receive(): Promise<{ id: string; receiptCode: string }> {
  const created = await receiver.post('/v1/dossiers', birthRegistration());
  return created.body;
}

describe('tracking a dossier', () => {
  it('shows the citizen status, the public steps and the appointment date, and no personal data', async () => {
    system.clock.set('2026-03-02T09:00:00+07:00');
    const { id, receiptCode } = await receive();
    expect(receiptCode).toBe('H04.101-260302-0001');
    await receiver.post(`/v1/dossiers/${id}/events`, { type: 'ACCEPT' });
    const midway = await fetchRaw('GET', `/v1/public/dossiers/${receiptCode}?check=5678`, '10.2.0.1');
    expect(midway.status).toBe(200);
    expect(JSON.parse(midway.text)).toEqual({
      receiptCode: 'H04.101-260302-0001',
      procedure: { code: '1.001193', name: { vi: 'Đăng ký khai sinh', en: 'Birth registration' } },
      statusCode: 4,
      status: { vi: 'Đang xử lý', en: 'In progress' },
      receivedAt: '2026-03-02T02:00:00.000Z',
      appointmentAt: '2026-03-02T10:00:00.000Z',
      closedAt: null,
      timeline: [
        { at: '2026-03-02T02:00:00.000Z', statusCode: 1, status: { vi: 'Hồ sơ mới tiếp nhận', en: 'Your dossier has been submitted' } },
        { at: '2026-03-02T02:00:00.000Z', statusCode: 4, status: { vi: 'Đang xử lý', en: 'In progress' } },
      ],
      rating: { canRate: false, score: null },
    });

    system.clock.set('2026-03-02T10:00:00+07:00');
    await specialist.post(`/v1/dossiers/${id}/events`, { type: 'PROPOSE_APPROVAL', comment: 'Nguyễn Văn An, 027090001234' });
    await leader.post(`/v1/dossiers/${id}/events`, { type: 'SIGN' });
    system.clock.set('2026-03-02T11:00:00+07:00');
    await receiver.post(`/v1/dossiers/${id}/events`, { type: 'HAND_OVER', comment: 'handed to the father, 0912345678' });
    const done = await fetchRaw('GET', `/v1/public/dossiers/${receiptCode}?check=5678`, '10.2.0.1');
    const body = JSON.parse(done.text);
    expect(body).toMatchObject({ statusCode: 10, status: { vi: 'Đã trả kết quả', en: 'Result returned' }, appointmentAt: null, closedAt: '2026-03-02T04:00:00.000Z', rating: { canRate: true, score: null } });
    expect(body.timeline.map((s: { statusCode: number; at: string }) => [s.statusCode, s.at])).toEqual([
      [1, '2026-03-02T02:00:00.000Z'],
      [4, '2026-03-02T02:00:00.000Z'],
      [9, '2026-03-02T03:00:00.000Z'],
      [10, '2026-03-02T04:00:00.000Z'],
    ]);
    // Nothing personal: no name, identity number, phone, form data, comment or officer.
    for (const personal of ['Nguyễn', 'Nguyen', '027090001234', '0912345678', '5678', 'Khôi', 'Bệnh viện', 'father', 'specialist', 'receiver', 'applicant', 'data'])
      expect(done.text).not.toContain(personal);
    expect(done.text.includes(id)).toBe(false);
  });

  it('answers an unknown code and wrong check digits byte for byte alike', async () => {
    const { receiptCode } = await receive();
    const wrongCheck = await fetchRaw('GET', `/v1/public/dossiers/${receiptCode}?check=1111`, '10.2.0.2');
    const unknownCode = await fetchRaw('GET', '/v1/public/dossiers/H04.101-260302-9999?check=5678', '10.2.0.2');
    expect(wrongCheck).toEqual(unknownCode);
    expect(wrongCheck.status).toBe(404);
    expect(wrongCheck.type).toBe('application/problem+json; charset=utf-8');
    expect(JSON.parse(wrongCheck.text)).toEqual({
      type: 'https://motcua.dev/problems/tracking.not-found',
      title: 'No dossier with this receipt code and check digits',
      status: 404,
      detail: 'no dossier matches this receipt code and these check digits; check the code on your receipt (form 01) and send the last four digits of the phone number given at reception',
      instance: '/v1/public/dossiers/{receiptCode}',
      code: 'tracking.not-found',
    });
  });

  it('limits guessing per receipt code: after 5 misses even the right digits get 429', async () => {
    const { receiptCode } = await receive();
    for (let i = 0; i < 5; i++) expect((await fetchRaw('GET', `/v1/public/dossiers/${receiptCode}?check=000${i}`, `10.2.1.${i}`)).status).toBe(404);
    const blocked = await fetchRaw('GET', `/v1/public/dossiers/${receiptCode}?check=5678`, '10.2.1.9');
    expect(blocked.status).toBe(429);
    expect(Number(blocked.retryAfter)).toBeGreaterThan(0);
    expect(JSON.parse(blocked.text)).toMatchObject({ code: 'rate.limited', status: 429, instance: '/v1/public/dossiers/{receiptCode}' });
  });

  it('limits guessing per client address: after 30 misses over any codes, 429', async () => {
    const { receiptCode } = await receive();
    for (let i = 0; i < 30; i++) expect((await fetchRaw('GET', `/v1/public/dossiers/H04.102-260302-${String(i).padStart(4, '0')}?check=1234`, '10.2.3.3')).status).toBe(404);
    expect((await fetchRaw('GET', `/v1/public/dossiers/${receiptCode}?check=5678`, '10.2.3.3')).status).toBe(429);
    expect((await fetchRaw('GET', `/v1/public/dossiers/${receiptCode}?check=5678`, '10.2.3.4')).status).toBe(200);
  });

  it('refuses check values that are not four digits with 400', async () => {
    const res = await fetchRaw('GET', '/v1/public/dossiers/H04.101-260302-0001?check=56', '10.2.0.5');
    expect([res.status, JSON.parse(res.text).detail]).toEqual([400, 'check must be the last four digits of the phone number given at reception, e.g. ?check=5678']);
  });
});

describe('rating a dossier', () => {
  it('once, only after the result is returned', async () => {
    const { id, receiptCode } = await receive();
    const early = await fetchRaw('POST', `/v1/public/dossiers/${receiptCode}/rating?check=5678`, '10.3.0.1', { score: 5 });
    expect([early.status, JSON.parse(early.text).code, JSON.parse(early.text).detail]).toEqual([409, 'rating.not-allowed', 'a dossier can be rated once its result is returned (status 10); this one is at status 1']);
    for (const [actor, type] of [[receiver, 'ACCEPT'], [specialist, 'PROPOSE_APPROVAL'], [leader, 'SIGN'], [receiver, 'HAND_OVER']] as const)
      expect((await actor.post(`/v1/dossiers/${id}/events`, { type })).status).toBe(200);

    const outOfRange = await fetchRaw('POST', `/v1/public/dossiers/${receiptCode}/rating?check=5678`, '10.3.0.1', { score: 6 });
    expect(outOfRange.status).toBe(400);
    const wrongCheck = await fetchRaw('POST', `/v1/public/dossiers/${receiptCode}/rating?check=0000`, '10.3.0.1', { score: 4 });
    expect(wrongCheck.status).toBe(404);

    const rated = await fetchRaw('POST', `/v1/public/dossiers/${receiptCode}/rating?check=5678`, '10.3.0.1', { score: 4, comment: ' Nhanh, chu đáo ' });
    expect([rated.status, JSON.parse(rated.text)]).toEqual([201, { receiptCode, score: 4, comment: 'Nhanh, chu đáo', ratedAt: system.clock.now().toISOString() }]);
    const again = await fetchRaw('POST', `/v1/public/dossiers/${receiptCode}/rating?check=5678`, '10.3.0.1', { score: 1 });
    expect([again.status, JSON.parse(again.text).code]).toEqual([409, 'rating.exists']);
    expect(await system.db('dossier_ratings').where({ dossier_id: id }).select('score', 'comment')).toEqual([{ score: 4, comment: 'Nhanh, chu đáo' }]);
    const tracked = await fetchRaw('GET', `/v1/public/dossiers/${receiptCode}?check=5678`, '10.3.0.1');
    expect(JSON.parse(tracked.text).rating).toEqual({ canRate: false, score: 4 });
  });
});
