import { describe, expect, it } from 'vitest';
import { planDeliveries, type ApplicantNotice } from './plan-deliveries.ts';

const notice: ApplicantNotice = { receiptCode: 'H04.101-260302-0001', statusCode: 4, text: { vi: 'Đang xử lý', en: 'In progress' }, fullName: 'Nguyễn Văn An', phone: '0912345678', email: 'an@example.vn' };

describe('planDeliveries', () => {
  it('says the procedure’s citizen text on every enabled channel the applicant can be reached on', () => {
    const planned = planDeliveries(notice, new Set(['email', 'sms', 'zalo']));
    expect(planned.map((p) => [p.channel, p.address, p.subject])).toEqual([
      ['email', 'an@example.vn', 'Hồ sơ H04.101-260302-0001: Đang xử lý'],
      ['sms', '0912345678', 'Hồ sơ H04.101-260302-0001: Đang xử lý'],
      ['zalo', '0912345678', 'Hồ sơ H04.101-260302-0001: Đang xử lý'],
    ]);
    expect(planned[1]!.body).toBe('Hồ sơ H04.101-260302-0001: Đang xử lý. Trạng thái: Đang xử lý.');
  });

  it('skips channels that are off and channels the applicant gave no address for', () => {
    expect(planDeliveries({ ...notice, email: null }, new Set(['email', 'sms'])).map((p) => p.channel)).toEqual(['sms']);
    expect(planDeliveries({ ...notice, phone: null }, new Set(['sms', 'zalo']))).toEqual([]);
  });

  it('falls back to the portal status name when the state has no citizen text', () => {
    const [email] = planDeliveries({ ...notice, statusCode: 9, text: null }, new Set(['email']));
    expect(email!.subject).toBe('Hồ sơ H04.101-260302-0001: Đã xử lý xong');
  });
});
