// Supervision over HTTP on the hand-computed fixture of test/supervision-fixture.ts:
// the overdue and at-risk lists with lateness in working hours, the statistics
// (every expected number worked out by hand in the fixture's header), CSV and
// XLSX, and who may see what.
import type { Job } from 'bullmq';
import ExcelJS from 'exceljs';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../test/api-client.ts';
import { startTestSystem, type TestSystem } from '../test/start-test-system.ts';
import { TestClock } from '../test/test-clock.ts';
import { fixtureNow, seedSupervisionFixture } from '../test/supervision-fixture.ts';
import { computeDueReports, computePeriodReports } from '../engine/service/supervision/compute-reports.ts';
import { periodOfDays } from '../engine/supervision/statistics-period.ts';
import { createQueue } from '../workers/queue-backend.ts';
import { createReportProcessor, reportJobName, reportQueueName, scheduleReports } from '../workers/report-worker.ts';

let system: TestSystem;
let ids: Record<string, { id: string; receiptCode: string }>;
let province: ApiClient, commune: ApiClient, receiver: ApiClient, ward: ApiClient;

beforeAll(async () => {
  system = await startTestSystem({ clock: new TestClock(fixtureNow), workers: false });
  ids = await seedSupervisionFixture(system.db);
  const as = (username: string) => ApiClient.login(system.url, username);
  [province, commune, receiver, ward] = [await as('supervisor.bac-ninh'), await as('supervisor.hop-thinh'), await as('receiver.hop-thinh'), await as('supervisor.kinh-bac')];
});
afterAll(async () => {
  await system?.close();
});

const period = 'from=2026-02-01&to=2026-04-01';

describe('overdue and at-risk lists', () => {
  it('shows the province every overdue dossier, most late first, with its holder and working hours late', async () => {
    const res = await province.get('/v1/supervision/overdue');
    expect(res.status).toBe(200);
    expect(res.body.items.map((i: any) => [i.receiptCode, i.heldBy.unit, i.workingHoursLate])).toEqual([
      [ids.D7!.receiptCode, 'hop-thinh', 16],
      [ids.D11!.receiptCode, 'kinh-bac', 15],
    ]);
    expect(res.body.items[0]).toMatchObject({
      procedureCode: '1.001612', state: 'appraisal', stateTitle: { vi: 'Thẩm định hồ sơ', en: 'Appraisal' }, heldBy: { unit: 'hop-thinh', name: { vi: 'Xã Hợp Thịnh' }, since: '2026-03-09T02:00:00.000Z' },
      dueAt: '2026-03-12T02:00:00.000Z', watchedDue: 'statutory', clockPaused: false, apologyIssued: false,
    });
    expect(res.body.nextCursor).toBeNull();
  });

  it('pages with a cursor', async () => {
    const first = await province.get('/v1/supervision/overdue?limit=1');
    expect(first.body.items.map((i: any) => i.receiptCode)).toEqual([ids.D7!.receiptCode]);
    const second = await province.get(`/v1/supervision/overdue?limit=1&cursor=${first.body.nextCursor}`);
    expect(second.body.items.map((i: any) => i.receiptCode)).toEqual([ids.D11!.receiptCode]);
    expect(second.body.nextCursor).toBeNull();
    expect((await province.get('/v1/supervision/overdue?cursor=nonsense')).status).toBe(400);
  });

  it('lists the dossier due within one working day as at risk, with the hours left', async () => {
    const res = await province.get('/v1/supervision/at-risk');
    expect(res.body.items.map((i: any) => [i.receiptCode, i.workingHoursLate])).toEqual([[ids.D12!.receiptCode, -4.5]]);
  });

  it('filters by unit (and the units under it), procedure, state and level', async () => {
    const codes = async (q: string) => (await province.get(`/v1/supervision/overdue?${q}`)).body.items.map((i: any) => i.receiptCode);
    expect(await codes('unit=kinh-bac')).toEqual([ids.D11!.receiptCode]);
    expect(await codes('unit=bac-ninh')).toEqual([ids.D7!.receiptCode, ids.D11!.receiptCode]);
    expect(await codes('procedure=1.012753')).toEqual([]);
    expect(await codes('state=appraisal&level=commune')).toEqual([ids.D7!.receiptCode, ids.D11!.receiptCode]);
    expect(await codes('level=department')).toEqual([]);
    expect((await province.get('/v1/supervision/overdue?level=hamlet')).status).toBe(400);
  });

  it('counts overdue and at-risk dossiers per holding unit', async () => {
    const res = await province.get('/v1/supervision/counts');
    expect(res.body.units).toEqual([
      { unit: 'hop-thinh', name: { vi: 'Xã Hợp Thịnh', en: 'Hợp Thịnh commune' }, overdue: 1, atRisk: 1 },
      { unit: 'kinh-bac', name: { vi: 'Phường Kinh Bắc', en: 'Kinh Bắc ward' }, overdue: 1, atRisk: 0 },
    ]);
  });

  it('downloads the overdue list as CSV', async () => {
    const res = await province.request('GET', '/v1/supervision/overdue', undefined, { accept: 'text/csv' });
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const lines = (res.body as string).replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('Mã hồ sơ,Thủ tục,Bước,Đơn vị đang giữ,Giữ từ,Hạn,Số giờ làm việc quá hạn,Tạm dừng tính thời gian,Đã có văn bản xin lỗi (mẫu 04)');
    expect(lines[1]).toBe(`${ids.D7!.receiptCode},1.001612 Đăng ký thành lập hộ kinh doanh,Thẩm định hồ sơ,Xã Hợp Thịnh,2026-03-09T02:00:00.000Z,2026-03-12T02:00:00.000Z,16,không,không`);
    expect(lines).toHaveLength(3);
  });
});

