// Bilingual text. Officers read Vietnamese; English is there for advisers and
// integrators. Every label carries both languages: the chosen one reads first,
// the other follows small and muted. The choice is remembered per browser.
import { h } from './dom.js';

const KEY = 'motcua.lang';

export function currentLang() {
  try {
    return localStorage.getItem(KEY) === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi'; // storage blocked by policy: Vietnamese, the default
  }
}

export function setLang(lang) {
  try {
    localStorage.setItem(KEY, lang);
  } catch {
    // not remembered, but still applied to this page
  }
  applyLang(document);
}

/**
 * A bilingual label: <span class="bi"><span lang="vi">…</span><span lang="en">…</span></span>.
 * `compact` shows only the chosen language (buttons, badges, table cells),
 * where two languages side by side would crowd the line.
 */
export function bi(vi, en, { compact = false } = {}) {
  const el = h('span', { class: compact ? 'bi compact' : 'bi' });
  el.append(h('span', { lang: 'vi' }, vi));
  if (en && en !== vi) el.append(h('span', { lang: 'en' }, en));
  orderLabel(el, currentLang());
  return el;
}

/** A localized {vi, en} object (procedure and unit names) as a label. */
export function biText(text, options) {
  if (!text) return '—';
  if (typeof text === 'string') return text;
  return bi(text.vi, text.en, options);
}

/** A plain string in the chosen language, for attributes and the page title. */
export function tx(vi, en) {
  return currentLang() === 'en' && en ? en : vi;
}

/**
 * Puts the chosen language first in every label under `root`, and hides the
 * other from assistive technology so a label is read once, in one language.
 */
export function applyLang(root) {
  const lang = currentLang();
  document.documentElement.lang = lang;
  document.documentElement.dataset.lang = lang;
  for (const el of root.querySelectorAll('.bi')) orderLabel(el, lang);
}

function orderLabel(el, lang) {
  const primary = el.querySelector(`:scope > [lang="${lang}"]`);
  if (!primary) return; // a one-language label
  // A real space between the two, so copied or read-out text never runs them together.
  const others = [...el.children].filter((span) => span !== primary);
  el.replaceChildren(primary, ...others.flatMap((span) => (el.classList.contains('compact') ? [span] : [' ', span])));
  for (const span of el.children) {
    const secondary = span !== primary;
    span.classList.toggle('secondary', secondary);
    if (secondary) span.setAttribute('aria-hidden', 'true');
    else span.removeAttribute('aria-hidden');
  }
}

// The API's stable problem codes (api/problem-types.ts) in plain words for the
// desk; the server's own detail follows, for the specifics and the fix.
const problemMessages = {
  'definition.invalid': ['Quy trình có lỗi; xem danh sách lỗi theo dòng bên dưới.', 'The procedure has errors; see them by line below.'],
  'definition.not-found': ['Không tìm thấy thủ tục hoặc phiên bản này.', 'No such procedure or version.'],
  'definition.duplicate': ['Phiên bản này đã được ban hành và không thể sửa; hãy tăng số phiên bản.', 'This version is published and cannot change; raise the version number.'],
  'definition.conflict': ['Phiên bản này đã được ban hành.', 'This version is already published.'],
  'calendar.out-of-range': ['Ngày nằm ngoài lịch làm việc đã khai báo.', 'The date is outside the working calendar.'],
  'request.malformed': ['Yêu cầu gửi lên không đọc được.', 'The request could not be read.'],
  'request.invalid': ['Thông tin gửi lên chưa hợp lệ.', 'The request is not valid.'],
  'request.too-large': ['Tệp hoặc nội dung gửi lên quá lớn.', 'The file or content is too large.'],
  'dossier.not-found': ['Không tìm thấy hồ sơ, hoặc bạn không có quyền xem hồ sơ này.', 'No such dossier, or you may not see it.'],
  'dossier.data-invalid': ['Thông tin hồ sơ chưa hợp lệ; xem các ô được đánh dấu.', 'The dossier data is not valid; see the marked fields.'],
  'dossier.version-conflict': ['Hồ sơ vừa được người khác thay đổi; hãy tải lại trang.', 'Someone else changed the dossier; reload the page.'],
  'dossier.closed': ['Hồ sơ đã kết thúc; không thể thao tác thêm.', 'The dossier is closed.'],
  'dossier.extension-used': ['Hồ sơ đã được gia hạn (Mẫu 04) một lần; không thể gia hạn lại.', 'A new date (form 04) was already issued once.'],
  'dossier.extension-too-late': ['Đã quá thời điểm được phép gia hạn hồ sơ này.', 'It is too late to set a new date.'],
  'dossier.extension-invalid': ['Ngày hẹn mới chưa hợp lệ: phải là ngày làm việc sau hạn hiện tại.', 'The new date must be a working day after the current due date.'],
  'transition.not-allowed': ['Thao tác này không thực hiện được ở bước hiện tại.', 'This action is not possible at this step.'],
  'transition.guard-failed': ['Hồ sơ chưa đáp ứng điều kiện để thực hiện thao tác này.', 'The dossier does not meet the condition for this action.'],
  'transition.input-missing': ['Thao tác cần thêm thông tin (ví dụ: lý do).', 'The action needs more information (e.g. a reason).'],
  'auth.unauthenticated': ['Bạn cần đăng nhập lại.', 'Please sign in again.'],
  'auth.invalid-credentials': ['Tên đăng nhập hoặc mật khẩu không đúng.', 'Wrong username or password.'],
  'auth.forbidden': ['Bạn không có quyền thực hiện thao tác này.', 'You may not do this.'],
  'rate.limited': ['Thử quá nhiều lần; vui lòng đợi một lát rồi thử lại.', 'Too many attempts; wait a moment and retry.'],
  'claim.conflict': ['Hồ sơ đang do cán bộ khác xử lý.', 'Another officer has claimed this dossier.'],
  'idempotency.key-reused': ['Thao tác bị gửi trùng; hãy tải lại trang rồi thử lại.', 'The action was sent twice; reload and retry.'],
  'attachment.not-found': ['Không tìm thấy tệp đính kèm.', 'No such attachment.'],
  'attachment.too-large': ['Tệp quá lớn để đính kèm.', 'The file is too large.'],
  'attachment.type-not-allowed': ['Chỉ nhận tệp PDF, JPEG hoặc PNG.', 'Only PDF, JPEG or PNG files are accepted.'],
  'attachment.type-mismatch': ['Nội dung tệp không đúng với loại tệp (PDF, JPEG, PNG).', 'The file’s content does not match its type.'],
  'attachment.corrupt': ['Tệp lưu trữ bị hỏng; hãy báo quản trị hệ thống.', 'The stored file is damaged; tell the administrator.'],
};

/** The plain-language title for a problem code, or null for a code without one. */
export function problemMessage(code) {
  const pair = code ? problemMessages[code] : null;
  return pair ? bi(pair[0], pair[1]) : null;
}
