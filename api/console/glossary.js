// The words the console shows for the engine's codes: national-portal status
// codes, roles, event types, outcomes, and common data field names. A code
// missing here is shown humanized, so a new procedure never breaks a screen.
import { bi } from './i18n.js';

/** The national public service portal's status vocabulary (1–10). */
export const portalStatus = {
  1: ['Mới đăng ký', 'Newly submitted'],
  2: ['Được tiếp nhận', 'Accepted'],
  3: ['Không được tiếp nhận', 'Not accepted'],
  4: ['Đang xử lý', 'In progress'],
  5: ['Yêu cầu bổ sung giấy tờ', 'Supplement requested'],
  6: ['Yêu cầu thực hiện nghĩa vụ tài chính', 'Payment requested'],
  7: ['Công dân yêu cầu rút hồ sơ', 'Withdrawal requested'],
  8: ['Dừng xử lý', 'Processing stopped'],
  9: ['Đã xử lý xong', 'Result ready'],
  10: ['Đã trả kết quả', 'Result returned'],
};

const roles = {
  receiver: ['Cán bộ tiếp nhận', 'Receiving officer'],
  specialist: ['Chuyên viên xử lý', 'Specialist'],
  leader: ['Lãnh đạo', 'Leader'],
  supervisor: ['Giám sát', 'Supervisor'],
  author: ['Cán bộ xây dựng quy trình', 'Procedure author'],
  admin: ['Quản trị hệ thống', 'Administrator'],
  system: ['Hệ thống', 'System'],
};

const events = {
  RECEIVED: ['Đăng ký hồ sơ', 'Dossier registered'],
  ACCEPT: ['Tiếp nhận', 'Accept'],
  ASK_SUPPLEMENT: ['Yêu cầu bổ sung', 'Ask for a supplement'],
  REFUSE: ['Từ chối tiếp nhận', 'Refuse'],
  SUPPLEMENT_COMPLETE: ['Đã bổ sung đầy đủ', 'Supplement complete'],
  WITHDRAW: ['Rút hồ sơ', 'Withdraw'],
  PROPOSE_APPROVAL: ['Đề xuất phê duyệt', 'Propose approval'],
  PROPOSE_REJECTION: ['Trình từ chối giải quyết', 'Propose rejection'],
  APPROVE: ['Phê duyệt', 'Approve'],
  SIGN: ['Ký duyệt', 'Sign'],
  RETURN_FOR_REVIEW: ['Trả lại để xem xét', 'Return for review'],
  HAND_OVER: ['Trả kết quả', 'Hand over the result'],
  REQUEST_VERIFICATION: ['Yêu cầu xác minh', 'Request verification'],
  VERIFIED: ['Đã xác minh', 'Verified'],
  RESUME: ['Tiếp tục xử lý', 'Resume'],
  ESCALATE: ['Chuyển cấp trên', 'Escalate'],
  DUE_DATE_CHANGED: ['Thay đổi hạn xử lý', 'Due date changed'],
  CLOCK_PAUSED: ['Tạm dừng tính thời gian', 'Clock paused'],
  OVERDUE: ['Quá hạn', 'Overdue'],
  ATTACHMENT_ADDED: ['Đính kèm bản quét', 'Scan attached'],
  CLAIMED: ['Nhận xử lý', 'Claimed'],
  RELEASED: ['Trả lại hồ sơ chung', 'Released'],
  ASSIGNED: ['Phân công xử lý', 'Assigned'],
  EXTENSION_ISSUED: ['Gia hạn (Mẫu 04)', 'New date issued (form 04)'],
  MIGRATED: ['Chuyển phiên bản quy trình', 'Moved to another version'],
};

const outcomes = {
  approved: ['Đã giải quyết', 'Approved'],
  'refused-at-reception': ['Không tiếp nhận', 'Refused at reception'],
  rejected: ['Từ chối giải quyết', 'Rejected'],
  withdrawn: ['Đã rút hồ sơ', 'Withdrawn'],
  stopped: ['Dừng giải quyết', 'Processing stopped'],
};

