// What each channel says to the applicant about one status change, in
// Vietnamese: the receipt code, and the citizen text the procedure gives the
// new state (`citizenText` in the YAML; the portal's status name without one).
// Decree 224/2026/NĐ-CP: status changes are pushed to the applicant as they happen.
import type { ChannelName } from './notification-channel.ts';

/** The applicant part of a `notify` outbox row (engine/service/record-transition.ts). */
export interface ApplicantNotice {
  receiptCode: string;
  statusCode: number;
  text: { vi: string; en: string } | null;
  fullName: string | null;
  phone: string | null;
  email: string | null;
}

export interface PlannedDelivery {
  channel: ChannelName;
  /** Email address or phone number. */
  address: string;
  subject: string;
  body: string;
}

/** The national public service portal's status names (codes 1–10), as the console shows them. */
export const portalStatusVi: Record<number, string> = {
  1: 'Mới đăng ký',
  2: 'Được tiếp nhận',
  3: 'Không được tiếp nhận',
  4: 'Đang xử lý',
  5: 'Yêu cầu bổ sung giấy tờ',
  6: 'Yêu cầu thực hiện nghĩa vụ tài chính',
  7: 'Công dân yêu cầu rút hồ sơ',
  8: 'Dừng xử lý',
  9: 'Đã xử lý xong',
  10: 'Đã trả kết quả',
};

/** One delivery per enabled channel the applicant can be reached on: email needs an address, SMS and Zalo a phone number. */
export function planDeliveries(notice: ApplicantNotice, enabled: ReadonlySet<ChannelName>): PlannedDelivery[] {
  const status = portalStatusVi[notice.statusCode] ?? `trạng thái ${notice.statusCode}`;
  const said = notice.text?.vi ?? status;
  const subject = `Hồ sơ ${notice.receiptCode}: ${said}`;
  const short = `Hồ sơ ${notice.receiptCode}: ${said}. Trạng thái: ${status}.`;
  const out: PlannedDelivery[] = [];
  if (notice.email && enabled.has('email')) {
    const greeting = notice.fullName ? `Kính gửi ông/bà ${notice.fullName},` : 'Kính gửi ông/bà,';
    const body = [
      greeting,
      '',
      `Hồ sơ có mã ${notice.receiptCode} của ông/bà: ${said}.`,
      `Trạng thái hồ sơ: ${status}.`,
      '',
      `Ông/bà có thể tra cứu hồ sơ bằng mã ${notice.receiptCode} tại Bộ phận Một cửa nơi nộp hồ sơ.`,
      'Thư này được gửi tự động, xin vui lòng không trả lời.',
    ].join('\n');
    out.push({ channel: 'email', address: notice.email, subject, body });
  }
  if (notice.phone) for (const channel of ['sms', 'zalo'] as const) if (enabled.has(channel)) out.push({ channel, address: notice.phone, subject, body: short });
  return out;
}
