// Reception of a new dossier (receivers only): choose the procedure, enter
// the applicant and the procedure's data — a form generated from its JSON
// Schema — and file it. Server verdicts are shown next to the fields they name.
import { get, post } from '../api.js';
import { h } from '../dom.js';
import { field, isEmpty, missingMessage, problemAlert } from '../field.js';
import { newKey } from '../format.js';
import { pairText } from '../glossary.js';
import { applyLang, bi } from '../i18n.js';
import { buildSchemaForm } from '../schema-form.js';
import { describeTimeLimit, documentList } from './procedure-facts.js';

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
      ctx.flash(h('div', { class: 'alert alert-success', role: 'status' }, h('p', {}, bi(`Đã tiếp nhận hồ sơ ${created.receiptCode}.`, `Dossier ${created.receiptCode} filed.`))));
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
      documentList(procedure.documents ?? []),
    ),
    summary,
    h('fieldset', { class: 'card applicant' }, h('legend', {}, bi('Người nộp hồ sơ', 'Applicant')), h('div', { class: 'fields' }, Object.values(applicant).map((f) => f.row))),
    h('section', { class: 'card' }, h('h2', {}, bi('Thông tin hồ sơ', 'Dossier data')), dataForm.element),
    h('div', { class: 'form-actions' }, submit, h('a', { href: '#/worklist', class: 'btn btn-quiet' }, bi('Hủy', 'Cancel', { compact: true }))),
  );
}