// Field names that recur across procedures. A schema `title` takes precedence.
const fields = {
  fullName: ['Họ và tên', 'Full name'],
  idNumber: ['Số định danh cá nhân', 'Personal ID number'],
  phone: ['Số điện thoại', 'Phone'],
  email: ['Thư điện tử', 'Email'],
  address: ['Địa chỉ', 'Address'],
  birthDate: ['Ngày sinh', 'Date of birth'],
  birthPlace: ['Nơi sinh', 'Place of birth'],
  sex: ['Giới tính', 'Sex'],
  nationality: ['Quốc tịch', 'Nationality'],
  child: ['Người được đăng ký khai sinh', 'Child'],
  mother: ['Mẹ', 'Mother'],
  father: ['Cha', 'Father'],
  informant: ['Người đi đăng ký', 'Informant'],
  relationship: ['Quan hệ với người được đăng ký', 'Relationship'],
  authorization: ['Có văn bản ủy quyền', 'Written authorization presented'],
  commune: ['Xã, phường', 'Commune or ward'],
  reason: ['Lý do', 'Reason'],
};

const enumValues = {
  male: ['Nam', 'Male'],
  female: ['Nữ', 'Female'],
  mother: ['Mẹ', 'Mother'],
  father: ['Cha', 'Father'],
  grandparent: ['Ông, bà', 'Grandparent'],
  relative: ['Người thân khác', 'Other relative'],
  other: ['Người khác (cần ủy quyền)', 'Someone else (needs an authorization)'],
};

/** "PROPOSE_APPROVAL" → "Propose approval"; "birthDate" → "Birth date". */
export function humanize(code) {
  const words = String(code)
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function lookup(table, code, options) {
  const pair = table[code] ?? [humanize(code), humanize(code)];
  return bi(pair[0], pair[1], options);
}

export const statusLabel = (code, options) => (portalStatus[code] ? bi(...portalStatus[code], options) : String(code));
export const roleLabel = (role, options) => lookup(roles, role, options);
export const eventLabel = (type, options) => lookup(events, type, options);
export const outcomeLabel = (outcome, options) => lookup(outcomes, outcome, options);
export const enumLabel = (value, options) => lookup(enumValues, value, options);

/** A field's label: the schema's title ({vi, en} or a string), the shared glossary, or the key itself. */
export function fieldLabel(key, schema = {}, options) {
  // `x-title: { vi, en }` is the definition format's bilingual label; `title` stays a JSON Schema string.
  const title = schema['x-title'] ?? schema.title;
  if (title && typeof title === 'object') return bi(title.vi ?? title.en, title.en ?? title.vi, options);
  if (typeof title === 'string') return bi(title, title, options);
  return lookup(fields, key, options);
}

/** An enum value as plain text, for <option> elements, which cannot hold markup. */
export function enumText(value) {
  const pair = enumValues[value];
  if (!pair) return String(value);
  return pairText(pair[0], pair[1]);
}

/** "Vietnamese (English)", or one of them when they are the same. */
export function pairText(vi, en) {
  return en && en !== vi ? `${vi} (${en})` : vi;
}

/**
 * A state as officers read it: the definition's `title` ({vi, en}) when the API
 * carries one, else the state id as code, which is what the definition names.
 */
export function stateLabel(state, title, options) {
  if (title && typeof title === 'object') return bi(title.vi ?? title.en, title.en ?? title.vi, options);
  const el = document.createElement('code');
  el.className = 'state';
  el.textContent = state;
  return el;
}

/** An available event's button text: its definition `label` ({vi, en}) when present, else the glossary. */
export function eventTitle(ev, options) {
  if (ev.label && typeof ev.label === 'object') return bi(ev.label.vi ?? ev.label.en, ev.label.en ?? ev.label.vi, options);
  return eventLabel(ev.type, options);
}