describe('statistics of February and March 2026 for Hợp Thịnh', () => {
  it('counts every dossier the way the fixture works out by hand', async () => {
    const res = await commune.get(`/v1/supervision/stats?${period}`);
    expect(res.status).toBe(200);
    const t = res.body.totals;
    expect(res.body).toMatchObject({ from: '2026-02-01', to: '2026-04-01', asOf: '2026-03-16T02:00:00.000Z', groupBy: null, groups: [] });
    expect(t.received).toEqual({ total: 10, desk: 9, online: 1, post: 0 });
    expect(t.processed).toBe(9);
    expect(t.notAccepted).toBe(1);
    // D1, D4 (across Tết), D5 (against the due date after its reset), D8 early; D2, D6 (against form 04's new date) on time; D3 late.
    expect(t.finished).toEqual({ total: 7, early: 4, onTime: 2, late: 1 });
    expect(t.open).toEqual({ withinTime: 1, overdue: 1 });
    expect(t.onTimeRate).toBe(0.7778);
    // 1.69, 2.88, 4.69, 1.69, 3.69 (supplement time subtracted), 6.25, 8.44 working days.
    expect(t.processingDays).toEqual({ average: 4.19, p90: 8.44 });
    expect(t.apologies).toBe(1);
    expect(t.shares).toEqual({ digitizedComponents: 0.2, digitizedResults: 0.2857, receivedOnline: 0.1, paidOnline: 0.1 });
    expect(t.satisfaction).toEqual({ ratings: 3, averageScore: 3.67, satisfied: 2, dissatisfied: 1 });
    expect(t.indicators).toEqual([
      { id: 'on-time', group: 'progress', value: 0.7778, fullAt: 1, maxPoints: 20, points: 15.56 },
      { id: 'online-submission', group: 'online', value: 0.1, fullAt: 0.5, maxPoints: null, points: null },
      { id: 'online-payment', group: 'online', value: 0.1, fullAt: 1, maxPoints: 6, points: 0.6 },
      { id: 'electronic-result', group: 'digitization', value: 0.2857, fullAt: 1, maxPoints: 6, points: 1.71 },
      { id: 'digitization', group: 'digitization', value: 0.2857, fullAt: 0.8, maxPoints: 4, points: 1.43 },
      { id: 'satisfaction', group: 'satisfaction', value: 0.6667, fullAt: 0.9, maxPoints: 6, points: 4.44 },
    ]);
    expect(t.pointsByGroup).toEqual({ progress: 15.56, online: 0.6, digitization: 3.14, satisfaction: 4.44 });
    // D8's time is split between the commune and the Land Registration Office.
    expect(t.timeByUnit).toEqual([
      { unit: 'hop-thinh', visits: 20, workingDays: 33.38 },
      { unit: 'vpdk-dat-dai', visits: 4, workingDays: 8.13 },
    ]);
    expect(t.timeByState[0]).toEqual({ procedureCode: '1.001612', state: 'appraisal', visits: 9, workingDays: 28.88, averageDays: 3.21 });
    expect(t.timeByState).toContainEqual({ procedureCode: '1.012753', state: 'review', visits: 1, workingDays: 6.69, averageDays: 6.69 });
    expect(t.timeByState).toContainEqual({ procedureCode: '1.001612', state: 'result-ready', visits: 6, workingDays: 1.69, averageDays: 0.28 });
  });

  it('splits the period by month', async () => {
    const res = await commune.get(`/v1/supervision/stats?${period}&groupBy=month`);
    const [feb, mar] = res.body.groups;
    expect(feb.key).toBe('2026-02');
    expect([feb.figures.received.total, feb.figures.finished, feb.figures.open, feb.figures.onTimeRate]).toEqual([2, { total: 1, early: 1, onTime: 0, late: 0 }, { withinTime: 1, overdue: 0 }, 1]);
    expect(mar.key).toBe('2026-03');
    expect([mar.figures.received.total, mar.figures.finished, mar.figures.open, mar.figures.onTimeRate]).toEqual([8, { total: 6, early: 3, onTime: 2, late: 1 }, { withinTime: 1, overdue: 1 }, 0.75]);
  });

  it('groups by competent unit and by procedure', async () => {
    const byUnit = await province.get(`/v1/supervision/stats?${period}&groupBy=unit`);
    expect(byUnit.body.groups.map((g: any) => [g.key, g.figures.processed, g.figures.open.overdue])).toEqual([['hop-thinh', 8, 1], ['kinh-bac', 1, 1], ['vpdk-dat-dai', 1, 0]]);
    expect(byUnit.body.totals.open).toEqual({ withinTime: 1, overdue: 2 });
    const byProcedure = await commune.get(`/v1/supervision/stats?${period}&groupBy=procedure`);
    expect(byProcedure.body.groups.map((g: any) => [g.key, g.figures.finished.total])).toEqual([['1.001612', 6], ['1.012753', 1]]);
  });

  it('downloads the statistics as CSV and as XLSX', async () => {
    const csv = await commune.request('GET', `/v1/supervision/stats?${period}`, undefined, { accept: 'text/csv' });
    const lines = (csv.body as string).replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]!.split(',').slice(0, 10)).toEqual(['Từ ngày', 'Đến ngày (không gồm)', 'Phạm vi', 'Tiếp nhận', 'Tiếp nhận trực tiếp', 'Tiếp nhận trực tuyến', 'Hồ sơ xử lý trong kỳ', 'Trước hạn', 'Đúng hạn', 'Quá hạn']);
    expect(lines[1]!.split(',').slice(0, 13)).toEqual(['2026-02-01', '2026-04-01', 'Tổng cộng / Total', '10', '9', '1', '9', '4', '2', '1', '1', '1', '0.7778']);

    const res = await fetch(`${system.url}/v1/supervision/stats?${period}&format=xlsx`, { headers: { authorization: (await tokenOf('supervisor.hop-thinh')) } });
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await res.arrayBuffer());
    const sheet = book.worksheets[0]!;
    expect(sheet.getRow(1).getCell(4).value).toBe('Tiếp nhận');
    expect([2, 4, 8, 13].map((c) => sheet.getRow(2).getCell(c).value)).toEqual(['2026-04-01', 10, 4, 0.7778]);
  });
});

