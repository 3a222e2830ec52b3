// One API request per user action: in a real Chromium, every /v1 request the
// console sends is recorded (page.on('request')), and each navigation, filter
// change or action on the worklist, the dossier page, the board, the procedure
// page and the catalogue is asserted to send exactly one data request — an
// action's POST and then one GET of what the page redraws. Signing in also
// reads who you are with the unit directory (GET /v1/me?include=units), once
// per session; no page asks for the directory again.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../../test/api-client.ts';
import { birthRegistration } from '../../test/birth-registration.ts';
import { launchConsoleBrowser, type ConsoleBrowser } from '../../test/console-browser.ts';
import { startTestSystem, type TestSystem } from '../../test/start-test-system.ts';
import { fixtureNow, seedSupervisionFixture } from '../../test/supervision-fixture.ts';
import { TestClock } from '../../test/test-clock.ts';

let system: TestSystem;
let browser: ConsoleBrowser;
let ids: Record<string, { id: string; receiptCode: string }>;
let accepted: { id: string; receiptCode: string };
let waiting: { id: string; receiptCode: string };

beforeAll(async () => {
  system = await startTestSystem({ clock: new TestClock(fixtureNow), workers: false });
  ids = await seedSupervisionFixture(system.db);
  const api = await ApiClient.login(system.url, 'receiver.hop-thinh');
  accepted = (await api.post('/v1/dossiers', birthRegistration())).body;
  expect((await api.post(`/v1/dossiers/${accepted.id}/events`, { type: 'ACCEPT' })).status).toBe(200);
  waiting = (await api.post('/v1/dossiers', birthRegistration())).body;
  browser = await launchConsoleBrowser(system.url);
});
afterAll(async () => {
  await browser?.close();
  await system?.close();
});

/** Every /v1 request of `page`, as "METHOD path?query", and how many are still in flight. */
function recordApi(page: Page): { sent: string[]; inFlight: () => number } {
  const sent: string[] = [];
  let open = 0;
  const isApi = (url: string) => new URL(url).pathname.startsWith('/v1/');
  page.on('request', (r) => {
    if (!isApi(r.url())) return;
    const url = new URL(r.url());
    sent.push(`${r.method()} ${decodeURIComponent(url.pathname + url.search)}`);
    open += 1;
  });
  const done = (r: { url(): string }) => {
    if (isApi(r.url())) open -= 1;
  };
  page.on('requestfinished', done);
  page.on('requestfailed', done);
  return { sent, inFlight: () => open };
}

/**
 * The /v1 requests sent from `act` until `shown` is on screen and nothing is in
 * flight. Pages render only once all their data arrived, so whatever a page
 * asks for is in the list by then.
 */
async function requestsOf(page: Page, log: ReturnType<typeof recordApi>, act: () => Promise<unknown>, shown: () => Promise<unknown>): Promise<string[]> {
  log.sent.length = 0;
  await act();
  await shown();
  await expect.poll(() => log.inFlight()).toBe(0);
  return [...log.sent];
}

async function signIn(username: string, landing: string): Promise<{ page: Page; log: ReturnType<typeof recordApi>; signInRequests: string[] }> {
  const context = await browser.browser.newContext({ locale: 'vi-VN', timezoneId: 'America/New_York', viewport: { width: 1280, height: 1000 } });
  const page = await context.newPage();
  page.on('pageerror', (error) => browser.scriptErrors.push(`${username}: ${error.message}`));
  const log = recordApi(page);
  await page.goto(system.url);
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill('demo');
  const signInRequests = await requestsOf(
    page,
    log,
    () => page.getByRole('button', { name: 'Đăng nhập', exact: true }).click(),
    () => page.getByRole('heading', { name: landing, exact: true }).waitFor(),
  );
  return { page, log, signInRequests };
}

