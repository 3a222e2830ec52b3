// The web console in a real Chromium against the real system (API, workers,
// a cloned database): officers of Hợp Thịnh commune take a birth registration
// from reception to result returned, and the console shows how a step can fail
// — data the server rejects, a missing reason, a stale page, an expired session.
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../../test/api-client.ts';
import { birthRegistration } from '../../test/birth-registration.ts';
import { startTestSystem, type TestSystem } from '../../test/start-test-system.ts';

const CHROMIUM = '/usr/bin/chromium';

let system: TestSystem;
let browser: Browser;
let api: ApiClient;
const scriptErrors: string[] = [];
/** What Chromium refused under the server's Content-Security-Policy (it reports each as a console error). */
const cspViolations: string[] = [];
const pages: Record<string, Page> = {};
/** The birth registration the story follows, filed through the console. */
let dossier: { id: string; receiptCode: string };

beforeAll(async () => {
  // CI installs Chromium; a machine without it must fail loudly, not pass by skipping.
  if (!existsSync(CHROMIUM)) throw new Error(`the console test needs Chromium at ${CHROMIUM}: install it with "apt-get install -y chromium"`);
  system = await startTestSystem(); // Monday 2 March 2026, 09:00 in Hà Nội
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  api = await ApiClient.login(system.url, 'receiver.hop-thinh');
});

afterAll(async () => {
  await browser?.close();
  await system?.close();
});