describe('who sees what', () => {
  it('shows a commune supervisor only their commune in every endpoint', async () => {
    expect((await commune.get('/v1/supervision/overdue')).body.items.map((i: any) => i.receiptCode)).toEqual([ids.D7!.receiptCode]);
    expect((await commune.get('/v1/supervision/at-risk')).body.items.map((i: any) => i.receiptCode)).toEqual([ids.D12!.receiptCode]);
    expect((await commune.get('/v1/supervision/counts')).body.units.map((u: any) => u.unit)).toEqual(['hop-thinh']);
    expect((await ward.get('/v1/supervision/overdue')).body.items.map((i: any) => i.receiptCode)).toEqual([ids.D11!.receiptCode]);
    const wardStats = (await ward.get(`/v1/supervision/stats?${period}`)).body.totals;
    expect([wardStats.received.total, wardStats.open.overdue]).toEqual([1, 1]);
    const forbidden = await commune.get('/v1/supervision/overdue?unit=kinh-bac');
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.detail).toBe('unit kinh-bac is outside your remit; you supervise hop-thinh and the units under it');
  });

  it('refuses everyone but supervisors and admin', async () => {
    for (const path of ['/v1/supervision/overdue', '/v1/supervision/at-risk', '/v1/supervision/counts', `/v1/supervision/stats?${period}`, '/v1/supervision/reports']) {
      const res = await receiver.get(path);
      expect([path, res.status, res.body.code]).toEqual([path, 403, 'auth.forbidden']);
    }
  });

  it('rejects a period it cannot read', async () => {
    const res = await province.get('/v1/supervision/stats?from=2026-03-01&to=2026-02-01');
    expect([res.status, res.body.detail]).toEqual([400, 'to (2026-02-01) must be after from (2026-03-01); to is exclusive']);
  });
});