describe('an officer', () => {
  it('gets each worklist view, dossier page, action, catalogue and procedure page with one request', async () => {
    const { page, log, signInRequests } = await signIn('receiver.hop-thinh', 'Danh sách hồ sơ');
    // Signing in: the login, who you are with the unit directory (once per session), and the worklist.
    expect(signInRequests).toEqual(['POST /v1/auth/login', 'GET /v1/me?include=units', 'GET /v1/worklist?include=procedureFacet']);
    const rows = page.getByTestId('worklist-row');
    expect(await page.locator('#worklist-procedure').locator('option').allInnerTexts()).toEqual(['Tất cả thủ tục', expect.stringMatching(/^1\.001193 — .* \(2\)$/)]);

    const search = await requestsOf(
      page,
      log,
      async () => {
        await page.locator('#worklist-procedure').selectOption('1.001193');
        await page.getByRole('button', { name: 'Tìm', exact: true }).click();
      },
      () => page.waitForURL(/procedure=1\.001193/),
    );
    expect(search).toEqual(['GET /v1/worklist?procedure=1.001193&include=procedureFacet']);

    const due = await requestsOf(page, log, () => page.getByRole('radio', { name: 'Quá hạn' }).check(), () => page.waitForURL(/due=overdue/));
    expect(due).toEqual(['GET /v1/worklist?procedure=1.001193&include=procedureFacet']);
    const all = await requestsOf(page, log, () => page.getByRole('radio', { name: 'Tất cả' }).check(), () => expect.poll(() => rows.count()).toBe(2));
    expect(all).toEqual(['GET /v1/worklist?procedure=1.001193&include=procedureFacet']);

    const closed = await requestsOf(page, log, () => page.getByLabel('Gồm cả hồ sơ đã kết thúc').check(), () => page.waitForURL(/closed=true/));
    expect(closed).toEqual(['GET /v1/dossiers?closed=true']);
    await requestsOf(page, log, () => page.getByLabel('Gồm cả hồ sơ đã kết thúc').uncheck(), () => expect.poll(() => rows.count()).toBe(2));

    const claim = await requestsOf(
      page,
      log,
      () => page.getByRole('button', { name: `Nhận xử lý hồ sơ ${accepted.receiptCode}` }).click(),
      () => page.getByRole('button', { name: `Trả lại hồ sơ ${accepted.receiptCode}` }).waitFor(),
    );
    expect(claim).toEqual([`POST /v1/dossiers/${accepted.id}/claim`, 'GET /v1/worklist?procedure=1.001193&include=procedureFacet']);

    const open = await requestsOf(
      page,
      log,
      () => page.getByRole('link', { name: waiting.receiptCode }).click(),
      () => page.getByRole('heading', { name: `Hồ sơ ${waiting.receiptCode}`, exact: true }).waitFor(),
    );
    expect(open).toEqual([`GET /v1/dossiers/${waiting.id}?include=history,attachments,timeByUnit,forms,procedure`]);
    // Unit names on the page come from the session's directory.
    expect(await page.getByTestId('fact-state').isVisible()).toBe(true);
    expect(await page.locator('.facts').first().innerText()).toContain('Xã Hợp Thịnh');

    const refuse = await requestsOf(
      page,
      log,
      async () => {
        await page.getByRole('button', { name: 'Từ chối tiếp nhận', exact: true }).click();
        const dialog = page.getByRole('dialog', { name: 'Từ chối tiếp nhận' });
        await dialog.getByLabel('Lý do').fill('Không thuộc thẩm quyền của xã');
        await dialog.getByRole('button', { name: 'Xác nhận', exact: true }).click();
      },
      () => page.getByTestId('notice').waitFor(),
    );
    expect(refuse).toEqual([`POST /v1/dossiers/${waiting.id}/events`, `GET /v1/dossiers/${waiting.id}?include=history,attachments,timeByUnit,forms`]);
    expect((await page.getByTestId('fact-status').innerText()).replace(/\s+/g, ' ')).toBe('3 Không được tiếp nhận Not accepted');

    const catalogue = await requestsOf(
      page,
      log,
      () => page.getByRole('link', { name: 'Thủ tục', exact: true }).click(),
      () => page.getByTestId('catalogue-row').first().waitFor(),
    );
    expect(catalogue).toEqual(['GET /v1/procedures']);

    const procedure = await requestsOf(
      page,
      log,
      () => page.getByRole('link', { name: '1.001193', exact: true }).click(),
      () => page.getByTestId('diagram').waitFor(),
    );
    expect(procedure).toEqual(['GET /v1/procedures/1.001193?include=diagram']);
    expect(await page.getByTestId('version-row').count()).toBe(0);

    const back = await requestsOf(page, log, () => page.getByRole('link', { name: 'Danh sách hồ sơ', exact: true }).first().click(), () => expect.poll(() => rows.count()).toBe(1));
    expect(back).toEqual(['GET /v1/worklist?include=procedureFacet']);
    expect(browser.scriptErrors).toEqual([]);
  });
});

