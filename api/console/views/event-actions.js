// The actions the officer may take now: one button per available event. An
// event that requires inputs (a reason, …) first asks for them in a dialog.
// Every click sends a fresh Idempotency-Key and the version on screen, and
// disables the buttons until the answer comes, so a double click acts once.
import { h, uid } from '../dom.js';
import { field, isEmpty, missingMessage, problemAlert } from '../field.js';
import { newKey } from '../format.js';
import { eventTitle, fieldLabel, stateLabel } from '../glossary.js';
import { applyLang, bi, biText } from '../i18n.js';
import { portalStatus } from './badges.js';

// Events that end or turn back a dossier look different from those that move it on.
const cautious = new Set(['REFUSE', 'PROPOSE_REJECTION', 'WITHDRAW', 'RETURN_FOR_REVIEW', 'ASK_SUPPLEMENT']);

// A supplement request names the missing documents (form 02 lists them), sent as data.missingDocuments.
const asksForDocuments = (ev) => ev.type === 'ASK_SUPPLEMENT' || ev.form === '02';

/**
 * actionsPanel(dossier, { send(body, headers), done(nextDossier, notice), stale(notice) }, { documents, missingRequired })
 * `send` posts the event; `done` redraws with the new dossier; `stale` reloads after a 409.
 * `documents` (the procedure's) and `missingRequired` (ids with no scan) preset a supplement request;
 * `received` (the required documents and those with a scan) is sent with an event that issues the receipt,
 * form 01, so the slip lists what the applicant handed in, conditional documents included (Circular 01/2018,
 * form 01, item 1).
 */
export function actionsPanel(d, { send, done, stale }, { documents = [], missingRequired = [], received = [] } = {}) {
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
    h('button', { type: 'button', class: `btn ${cautious.has(ev.type) ? 'btn-caution' : 'btn-primary'}`, 'data-event': ev.type, onclick: () => (ev.requires.length || asksForDocuments(ev) ? openDialog(ev) : void fire(ev, {}, comment.control.value, alertSlot)) }, eventTitle(ev, { compact: true })),
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
    if (ev.form === '01' && received.length && data.receivedDocuments === undefined) data = { ...data, receivedDocuments: received };
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
    const missing = asksForDocuments(ev) && documents.length ? documents.map((doc) => ({ id: doc.id, box: h('input', { type: 'checkbox', value: doc.id, checked: missingRequired.includes(doc.id) }), name: doc.name })) : [];
    const missingSet = missing.length
      ? h(
          'fieldset',
          { class: 'missing-documents' },
          h('legend', {}, bi('Giấy tờ cần bổ sung', 'Documents to supplement')),
          missing.map((m) => field({ label: biText(m.name, { compact: true }), control: m.box }).row),
        )
      : null;
    const dialogComment = field({ label: bi('Ghi chú kèm thao tác', 'Comment with the action'), control: h('textarea', { rows: 2, maxlength: 4000, value: comment.control.value }) });
    const slot = h('div', { class: 'alert-slot' });
    const confirm = h('button', { type: 'submit', class: `btn ${cautious.has(ev.type) ? 'btn-caution' : 'btn-primary'}` }, bi('Xác nhận', 'Confirm', { compact: true }));
    const dialog = h(
      'dialog',
      { class: 'event-dialog', 'aria-labelledby': titleId },
      h(
        'form',
        { novalidate: true, onsubmit: submit },
        h('h2', { id: titleId }, eventTitle(ev)),
        h('p', { class: 'muted' }, bi([`Hồ sơ ${d.receiptCode} sẽ chuyển sang bước `, stateLabel(ev.target, ev.targetTitle, { compact: true }), '.'], [`Dossier ${d.receiptCode} moves to `, stateLabel(ev.target, ev.targetTitle, { compact: true }), '.'])),
        inputs.map((i) => i.row),
        missingSet,
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
      const ticked = missing.filter((m) => m.box.checked).map((m) => m.id);
      if (ticked.length) data.missingDocuments = ticked;
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

function successNotice(ev, next) {
  return h(
    'div',
    { class: 'alert alert-success', role: 'status', tabindex: '-1', 'data-testid': 'notice' },
    h('p', {}, bi('Đã thực hiện: ', 'Done: ', { compact: true }), eventTitle(ev, { compact: true }), ' → ', stateLabel(next.state, next.stateTitle, { compact: true }), ' · ', portalStatus(next.statusCode)),
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
