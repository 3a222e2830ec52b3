// Printable forms: a receiver accepts a birth registration and prints form 01
// (receipt code, procedure, due date — read back from the PDF's text), asks for
// a supplement and prints form 02, refuses and prints form 03, a leader issues form 04, the land office stops
// processing (form 05); the HTML print view
// carries the same fields under the strict CSP; forms not issued, unknown forms
// and dossiers of other units are 404.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ApiClient } from '../test/api-client.ts';
import { birthRegistration } from '../test/birth-registration.ts';
import { extractPdfText } from '../test/extract-pdf-text.ts';
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

/** The raw answer, for bodies that are not JSON. */
async function download(username: string, path: string, headers: Record<string, string> = {}): Promise<{ status: number; type: string | null; bytes: Buffer; headers: Headers }> {
  const login = await new ApiClient(system.url).post('/v1/auth/login', { username, password: 'demo' });
  const res = await fetch(system.url + path, { headers: { authorization: `Bearer ${login.body.token}`, ...headers } });
  return { status: res.status, type: res.headers.get('content-type'), bytes: Buffer.from(await res.arrayBuffer()), headers: res.headers };
}

async function pdfText(username: string, path: string): Promise<string> {
  const res = await download(username, path);
  expect(res.status).toBe(200);
  expect(res.type).toBe('application/pdf');
  return (await extractPdfText(res.bytes)).text;
}

it('prints form 01 after ACCEPT with the receipt code, the procedure and the due date', async () => {
  const receiver = await at('2026-03-02T09:30:00+07:00', 'receiver.hop-thinh');
  const created = await receiver.post('/v1/dossiers', birthRegistration());
  const id = created.body.id;
  const code = created.body.receiptCode;
  expect((await receiver.get(`/v1/dossiers/${id}/forms`)).body).toEqual({ dossierId: id, receiptCode: code, items: [] });

  system.clock.set('2026-03-02T09:40:00+07:00');
  expect((await receiver.post(`/v1/dossiers/${id}/events`, { type: 'ACCEPT' })).status).toBe(200);
  const list = await receiver.get(`/v1/dossiers/${id}/forms`);
  expect(list.body.items).toEqual([{ form: '01', title: 'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ', event: 'ACCEPT', seq: 2, issuedAt: '2026-03-02T02:40:00.000Z', href: `/v1/dossiers/${id}/forms/01` }]);

  const text = await pdfText('receiver.hop-thinh', `/v1/dossiers/${id}/forms/01`);
  expect(text).toContain(`Mã hồ sơ: ${code}\n`);
  expect(text).toContain('Nội dung yêu cầu giải quyết: Đăng ký khai sinh\n');
  expect(text).toContain('Ông/Bà: Nguyễn Văn An\n');
  expect(text).toContain('4. Thời gian nhận hồ sơ: 09 giờ 40 phút, ngày 02/03/2026\n');
  expect(text).toContain('5. Thời gian trả kết quả giải quyết hồ sơ: 17 giờ 00 phút, ngày 02/03/2026\n');
  expect(text).toContain('1 Tờ khai đăng ký khai sinh Bản chính 1\n2 Giấy chứng sinh hoặc văn bản của người làm chứng Bản chính 1\n');
  expect(text).toContain('6. Nơi trả kết quả: Bộ phận Tiếp nhận và Trả kết quả — Xã Hợp Thịnh\n');
  expect(text).toContain('NGƯỜI TIẾP NHẬN HỒ SƠ\n(Ký và ghi rõ họ tên)\nreceiver.hop-thinh\n');

  // Not issued, not a form, not your dossier.
  const refusal = await receiver.get(`/v1/dossiers/${id}/forms/03`);
  expect(refusal.status).toBe(404);
  expect(refusal.body).toMatchObject({ code: 'form.not-issued', detail: `form 03 was not issued for dossier ${code}; its events issued forms 01 (GET /v1/dossiers/${id}/forms lists them)` });
  const unknown = await receiver.get(`/v1/dossiers/${id}/forms/09`);
  expect(unknown.status).toBe(404);
  expect(unknown.body).toMatchObject({ code: 'form.unknown', accepted: ['01', '02', '03', '04', '05'] });
  const stranger = await ApiClient.login(system.url, 'receiver.kinh-bac');
  expect((await stranger.get(`/v1/dossiers/${id}/forms/01`)).body).toMatchObject({ status: 404, code: 'dossier.not-found' });
  expect((await stranger.get(`/v1/dossiers/${id}/forms`)).body).toMatchObject({ status: 404, code: 'dossier.not-found' });

  // Reproducible: the same dossier gives the same bytes, so a printed copy can be checked by its hash.
  const sha = async () => createHash('sha256').update((await download('leader.hop-thinh', `/v1/dossiers/${id}/forms/01?format=pdf`)).bytes).digest('hex');
  system.clock.set('2026-03-02T11:00:00+07:00');
  const first = await sha();
  system.clock.set('2026-03-03T08:00:00+07:00');
  expect(await sha()).toBe(first);
});

