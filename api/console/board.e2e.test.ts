// The supervisor board in a real Chromium against the real system on the
// hand-computed supervision fixture: the province supervisor signs in, lands on
// the board, sees the overdue dossier with the unit holding it and how late it
// is in working hours, and downloads the list as CSV. Screenshots go to
// .screenshots/ (git-ignored).
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestSystem, type TestSystem } from '../../test/start-test-system.ts';
import { fixtureNow, seedSupervisionFixture } from '../../test/supervision-fixture.ts';
import { TestClock } from '../../test/test-clock.ts';

const CHROMIUM = '/usr/bin/chromium';
const SHOTS = '.screenshots';

let system: TestSystem;
let browser: Browser;
let ids: Record<string, { id: string; receiptCode: string }>;
const scriptErrors: string[] = [];

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`the board test needs Chromium at ${CHROMIUM}: install it with "apt-get install -y chromium"`);
  mkdirSync(SHOTS, { recursive: true });
  system = await startTestSystem({ clock: new TestClock(fixtureNow), workers: false });
  ids = await seedSupervisionFixture(system.db);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
});

afterAll(async () => {
  await browser?.close();
  await system?.close();
});

async function signIn(username: string): Promise<Page> {
  const context = await browser.newContext({ locale: 'vi-VN', timezoneId: 'America/New_York', viewport: { width: 1280, height: 1000 }, acceptDownloads: true });
  const page = await context.newPage();
  page.on('pageerror', (error) => scriptErrors.push(`${username}: ${error.message}`));
  await page.goto(system.url);
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill('demo');
  await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
  return page;
}

/** Receipt code, holding unit and lateness of each row of a late-dossier table, as shown. */
async function lateRows(page: Page, testId: string): Promise<string[][]> {
  const rows = page.getByTestId(testId);
  const out: string[][] = [];
  for (let i = 0; i < (await rows.count()); i += 1) {
    const row = rows.nth(i);
    out.push([(await row.getAttribute('data-receipt'))!, await row.getByTestId('held-by').innerText(), await row.getByTestId('hours-late').innerText()]);
  }
  return out;
}

it('a province supervisor lands on the board, sees who holds the overdue dossier and how late, and downloads the CSV', async () => {
  const page = await signIn('supervisor.bac-ninh');
  await page.getByRole('heading', { name: 'Bảng giám sát', exact: true }).waitFor();
  expect(page.url()).toBe(`${system.url}/#/board`);

  const rows = page.getByTestId('overdue-row');
  await rows.first().waitFor();
  expect(await lateRows(page, 'overdue-row')).toEqual([
    [ids.D7!.receiptCode, 'Xã Hợp Thịnh', '16 giờ'],
    [ids.D11!.receiptCode, 'Phường Kinh Bắc', '15 giờ'],
  ]);
  expect(await lateRows(page, 'at-risk-row')).toEqual([[ids.D12!.receiptCode, 'Xã Hợp Thịnh', 'còn 4,5 giờ']]);
  const unitRows = page.getByTestId('unit-counts').locator('tbody tr');
  expect([await unitRows.nth(0).locator('th, td').allInnerTexts(), await unitRows.nth(1).locator('th, td').allInnerTexts(), await unitRows.count()]).toEqual([
    ['Xã Hợp Thịnh', '1', '1'],
    ['Phường Kinh Bắc', '1', '0'],
    2,
  ]);
  // Both charts are drawn by chart.js, loaded from this server.
  await page.waitForFunction('document.querySelectorAll("canvas").length === 2 && window.Chart !== undefined && Object.keys(window.Chart.instances).length === 2');
  await page.screenshot({ path: `${SHOTS}/board-province.png`, fullPage: true });

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-overdue-csv').click()]);
  expect(download.suggestedFilename()).toBe('overdue.csv');
  const csv = readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
  expect(csv.map((line) => line.split(',')[0])).toEqual(['Mã hồ sơ', ids.D7!.receiptCode, ids.D11!.receiptCode]);

  // Filter to one commune: only its dossier remains.
  await page.getByLabel('Đơn vị (gồm đơn vị trực thuộc)').selectOption('kinh-bac');
  await page.getByRole('button', { name: 'Lọc', exact: true }).click();
  await page.waitForURL(/unit=kinh-bac/);
  await expect.poll(async () => (await lateRows(page, 'overdue-row')).map((r) => r[0])).toEqual([ids.D11!.receiptCode]);

  // Click through to the dossier.
  await page.getByRole('link', { name: ids.D11!.receiptCode }).click();
  await page.getByRole('heading', { name: `Hồ sơ ${ids.D11!.receiptCode}`, exact: true }).waitFor();
  await page.screenshot({ path: `${SHOTS}/board-click-through.png`, fullPage: true });
  expect(scriptErrors).toEqual([]);
});

it('a commune supervisor sees only their commune on the board', async () => {
  const page = await signIn('supervisor.hop-thinh');
  await page.getByRole('heading', { name: 'Bảng giám sát', exact: true }).waitFor();
  await page.getByTestId('overdue-row').first().waitFor();
  expect(await lateRows(page, 'overdue-row')).toEqual([[ids.D7!.receiptCode, 'Xã Hợp Thịnh', '16 giờ']]);
  expect(await page.getByTestId('procedure-stats').locator('tbody tr').count()).toBe(3);
  // The unit filter offers only what the supervisor may see.
  expect(await page.getByLabel('Đơn vị (gồm đơn vị trực thuộc)').locator('option').allInnerTexts()).toEqual(['Tất cả', 'Xã Hợp Thịnh']);
  await page.screenshot({ path: `${SHOTS}/board-commune.png`, fullPage: true });
  expect(scriptErrors).toEqual([]);
});