// Last: these move the clock.
describe('periodic reports', () => {
  it("stores each unit's daily report once per working day, the same when computed again, and lists and downloads it", async () => {
    system.clock.set('2026-03-17T00:10:00+07:00');
    const processor = createReportProcessor(system.ctx, pino({ level: 'silent' }));
    // Tue 10 – Mon 16 March: five working days (the weekend has no daily report), nine units each.
    expect(await processor({ name: 'compute-reports' } as Job)).toEqual({ stored: 45 });
    expect(await processor({ name: 'compute-reports' } as Job)).toEqual({ stored: 0 });

    const hopThinh = await ApiClient.login(system.url, 'supervisor.hop-thinh');
    const list = await hopThinh.get('/v1/supervision/reports?kind=daily');
    expect(list.body.items.map((r: any) => [r.unit, r.kind, r.periodStart, r.periodEnd, r.computedBy])).toEqual(
      ['2026-03-16', '2026-03-13', '2026-03-12', '2026-03-11', '2026-03-10'].map((day, i) => ['hop-thinh', 'daily', day, ['2026-03-17', '2026-03-14', '2026-03-13', '2026-03-12', '2026-03-11'][i], 'system:compute-reports']),
    );
    expect((await (await ApiClient.login(system.url, 'supervisor.bac-ninh')).get('/v1/supervision/reports?limit=1000')).body.items).toHaveLength(45);

    // Monday 16 March as of its end: D7 and D12 (due 15:00 that day) open and overdue, nothing received.
    const monday = list.body.items[0];
    const report = await hopThinh.get(`/v1/supervision/reports/${monday.id}`);
    expect([report.body.figures.totals.received.total, report.body.figures.totals.processed, report.body.figures.totals.open, report.body.figures.asOf]).toEqual([0, 2, { withinTime: 0, overdue: 2 }, '2026-03-16T17:00:00.000Z']);
    const csv = await hopThinh.request('GET', `/v1/supervision/reports/${monday.id}`, undefined, { accept: 'text/csv' });
    // One row per procedure (the reports group by procedure), then the total.
    const rows = (csv.body as string).trim().split('\r\n').map((line) => line.split(',').slice(0, 12));
    expect(rows.slice(1)).toEqual([
      ['2026-03-16', '2026-03-17', '1.001612', '0', '0', '0', '2', '0', '0', '0', '0', '2'],
      ['2026-03-16', '2026-03-17', 'Tổng cộng / Total', '0', '0', '0', '2', '0', '0', '0', '0', '2'],
    ]);
    const elsewhere = await (await ApiClient.login(system.url, 'supervisor.kinh-bac')).get(`/v1/supervision/reports/${monday.id}`);
    expect([elsewhere.status, elsewhere.body.code, elsewhere.body.detail]).toEqual([404, 'report.not-found', `no report ${monday.id} in your remit; list them with GET /v1/supervision/reports`]);

    // Computed again later, the period gives the same figures and checksum.
    system.clock.set('2026-03-18T10:00:00+07:00');
    const again = await computePeriodReports(system.ctx, 'daily', periodOfDays(system.calendar, dayOf('2026-03-16'), dayOf('2026-03-17')), 'test', system.clock.now());
    const mine = again.find((r) => r.unitId === 'hop-thinh')!;
    expect(mine.checksum).toBe(monday.checksum);
    expect(mine.figures).toEqual(report.body.figures);
  });

  it("stores last month's report on the first of the month", async () => {
    system.clock.set('2026-04-01T00:10:00+07:00');
    expect(await computeDueReports(system.ctx, 'test')).toBe(9 * 6);
    const hopThinh = await ApiClient.login(system.url, 'supervisor.hop-thinh');
    const [march] = (await hopThinh.get('/v1/supervision/reports?kind=monthly')).body.items;
    expect([march.periodStart, march.periodEnd]).toEqual(['2026-03-01', '2026-04-01']);
    const figures = (await hopThinh.get(`/v1/supervision/reports/${march.id}`)).body.figures;
    expect([figures.totals.received.total, figures.totals.finished, figures.totals.open]).toEqual([8, { total: 6, early: 3, onTime: 2, late: 1 }, { withinTime: 0, overdue: 2 }]);
  });
});

describe('the report job', () => {
  it('is scheduled every day at 00:10 in Vietnam', async () => {
    const queue = createQueue(reportQueueName, { kind: 'postgres', url: system.database.url });
    try {
      await scheduleReports(queue);
      await scheduleReports(queue); // a restart schedules it again: still one
      const scheduler = await queue.getJobScheduler(reportJobName);
      expect([scheduler?.pattern, scheduler?.tz, (await queue.getJobSchedulers()).length]).toEqual(['10 0 * * *', 'Asia/Ho_Chi_Minh', 1]);
    } finally {
      await queue.close();
    }
  });
});

const dayOf = (date: string) => Date.parse(`${date}T00:00:00Z`) / 86_400_000;

async function tokenOf(username: string): Promise<string> {
  const res = await new ApiClient(system.url).post('/v1/auth/login', { username, password: 'demo' });
  return `Bearer ${res.body.token}`;
}