describe('a policy author', () => {
  it('gets the catalogue and a procedure page with its diagram and versions with one request each', async () => {
    const { page, log, signInRequests } = await signIn('author.bac-ninh', 'Danh mục thủ tục');
    expect(signInRequests).toEqual(['POST /v1/auth/login', 'GET /v1/me?include=units', 'GET /v1/procedures']);
    const procedure = await requestsOf(
      page,
      log,
      () => page.getByRole('link', { name: '1.001193', exact: true }).click(),
      () => page.getByTestId('version-row').first().waitFor(),
    );
    expect(procedure).toEqual(['GET /v1/procedures/1.001193?include=versions,diagram']);
    expect(await page.getByTestId('diagram').getAttribute('src')).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(await page.getByTestId('version-row').count()).toBe(1);
    const catalogue = await requestsOf(page, log, () => page.getByRole('link', { name: '← Danh mục thủ tục' }).click(), () => page.getByTestId('catalogue-row').first().waitFor());
    expect(catalogue).toEqual(['GET /v1/procedures']);
    expect(browser.scriptErrors).toEqual([]);
  });
});

describe('a supervisor', () => {
  it('gets the board, a filtered board and a dossier from it with one request each, not one per procedure', async () => {
    const { page, log, signInRequests } = await signIn('supervisor.bac-ninh', 'Bảng giám sát');
    await page.getByTestId('overdue-row').first().waitFor();
    expect(signInRequests).toEqual(['POST /v1/auth/login', 'GET /v1/me?include=units', 'GET /v1/supervision/board?limit=100']);
    // Three procedures have dossiers in the period: one line each on the chart, from the same answer.
    expect(await page.getByTestId('procedure-stats').locator('tbody tr').count()).toBe(4);

    const filtered = await requestsOf(
      page,
      log,
      async () => {
        await page.getByLabel('Đơn vị (gồm đơn vị trực thuộc)').selectOption('kinh-bac');
        await page.getByRole('button', { name: 'Lọc', exact: true }).click();
      },
      () => expect.poll(async () => page.getByTestId('overdue-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-receipt')))).toEqual([ids.D11!.receiptCode]),
    );
    expect(filtered).toEqual([expect.stringMatching(/^GET \/v1\/supervision\/board\?unit=kinh-bac&from=\d{4}-\d{2}-01&to=\d{4}-\d{2}-01&limit=100$/)]);

    const dossier = await requestsOf(
      page,
      log,
      () => page.getByRole('link', { name: ids.D11!.receiptCode }).click(),
      () => page.getByRole('heading', { name: `Hồ sơ ${ids.D11!.receiptCode}`, exact: true }).waitFor(),
    );
    expect(dossier).toEqual([`GET /v1/dossiers/${ids.D11!.id}?include=history,attachments,timeByUnit,forms,procedure`]);
    expect(browser.scriptErrors).toEqual([]);
  });
});
