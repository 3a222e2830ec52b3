// The actions the officer may take now: one button per available event. An
// event that requires inputs (a reason, …) first asks for them in a dialog.
// Every click sends a fresh Idempotency-Key and the version on screen, and
// disables the buttons until the answer comes, so a double click acts once.
import { h, uid } from '../dom.js';
import { field, isEmpty, missingMessage, problemAlert } from '../field.js';
import { newKey } from '../format.js';
import { eventLabel, fieldLabel } from '../glossary.js';
import { applyLang, bi } from '../i18n.js';
import { portalStatus } from './badges.js';

// Events that end or turn back a dossier look different from those that move it on.
const cautious = new Set(['REFUSE', 'PROPOSE_REJECTION', 'WITHDRAW', 'RETURN_FOR_REVIEW', 'ASK_SUPPLEMENT']);

/**
 * actionsPanel(dossier, { send(body, headers), done(nextDossier, notice), stale(notice) })
 * `send` posts the event; `done` redraws with the new dossier; `stale` reloads after a 409.
 */
export function actionsPanel(d, { send, done, stale }) {
  const section = h('section', { class: 'card actions', 'aria-labelledby': 'actions-title' }, h('h2', { id: 'actions-title' }, bi('Thao tác', 'Actions')));
  if (!d.availableEvents.length) {
    section.append(
      h('p', { class: 'muted' }, d.closedAt ? bi('Hồ sơ đã kết thúc; không còn thao tác nào.', 'The dossier is closed; nothing more to do.') : bi('Ở bước này bạn không có thao tác nào.', 'You have no action at this step.')),
    );
    return section;
  }

  const comment = field({ label: bi('Ghi chú kèm thao tác', 'Comment with the action'), control: h('textarea', { rows: 2, maxlength: 4000 }), hint: bi('Không bắt buộc; được lưu vào lịch sử.', 'Optional; kept in the history.') });
  const alertSlot = h('div', { class: 'alert-slot' });
  const buttons = d.availableEvents.map((ev) =>
    h('button', { type: 'button', class: `btn ${cautious.has(ev.type) ? 'btn-caution' : 'btn-primary'}`, 'data-event': ev.type, onclick: () => (ev.requires.length ? openDialog(ev) : void fire(ev, {}, comment.control.value, alertSlot)) }, eventLabel(ev.type, { compact: true })),
  );
  section.append(comment.row, h('div', { class: 'action-buttons' }, buttons), alertSlot);

  function setBusy(busy) {
    for (const b of buttons) b.disabled = busy;
    section.setAttribute('aria-busy', String(busy));
  }

  /**
   * Sends the event. Returns false when it was refused and `slot` shows why.
   * An open dialog is closed before the page redraws, so focus lands on the notice.
   */
  async function fire(ev, data, text, slot, dialog = null) {
    setBusy(true);
    slot.replaceChildren();
    const body = { type: ev.type, expectedVersion: d.version };
    if (text.trim()) body.comment = text.trim();
    if (Object.keys(data).length) body.data = data;
    try {
      const next = await send(body, { 'Idempotency-Key': newKey() });
      dialog?.close();
      await done(next, successNotice(ev, next));
      return true;
    } catch (error) {
      if (error.status === 409) {
        // Someone else moved the dossier (or it closed) since this page was drawn: show the fresh one.
        dialog?.close();
        await stale(conflictNotice(error));
        return true;
      }
      slot.replaceChildren(problemAlert(error));
      applyLang(slot);
      setBusy(false);
      return false;
    }
  }

  function openDialog(ev) {
    const titleId = uid('dialog-title');
    const inputs = ev.requires.map((name) => ({ name, ...field({ label: fieldLabel(name, {}), control: h('textarea', { rows: 3, maxlength: 4000 }), required: true }) }));
    const dialogComment = field({ label: bi('Ghi chú kèm thao tác', 'Comment with the action'), control: h('textarea', { rows: 2, maxlength: 4000, value: comment.control.value }) });
    const slot = h('div', { class: 'alert-slot' });
    const confirm = h('button', { type: 'submit', class: `btn ${cautious.has(ev.type) ? 'btn-caution' : 'btn-primary'}` }, bi('Xác nhận', 'Confirm', { compact: true }));
    const dialog = h(
      'dialog',
      { class: 'event-dialog', 'aria-labelledby': titleId },
      h(
        'form',
        { novalidate: true, onsubmit: submit },
        h('h2', { id: titleId }, eventLabel(ev.type)),
        h('p', { class: 'muted' }, bi([`Hồ sơ ${d.receiptCode} sẽ chuyển sang bước `, stateCode(ev.target), '.'], [`Dossier ${d.receiptCode} moves to `, stateCode(ev.target), '.'])),
        inputs.map((i) => i.row),
        dialogComment.row,
        slot,
        h('div', { class: 'form-actions' }, confirm, h('button', { type: 'button', class: 'btn btn-quiet', onclick: () => dialog.close() }, bi('Hủy', 'Cancel', { compact: true }))),
      ),
    );

    async function submit(event) {
      event.preventDefault();
      let first = null;
      for (const i of inputs) {
        i.setError(isEmpty(i.control) ? missingMessage() : null);
        if (isEmpty(i.control)) first ??= i.control;
      }
      applyLang(dialog);
      if (first) return first.focus();
      confirm.disabled = true;
      const data = Object.fromEntries(inputs.map((i) => [i.name, i.control.value.trim()]));
      if (!(await fire(ev, data, dialogComment.control.value, slot, dialog))) confirm.disabled = false;
    }

    dialog.addEventListener('close', () => dialog.remove());
    section.append(dialog);
    applyLang(dialog);
    dialog.showModal();
    inputs[0]?.control.focus();
  }

  return section;
}

const stateCode = (state) => h('code', { class: 'state' }, state);

function successNotice(ev, next) {
  return h(
    'div',
    { class: 'alert alert-success', role: 'status', tabindex: '-1', 'data-testid': 'notice' },
    h('p', {}, bi('Đã thực hiện: ', 'Done: ', { compact: true }), eventLabel(ev.type, { compact: true }), ' → ', stateCode(next.state), ' · ', portalStatus(next.statusCode)),
  );
}

function conflictNotice(error) {
  return h(
    'div',
    { class: 'alert alert-warning', role: 'alert', tabindex: '-1', 'data-testid': 'notice' },
    h('p', { class: 'alert-title' }, bi('Hồ sơ vừa được thay đổi ở nơi khác nên thao tác của bạn chưa được thực hiện. Trang đã được tải lại; vui lòng xem lại rồi thao tác lại.', 'The dossier was changed elsewhere, so your action was not applied. The page has been reloaded; review it and act again.')),
    h('p', { class: 'problem-detail' }, error.problem?.detail ?? error.message),
  );
}