/** A signed-in officer in their own browser context (own sessionStorage), in a time zone far from Vietnam's. */
async function signIn(username: string): Promise<Page> {
  const context = await browser.newContext({ locale: 'vi-VN', timezoneId: 'America/New_York', viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.on('pageerror', (error) => scriptErrors.push(`${username}: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && message.text().includes('Content Security Policy')) cspViolations.push(`${username}: ${message.text()}`);
  });
  await page.goto(system.url);
  await page.getByRole('heading', { name: 'Đăng nhập', exact: true }).waitFor();
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill('demo');
  await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
  await page.getByRole('heading', { name: 'Danh sách hồ sơ', exact: true }).waitFor();
  pages[username] = page;
  return page;
}

/** What the officer sees: rendered text (hidden spans excluded), whitespace collapsed. */
async function text(locator: Locator): Promise<string> {
  return (await locator.innerText()).replace(/\s+/g, ' ').trim();
}

async function texts(locator: Locator): Promise<string[]> {
  return (await locator.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
}

async function openDossier(page: Page, id: string, receiptCode: string): Promise<void> {
  await page.goto(`${system.url}/#/dossiers/${id}`);
  await page.getByRole('heading', { name: `Hồ sơ ${receiptCode}`, exact: true }).waitFor();
}

/** Clicks one of the dossier's action buttons, found by its visible label. */
async function act(page: Page, button: string): Promise<void> {
  await page.getByRole('button', { name: button, exact: true }).click();
}

async function fileViaApi(overrides: Parameters<typeof birthRegistration>[0] = {}): Promise<{ id: string; receiptCode: string }> {
  const res = await api.post('/v1/dossiers', birthRegistration(overrides));
  expect(res.status).toBe(201);
  return res.body;
}

describe('an officer’s day in the console', () => {
  let guarded: { id: string; receiptCode: string };

  it('a receiver signs in and sees who they are', async () => {
    const page = await signIn('receiver.hop-thinh');
    expect(await text(page.getByTestId('signed-in-user'))).toBe('receiver.hop-thinh Cán bộ tiếp nhận · Xã Hợp Thịnh');
    expect(await page.evaluate("sessionStorage.getItem('motcua.session')")).toContain('"token"');
  });

  it('files a birth registration from the generated form; the server’s verdict lands next to the field', async () => {
    const page = pages['receiver.hop-thinh']!;
    await page.getByRole('link', { name: 'Tiếp nhận hồ sơ mới', exact: true }).click();
    await page.getByLabel('Thủ tục hành chính').selectOption('1.001193');
    const applicant = page.getByRole('group', { name: 'Người nộp hồ sơ' });
    await applicant.getByLabel('Họ và tên người nộp').fill('Nguyễn Văn An');
    await applicant.getByLabel('Số định danh cá nhân').fill('02709000123'); // 11 digits: one short
    await applicant.getByLabel('Số điện thoại').fill('0912345678');
    const child = page.getByRole('group', { name: 'Người được đăng ký khai sinh' });
    await child.getByLabel('Họ và tên').fill('Nguyễn Minh Khôi');
    await child.getByLabel('Giới tính').selectOption({ label: 'Nam (Male)' });
    await child.getByLabel('Ngày sinh').fill('2026-02-20');
    await child.getByLabel('Nơi sinh').fill('Bệnh viện Sản Nhi Bắc Ninh');
    expect(await child.getByLabel('Quốc tịch').inputValue()).toBe('VN'); // the schema's default
    const father = page.getByRole('group', { name: 'Cha', exact: true });
    await father.getByLabel('Họ và tên').fill('Nguyễn Văn An');
    await father.getByLabel('Số định danh cá nhân').fill('027090001234');
    await page.getByRole('group', { name: 'Người đi đăng ký' }).getByLabel('Quan hệ với người được đăng ký').selectOption({ label: 'Cha (Father)' });

    await page.getByRole('button', { name: 'Tiếp nhận hồ sơ', exact: true }).click();
    const idError = applicant.locator('.field.has-error .field-error');
    await idError.waitFor();
    expect(await text(idError)).toBe('must be the 12-digit personal identification number');
    expect(await text(page.locator('.problem-detail'))).toBe('the applicant is not valid: /applicant/idNumber must be the 12-digit personal identification number');
    expect(await applicant.getByLabel('Số định danh cá nhân').getAttribute('aria-invalid')).toBe('true');

    await applicant.getByLabel('Số định danh cá nhân').fill('027090001234');
    await page.getByRole('button', { name: 'Tiếp nhận hồ sơ', exact: true }).click();
    await page.getByRole('heading', { name: 'Hồ sơ H04.101-260302-0001', exact: true }).waitFor();
    dossier = { id: page.url().split('/').pop()!, receiptCode: 'H04.101-260302-0001' };
    expect(await text(page.getByRole('status').filter({ hasText: 'Đã tiếp nhận' }))).toBe('Đã tiếp nhận hồ sơ H04.101-260302-0001. Dossier H04.101-260302-0001 filed.');
    expect(await text(page.getByTestId('fact-state'))).toBe('Tiếp nhận hồ sơ Reception');
    expect(await text(page.getByTestId('fact-status'))).toBe('1 Mới đăng ký Newly submitted');
    expect(await texts(page.locator('.documents .doc-name'))).toEqual([
      'Tờ khai đăng ký khai sinh Birth registration declaration',
      'Giấy chứng sinh hoặc văn bản của người làm chứng Medical birth certificate or a witness statement',
      'Văn bản ủy quyền (nếu người đi đăng ký không phải cha, mẹ, ông, bà, người thân) Written authorization (when the informant is not a parent, grandparent or relative)',
    ]);
    expect(await texts(page.locator('.action-buttons button'))).toEqual(['Tiếp nhận', 'Yêu cầu bổ sung', 'Từ chối tiếp nhận']);
  });

  it('accepts it: state processing, status 4, due at 17:00 Hà Nội time', async () => {
    const page = pages['receiver.hop-thinh']!;
    await act(page, 'Tiếp nhận');
    await page.getByTestId('notice').waitFor();
    expect(await text(page.getByTestId('notice'))).toBe('Đã thực hiện: Tiếp nhận → Thẩm định, xử lý · 4 Đang xử lý In progress');
    expect(await text(page.getByTestId('fact-state'))).toBe('Thẩm định, xử lý Processing');
    expect(await text(page.getByTestId('fact-status'))).toBe('4 Đang xử lý In progress');
    expect(await text(page.getByTestId('fact-due'))).toBe('02/03/2026 17:00 Sắp đến hạn còn 6 giờ 30 phút làm việc'); // lunch 11:30–13:00 is not working time
    expect(await text(page.getByTestId('fact-version'))).toBe('2');
    expect(await texts(page.locator('.action-buttons button'))).toEqual(['Rút hồ sơ']);
    await page.screenshot({ path: '/tmp/console-detail.png', fullPage: true });
  });

  it('the worklist lists it with the portal status, holding unit, due date and badges', async () => {
    guarded = await fileViaApi({ informant: { relationship: 'other' } });
    expect((await api.post(`/v1/dossiers/${guarded.id}/events`, { type: 'ACCEPT' })).status).toBe(200);
    const waiting = await fileViaApi();
    expect((await api.post(`/v1/dossiers/${waiting.id}/events`, { type: 'ASK_SUPPLEMENT', data: { reason: 'thiếu giấy chứng sinh' } })).body.clockPaused).toBe(true);

    const page = pages['receiver.hop-thinh']!;
    await page.getByRole('link', { name: 'Danh sách hồ sơ', exact: true }).click();
    const row = (code: string) => page.getByRole('row').filter({ has: page.getByRole('link', { name: code, exact: true }) });
    await row(dossier.receiptCode).waitFor();
    expect(await texts(row(dossier.receiptCode).getByRole('cell'))).toEqual(['Nguyễn Văn An Đăng ký khai sinh · 1.001193', 'Thẩm định, xử lý', '4 Đang xử lý In progress', 'Xã Hợp Thịnh', '02/03/2026 17:00 còn 6 giờ 30 phút làm việc Sắp đến hạn', 'Nhận xử lý']);
    expect(await texts(row(waiting.receiptCode).getByRole('cell'))).toEqual(['Nguyễn Văn An Đăng ký khai sinh · 1.001193', 'Chờ bổ sung hồ sơ', '5 Yêu cầu bổ sung giấy tờ Supplement requested', 'Xã Hợp Thịnh', '— Tạm dừng', 'Nhận xử lý']);
    expect(await text(page.getByRole('table').locator('caption'))).toBe('3 hồ sơ, hồ sơ gấp nhất ở trên cùng 3 dossiers, most urgent first');
  });

  it('a specialist proposes approval; where its condition fails, approval is not offered', async () => {
    const page = await signIn('specialist.hop-thinh');
    system.clock.set('2026-03-02T10:00:00+07:00');
    await page.getByRole('link', { name: dossier.receiptCode, exact: true }).click();
    await page.getByRole('heading', { name: `Hồ sơ ${dossier.receiptCode}`, exact: true }).waitFor();
    expect(await texts(page.locator('.action-buttons button'))).toEqual(['Đề xuất phê duyệt', 'Trình từ chối giải quyết']);
    await act(page, 'Đề xuất phê duyệt');
    await page.getByTestId('notice').waitFor();
    expect(await text(page.getByTestId('notice'))).toBe('Đã thực hiện: Đề xuất phê duyệt → Trình ký · 4 Đang xử lý In progress');
    expect(await text(page.getByTestId('fact-state'))).toBe('Trình ký Awaiting signature');
    expect(await text(page.locator('.actions p'))).toBe('Ở bước này bạn không có thao tác nào. You have no action at this step.');

    // The informant is "other" with no authorization: the API leaves PROPOSE_APPROVAL out of availableEvents.
    await openDossier(page, guarded.id, guarded.receiptCode);
    expect(await texts(page.locator('.action-buttons button'))).toEqual(['Trình từ chối giải quyết']);
  });

  it('the leader signs', async () => {
    const page = await signIn('leader.hop-thinh');
    await openDossier(page, dossier.id, dossier.receiptCode);
    await act(page, 'Ký duyệt');
    await page.getByTestId('notice').waitFor();
    expect(await text(page.getByTestId('fact-state'))).toBe('Đã có kết quả Result ready');
    expect(await text(page.getByTestId('fact-status'))).toBe('9 Đã xử lý xong Result ready');
  });

  it('the receiver hands the result over; the timeline tells the whole story', async () => {
    const page = pages['receiver.hop-thinh']!;
    await openDossier(page, dossier.id, dossier.receiptCode);
    await page.getByLabel('Ghi chú kèm thao tác').fill('Đã trao cho người cha');
    await act(page, 'Trả kết quả');
    await page.getByTestId('notice').waitFor();
    expect(await text(page.getByTestId('fact-state'))).toBe('Đã trả kết quả Result returned');
    expect(await text(page.getByTestId('fact-status'))).toBe('10 Đã trả kết quả Result returned');
    expect(await text(page.getByTestId('fact-outcome'))).toBe('Đã giải quyết');
    expect(await text(page.locator('.actions p'))).toBe('Hồ sơ đã kết thúc; không còn thao tác nào. The dossier is closed; nothing more to do.');

    expect(await text(page.getByTestId('chain'))).toBe('Chuỗi nhật ký toàn vẹn ✓');
    const entries = page.getByTestId('history-entry');
    expect(await texts(entries.locator('.tl-head'))).toEqual([
      'Đăng ký hồ sơ RECEIVED',
      'Tiếp nhận ACCEPT',
      'Thay đổi hạn xử lý DUE_DATE_CHANGED',
      'Đề xuất phê duyệt PROPOSE_APPROVAL',
      'Ký duyệt SIGN',
      'Trả kết quả HAND_OVER',
    ]);
    expect(await texts(entries.locator('.tl-meta'))).toEqual([
      '02/03/2026 09:00 · receiver.hop-thinh · Cán bộ tiếp nhận · Xã Hợp Thịnh',
      '02/03/2026 09:00 · receiver.hop-thinh · Cán bộ tiếp nhận · Xã Hợp Thịnh',
      '02/03/2026 09:00 · receiver.hop-thinh · Cán bộ tiếp nhận · Xã Hợp Thịnh',
      '02/03/2026 10:00 · specialist.hop-thinh · Chuyên viên xử lý · Xã Hợp Thịnh',
      '02/03/2026 10:00 · leader.hop-thinh · Lãnh đạo · Xã Hợp Thịnh',
      '02/03/2026 10:00 · receiver.hop-thinh · Cán bộ tiếp nhận · Xã Hợp Thịnh',
    ]);
    expect(await texts(entries.locator('.tl-move'))).toEqual([
      '— → reception (1)',
      'reception → processing (4)',
      'processing → processing (4)',
      'processing → signature (4)',
      'signature → result-ready (9)',
      'result-ready → returned (10)',
    ]);
    // The receipt's documents, as the console sent them with ACCEPT (the required ones: no scan was attached).
    expect(await text(entries.nth(1).locator('.tl-details'))).toBe('Mẫu: 01 Giấy tờ đã nhận: Tờ khai đăng ký khai sinh; Giấy chứng sinh hoặc văn bản của người làm chứng');
    expect(await text(entries.nth(2).locator('.tl-details'))).toBe('Hạn mới: 02/03/2026 17:00');
    expect(await text(entries.nth(5).locator('.tl-comment'))).toBe('Đã trao cho người cha');
  });
});

describe('actions that cannot go through', () => {
  it('REFUSE without a reason is stopped by the form; with one, the dossier is refused', async () => {
    const refused = await fileViaApi();
    const page = pages['receiver.hop-thinh']!;
    await openDossier(page, refused.id, refused.receiptCode);
    await act(page, 'Từ chối tiếp nhận');
    const dialog = page.getByRole('dialog', { name: 'Từ chối tiếp nhận' });
    await dialog.getByRole('button', { name: 'Xác nhận', exact: true }).click();
    const reasonError = dialog.locator('.has-error .field-error');
    await reasonError.waitFor();
    expect(await text(reasonError)).toBe('Vui lòng nhập thông tin này Please fill in this field');
    expect(await dialog.getByLabel('Lý do').evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
    expect((await api.get(`/v1/dossiers/${refused.id}/history`)).body.events.map((e: { type: string }) => e.type)).toEqual(['RECEIVED']);

    await dialog.getByLabel('Lý do').fill('Không thuộc thẩm quyền của xã');
    await dialog.getByRole('button', { name: 'Xác nhận', exact: true }).click();
    await page.getByTestId('notice').waitFor();
    expect(await dialog.count()).toBe(0);
    expect(await text(page.getByTestId('fact-status'))).toBe('3 Không được tiếp nhận Not accepted');
    expect(await text(page.getByTestId('history-entry').last().locator('.tl-details'))).toBe('Mẫu: 03 Lý do: Không thuộc thẩm quyền của xã');
  });

  it('acting on a page someone else made stale: the console says so and reloads', async () => {
    const contested = await fileViaApi();
    const page = pages['receiver.hop-thinh']!;
    await openDossier(page, contested.id, contested.receiptCode);
    expect((await api.post(`/v1/dossiers/${contested.id}/events`, { type: 'ACCEPT', expectedVersion: 1 })).status).toBe(200);

    await act(page, 'Tiếp nhận');
    const notice = page.getByTestId('notice');
    await notice.waitFor();
    expect(await text(notice.locator('.problem-detail'))).toBe('the dossier is at version 2, not 1: someone changed it since you read it; reload it and decide again');
    expect(await text(notice.locator('.alert-title'))).toBe(
      'Hồ sơ vừa được thay đổi ở nơi khác nên thao tác của bạn chưa được thực hiện. Trang đã được tải lại; vui lòng xem lại rồi thao tác lại. The dossier was changed elsewhere, so your action was not applied. The page has been reloaded; review it and act again.',
    );
    expect(await text(page.getByTestId('fact-state'))).toBe('Thẩm định, xử lý Processing');
    expect(await text(page.getByTestId('fact-version'))).toBe('2');
    expect((await api.get(`/v1/dossiers/${contested.id}/history`)).body.events.filter((e: { type: string }) => e.type === 'ACCEPT')).toHaveLength(1);
  });
});

describe('at the end of the day', () => {
  it('the worklist flags overdue dossiers and can include closed ones', async () => {
    system.clock.set('2026-03-02T17:30:00+07:00');
    const page = pages['receiver.hop-thinh']!;
    await page.getByRole('link', { name: 'Danh sách hồ sơ', exact: true }).click();
    await page.getByLabel('Gồm cả hồ sơ đã kết thúc').check();
    const closedRow = page.getByRole('row').filter({ has: page.getByRole('link', { name: 'H04.101-260302-0001', exact: true }) });
    await closedRow.waitFor();
    expect(await texts(closedRow.getByRole('cell'))).toEqual(['Nguyễn Văn An Đăng ký khai sinh · 1.001193', 'Đã trả kết quả', '10 Đã trả kết quả Result returned', 'Xã Hợp Thịnh', '02/03/2026 17:00 Đã kết thúc', '—']);
    const overdue = page.getByRole('row').filter({ has: page.getByTestId('badge-overdue') });
    expect(await overdue.count()).toBe(2); // the one stopped by its condition, and the one accepted behind the officer’s back
    expect(await texts(overdue.first().getByRole('cell'))).toEqual(['Nguyễn Văn An Đăng ký khai sinh · 1.001193', 'Thẩm định, xử lý', '4 Đang xử lý In progress', 'Xã Hợp Thịnh', '02/03/2026 17:00 đã quá hạn Quá hạn', '—']); // 17:30 is after working hours: late, by no working time yet
    expect(page.url()).toBe(`${system.url}/#/worklist?closed=true`);
    await page.screenshot({ path: '/tmp/console-worklist.png', fullPage: true });
  });

  it('switches to English and remembers it', async () => {
    const page = pages['receiver.hop-thinh']!;
    await page.getByRole('button', { name: 'EN', exact: true }).click();
    expect(await text(page.getByRole('heading', { level: 1 }))).toBe('Worklist Danh sách hồ sơ');
    await page.reload();
    await page.getByRole('heading', { name: 'Worklist', exact: true }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.getByRole('button', { name: 'VI', exact: true }).click();
  });

  it('an expired session sends the officer back to sign in, and then to where they were', async () => {
    system.clock.set('2026-03-03T07:30:00+07:00'); // sessions last 12 hours
    const page = pages['specialist.hop-thinh']!;
    await page.goto(`${system.url}/#/dossiers/${dossier.id}`);
    await page.getByRole('heading', { name: 'Đăng nhập', exact: true }).waitFor();
    expect(await text(page.getByRole('alert'))).toBe('Phiên làm việc đã hết hạn. Vui lòng đăng nhập lại. Your session has ended. Please sign in again.');
    await page.getByRole('button', { name: 'specialist.hop-thinh' }).click(); // a demo account fills the form
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await page.getByRole('heading', { name: `Hồ sơ ${dossier.receiptCode}`, exact: true }).waitFor();
  });

  it('signs out; the worklist then asks for a sign-in', async () => {
    const page = pages['receiver.hop-thinh']!;
    await page.getByRole('button', { name: 'Đăng xuất', exact: true }).click();
    await page.getByRole('heading', { name: 'Đăng nhập', exact: true }).waitFor();
    expect(await page.evaluate("sessionStorage.getItem('motcua.session')")).toBeNull();
    await page.goto(`${system.url}/#/worklist`);
    await page.getByRole('heading', { name: 'Đăng nhập', exact: true }).waitFor();
    expect(page.url()).toBe(`${system.url}/#/login`);
  });

  it('no script error happened in any page', () => {
    expect(scriptErrors).toEqual([]);
  });

  it('the console ran under its Content-Security-Policy and broke none of it', async () => {
    const res = await fetch(`${system.url}/`);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self';style-src 'self'");
    expect(cspViolations).toEqual([]);
  });
});
