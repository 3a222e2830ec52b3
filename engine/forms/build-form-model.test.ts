import { describe, expect, it } from 'vitest';
import { buildFormModel, describeTimeLimitVi } from './build-form-model.ts';
import { birthRegistrationFormFacts } from '../../test/form-facts.ts';

const hopThinh = { name: 'Xã Hợp Thịnh', parentName: 'Ủy ban nhân dân tỉnh Bắc Ninh' };
const facts = birthRegistrationFormFacts;

const fields = (blocks: ReturnType<typeof buildFormModel>['blocks']) => Object.fromEntries(blocks.flatMap((b) => (b.kind === 'field' ? [[b.label, b.value]] : [])));

describe('buildFormModel', () => {
  it('form 01: receipt code with a QR code, times on the local wall clock as dd/mm/yyyy, required documents with their copies, where to collect', () => {
    const model = buildFormModel(facts({}));
    expect(model).toMatchObject({
      form: '01',
      annexLabel: 'Mẫu số 01',
      issuer: ['ỦY BAN NHÂN DÂN TỈNH BẮC NINH', 'XÃ HỢP THỊNH', 'BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ'],
      placeAndDate: 'Xã Hợp Thịnh, ngày 02 tháng 03 năm 2026',
      title: 'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ',
      receiptCode: 'H04.101-260302-0001',
      qrCode: true,
      issuedAt: new Date('2026-03-02T02:40:00Z'),
    });
    expect(fields(model.blocks)).toEqual({
      'Ông/Bà': 'Nguyễn Văn An',
      'Số định danh cá nhân': '027090001234',
      'Nội dung yêu cầu giải quyết': 'Đăng ký khai sinh',
      '2. Số lượng hồ sơ': '01 bộ',
      '3. Thời gian giải quyết hồ sơ theo quy định': 'Trong ngày (nhận sau 15:00 thì trả trong ngày làm việc tiếp theo)',
      '4. Thời gian nhận hồ sơ': '09 giờ 40 phút, ngày 02/03/2026',
      '5. Thời gian trả kết quả giải quyết hồ sơ': '17 giờ 00 phút, ngày 02/03/2026',
      '6. Nơi trả kết quả': 'Bộ phận Tiếp nhận và Trả kết quả — Phường Kinh Bắc',
    });
    expect(model.blocks.find((b) => b.kind === 'table')).toEqual({
      kind: 'table',
      label: '1. Thành phần hồ sơ nộp gồm:',
      columns: ['TT', 'Tên giấy tờ', 'Hình thức', 'Số lượng'],
      rows: [
        ['1', 'Tờ khai đăng ký khai sinh', 'Bản chính', '1'],
        ['2', 'Giấy chứng sinh', 'Bản sao', '2'],
      ],
    });
    expect(model.signatures).toEqual([
      { title: 'NGƯỜI NỘP HỒ SƠ', note: '(Ký và ghi rõ họ tên)', name: 'Nguyễn Văn An' },
      { title: 'NGƯỜI TIẾP NHẬN HỒ SƠ', note: '(Ký và ghi rõ họ tên)', name: 'Lê Thị Hoa' },
    ]);
  });

  it('form 01 lists the documents the desk recorded as received, optional ones included', () => {
    const model = buildFormModel(facts({ event: { ...facts({}).event, payload: { input: { receivedDocuments: ['declaration', 'authorization'] }, form: '01' } } }));
    expect(model.blocks.find((b) => b.kind === 'table')).toMatchObject({ rows: [['1', 'Tờ khai đăng ký khai sinh', 'Bản chính', '1'], ['2', 'Văn bản ủy quyền', 'Bản chính', '1']] });
  });

  it('form 01 of a procedure with no statutory due date says the result is returned when ready', () => {
    expect(fields(buildFormModel(facts({ dueAt: null })).blocks)['5. Thời gian trả kết quả giải quyết hồ sơ']).toBe('Trả ngay khi có kết quả');
  });

  it('form 02: the missing documents by name, the reason, the officer and the date', () => {
    const event = { seq: 2, type: 'ASK_SUPPLEMENT', at: new Date('2026-03-02T08:05:00Z'), actorRole: 'receiver', unitId: 'hop-thinh', comment: null, payload: { input: { reason: 'Giấy chứng sinh bị mờ', missingDocuments: ['birth-certificate', 'authorization'] }, form: '02' } };
    const model = buildFormModel(facts({ form: '02', event, dueAt: null }));
    expect(model).toMatchObject({ title: 'PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ', qrCode: false, placeAndDate: 'Xã Hợp Thịnh, ngày 02 tháng 03 năm 2026' });
    expect(model.blocks).toContainEqual({ kind: 'list', label: 'Yêu cầu bổ sung, hoàn thiện hồ sơ gồm những nội dung sau', items: ['Giấy chứng sinh', 'Văn bản ủy quyền'] });
    expect(fields(model.blocks)).toMatchObject({ 'Lý do': 'Giấy chứng sinh bị mờ', 'Ngày yêu cầu': '15 giờ 05 phút, ngày 02/03/2026', 'Ngày tiếp nhận hồ sơ': '09 giờ 30 phút, ngày 02/03/2026' });
    expect(model.signatures).toEqual([{ title: 'NGƯỜI HƯỚNG DẪN', note: '(Ký và ghi rõ họ tên)', name: 'Lê Thị Hoa' }]);
  });

  it('form 02 asked by a specialist during appraisal comes from the department, not the desk', () => {
    const department = { name: 'Sở Xây dựng', parentName: 'Ủy ban nhân dân tỉnh Bắc Ninh' };
    const event = { seq: 5, type: 'ASK_SUPPLEMENT', at: new Date('2026-03-03T02:00:00Z'), actorRole: 'specialist', unitId: 'so-xay-dung', comment: null, payload: { input: { reason: 'Thiếu bản vẽ' }, form: '02' } };
    const model = buildFormModel(facts({ form: '02', event, units: { issuing: department, receiving: hopThinh, returning: hopThinh } }));
    expect(model.issuer).toEqual(['ỦY BAN NHÂN DÂN TỈNH BẮC NINH', 'SỞ XÂY DỰNG']);
    expect(model.blocks.some((b) => b.kind === 'list')).toBe(false);
  });

  it('form 03: the reason for refusing', () => {
    const event = { seq: 2, type: 'REFUSE', at: new Date('2026-03-02T02:36:00Z'), actorRole: 'receiver', unitId: 'hop-thinh', comment: null, payload: { input: { reason: 'Trẻ đã được đăng ký khai sinh tại nơi khác' }, form: '03' } };
    const model = buildFormModel(facts({ form: '03', event }));
    expect(model.title).toBe('PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ');
    expect(fields(model.blocks)['Lý do']).toBe('Trẻ đã được đăng ký khai sinh tại nơi khác');
  });

  it('form 04: old and new appointment and the reason; the leader signs, a specialist leaves the name to be written', () => {
    const event = { seq: 4, type: 'EXTENSION_ISSUED', at: new Date('2026-03-04T03:00:00Z'), actorRole: 'leader', unitId: 'hop-thinh', comment: 'cần xác minh', payload: { form: '04', reason: 'cần xác minh', from: '2026-03-05T10:00:00.000Z', to: '2026-03-10T10:00:00.000Z' } };
    const model = buildFormModel(facts({ form: '04', event }));
    expect(model.issuer).toEqual(['ỦY BAN NHÂN DÂN TỈNH BẮC NINH', 'XÃ HỢP THỊNH']);
    expect(fields(model.blocks)).toEqual({
      'Mã hồ sơ': 'H04.101-260302-0001',
      'Thời hẹn trả kết quả giải quyết hồ sơ': '17 giờ 00 phút, ngày 05/03/2026',
      'Lý do': 'cần xác minh',
      'Thời hẹn trả kết quả mới': '17 giờ 00 phút, ngày 10/03/2026',
    });
    expect(model.blocks[0]).toEqual({ kind: 'text', text: 'Ngày 02/03/2026, Xã Hợp Thịnh tiếp nhận, giải quyết hồ sơ đề nghị Đăng ký khai sinh của Ông/Bà Nguyễn Văn An.' });
    expect(model.signatures).toEqual([{ title: 'THỦ TRƯỞNG CƠ QUAN', note: '(Ký, ghi rõ họ tên và đóng dấu)', name: 'Lê Thị Hoa' }]);
    expect(buildFormModel(facts({ form: '04', event: { ...event, actorRole: 'specialist' } })).signatures[0]!.name).toBe('');
  });

  it('form 05: the reason processing stopped', () => {
    const event = { seq: 6, type: 'STOP_PROCESSING', at: new Date('2026-03-09T02:00:00Z'), actorRole: 'specialist', unitId: 'hop-thinh', comment: null, payload: { input: { reason: 'Thửa đất đang có tranh chấp' }, form: '05' } };
    const model = buildFormModel(facts({ form: '05', event }));
    expect(model.title).toBe('THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ');
    expect(fields(model.blocks)['Lý do dừng giải quyết']).toBe('Thửa đất đang có tranh chấp');
  });
});

describe('describeTimeLimitVi', () => {
  it.each([
    [{ sameDay: true as const }, 'Trong ngày'],
    [{ workingDays: 3 }, '3 ngày làm việc'],
    [{ workingHours: 4 }, '4 giờ làm việc'],
  ])('%j → %s', (limit, text) => {
    expect(describeTimeLimitVi(limit)).toBe(text);
  });
});
