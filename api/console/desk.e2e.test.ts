// A commune desk's day in the console, in a real Chromium against the real
// system: the receiver files a birth registration with scanned documents (the
// checklist ticks itself), asks for a supplement and prints form 02, takes it
// in and prints form 01 (the PDFs' text is read back and checked); the specialist
// claims and proposes; the leader signs; the dossier leaves their worklists.
// Laptop (1280×720) and tablet (768×1024) screenshots go to screenshots/.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../../test/api-client.ts';
import { launchConsoleBrowser, screenshot, text, texts, tinyPdf, type ConsoleBrowser } from '../../test/console-browser.ts';
import { extractPdfText } from '../../test/extract-pdf-text.ts';
import { startTestSystem, type TestSystem } from '../../test/start-test-system.ts';

let system: TestSystem;
let chrome: ConsoleBrowser;
let receiver: Page;
let api: ApiClient;
const dossier = { id: '', receiptCode: 'H04.101-260302-0001' };
const pdf = tinyPdf();

beforeAll(async () => {
  system = await startTestSystem(); // Monday 2 March 2026, 09:00 in Hà Nội
  chrome = await launchConsoleBrowser(system.url);
  api = await ApiClient.login(system.url, 'receiver.hop-thinh');
});

afterAll(async () => {
  await chrome?.close();
  await system?.close();
});

const row = (page: Page, receiptCode: string) => page.getByRole('row').filter({ has: page.getByRole('link', { name: receiptCode, exact: true }) });
const scanRow = (page: Page, documentId: string) => page.locator(`li.scan-row[data-document="${documentId}"]`);

/** Drops a file on an element the way a browser does: a drop event carrying a DataTransfer. */
async function dropFile(page: Page, selector: string, name: string, bytes: Buffer, type: string): Promise<void> {
  // A string: the test's TypeScript has no DOM types, the page has them.
  const args = JSON.stringify({ name, base64: bytes.toString('base64'), type });
  const dataTransfer = await page.evaluateHandle(`(() => {
    const { name, base64, type } = ${args};
    const dt = new DataTransfer();
    dt.items.add(new File([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))], name, { type }));
    return dt;
  })()`);
  await page.dispatchEvent(selector, 'drop', { dataTransfer });
}

/**
 * Prints a form as an officer does: "Tải PDF" on the dossier page fetches the PDF and opens it in a new tab.
 * Returns the text of the bytes the server handed the console (what goes to the printer), line by line.
 */
async function printForm(page: Page, form: string): Promise<string> {
  const path = `/v1/dossiers/${dossier.id}/forms/${form}`;
  let delivered: { status: number; type: string | undefined; bytes: Buffer } | null = null;
  // The console's own request, passed through unchanged; the route keeps a copy of what it carried.
  await page.route((url) => url.pathname === path, async (route) => {
    const response = await route.fetch();
    delivered = { status: response.status(), type: response.headers()['content-type'], bytes: await response.body() };
    await route.fulfill({ response });
  });
  const button = page.locator(`[data-testid="printable-form"][data-form="${form}"]`).getByRole('button', { name: new RegExp(`^Tải PDF mẫu ${form}`) });
  const [tab] = await Promise.all([page.context().waitForEvent('page'), button.click()]);
  await tab.waitForURL(/^blob:/);
  await tab.close();
  await page.unroute((url) => url.pathname === path);
  const got = delivered as { status: number; type: string | undefined; bytes: Buffer } | null;
  expect(got?.status).toBe(200);
  expect(got?.type).toBe('application/pdf');
  return (await extractPdfText(got!.bytes)).text;
}

