// One dossier: its facts, applicant and data, the procedure's documents with
// their scans, the actions this officer may take now, form 04, the printable
// forms, the time each unit spent, and the history. Every action sends the
// version shown, so acting on a stale page is refused (409) and the page reloads.
import { get, post, unitDirectory, upload } from '../api.js';
import { h } from '../dom.js';
import { problemAlert } from '../field.js';
import { timeElement } from '../format.js';
import { enumLabel, fieldLabel, outcomeLabel, stateLabel } from '../glossary.js';
import { applyLang, bi, biText } from '../i18n.js';
import { dossierBadges, portalStatus } from './badges.js';
import { extensionForm, mayExtend } from './desk/extension-form.js';
import { formsOf, formsPanel } from './desk/forms-panel.js';
import { scanChecklist } from './desk/scan-checklist.js';
import { timeByUnitSection } from './desk/time-by-unit.js';
import { countdown } from './desk/worklist.js';
import { actionsPanel } from './event-actions.js';
import { historySection } from './history.js';

export async function render(ctx) {
  ctx.setTitle('Hồ sơ', 'Dossier');
  const id = ctx.params.id;
  const root = h('div', { class: 'dossier-page' });
  const page = { dossier: null, history: null, procedure: null, units: unitDirectory(), attachments: null, timeByUnit: null, forms: null };
  const path = `/v1/dossiers/${encodeURIComponent(id)}`;
  // One request per load: the dossier with every part the page shows (the unit directory came with the session).
  const parts = 'history,attachments,timeByUnit,forms';

  /** The dossier and its parts; the procedure too when `withProcedure` (it does not change with the dossier's events). */
  async function read(withProcedure) {
    const { included, ...dossier } = await get(`${path}?include=${parts}${withProcedure ? ',procedure' : ''}`);
    Object.assign(page, { dossier, history: included.history, attachments: included.attachments, timeByUnit: included.timeByUnit, forms: included.forms });
    if (withProcedure) page.procedure = included.procedure;
  }

  const load = () => read(true);

  /** After an action (its POST answered the dossier): one GET of the dossier's parts it may have changed. */
  const reloadAround = () => read(false);

  async function attach(documentId, files) {
    const slot = root.querySelector('#documents-alert');
    slot?.replaceChildren(h('p', { class: 'loading', role: 'status' }, bi('Đang tải tệp lên…', 'Uploading…')));
    try {
      for (const file of files) await upload(`${path}/attachments?${new URLSearchParams({ documentId, fileName: file.name })}`, file);
      await reloadAround();
      show(h('div', { class: 'alert alert-success', role: 'status', tabindex: '-1', 'data-testid': 'notice' }, h('p', {}, bi(`Đã đính kèm ${files.length} tệp.`, `${files.length} file(s) attached.`))));
    } catch (error) {
      slot?.replaceChildren(problemAlert(error));
      if (slot) applyLang(slot);
    }
  }

  /** Redraws the page; `notice` (a success or conflict message) goes on top and takes the focus. */
  function draw(notice = null) {
    const d = page.dossier;
    ctx.setTitle(`Hồ sơ ${d.receiptCode}`, `Dossier ${d.receiptCode}`);
    root.replaceChildren(
      h(
        'div',
        { class: 'page-head' },
        h('div', {}, h('p', { class: 'breadcrumb' }, h('a', { href: '#/worklist' }, bi('← Danh sách hồ sơ', '← Worklist', { compact: true }))), h('h1', { tabindex: '-1' }, bi('Hồ sơ ', 'Dossier ', { compact: true }), h('span', { class: 'receipt' }, d.receiptCode)), h('p', { class: 'subtitle' }, biText(d.procedureName))),
        h('div', { class: 'head-status' }, portalStatus(d.statusCode), dossierBadges(d)),
      ),
      ...(notice ? [notice] : []),
      h(
        'div',
        { class: 'dossier-grid' },
        h('div', { class: 'dossier-main' }, factsSection(d, page.units), applicantSection(d), dataSection(d, page.procedure), documentsSection(d, page.procedure, page.attachments, attach)),
        h(
          'div',
          { class: 'dossier-side' },
          actionsPanel(
            d,
            {
              send: (body, headers) => post(`/v1/dossiers/${encodeURIComponent(d.id)}/events`, body, headers),
              async done(_next, message) {
                await reloadAround();
                show(message);
              },
              async stale(message) {
                await load();
                show(message);
              },
            },
            {
              documents: page.procedure?.documents ?? [],
              missingRequired: page.attachments?.missingRequired ?? [],
              // Accepting means the desk holds every required document (on paper if not scanned) and the optional ones scanned.
              received: (page.attachments?.documents ?? []).filter((doc) => doc.required || doc.present).map((doc) => doc.documentId),
            },
          ),
          mayExtend(d, ctx.user)
            ? extensionForm(d, {
                async done() {
                  await reloadAround();
                  show(h('div', { class: 'alert alert-success', role: 'status', tabindex: '-1', 'data-testid': 'notice' }, h('p', {}, bi('Đã gia hạn; hãy in Mẫu 04 gửi người nộp.', 'New date set; print form 04 for the applicant.'))));
                },
              })
            : null,
          formsPanel(d.id, formsOf(page.forms, page.history)),
          page.timeByUnit ? timeByUnitSection(page.timeByUnit, page.units) : null,
          historySection(page.history, page.units, page.procedure?.documents ?? []),
        ),
      ),
    );
    applyLang(root);
  }

  function show(notice) {
    draw(notice);
    (notice ?? root.querySelector('h1')).focus();
  }

  await load();
  draw();
  return root;
}

