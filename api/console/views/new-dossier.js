// Reception of a new dossier (receivers only): choose the procedure, enter
// the applicant and the procedure's data — a form generated from its JSON
// Schema — attach the scans (the checklist ticks itself), and file it. Server
// verdicts are shown next to the fields they name; the scans go up once the
// dossier exists, since an attachment belongs to a dossier.
import { get, post, upload } from '../api.js';
import { h } from '../dom.js';
import { field, isEmpty, missingMessage, problemAlert } from '../field.js';
import { newKey } from '../format.js';
import { pairText } from '../glossary.js';
import { applyLang, bi } from '../i18n.js';
import { buildSchemaForm } from '../schema-form.js';
import { scanChecklist } from './desk/scan-checklist.js';
import { describeTimeLimit } from './procedure-facts.js';

export async function render(ctx) {
  ctx.setTitle('Tiếp nhận hồ sơ mới', 'New dossier');
  const heading = h('h1', { tabindex: '-1' }, bi('Tiếp nhận hồ sơ mới', 'New dossier'));
  if (ctx.user.role !== 'receiver')
    return h('section', {}, heading, h('p', { class: 'alert alert-warning' }, bi('Chỉ cán bộ tiếp nhận mới được tiếp nhận hồ sơ.', 'Only receiving officers file new dossiers.')));

  const { items } = await get('/v1/procedures');
  const select = h(
    'select',
    { name: 'procedure' },
    h('option', { value: '' }, '— Chọn thủ tục (Choose a procedure) —'),
    items.map((p) => h('option', { value: p.code }, `${p.code} — ${pairText(p.name.vi, p.name.en)}`)),
  );
  const procedureField = field({ label: bi('Thủ tục hành chính', 'Administrative procedure'), control: select, required: true });
  const formHost = h('div', { class: 'procedure-form' });
  let shown = null;
  let loadSeq = 0;

  async function choose(code) {
    if (code === shown) return; // re-selecting the same procedure keeps what was typed
    shown = code;
    const seq = ++loadSeq;
    if (!code) return formHost.replaceChildren();
    formHost.replaceChildren(h('p', { class: 'loading' }, bi('Đang tải thủ tục…', 'Loading the procedure…')));
    try {
      const procedure = await get(`/v1/procedures/${encodeURIComponent(code)}`);
      if (seq === loadSeq) formHost.replaceChildren(receptionForm(ctx, procedure));
    } catch (error) {
      if (seq === loadSeq) formHost.replaceChildren(problemAlert(error));
    }
    applyLang(formHost);
  }
  select.addEventListener('change', () => void choose(select.value));

  // A desk that handles one procedure, or a link naming it, starts on that form.
  const preset = ctx.query.get('procedure') ?? (items.length === 1 ? items[0].code : null);
  if (preset && items.some((p) => p.code === preset)) {
    select.value = preset;
    await choose(preset);
  }

  return h('section', { class: 'new-dossier' }, heading, h('div', { class: 'card' }, procedureField.row), formHost);
}

