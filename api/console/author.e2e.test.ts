// The policy author's desk in a real Chromium against the real system: the
// catalogue with a procedure's diagram, documents, fees and versions; a broken
// draft pasted into the editor shows its error at its line; fixed, it is stored,
// its scenarios run, it is published; dossiers in flight move only after a dry
// run shown as a table. Screenshots go to screenshots/.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../../test/api-client.ts';
import { birthRegistration } from '../../test/birth-registration.ts';
import { launchConsoleBrowser, screenshot, text, texts, type ConsoleBrowser } from '../../test/console-browser.ts';
import { startTestSystem, type TestSystem } from '../../test/start-test-system.ts';

let system: TestSystem;
let chrome: ConsoleBrowser;
let author: Page;
let inFlight: { id: string; receiptCode: string };

const v1 = readFileSync('procedures/birth-registration.yaml', 'utf8');
const v2 = v1.replace('version: 1\nscenarios: birth-registration.scenarios.yaml', 'version: 2');
const broken = v2.replace('target: signature\n', 'target: signatur\n');
/** 1-based line of the misspelt target: where the editor must show the error. */
const brokenLine = broken.slice(0, broken.indexOf('target: signatur\n')).split('\n').length;
const scenarios = readFileSync('procedures/birth-registration.scenarios.yaml', 'utf8');
const scenarioCount = (scenarios.match(/^ {2}- name:/gm) ?? []).length;

beforeAll(async () => {
  system = await startTestSystem();
  chrome = await launchConsoleBrowser(system.url);
  const receiver = await ApiClient.login(system.url, 'receiver.hop-thinh');
  inFlight = (await receiver.post('/v1/dossiers', birthRegistration())).body;
});

afterAll(async () => {
  await chrome?.close();
  await system?.close();
});

/** Pastes text into a textarea as a person would: the page sees an input event. */
async function paste(page: Page, label: string, value: string): Promise<void> {
  await page.getByLabel(label).fill(value);
}