it('prints form 02 with the missing documents and the reason, and refuses a document the procedure does not have', async () => {
  const receiver = await at('2026-03-02T09:30:00+07:00', 'receiver.hop-thinh');
  const id = (await receiver.post('/v1/dossiers', birthRegistration())).body.id;
  system.clock.set('2026-03-02T09:45:00+07:00');
  const wrong = await receiver.post(`/v1/dossiers/${id}/events`, { type: 'ASK_SUPPLEMENT', data: { reason: 'Thiếu giấy tờ', missingDocuments: ['birth-certificate', 'passport'] } });
  expect(wrong.status).toBe(422);
  expect(wrong.body).toMatchObject({
    code: 'transition.input-invalid',
    detail: 'data.missingDocuments[1] "passport" is not a document of this procedure; send a list of document ids of this procedure, e.g. {"type":"ASK_SUPPLEMENT","data":{"missingDocuments":["declaration"]}}; accepted: declaration, birth-certificate, authorization',
  });
  expect((await receiver.get(`/v1/dossiers/${id}`)).body).toMatchObject({ state: 'reception', version: 1 });

  const asked = await receiver.post(`/v1/dossiers/${id}/events`, { type: 'ASK_SUPPLEMENT', data: { reason: 'Giấy chứng sinh bị mờ, không đọc được', missingDocuments: ['birth-certificate', 'authorization'] } });
  expect(asked.body).toMatchObject({ state: 'awaiting-supplement', statusCode: 5 });
  const text = await pdfText('receiver.hop-thinh', `/v1/dossiers/${id}/forms/02`);
  expect(text).toContain('PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ\n');
  // A long item wraps onto a second line on paper.
  expect(text.replaceAll('\n', ' ')).toContain(
    'Yêu cầu bổ sung, hoàn thiện hồ sơ gồm những nội dung sau: 1. Giấy chứng sinh hoặc văn bản của người làm chứng 2. Văn bản ủy quyền (nếu người đi đăng ký không phải cha, mẹ, ông, bà, người thân) Lý do:',
  );
  expect(text).toContain('Lý do: Giấy chứng sinh bị mờ, không đọc được\n');
  expect(text).toContain('Ngày yêu cầu: 09 giờ 45 phút, ngày 02/03/2026\n');
  expect(text).toContain('NGƯỜI HƯỚNG DẪN\n(Ký và ghi rõ họ tên)\nreceiver.hop-thinh\n');
});

it('prints form 03 with the reason for refusing', async () => {
  const receiver = await at('2026-03-02T09:30:00+07:00', 'receiver.tu-son');
  const id = (await receiver.post('/v1/dossiers', birthRegistration())).body.id;
  system.clock.set('2026-03-02T09:36:00+07:00');
  expect((await receiver.post(`/v1/dossiers/${id}/events`, { type: 'REFUSE', data: { reason: 'Trẻ đã được đăng ký khai sinh tại nơi khác' } })).body).toMatchObject({ state: 'refused', statusCode: 3 });
  const text = await pdfText('receiver.tu-son', `/v1/dossiers/${id}/forms/03`);
  expect(text).toContain('PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ\n');
  expect(text).toContain('Lý do: Trẻ đã được đăng ký khai sinh tại nơi khác\n');
  expect(text).toContain('NGƯỜI TIẾP NHẬN HỒ SƠ\n(Ký và ghi rõ họ tên)\nreceiver.tu-son\n');
});

it('prints form 04 with the reason, the old and the new date, for the leader to sign', async () => {
  const receiver = await at('2026-03-02T09:00:00+07:00', 'receiver.hop-thinh');
  const created = await receiver.post('/v1/dossiers', {
    procedureCode: '1.001612',
    applicant: { fullName: 'Trần Văn Bình', idNumber: '027085001234', phone: '0987654321' },
    data: { owner: { fullName: 'Trần Văn Bình', idNumber: '027085001234' }, business: { name: 'Tạp hóa Bình An', commune: 'hop-thinh', address: 'Thôn Đông', capitalVnd: 50_000_000, lines: ['bán lẻ'] } },
  });
  const id = created.body.id;
  await receiver.post(`/v1/dossiers/${id}/events`, { type: 'ACCEPT' });
  // At risk: 7 working hours left (form 04 is issued once at risk or overdue).
  const leader = await at('2026-03-05T10:00:00+07:00', 'leader.hop-thinh');
  expect((await leader.post(`/v1/dossiers/${id}/extension`, { newDueDate: '2026-03-10', reason: 'cần xác minh địa điểm kinh doanh' })).status).toBe(200);
  expect((await leader.get(`/v1/dossiers/${id}/forms`)).body.items.map((i: { form: string }) => i.form)).toEqual(['01', '04']);

  const text = await pdfText('leader.hop-thinh', `/v1/dossiers/${id}/forms/04`);
  expect(text).toContain('VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT\n');
  expect(text).toContain(`Mã hồ sơ: ${created.body.receiptCode}\n`);
  expect(text).toContain('Thời hẹn trả kết quả giải quyết hồ sơ: 17 giờ 00 phút, ngày 05/03/2026\n');
  expect(text).toContain('Lý do: cần xác minh địa điểm kinh doanh\n');
  expect(text).toContain('Thời hẹn trả kết quả mới: 17 giờ 00 phút, ngày 10/03/2026\n');
  expect(text).toContain('THỦ TRƯỞNG CƠ QUAN\n(Ký, ghi rõ họ tên và đóng dấu)\nleader.hop-thinh\n');
  // Form 01 still shows the first appointment: the receipt handed over is not rewritten.
  expect(await pdfText('leader.hop-thinh', `/v1/dossiers/${id}/forms/01`)).toContain('5. Thời gian trả kết quả giải quyết hồ sơ: 17 giờ 00 phút, ngày 05/03/2026\n');
});

