// Form 04: apology and a new appointment date — by the leader of the unit
// holding the dossier, only once it is at risk (its last working day) or
// overdue, no later than the statutory limit counted again from the old due
// date (or the procedure's tighter extensionLimit), once; every due-date
// change recorded with its reason; the applicant notified.
import { readFileSync } from 'node:fs';
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

it('issues form 04 once, when the dossier is at risk, moving the due date, and refuses a second one', async () => {
  const id = await fileHouseholdBusiness();
  const leader = await at('2026-03-05T08:00:00+07:00', 'leader.hop-thinh'); // Thursday 08:00: at risk, 7.5 working hours left
  expect((await leader.get(`/v1/dossiers/${id}`)).body).toMatchObject({ atRisk: true, overdue: false });
  const issued = await leader.post(`/v1/dossiers/${id}/extension`, { newDueDate: '2026-03-10', reason: 'cần xác minh địa điểm kinh doanh' });
  expect(issued.status).toBe(200);
  expect(issued.body).toMatchObject({ dueAt: '2026-03-10T10:00:00.000Z', extendedAt: '2026-03-05T01:00:00.000Z', version: 3, atRisk: false });

  const again = await leader.post(`/v1/dossiers/${id}/extension`, { newDueDate: '2026-03-10', reason: 'lần nữa' });
  expect(again.status).toBe(409);
  expect(again.body).toMatchObject({ code: 'dossier.extension-used', detail: 'a new date was already set on 2026-03-05T01:00:00.000Z; the law allows it only once (form 04)' });

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

it('is at risk in its last working day and overdue after it; form 04 waits until then, and is still owed when overdue', async () => {
  const id = await fileHouseholdBusiness();
  const early = await at('2026-03-04T10:00:00+07:00', 'leader.hop-thinh'); // Wednesday 10:00: 1 day 5.5 hours left
  expect((await early.get(`/v1/dossiers/${id}`)).body).toMatchObject({ atRisk: false, workingMinutesLeft: 810 });
  const notDue = await early.post(`/v1/dossiers/${id}/extension`, { newDueDate: '2026-03-10', reason: 'sớm' });
  expect(notDue.status).toBe(422);
  expect(notDue.body).toMatchObject({
    code: 'dossier.extension-not-due',
    detail: 'form 04 is for a dossier at risk or overdue: 810 working minutes are left before the due date 2026-03-05T10:00:00.000Z; it may be issued once less than one working day (480 minutes) is left',
  });
  const late = await at('2026-03-05T08:00:00+07:00', 'leader.hop-thinh');
  expect((await late.get(`/v1/dossiers/${id}`)).body).toMatchObject({ atRisk: true, overdue: false, workingMinutesLeft: 450 });
  // Supervisors list what is at risk and what is overdue.
  const supervisor = await ApiClient.login(system.url, 'supervisor.hop-thinh');
  expect((await supervisor.get('/v1/dossiers?due=at-risk')).body.items.map((d: { id: string }) => d.id)).toContain(id);
  expect((await supervisor.get('/v1/dossiers?due=overdue')).body.items.map((d: { id: string }) => d.id)).not.toContain(id);
  const overdue = await at('2026-03-06T09:00:00+07:00', 'leader.hop-thinh'); // Friday: a day late
  expect((await (await ApiClient.login(system.url, 'supervisor.hop-thinh')).get('/v1/dossiers?due=overdue')).body.items.map((d: { id: string }) => d.id)).toContain(id);
  const issued = await overdue.post(`/v1/dossiers/${id}/extension`, { newDueDate: '2026-03-09', reason: 'chậm do chờ xác minh' });
  expect(issued.status).toBe(200);
  expect(issued.body).toMatchObject({ dueAt: '2026-03-09T10:00:00.000Z', extendedAt: '2026-03-06T02:00:00.000Z', overdue: false });
});

it('refuses a date beyond the statutory limit counted again from the due date, a date that is not a later working day, and anyone but the holding unit’s leader', async () => {
  const id = await fileHouseholdBusiness();
  const leader = await at('2026-03-05T09:00:00+07:00', 'leader.hop-thinh');
  const tooFar = await leader.post(`/v1/dossiers/${id}/extension`, { newDueDate: '2026-03-11', reason: 'x' });
  expect(tooFar.status).toBe(422);
  expect(tooFar.body).toMatchObject({ code: 'dossier.extension-too-far', detail: 'the new date 2026-03-11 is later than 2026-03-10T10:00:00.000Z, 3 working days after the current due date 2026-03-05T10:00:00.000Z; choose a date no later than that' });
  const weekend = await leader.post(`/v1/dossiers/${id}/extension`, { newDueDate: '2026-03-07', reason: 'x' });
  expect(weekend.status).toBe(422);
  expect(weekend.body.detail).toBe('2026-03-07 is not a working day; give the new appointment date as YYYY-MM-DD on a working day');
  const earlier = await leader.post(`/v1/dossiers/${id}/extension`, { newDueDate: '2026-03-04', reason: 'x' });
  expect(earlier.body.detail).toBe('the new date 2026-03-04 is not after the current due date 2026-03-05T10:00:00.000Z');
  const specialist = await ApiClient.login(system.url, 'specialist.hop-thinh');
  const wrongRole = await specialist.post(`/v1/dossiers/${id}/extension`, { newDueDate: '2026-03-10', reason: 'x' });
  expect(wrongRole.status).toBe(403);
  expect(wrongRole.body.detail).toBe('only the leader of hop-thinh, which holds the dossier, may issue form 04 (the head of the unit signs the apology); you are specialist of hop-thinh');
  const receiver = await ApiClient.login(system.url, 'receiver.hop-thinh');
  expect((await receiver.post(`/v1/dossiers/${id}/extension`, { newDueDate: '2026-03-10', reason: 'x' })).status).toBe(403);
  const outsider = await ApiClient.login(system.url, 'leader.kinh-bac');
  expect((await outsider.post(`/v1/dossiers/${id}/extension`, { newDueDate: '2026-03-10', reason: 'x' })).status).toBe(404);
  expect((await leader.get(`/v1/dossiers/${id}`)).body).toMatchObject({ extendedAt: null, dueAt: '2026-03-05T10:00:00.000Z', version: 2 });
});

it('refuses a specialist moving a 5-working-day marriage registration 13 months out five minutes after acceptance, whoever asks and whenever', async () => {
  const receiver = await at('2026-03-02T09:00:00+07:00', 'receiver.hop-thinh');
  const spouse = (fullName: string, idNumber: string) => ({ fullName, birthDate: '1998-04-12', idNumber, maritalStatusConfirmed: true });
  const created = await receiver.post('/v1/dossiers', {
    procedureCode: '1.000894',
    applicant: { fullName: 'Lê Thị Hoa', idNumber: '027198001111', phone: '0912000111' },
    data: { bride: spouse('Lê Thị Hoa', '027198001111'), groom: spouse('Phạm Văn Long', '027096002222') },
  });
  expect(created.status).toBe(201);
  const id = created.body.id;
  const accepted = await receiver.post(`/v1/dossiers/${id}/events`, { type: 'ACCEPT' });
  expect(accepted.body).toMatchObject({ state: 'review', dueAt: '2026-03-09T10:00:00.000Z' }); // 5 working days: Monday 9 March 17:00

  const specialist = await at('2026-03-02T09:05:00+07:00', 'specialist.hop-thinh');
  const bySpecialist = await specialist.post(`/v1/dossiers/${id}/extension`, { newDueDate: '2027-04-05', reason: 'bận' });
  expect(bySpecialist.status).toBe(403);
  const leader = await ApiClient.login(system.url, 'leader.hop-thinh');
  const tooEarly = await leader.post(`/v1/dossiers/${id}/extension`, { newDueDate: '2027-04-05', reason: 'bận' });
  expect(tooEarly.body.code).toBe('dossier.extension-not-due');
  const lastDay = await at('2026-03-09T09:00:00+07:00', 'leader.hop-thinh'); // its last working day
  const tooFar = await lastDay.post(`/v1/dossiers/${id}/extension`, { newDueDate: '2027-04-05', reason: 'bận' });
  expect(tooFar.body).toMatchObject({ code: 'dossier.extension-too-far', detail: 'the new date 2027-04-05 is later than 2026-03-16T10:00:00.000Z, 5 working days after the current due date 2026-03-09T10:00:00.000Z; choose a date no later than that' });
  expect((await lastDay.get(`/v1/dossiers/${id}`)).body).toMatchObject({ dueAt: '2026-03-09T10:00:00.000Z', extendedAt: null, version: 2 });
});

it('holds a procedure to its own tighter extensionLimit', async () => {
  const author = await ApiClient.login(system.url, 'author.bac-ninh');
  const v3 = readFileSync('procedures/household-business-registration.yaml', 'utf8')
    .replace('version: 2\n', 'version: 3\n')
    .replace(/\nscenarios: .*\n/, '\n')
    .replace('processingTime: { workingDays: 3 }\n', 'processingTime: { workingDays: 3 }\nextensionLimit: { workingDays: 1 }\n');
  const draft = await author.request('POST', '/v1/procedures?file=procedures/household-business-registration-v3.yaml', v3, { 'content-type': 'application/yaml' });
  expect(draft.status).toBe(201);
  expect((await author.post('/v1/procedures/1.001612/versions/3/publish')).status).toBe(200);
  const id = await fileHouseholdBusiness();
  const leader = await at('2026-03-05T09:00:00+07:00', 'leader.hop-thinh');
  const tooFar = await leader.post(`/v1/dossiers/${id}/extension`, { newDueDate: '2026-03-09', reason: 'x' });
  expect(tooFar.body).toMatchObject({ code: 'dossier.extension-too-far', detail: 'the new date 2026-03-09 is later than 2026-03-06T10:00:00.000Z, 1 working day after the current due date 2026-03-05T10:00:00.000Z; choose a date no later than that' });
  expect((await leader.post(`/v1/dossiers/${id}/extension`, { newDueDate: '2026-03-06', reason: 'x' })).body).toMatchObject({ dueAt: '2026-03-06T10:00:00.000Z' });
});