function receptionForm(ctx, procedure) {
  const applicant = {
    fullName: field({ label: bi('Họ và tên người nộp', 'Applicant’s full name'), control: h('input', { type: 'text', autocomplete: 'off', maxlength: 200 }), required: true }),
    idNumber: field({
      label: bi('Số định danh cá nhân', 'Personal ID number'),
      control: h('input', { type: 'text', inputmode: 'numeric', autocomplete: 'off', maxlength: 12 }),
      hint: bi('12 chữ số, trên căn cước', '12 digits, as on the citizen ID card'),
      required: true,
    }),
    phone: field({ label: bi('Số điện thoại', 'Phone'), control: h('input', { type: 'tel', autocomplete: 'off' }), hint: bi('Để nhận tin nhắn về tình trạng hồ sơ', 'For text messages about the dossier') }),
  };
  const dataForm = buildSchemaForm(procedure.dataSchema);
  /** Scans chosen or dropped so far, by document id; sent after filing. */
  const scans = new Map();
  const checklistHost = h('div', { class: 'checklist-host' });
  function drawChecklist() {
    const files = new Map([...scans].map(([id, list]) => [id, list.map((f) => ({ fileName: f.name, size: f.size }))]));
    checklistHost.replaceChildren(scanChecklist(procedure.documents ?? [], { files, onFiles: addScans }));
    applyLang(checklistHost);
  }
  function addScans(documentId, files) {
    scans.set(documentId, [...(scans.get(documentId) ?? []), ...files]);
    drawChecklist();
    checklistHost.querySelector(`li[data-document="${CSS.escape(documentId)}"] label`)?.focus();
  }
  drawChecklist();
  const summary = h('div', { class: 'alert-slot', tabindex: '-1' });
  const submit = h('button', { type: 'submit', class: 'btn btn-primary' }, bi('Tiếp nhận hồ sơ', 'File the dossier', { compact: true }));

  function readApplicant() {
    const out = {};
    for (const [key, f] of Object.entries(applicant)) if (f.control.value.trim()) out[key] = f.control.value.trim();
    return out;
  }

  function clearErrors() {
    summary.replaceChildren();
    for (const f of Object.values(applicant)) f.setError(null);
    dataForm.clearErrors();
  }

  function checkRequired() {
    let first = null;
    for (const f of [applicant.fullName, applicant.idNumber]) {
      if (!isEmpty(f.control)) continue;
      f.setError(missingMessage());
      first ??= f.control;
    }
    const firstInData = dataForm.check();
    return first ?? firstInData;
  }

  /** Applicant errors are named /applicant/…; data errors are pointers into the data. */
  function placeErrors(errors) {
    const rest = [];
    for (const e of errors) {
      const key = /^\/applicant\/([^/]+)$/.exec(e.path ?? '')?.[1];
      if (key && applicant[key]) applicant[key].setError(e.message);
      else rest.push(e);
    }
    return dataForm.showErrors(rest);
  }

  async function file(event) {
    event.preventDefault();
    clearErrors();
    const firstMissing = checkRequired();
    if (firstMissing) {
      summary.replaceChildren(h('div', { class: 'alert alert-error', role: 'alert' }, h('p', {}, bi('Còn trường bắt buộc chưa nhập; xem các ô được đánh dấu.', 'Some required fields are empty; see the marked fields.'))));
      return firstMissing.focus();
    }
    submit.disabled = true;
    try {
      const created = await post('/v1/dossiers', { procedureCode: procedure.code, applicant: readApplicant(), data: dataForm.read() }, { 'Idempotency-Key': newKey() });
      const failed = [];
      for (const [documentId, files] of scans)
        for (const file of files) {
          try {
            await upload(`/v1/dossiers/${created.id}/attachments?${new URLSearchParams({ documentId, fileName: file.name })}`, file);
          } catch (error) {
            failed.push(`${file.name}: ${error.message}`);
          }
        }
      ctx.flash(
        h(
          'div',
          { class: failed.length ? 'alert alert-warning' : 'alert alert-success', role: 'status' },
          h('p', {}, bi(`Đã tiếp nhận hồ sơ ${created.receiptCode}.`, `Dossier ${created.receiptCode} filed.`)),
          failed.length ? [h('p', {}, bi('Các tệp sau chưa tải lên được; hãy đính kèm lại ở mục Thành phần hồ sơ:', 'These files were not uploaded; attach them again under Required documents:')), h('ul', {}, failed.map((f) => h('li', {}, f)))] : null,
        ),
      );
      ctx.navigate(`#/dossiers/${created.id}`);
    } catch (error) {
      const unplaced = placeErrors(error.problem?.errors ?? []);
      summary.replaceChildren(problemAlert(error, unplaced));
      applyLang(summary);
      summary.focus();
    } finally {
      submit.disabled = false;
    }
  }

  return h(
    'form',
    { class: 'reception-form', novalidate: true, onsubmit: file },
    h(
      'section',
      { class: 'card' },
      h('h2', {}, bi('Giấy tờ phải nộp', 'Documents to hand in')),
      h('dl', { class: 'facts compact-facts' }, h('div', {}, h('dt', {}, bi('Thời hạn giải quyết', 'Processing time')), h('dd', {}, describeTimeLimit(procedure.processingTime)))),
      checklistHost,
    ),
    summary,
    h('fieldset', { class: 'card applicant' }, h('legend', {}, bi('Người nộp hồ sơ', 'Applicant')), h('div', { class: 'fields' }, Object.values(applicant).map((f) => f.row))),
    h('section', { class: 'card' }, h('h2', {}, bi('Thông tin hồ sơ', 'Dossier data')), dataForm.element),
    h('div', { class: 'form-actions' }, submit, h('a', { href: '#/worklist', class: 'btn btn-quiet' }, bi('Hủy', 'Cancel', { compact: true }))),
  );
}
