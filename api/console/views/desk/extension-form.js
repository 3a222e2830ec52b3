// Form 04 (apology and new appointment date): the leader of the unit holding a
// dossier that is at risk (under one working day left) or overdue apologises and
// sets a new date — once (docs/form-04.md; engine/runtime/plan-extension.ts). The
// server decides; this only hides the form where it would surely be refused.
import { post } from '../../api.js';
import { h } from '../../dom.js';
import { field, isEmpty, missingMessage, problemAlert } from '../../field.js';
import { readDayMonthYear } from '../../format.js';
import { applyLang, bi } from '../../i18n.js';

export function mayExtend(d, user) {
  return !d.closedAt && !d.extendedAt && (d.atRisk || d.overdue) && user.role === 'leader' && user.unit?.id === d.currentUnit;
}

/** extensionForm(dossier, { done(nextDossier) }) → a card with the new date and the reason. */
export function extensionForm(d, { done }) {
  const date = field({ label: bi('Ngày hẹn trả kết quả mới', 'New appointment date'), control: h('input', { type: 'text', name: 'newDueDate', inputmode: 'numeric', placeholder: 'dd/mm/yyyy', autocomplete: 'off' }), hint: bi('Ngày/tháng/năm: một ngày làm việc sau hạn hiện tại', 'Day/month/year: a working day after the current due date'), required: true });
  const reason = field({ label: bi('Lý do chậm trễ (gửi kèm lời xin lỗi)', 'Reason for the delay (sent with the apology)'), control: h('textarea', { rows: 3, maxlength: 2000, name: 'reason' }), required: true });
  const slot = h('div', { class: 'alert-slot', tabindex: '-1' });
  const submit = h('button', { type: 'submit', class: 'btn btn-caution' }, bi('Gia hạn và in Mẫu 04', 'Set the new date (form 04)', { compact: true }));

  async function send(event) {
    event.preventDefault();
    slot.replaceChildren();
    let first = null;
    for (const f of [date, reason]) {
      f.setError(isEmpty(f.control) ? missingMessage() : null);
      if (isEmpty(f.control)) first ??= f.control;
    }
    applyLang(form);
    if (first) return first.focus();
    submit.disabled = true;
    try {
      await done(await post(`/v1/dossiers/${encodeURIComponent(d.id)}/extension`, { newDueDate: readDayMonthYear(date.control.value), reason: reason.control.value.trim() }));
    } catch (error) {
      slot.replaceChildren(problemAlert(error));
      applyLang(slot);
      slot.focus();
      submit.disabled = false;
    }
  }

  const form = h(
    'form',
    { class: 'card extension', novalidate: true, onsubmit: send, 'aria-labelledby': 'extension-title' },
    h('h2', { id: 'extension-title' }, bi('Gia hạn (Mẫu 04)', 'New date (form 04)')),
    h('p', { class: 'muted small' }, bi('Nếu hồ sơ sẽ trễ hạn: gửi phiếu xin lỗi và hẹn lại ngày trả kết quả, chậm nhất 1 ngày làm việc trước hạn. Chỉ được gia hạn một lần.', 'If the dossier will be late: send the apology with a new date, at the latest one working day before the due date. Allowed once.')),
    date.row,
    reason.row,
    slot,
    h('div', { class: 'form-actions' }, submit),
  );
  return form;
}