describe('the policy author’s desk', () => {
  it('an author lands on the procedure catalogue', async () => {
    author = await chrome.signIn('author.bac-ninh', { landing: 'Danh mục thủ tục' });
    expect(author.url()).toBe(`${system.url}/#/procedures`);
    expect(await texts(author.locator('.main-nav a'))).toEqual(['Thủ tục', 'Soạn quy trình']);
    const row = author.getByTestId('catalogue-row').filter({ has: author.getByRole('link', { name: '1.001193', exact: true }) });
    expect(await texts(row.getByRole('cell'))).toEqual(['Đăng ký khai sinh Birth registration civil-status', 'Cấp xã', 'Trong ngày (nhận sau 15:00 thì trả ngày làm việc tiếp theo) Same day (received after 15:00: next working day)', 'v1 01/01/2026']); // the catalogue was seeded on New Year's day
    await screenshot(author, 'author-catalogue');
  });

  it('a procedure shows its diagram, documents, steps, fees and versions', async () => {
    await author.getByRole('link', { name: '1.001193', exact: true }).click();
    await author.getByRole('heading', { name: 'Thủ tục 1.001193', exact: true }).waitFor();
    const diagram = author.getByTestId('diagram');
    await diagram.waitFor();
    expect((await diagram.getAttribute('src'))!.slice(0, 26)).toBe('data:image/svg+xml;base64,');
    expect(await diagram.evaluate((img) => img.naturalWidth > 0)).toBe(true);
    expect(await texts(author.locator('.documents .doc-name'))).toHaveLength(3);
    expect(await texts(author.getByTestId('step-row').locator('th'))).toContain('Thẩm định, xử lý');
    expect(await texts(author.getByTestId('version-row'))).toEqual(['v1 Đã ban hành 01/01/2026 07:00 Mở']);
    await screenshot(author, 'author-procedure');
  });

  it('a pasted draft with a misspelt step shows the error at its line; clicking it selects the line', async () => {
    await author.getByRole('link', { name: 'Soạn quy trình', exact: true }).click();
    await author.getByRole('heading', { name: 'Soạn thảo quy trình', exact: true }).waitFor();
    await paste(author, 'Nội dung quy trình (YAML)', broken);
    await author.getByRole('button', { name: 'Kiểm tra và lưu bản nháp', exact: true }).click();
    const diagnostic = author.getByTestId('diagnostic');
    await diagnostic.first().waitFor();
    // The editor lists exactly what the API finds, each at its line; the misspelt target is among them.
    const verdict = await (await ApiClient.login(system.url, 'author.bac-ninh')).request('POST', '/v1/procedures?file=procedures/draft.yaml', broken, { 'content-type': 'application/yaml' });
    expect(verdict.status).toBe(422);
    const expected = verdict.body.diagnostics.map((d: { line: number; col: number; message: string }) => `Dòng ${d.line}, cột ${d.col}: ${d.message}`);
    expect(await texts(diagnostic)).toEqual(expected);
    const misspelt = diagnostic.filter({ hasText: "'signatur'" });
    expect(await misspelt.getAttribute('data-line')).toBe(String(brokenLine));
    expect(await text(author.getByTestId('problem-title'))).toBe('Quy trình có lỗi; xem danh sách lỗi theo dòng bên dưới. The procedure has errors; see them by line below.');
    const errorLines = [...new Set(verdict.body.diagnostics.map((d: { line: number }) => String(d.line)))].sort((a, b) => Number(a) - Number(b));
    expect(await author.locator('.editor-gutter .line.has-error').evaluateAll((lines) => lines.map((l) => l.textContent))).toEqual(errorLines);
    await misspelt.getByRole('button').click();
    const selected = await author.getByLabel('Nội dung quy trình (YAML)').evaluate((t) => t.value.slice(t.selectionStart, t.selectionEnd));
    expect(selected).toBe('signatur'); // from the error's column to the end of its line
    await screenshot(author, 'author-editor-error');
    expect((await ApiClient.login(system.url, 'author.bac-ninh').then((c) => c.get('/v1/procedures/1.001193/versions'))).body.items).toHaveLength(1);
  });

  it('fixed, the draft is stored; its scenarios run and pass', async () => {
    await paste(author, 'Nội dung quy trình (YAML)', v2);
    await author.getByRole('button', { name: 'Kiểm tra và lưu bản nháp', exact: true }).click();
    const stored = author.getByTestId('draft-result').getByRole('status');
    await stored.waitFor();
    expect(await text(stored)).toBe('Bản nháp hợp lệ, đã lưu: thủ tục 1.001193, phiên bản 2. Valid draft stored: procedure 1.001193, version 2.');
    expect(await author.locator('.editor-gutter .line.has-error').count()).toBe(0);

    await paste(author, 'Kịch bản kiểm thử (YAML, tùy chọn)', scenarios);
    await author.getByRole('button', { name: 'Chạy kịch bản', exact: true }).click();
    const summary = author.getByTestId('scenario-summary');
    await summary.waitFor();
    expect(await text(summary)).toBe(`${scenarioCount} kịch bản: ${scenarioCount} đạt, 0 không đạt ${scenarioCount} scenarios: ${scenarioCount} passed, 0 failed`);
    expect(await author.getByTestId('scenario-row').count()).toBe(scenarioCount);

    await paste(author, 'Kịch bản kiểm thử (YAML, tùy chọn)', scenarios.replace('expect: { state: signature, status: 4 }', 'expect: { state: signature, status: 9 }'));
    await author.getByRole('button', { name: 'Chạy kịch bản', exact: true }).click();
    await summary.filter({ hasText: '1 không đạt' }).waitFor();
    expect(await text(author.getByTestId('scenario-row').first().locator('td').last())).toBe('✗ Bước 2: PROPOSE_APPROVAL by specialist at hop-thinh, 2026-03-02T10:30+07:00 status: cần 9, thực tế 4');
    expect(await author.locator('#scenarios-yaml').locator('xpath=..').locator('.line.has-error').evaluateAll((lines) => lines.map((l) => l.textContent))).toEqual(['22']);
    await screenshot(author, 'author-scenarios');
  });

  it('publishes it; the procedure page lists version 2 as published', async () => {
    await author.getByRole('button', { name: 'Ban hành phiên bản 2', exact: true }).click();
    await author.getByRole('heading', { name: 'Thủ tục 1.001193', exact: true }).waitFor();
    expect(await text(author.getByTestId('notice'))).toBe('Đã ban hành thủ tục 1.001193 phiên bản 2. Procedure 1.001193 version 2 published.');
    await author.getByTestId('version-row').nth(1).waitFor();
    expect(await texts(author.getByTestId('version-row').locator('td:nth-child(2)'))).toEqual(['Đã ban hành', 'Đã ban hành']);
  });

  it('moves the dossier in flight only after a dry run shown as a table, a proposal, and the approval of a second person', async () => {
    const form = author.getByRole('form', { name: 'Chuyển hồ sơ đang xử lý sang phiên bản mới' });
    expect(await form.getByLabel('Từ phiên bản').inputValue()).toBe('1');
    expect(await form.getByLabel('Sang phiên bản').inputValue()).toBe('2');
    await form.getByRole('button', { name: 'Chạy thử', exact: true }).click();
    const report = author.getByTestId('migration-result');
    await report.getByTestId('migration-row').waitFor();
    expect(await text(report.locator('.alert-title'))).toBe('Chạy thử: 1 hồ sơ sẽ được chuyển, 0 hồ sơ có vấn đề. Chưa có gì thay đổi. Dry run: 1 dossiers would move, 0 have problems. Nothing changed yet.');
    expect(await texts(report.getByTestId('migration-row').locator('th, td'))).toEqual([inFlight.receiptCode, 'reception → reception', '1 → 1', 'hop-thinh']);
    const api = await ApiClient.login(system.url, 'receiver.hop-thinh');
    expect((await api.get(`/v1/dossiers/${inFlight.id}`)).body.procedureVersion).toBe(1);
    await screenshot(author, 'author-migration');

    await report.getByRole('button', { name: 'Đề nghị áp dụng: chuyển 1 hồ sơ', exact: true }).click();
    const proposed = report.locator('.alert-title').filter({ hasText: 'Đề nghị số' });
    await proposed.waitFor();
    const proposal = /Đề nghị số (\d+)/.exec(await text(proposed))![1]!;
    expect(await text(proposed)).toBe(`Đề nghị số ${proposal}: chuyển 1 hồ sơ. Chờ một tác giả khác hoặc quản trị viên phê duyệt; chưa có gì thay đổi. Proposal ${proposal}: move 1 dossiers. Waiting for another author or an administrator to approve; nothing changed yet.`);
    expect((await api.get(`/v1/dossiers/${inFlight.id}`)).body.procedureVersion).toBe(1);

    // The proposer cannot approve their own proposal.
    const own = author.getByRole('form', { name: 'Phê duyệt đề nghị chuyển hồ sơ' });
    await own.getByLabel('Số đề nghị').fill(proposal);
    await own.getByRole('button', { name: 'Xem đề nghị', exact: true }).click();
    await author.getByTestId('approval-result').getByRole('button', { name: 'Phê duyệt và chuyển 1 hồ sơ', exact: true }).click();
    await author.getByTestId('approval-result').locator('.alert-error').waitFor();
    expect((await api.get(`/v1/dossiers/${inFlight.id}`)).body.procedureVersion).toBe(1);

    const admin = await chrome.signIn('admin', { landing: 'Bảng giám sát' });
    await admin.goto(`${system.url}/#/procedures/1.001193`);
    const approval = admin.getByRole('form', { name: 'Phê duyệt đề nghị chuyển hồ sơ' });
    await approval.getByLabel('Số đề nghị').fill(proposal);
    await approval.getByRole('button', { name: 'Xem đề nghị', exact: true }).click();
    const result = admin.getByTestId('approval-result');
    await result.getByRole('button', { name: 'Phê duyệt và chuyển 1 hồ sơ', exact: true }).click();
    await result.getByText('Đã chuyển 1 hồ sơ.').waitFor();
    expect((await api.get(`/v1/dossiers/${inFlight.id}`)).body.procedureVersion).toBe(2);
    await screenshot(admin, 'author-migration-approved');
  });

  it('no script error and no Content-Security-Policy violation happened', () => {
    expect(chrome.scriptErrors).toEqual([]);
    expect(chrome.cspViolations).toEqual([]);
  });
});
