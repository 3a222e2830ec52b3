// Form 04: apology and a new appointment date — at the latest one working day
// before the due date, once; "at risk" in the last working day; every due-date
// change recorded with its reason; the applicant notified.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ApiClient } from '../test/api-client.ts';
import { startTestSystem, type TestSystem } from '../test/start-test-system.ts';

let system: TestSystem;
beforeAll(async () => {
  system = await startTestSystem();
});
afterAll(async () => {
  await system?.close();
});

async function at(time: string, username: string): Promise<ApiClient> {
  system.clock.set(time);
  return ApiClient.login(system.url, username);
}

async function fileHouseholdBusiness(): Promise<string> {
  const receiver = await at('2026-03-02T09:00:00+07:00', 'receiver.hop-thinh'); // Monday
  const created = await receiver.post('/v1/dossiers', {
    procedureCode: '1.001612',
    applicant: { fullName: 'Trần Văn Bình', idNumber: '027085001234', phone: '0987654321' },
    data: { owner: { fullName: 'Trần Văn Bình', idNumber: '027085001234' }, business: { name: 'Tạp hóa Bình An', commune: 'hop-thinh', address: 'Thôn Đông', capitalVnd: 50_000_000, lines: ['bán lẻ'] } },
  });
  const accepted = await receiver.post(`/v1/dossiers/${created.body.id}/events`, { type: 'ACCEPT' });
  // 3 working days: Tue, Wed, Thu → Thursday 17:00.
  expect(accepted.body).toMatchObject({ state: 'appraisal', dueAt: '2026-03-05T10:00:00.000Z', atRisk: false, extendedAt: null });
  return created.body.id;
}

it('issues form 04 once, moving the due date, and refuses a second one', async () => {
  const id = await fileHouseholdBusiness();
  const leader = await at('2026-03-04T10:00:00+07:00', 'leader.hop-thinh'); // Wednesday: 1 day 7 hours left
  const issued = await leader.post(`/v1/dossiers/${id}/extension`, { newDueDate: '2026-03-10', reason: 'cần xác minh địa điểm kinh doanh' });
  expect(issued.status).toBe(200);
  expect(issued.body).toMatchObject({ dueAt: '2026-03-10T10:00:00.000Z', extendedAt: '2026-03-04T03:00:00.000Z', version: 3, atRisk: false });

  const again = await leader.post(`/v1/dossiers/${id}/extension`, { newDueDate: '2026-03-12', reason: 'lần nữa' });
  expect(again.status).toBe(409);
  expect(again.body).toMatchObject({ code: 'dossier.extension-used', detail: 'a new date was already set on 2026-03-04T03:00:00.000Z; the law allows it only once (form 04)' });

  const history = await leader.get(`/v1/dossiers/${id}/history`);
  const tail = history.body.events.slice(-2).map((e: { type: string; payload: unknown; comment: string | null }) => [e.type, e.payload, e.comment]);
  expect(tail).toEqual([
    ['EXTENSION_ISSUED', { form: '04', reason: 'cần xác minh địa điểm kinh doanh', from: '2026-03-05T10:00:00.000Z', to: '2026-03-10T10:00:00.000Z' }, 'cần xác minh địa điểm kinh doanh'],
    ['DUE_DATE_CHANGED', { from: '2026-03-05T10:00:00.000Z', to: '2026-03-10T10:00:00.000Z', reason: 'extension' }, null],
  ]);
  await expect
    .poll(async () => (await system.db('notifications').where('dossier_id', id).orderBy('id').pluck('message_en')).at(-1), { timeout: 20_000 })
    .toBe(`Dossier ${issued.body.receiptCode}: We apologise: your dossier is late (cần xác minh địa điểm kinh doanh); the new date for your result is 2026-03-10`);
});

it('is at risk in the last working day, when form 04 is too late', async () => {
  const id = await fileHouseholdBusiness();
  const leader = await at('2026-03-04T16:00:00+07:00', 'leader.hop-thinh'); // Wednesday 16:00: 1 day 1 hour left
  expect((await leader.get(`/v1/dossiers/${id}`)).body).toMatchObject({ atRisk: false, workingMinutesLeft: 540 });
  const late = await at('2026-03-05T08:00:00+07:00', 'leader.hop-thinh'); // Thursday 08:00: 7.5 working hours left
  expect((await late.get(`/v1/dossiers/${id}`)).body).toMatchObject({ atRisk: true, overdue: false, workingMinutesLeft: 450 });
  // Supervisors list what is at risk and what is overdue.
  const supervisor = await ApiClient.login(system.url, 'supervisor.hop-thinh');
  expect((await supervisor.get('/v1/dossiers?due=at-risk')).body.items.map((d: { id: string }) => d.id)).toContain(id);
  expect((await supervisor.get('/v1/dossiers?due=overdue')).body.items.map((d: { id: string }) => d.id)).not.toContain(id);
  system.clock.set('2026-03-05T17:30:00+07:00');
  const after = await ApiClient.login(system.url, 'supervisor.hop-thinh');
  expect((await after.get('/v1/dossiers?due=overdue')).body.items.map((d: { id: string }) => d.id)).toContain(id);
  system.clock.set('2026-03-05T08:00:00+07:00');
  const refused = await late.post(`/v1/dossiers/${id}/extension`, { newDueDate: '2026-03-10', reason: 'muộn' });
  expect(refused.status).toBe(422);
  expect(refused.body.detail).toBe('form 04 must be issued at the latest one working day before the due date 2026-03-05T10:00:00.000Z; only 450 working minutes are left');
  expect((await late.get(`/v1/dossiers/${id}`)).body).toMatchObject({ extendedAt: null, dueAt: '2026-03-05T10:00:00.000Z', version: 2 });
});

it('refuses a new date that is not a later working day, or an officer of another unit', async () => {
  const id = await fileHouseholdBusiness();
  const leader = await at('2026-03-03T09:00:00+07:00', 'leader.hop-thinh');
  const weekend = await leader.post(`/v1/dossiers/${id}/extension`, { newDueDate: '2026-03-07', reason: 'x' });
  expect(weekend.status).toBe(422);
  expect(weekend.body.detail).toBe('2026-03-07 is not a working day; give the new appointment date as YYYY-MM-DD on a working day');
  const earlier = await leader.post(`/v1/dossiers/${id}/extension`, { newDueDate: '2026-03-04', reason: 'x' });
  expect(earlier.body.detail).toBe('the new date 2026-03-04 is not after the current due date 2026-03-05T10:00:00.000Z');
  const receiver = await ApiClient.login(system.url, 'receiver.hop-thinh');
  const wrongRole = await receiver.post(`/v1/dossiers/${id}/extension`, { newDueDate: '2026-03-10', reason: 'x' });
  expect(wrongRole.status).toBe(403);
  const outsider = await ApiClient.login(system.url, 'leader.kinh-bac');
  expect((await outsider.post(`/v1/dossiers/${id}/extension`, { newDueDate: '2026-03-10', reason: 'x' })).status).toBe(404);
});