describe('the commune desk', () => {
  it('the login page lists every demo role, the author and the administrator included', async () => {
    const context = await chrome.browser.newContext({ locale: 'vi-VN', viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    await page.goto(system.url);
    await page.getByRole('heading', { name: 'Đăng nhập', exact: true }).waitFor();
    expect(await texts(page.locator('.demo-accounts li'))).toEqual([
      'receiver.hop-thinh Cán bộ tiếp nhận · Xã Hợp Thịnh',
      'specialist.hop-thinh Chuyên viên xử lý · Xã Hợp Thịnh',
      'leader.hop-thinh Lãnh đạo · Xã Hợp Thịnh',
      'supervisor.bac-ninh Giám sát · Tỉnh Bắc Ninh',
      'author.bac-ninh Cán bộ xây dựng quy trình · Tỉnh Bắc Ninh',
      'admin Quản trị hệ thống · Tỉnh Bắc Ninh',
    ]);
    expect(await text(page.locator('.demo-card p').first())).toBe('Mật khẩu của mọi tài khoản là demo. Chọn một tài khoản để điền sẵn. Every demo password is demo. Pick an account to fill in the form.');
    await screenshot(page, 'login');
    await context.close();
  });

  it('receives a birth registration with its scans: the checklist ticks itself as files are attached', async () => {
    receiver = await chrome.signIn('receiver.hop-thinh');
    await receiver.getByRole('link', { name: 'Tiếp nhận hồ sơ mới', exact: true }).click();
    await receiver.getByLabel('Thủ tục hành chính').selectOption('1.001193');
    const applicant = receiver.getByRole('group', { name: 'Người nộp hồ sơ' });
    await applicant.getByLabel('Họ và tên người nộp').fill('Nguyễn Văn An');
    await applicant.getByLabel('Số định danh cá nhân').fill('027090001234');
    const child = receiver.getByRole('group', { name: 'Người được đăng ký khai sinh' });
    await child.getByLabel('Họ và tên').fill('Nguyễn Minh Khôi');
    await child.getByLabel('Giới tính').selectOption({ label: 'Nam (Male)' });
    await child.getByLabel('Ngày sinh').fill('20/02/2026'); // as officers write dates, whatever the computer's locale
    await child.getByLabel('Nơi sinh').fill('Bệnh viện Sản Nhi Bắc Ninh');
    const father = receiver.getByRole('group', { name: 'Cha', exact: true });
    await father.getByLabel('Họ và tên').fill('Nguyễn Văn An');
    await father.getByLabel('Số định danh cá nhân').fill('027090001234');
    await receiver.getByRole('group', { name: 'Người đi đăng ký' }).getByLabel('Quan hệ với người được đăng ký').selectOption({ label: 'Cha (Father)' });

    expect(await receiver.locator('li.scan-row.is-present').count()).toBe(0);
    // The declaration through the labelled file picker, the birth certificate dropped on its row.
    await receiver.getByLabel('Đính kèm bản quét: Tờ khai đăng ký khai sinh').setInputFiles({ name: 'to-khai.pdf', mimeType: 'application/pdf', buffer: pdf });
    await scanRow(receiver, 'declaration').and(receiver.locator('.is-present')).waitFor();
    await dropFile(receiver, 'li.scan-row[data-document="birth-certificate"]', 'giay-chung-sinh.pdf', pdf, 'application/pdf');
    await scanRow(receiver, 'birth-certificate').and(receiver.locator('.is-present')).waitFor();
    expect(await texts(receiver.locator('li.scan-row.is-present .file-name'))).toEqual(['to-khai.pdf', 'giay-chung-sinh.pdf']);
    expect(await receiver.locator('li.scan-row:not(.is-present)').getAttribute('data-document')).toBe('authorization');
    await screenshot(receiver, 'desk-reception');

    await receiver.getByRole('button', { name: 'Tiếp nhận hồ sơ', exact: true }).click();
    await receiver.getByRole('heading', { name: `Hồ sơ ${dossier.receiptCode}`, exact: true }).waitFor();
    dossier.id = receiver.url().split('/').pop()!;
    expect(await text(receiver.getByRole('status').filter({ hasText: 'Đã tiếp nhận' }))).toBe(`Đã tiếp nhận hồ sơ ${dossier.receiptCode}. Dossier ${dossier.receiptCode} filed.`);
    expect(await texts(receiver.locator('li.scan-row.is-present .file-name'))).toEqual(['to-khai.pdf', 'giay-chung-sinh.pdf']);
    const stored = (await api.get(`/v1/dossiers/${dossier.id}/attachments`)).body;
    expect(stored.items.map((a: { documentId: string; fileName: string; size: number }) => [a.documentId, a.fileName, a.size])).toEqual([
      ['declaration', 'to-khai.pdf', pdf.length],
      ['birth-certificate', 'giay-chung-sinh.pdf', pdf.length],
    ]);
    expect(stored.missingRequired).toEqual([]);
    expect((await api.get(`/v1/dossiers/${dossier.id}`)).body.data.child.birthDate).toBe('2026-02-20');
  });

  it('opens a scan from the dossier page', async () => {
    const [tab] = await Promise.all([receiver.context().waitForEvent('page'), scanRow(receiver, 'declaration').getByRole('button', { name: 'Xem to-khai.pdf' }).click()]);
    await tab.waitForURL(/^blob:/);
    expect(tab.url()).toMatch(new RegExp(`^blob:${system.url}/`));
    await tab.close();
  });

  it('a file the API refuses is explained in plain Vietnamese, and nothing is attached', async () => {
    await receiver.getByLabel('Đính kèm bản quét: Văn bản ủy quyền').setInputFiles({ name: 'ghi-chu.txt', mimeType: 'text/plain', buffer: Buffer.from('không phải bản quét') });
    const alert = receiver.locator('#documents-alert .alert-error');
    await alert.waitFor();
    expect(await text(alert.getByTestId('problem-title'))).toBe('Chỉ nhận tệp PDF, JPEG hoặc PNG. Only PDF, JPEG or PNG files are accepted.');
    expect((await api.get(`/v1/dossiers/${dossier.id}/attachments`)).body.items).toHaveLength(2);
  });

  it('asks for a supplement with the reason and the missing document; form 02 is printed', async () => {
    await receiver.getByRole('button', { name: 'Yêu cầu bổ sung', exact: true }).click();
    const dialog = receiver.getByRole('dialog', { name: 'Yêu cầu bổ sung' });
    await dialog.getByLabel('Lý do').fill('Người đi đăng ký là người được ủy quyền: cần văn bản ủy quyền');
    expect(await dialog.getByRole('checkbox').evaluateAll((boxes) => boxes.map((b) => b.matches(':checked')))).toEqual([false, false, false]);
    await dialog.getByRole('checkbox', { name: /^Văn bản ủy quyền/ }).check();
    await screenshot(receiver, 'desk-supplement-dialog');
    await dialog.getByRole('button', { name: 'Xác nhận', exact: true }).click();
    await receiver.getByTestId('notice').waitFor();
    expect(await text(receiver.getByTestId('fact-status'))).toBe('5 Yêu cầu bổ sung giấy tờ Supplement requested');
    expect(await text(receiver.locator('.tl-ask-supplement .tl-details'))).toBe(
      'Mẫu: 02 Lý do: Người đi đăng ký là người được ủy quyền: cần văn bản ủy quyền Giấy tờ cần bổ sung: Văn bản ủy quyền (nếu người đi đăng ký không phải cha, mẹ, ông, bà, người thân)',
    );
    const forms = receiver.getByTestId('printable-form');
    expect(await forms.evaluateAll((items) => items.map((li) => li.getAttribute('data-form')))).toEqual(['02']);
    expect(await forms.getByRole('button').evaluateAll((b) => b.map((x) => x.getAttribute('data-href')))).toEqual([`/v1/dossiers/${dossier.id}/forms/02`, `/v1/dossiers/${dossier.id}/forms/02?format=html`]);
    const form02 = await printForm(receiver, '02');
    expect(form02).toContain('PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ\nMã hồ sơ: H04.101-260302-0001\nHồ sơ của:\nÔng/Bà: Nguyễn Văn An\n');
    expect(form02).toContain(
      'Yêu cầu bổ sung, hoàn thiện hồ sơ gồm những nội dung sau:\n1. Văn bản ủy quyền (nếu người đi đăng ký không phải cha, mẹ, ông, bà, người\nthân)\nLý do: Người đi đăng ký là người được ủy quyền: cần văn bản ủy quyền\n',
    );
    expect(form02).toContain('Ngày yêu cầu: 09 giờ 00 phút, ngày 02/03/2026\n');
  });

  it('takes the supplement in: the scan ticks the last document, the clock starts, form 01 is printed', async () => {
    await receiver.getByLabel('Đính kèm bản quét: Văn bản ủy quyền').setInputFiles({ name: 'uy-quyen.pdf', mimeType: 'application/pdf', buffer: pdf });
    await scanRow(receiver, 'authorization').and(receiver.locator('.is-present')).waitFor();
    expect(await receiver.locator('li.scan-row.is-present').count()).toBe(3);
    await receiver.getByRole('button', { name: 'Đã bổ sung đầy đủ', exact: true }).click();
    await receiver.getByTestId('notice').filter({ hasText: 'Đã thực hiện' }).waitFor();
    expect(await text(receiver.getByTestId('fact-status'))).toBe('4 Đang xử lý In progress');
    expect(await text(receiver.getByTestId('fact-due'))).toBe('02/03/2026 17:00 Sắp đến hạn còn 6 giờ 30 phút làm việc');
    expect(await receiver.getByTestId('printable-form').evaluateAll((items) => items.map((li) => li.getAttribute('data-form')))).toEqual(['01', '02']);
    await screenshot(receiver, 'desk-dossier');
    // The receipt and appointment slip lists what was handed in, the authorization included (its name wraps in the
    // table cell), and the due date shown above.
    const form01 = await printForm(receiver, '01');
    expect(form01).toContain('GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ\nMã hồ sơ: H04.101-260302-0001\n');
    expect(form01).toContain(
      'TT Tên giấy tờ Hình thức Số lượng\n1 Tờ khai đăng ký khai sinh Bản chính 1\n2 Giấy chứng sinh hoặc văn bản của người làm chứng Bản chính 1\n3 Văn bản ủy quyền (nếu người đi đăng ký không phải cha,\nmẹ, ông, bà, người thân)\nBản chính 1\n2. Số lượng hồ sơ: 01 bộ\n',
    );
    expect(form01).toContain('5. Thời gian trả kết quả giải quyết hồ sơ: 17 giờ 00 phút, ngày 02/03/2026\n');
  });

  it('finds the dossier by the applicant’s name without accents, and by receipt code; the overdue filter leaves it out', async () => {
    await receiver.getByRole('link', { name: 'Danh sách hồ sơ', exact: true }).click();
    await receiver.getByRole('heading', { name: 'Danh sách hồ sơ', exact: true }).waitFor();
    await receiver.getByLabel('Tìm mã hồ sơ hoặc tên người nộp').fill('nguyen van an');
    await receiver.getByRole('button', { name: 'Tìm', exact: true }).click();
    await receiver.waitForURL(/q=nguyen/);
    await row(receiver, dossier.receiptCode).waitFor();
    expect(await texts(receiver.getByTestId('worklist-row').locator('th'))).toEqual([dossier.receiptCode]);
    await receiver.getByLabel('Tìm mã hồ sơ hoặc tên người nộp').fill('0302-0009');
    await receiver.getByRole('button', { name: 'Tìm', exact: true }).click();
    await receiver.getByText('Không có hồ sơ nào khớp với điều kiện lọc.').waitFor();
    await receiver.getByLabel('Tìm mã hồ sơ hoặc tên người nộp').fill('260302-0001');
    await receiver.getByRole('button', { name: 'Tìm', exact: true }).click();
    await row(receiver, dossier.receiptCode).waitFor();
    await receiver.getByRole('radio', { name: 'Quá hạn' }).check();
    await receiver.getByText('Không có hồ sơ nào khớp với điều kiện lọc.').waitFor();
    expect(receiver.url()).toBe(`${system.url}/#/worklist?q=260302-0001&due=overdue`);
  });

  it('the specialist sees the countdown, claims the dossier and proposes approval; it leaves the worklist', async () => {
    system.clock.set('2026-03-02T10:00:00+07:00');
    const specialist = await chrome.signIn('specialist.hop-thinh');
    const mine = row(specialist, dossier.receiptCode);
    await mine.waitFor();
    expect(await text(mine.getByTestId('countdown'))).toBe('còn 5 giờ 30 phút làm việc');
    expect(await text(mine.getByTestId('badge-at-risk'))).toBe('Sắp đến hạn');
    await mine.getByRole('button', { name: `Nhận xử lý hồ sơ ${dossier.receiptCode}` }).click();
    await mine.locator('.claim-mine').waitFor();
    expect(await text(mine.locator('td.claim'))).toBe('Bạn đang xử lý Trả lại');
    await screenshot(specialist, 'desk-worklist');
    await specialist.setViewportSize({ width: 768, height: 1024 });
    await screenshot(specialist, 'desk-worklist-tablet');

    await mine.getByRole('link', { name: dossier.receiptCode }).click();
    await specialist.getByRole('heading', { name: `Hồ sơ ${dossier.receiptCode}`, exact: true }).waitFor();
    expect(await texts(specialist.getByTestId('time-row'))).toEqual(['Xã Hợp Thịnh 1 giờ 0 phút 0']);
    await screenshot(specialist, 'desk-dossier-tablet');
    await specialist.getByRole('button', { name: 'Đề xuất phê duyệt', exact: true }).click();
    await specialist.getByTestId('notice').waitFor();
    await specialist.getByRole('link', { name: 'Danh sách hồ sơ', exact: true }).click();
    await specialist.getByText('Không có hồ sơ nào cần xử lý.').waitFor();
  });

  it('the leader signs; the dossier leaves the leader’s worklist too', async () => {
    const leader = await chrome.signIn('leader.hop-thinh');
    await row(leader, dossier.receiptCode).getByRole('link', { name: dossier.receiptCode }).click();
    await leader.getByRole('heading', { name: `Hồ sơ ${dossier.receiptCode}`, exact: true }).waitFor();
    await leader.getByRole('button', { name: 'Ký duyệt', exact: true }).click();
    await leader.getByTestId('notice').waitFor();
    expect(await text(leader.getByTestId('fact-status'))).toBe('9 Đã xử lý xong Result ready');
    expect(await texts(leader.getByTestId('history-entry').locator('.tl-head'))).toEqual([
      'Đăng ký hồ sơ RECEIVED',
      'Đính kèm bản quét ATTACHMENT_ADDED',
      'Đính kèm bản quét ATTACHMENT_ADDED',
      'Yêu cầu bổ sung ASK_SUPPLEMENT',
      'Tạm dừng tính thời gian CLOCK_PAUSED',
      'Đính kèm bản quét ATTACHMENT_ADDED',
      'Đã bổ sung đầy đủ SUPPLEMENT_COMPLETE',
      'Thay đổi hạn xử lý DUE_DATE_CHANGED',
      'Nhận xử lý CLAIMED',
      'Đề xuất phê duyệt PROPOSE_APPROVAL',
      'Ký duyệt SIGN',
    ]);
    expect(await texts(leader.getByTestId('history-entry').locator('.tl-meta'))).toEqual([
      '02/03/2026 09:00 · receiver.hop-thinh · Cán bộ tiếp nhận · Xã Hợp Thịnh',
      '02/03/2026 09:00 · receiver.hop-thinh · Cán bộ tiếp nhận · Xã Hợp Thịnh',
      '02/03/2026 09:00 · receiver.hop-thinh · Cán bộ tiếp nhận · Xã Hợp Thịnh',
      '02/03/2026 09:00 · receiver.hop-thinh · Cán bộ tiếp nhận · Xã Hợp Thịnh',
      '02/03/2026 09:00 · receiver.hop-thinh · Cán bộ tiếp nhận · Xã Hợp Thịnh',
      '02/03/2026 09:00 · receiver.hop-thinh · Cán bộ tiếp nhận · Xã Hợp Thịnh',
      '02/03/2026 09:00 · receiver.hop-thinh · Cán bộ tiếp nhận · Xã Hợp Thịnh',
      '02/03/2026 09:00 · receiver.hop-thinh · Cán bộ tiếp nhận · Xã Hợp Thịnh',
      '02/03/2026 10:00 · specialist.hop-thinh · Chuyên viên xử lý · Xã Hợp Thịnh',
      '02/03/2026 10:00 · specialist.hop-thinh · Chuyên viên xử lý · Xã Hợp Thịnh',
      '02/03/2026 10:00 · leader.hop-thinh · Lãnh đạo · Xã Hợp Thịnh',
    ]);
    await leader.getByRole('link', { name: 'Danh sách hồ sơ', exact: true }).click();
    await leader.getByText('Không có hồ sơ nào cần xử lý.').waitFor();
  });

  it('a leader sets a new date with form 04 once the dossier is at risk, once', async () => {
    // A 3-working-day procedure accepted on Monday 10:00 is due Thursday 17:00: on Thursday morning it is at risk, and form 04 opens.
    const created = await api.post('/v1/dossiers', {
      procedureCode: '1.001612',
      applicant: { fullName: 'Trần Văn Bình', idNumber: '027085001234', phone: '0987654321' },
      data: { owner: { fullName: 'Trần Văn Bình', idNumber: '027085001234' }, business: { name: 'Tạp hóa Bình An', commune: 'hop-thinh', address: 'Thôn Đông', capitalVnd: 50_000_000, lines: ['bán lẻ'] } },
    });
    expect((await api.post(`/v1/dossiers/${created.body.id}/events`, { type: 'ACCEPT' })).status).toBe(200);
    system.clock.set('2026-03-05T10:00:00+07:00');
    const leader = await chrome.signIn('leader.hop-thinh');
    await leader.goto(`${system.url}/#/dossiers/${created.body.id}`);
    const form = leader.getByRole('form', { name: 'Gia hạn (Mẫu 04)' });
    await form.getByLabel('Ngày hẹn trả kết quả mới').fill('10/03/2026');
    await form.getByLabel('Lý do chậm trễ (gửi kèm lời xin lỗi)').fill('Cần xác minh địa điểm kinh doanh');
    await form.getByRole('button', { name: 'Gia hạn và in Mẫu 04', exact: true }).click();
    await leader.getByTestId('notice').filter({ hasText: 'Đã gia hạn' }).waitFor();
    expect(await text(leader.getByTestId('fact-due'))).toBe('10/03/2026 17:00 còn 3 ngày 5 giờ làm việc'); // Thu 10:00–17:00 less lunch, then Fri 6, Mon 9, Tue 10
    expect(await form.count()).toBe(0);
    expect(await leader.getByTestId('printable-form').evaluateAll((items) => items.map((li) => li.getAttribute('data-form')))).toEqual(['01', '04']);
    expect(await text(leader.locator('.tl-extension-issued .tl-comment'))).toBe('Cần xác minh địa điểm kinh doanh');
    await screenshot(leader, 'desk-extension');
  });

  it('no script error and no Content-Security-Policy violation happened', () => {
    expect(chrome.scriptErrors).toEqual([]);
    expect(chrome.cspViolations).toEqual([]);
  });
});