function fact(label, value, testId) {
  return h('div', {}, h('dt', {}, label), h('dd', testId ? { 'data-testid': testId } : {}, value));
}

function factsSection(d, units) {
  const unit = (id) => biText(units.get(id)?.name ?? id, { compact: true });
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'facts-title' },
    h('h2', { id: 'facts-title' }, bi('Thông tin xử lý', 'Processing facts')),
    h(
      'dl',
      { class: 'facts' },
      fact(bi('Mã hồ sơ', 'Receipt code'), h('span', { class: 'receipt' }, d.receiptCode)),
      fact(bi('Thủ tục', 'Procedure'), [biText(d.procedureName, { compact: true }), h('span', { class: 'muted' }, ` · ${d.procedureCode} · v${d.procedureVersion}`)]),
      fact(bi('Bước hiện tại', 'State'), stateLabel(d.state, d.stateTitle), 'fact-state'),
      fact(bi('Trạng thái (Cổng DVC)', 'Portal status'), portalStatus(d.statusCode), 'fact-status'),
      d.statusText ? fact(bi('Thông báo cho công dân', 'Citizen notice'), biText(d.statusText)) : null,
      fact(bi('Ngày tiếp nhận', 'Received'), timeElement(d.receivedAt)),
      fact(bi('Hạn xử lý', 'Due'), [timeElement(d.dueAt), ' ', dossierBadges(d).filter((b) => !b.classList.contains('badge-closed')), countdown(d)], 'fact-due'),
      d.stepDueAt ? fact(bi('Hạn của bước', 'Step due'), timeElement(d.stepDueAt)) : null,
      fact(bi('Đơn vị tiếp nhận', 'Receiving unit'), unit(d.receivingUnit)),
      fact(bi('Đơn vị có thẩm quyền', 'Competent unit'), unit(d.competentUnit)),
      fact(bi('Đơn vị đang giữ', 'Holding unit'), unit(d.currentUnit)),
      d.outcome ? fact(bi('Kết quả', 'Outcome'), outcomeLabel(d.outcome, { compact: true }), 'fact-outcome') : null,
      d.closedAt ? fact(bi('Ngày kết thúc', 'Closed'), timeElement(d.closedAt)) : null,
      fact(bi('Phiên bản', 'Version'), String(d.version), 'fact-version'),
    ),
  );
}

// The applicant block has a fixed shape (see validate-applicant.ts); this orders it.
const applicantShape = { properties: { fullName: {}, idNumber: {}, phone: {}, email: {} } };

function applicantSection(d) {
  return h('section', { class: 'card', 'aria-labelledby': 'applicant-title' }, h('h2', { id: 'applicant-title' }, bi('Người nộp hồ sơ', 'Applicant')), valueList(d.applicant, applicantShape));
}

function dataSection(d, procedure) {
  return h('section', { class: 'card', 'aria-labelledby': 'data-title' }, h('h2', { id: 'data-title' }, bi('Thông tin hồ sơ', 'Dossier data')), valueList(d.data, procedure?.dataSchema ?? {}));
}

/**
 * Nested data as nested description lists, labelled from the schema where it
 * can, in the schema's order (PostgreSQL's jsonb does not keep key order).
 */
function valueList(value, schema) {
  const order = Object.keys(schema.properties ?? {});
  const rank = (key) => (order.includes(key) ? order.indexOf(key) : order.length);
  const entries = Object.entries(value ?? {}).sort(([a], [b]) => rank(a) - rank(b));
  if (!entries.length) return h('p', { class: 'muted' }, '—');
  return h(
    'dl',
    { class: 'facts' },
    entries.map(([key, v]) => {
      const sub = schema.properties?.[key] ?? {};
      const shown = v && typeof v === 'object' && !Array.isArray(v) ? valueList(v, sub) : showValue(v, sub);
      return h('div', { class: shown.tagName === 'DL' ? 'nested' : null }, h('dt', {}, fieldLabel(key, sub, { compact: true })), h('dd', {}, shown));
    }),
  );
}

function showValue(v, schema) {
  if (typeof v === 'boolean') return v ? bi('Có', 'Yes', { compact: true }) : bi('Không', 'No', { compact: true });
  if (Array.isArray(schema.enum) && schema.enum.includes(v)) return enumLabel(v, { compact: true });
  if (schema.format === 'date' && typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return h('time', { datetime: v }, v.split('-').reverse().join('/'));
  return h('span', {}, typeof v === 'string' ? v : JSON.stringify(v));
}

function documentsSection(d, procedure, attachments, attach) {
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'documents-title' },
    h('h2', { id: 'documents-title' }, bi('Thành phần hồ sơ', 'Required documents')),
    procedure ? [scanChecklist(procedure.documents ?? [], { files: filesByDocument(attachments), onFiles: attach, canAttach: Boolean(attachments) && !d.closedAt })] : h('p', { class: 'muted' }, bi('Không tải được danh mục giấy tờ.', 'The document list could not be loaded.')),
    h('div', { class: 'alert-slot', id: 'documents-alert' }),
  );
}

function filesByDocument(attachments) {
  const out = new Map();
  for (const a of attachments?.items ?? []) out.set(a.documentId, [...(out.get(a.documentId) ?? []), { fileName: a.fileName, size: a.size, href: a.href }]);
  return out;
}