it('prints form 05 when the Land Registration Office stops processing a disputed parcel', async () => {
  const receiver = await at('2026-03-02T09:00:00+07:00', 'receiver.hop-thinh');
  const created = await receiver.post('/v1/dossiers', {
    procedureCode: '1.012753',
    applicant: { fullName: 'Hà Văn Bắc', idNumber: '024168001515' },
    data: { applicant: { fullName: 'Hà Văn Bắc', idNumber: '024168001515' }, parcel: { commune: 'hop-thinh', sheet: 9, number: 7, areaM2: 450, disputed: true } },
  });
  const id = created.body.id;
  system.clock.set('2026-03-02T09:10:00+07:00');
  await receiver.post(`/v1/dossiers/${id}/events`, { type: 'ACCEPT' });
  await expect.poll(async () => (await receiver.get(`/v1/dossiers/${id}`)).body.state, { timeout: 30_000 }).toBe('arrived-at-land-office');
  await (await ApiClient.login(system.url, 'receiver.vpdk-dat-dai')).post(`/v1/dossiers/${id}/events`, { type: 'ACKNOWLEDGE' });
  const specialist = await at('2026-03-05T10:30:00+07:00', 'specialist.vpdk-dat-dai');
  expect((await specialist.post(`/v1/dossiers/${id}/events`, { type: 'STOP_PROCESSING', data: { reason: 'Thửa đất đang có tranh chấp' } })).body).toMatchObject({ state: 'stopped', statusCode: 8 });

  // The desk that received it prints the notice for the applicant.
  const text = await pdfText('receiver.hop-thinh', `/v1/dossiers/${id}/forms/05`);
  expect(text).toContain('SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG\nVĂN PHÒNG ĐĂNG KÝ ĐẤT ĐAI\n');
  expect(text).toContain('THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ\n');
  expect(text).toContain('Lý do dừng giải quyết: Thửa đất đang có tranh chấp\n');
  expect(text).toContain('Ngày tiếp nhận hồ sơ: 09 giờ 00 phút, ngày 02/03/2026\n');
});

it('serves the same form as an HTML print view that needs no inline script or style', async () => {
  const receiver = await at('2026-03-02T09:30:00+07:00', 'receiver.hop-thinh');
  const created = await receiver.post('/v1/dossiers', birthRegistration());
  system.clock.set('2026-03-02T09:40:00+07:00');
  await receiver.post(`/v1/dossiers/${created.body.id}/events`, { type: 'ACCEPT' });

  const byAccept = await download('receiver.hop-thinh', `/v1/dossiers/${created.body.id}/forms/01`, { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' });
  const byQuery = await download('receiver.hop-thinh', `/v1/dossiers/${created.body.id}/forms/01?format=html`);
  expect([byAccept.status, byAccept.type, byQuery.type]).toEqual([200, 'text/html; charset=utf-8', 'text/html; charset=utf-8']);
  const html = byAccept.bytes.toString('utf8');
  expect(byQuery.bytes.toString('utf8')).toBe(html);
  expect(html).toContain(`Mã hồ sơ: <strong>${created.body.receiptCode}</strong>`);
  expect(html).toContain('<span class="label">Nội dung yêu cầu giải quyết:</span> <span class="value">Đăng ký khai sinh</span>');
  expect(html).toContain('<span class="label">5. Thời gian trả kết quả giải quyết hồ sơ:</span> <span class="value">17 giờ 00 phút, ngày 02/03/2026</span>');
  expect(html).toContain(`<div class="qr" role="img" aria-label="Mã QR của mã hồ sơ ${created.body.receiptCode}"><svg`);
  expect(html).toContain('<link rel="stylesheet" href="/forms/print.css">');
  expect(html).not.toMatch(/<script|<style|\sstyle=|\son[a-z]+=/i);
  expect(byAccept.headers.get('content-security-policy')).toContain("style-src 'self'");

  const css = await fetch(`${system.url}/forms/print.css`);
  expect([css.status, css.headers.get('content-type')]).toEqual([200, 'text/css; charset=utf-8']);
  expect(await css.text()).toContain('@page { size: A4; margin: 20mm; }');
});
