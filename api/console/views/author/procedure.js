// One procedure for its author (#/procedures/:code): the diagram, documents,
// time limits per step, fees, legal basis and versions; a draft can be opened,
// published, and dossiers in flight moved between versions — always a dry run
// shown as a table first, then applied on purpose.
import { api, get, post } from '../../api.js';
import { h } from '../../dom.js';
import { field, problemAlert } from '../../field.js';
import { formatDate, formatDateTime } from '../../format.js';
import { stateLabel, statusLabel } from '../../glossary.js';
import { applyLang, bi, biText, tx } from '../../i18n.js';
import { describeTimeLimit, documentList } from '../procedure-facts.js';
import { levelLabel } from './catalogue.js';

export async function render(ctx) {
  const code = ctx.params.code;
  const path = `/v1/procedures/${encodeURIComponent(code)}`;
  const isAuthor = ['author', 'admin'].includes(ctx.user.role);
  // One request: the procedure with its diagram, and its versions for those who manage them.
  const { included, ...procedure } = await get(`${path}?include=${isAuthor ? 'versions,diagram' : 'diagram'}`);
  const versions = isAuthor ? { items: included.versions } : null;
  const svg = await dataUrl(included.diagram).catch(() => null);
  ctx.setTitle(`Thủ tục ${code}`, `Procedure ${code}`);

  const root = h(
    'div',
    { class: 'procedure-page' },
    h(
      'div',
      { class: 'page-head' },
      h('div', {}, h('p', { class: 'breadcrumb' }, h('a', { href: '#/procedures' }, bi('← Danh mục thủ tục', '← Procedure catalogue', { compact: true }))), h('h1', { tabindex: '-1' }, bi(`Thủ tục ${code}`, `Procedure ${code}`, { compact: true })), h('p', { class: 'subtitle' }, biText(procedure.name))),
    ),
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'facts-title' },
      h('h2', { id: 'facts-title' }, bi('Thông tin chung', 'Overview')),
      h(
        'dl',
        { class: 'facts' },
        h('div', {}, h('dt', {}, bi('Cấp', 'Level')), h('dd', {}, levelLabel(procedure.level))),
        h('div', {}, h('dt', {}, bi('Lĩnh vực', 'Sector')), h('dd', {}, procedure.sector ?? '—')),
        h('div', {}, h('dt', {}, bi('Thời hạn giải quyết', 'Processing time')), h('dd', { 'data-testid': 'processing-time' }, describeTimeLimit(procedure.processingTime))),
        h('div', {}, h('dt', {}, bi('Phiên bản đang áp dụng', 'Version in force')), h('dd', {}, `v${procedure.version}`, procedure.publishedAt ? ` · ${formatDate(procedure.publishedAt)}` : '')),
      ),
    ),
    h(
      'section',
      { class: 'card diagram-card', 'aria-labelledby': 'diagram-title' },
      h('h2', { id: 'diagram-title' }, bi('Sơ đồ quy trình', 'Diagram')),
      svg
        ? h('div', { class: 'diagram-scroll', tabindex: '0', role: 'region', 'aria-labelledby': 'diagram-title' }, h('img', { src: svg, alt: tx(`Sơ đồ các bước của thủ tục ${code}`, `The steps of procedure ${code}`), 'data-testid': 'diagram' }))
        : h('p', { class: 'muted' }, bi('Không vẽ được sơ đồ.', 'The diagram could not be drawn.')),
    ),
    h(
      'div',
      { class: 'dossier-grid' },
      h(
        'div',
        { class: 'dossier-main' },
        h('section', { class: 'card', 'aria-labelledby': 'docs-title' }, h('h2', { id: 'docs-title' }, bi('Thành phần hồ sơ', 'Required documents')), documentList(procedure.documents ?? [])),
        stepsSection(procedure),
      ),
      h('div', { class: 'dossier-side' }, feesSection(procedure), legalSection(procedure), versions ? versionsSection(ctx, code, versions.items) : null, versions ? migrationSection(code, versions.items) : null),
    ),
  );
  applyLang(root);
  return root;
}

/** The SVG document as a data: URL for an <img> (the CSP allows data: images, and an <img> runs no script in it). */
function dataUrl(svg) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result);
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(new Blob([svg], { type: 'image/svg+xml' }));
  });
}

function stepsSection(procedure) {
  const states = (procedure.states ?? []).filter((s) => s.kind !== 'compound' && s.kind !== 'parallel');
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'steps-title' },
    h('h2', { id: 'steps-title' }, bi('Các bước và thời hạn', 'Steps and time limits')),
    h(
      'div',
      { class: 'table-scroll' },
      h(
        'table',
        { class: 'compact-table' },
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, bi('Bước', 'Step', { compact: true })), h('th', { scope: 'col' }, bi('Trạng thái', 'Status', { compact: true })), h('th', { scope: 'col' }, bi('Thời hạn của bước', 'Step time limit', { compact: true })))),
        h('tbody', {}, states.map((s) => h('tr', { 'data-testid': 'step-row' }, h('th', { scope: 'row' }, stateLabel(s.name, s.title, { compact: true })), h('td', {}, s.status ? statusLabel(s.status, { compact: true }) : '—'), h('td', {}, s.budget ? describeTimeLimit(s.budget) : '—')))),
      ),
    ),
  );
}

function feesSection(procedure) {
  const fees = procedure.fees ?? [];
  const money = new Intl.NumberFormat('vi-VN');
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'fees-title' },
    h('h2', { id: 'fees-title' }, bi('Phí, lệ phí', 'Fees')),
    fees.length ? h('ul', { class: 'plain-list' }, fees.map((f) => h('li', {}, biText(f.name, { compact: true }), ': ', h('strong', {}, `${money.format(f.amountVnd)} đồng`)))) : h('p', { class: 'muted' }, bi('Không thu phí.', 'No fee.')),
  );
}

function legalSection(procedure) {
  const basis = procedure.legalBasis ?? [];
  if (!basis.length) return null;
  return h('section', { class: 'card', 'aria-labelledby': 'legal-title' }, h('h2', { id: 'legal-title' }, bi('Căn cứ pháp lý', 'Legal basis')), h('ul', { class: 'plain-list small' }, basis.map((b) => h('li', {}, b))));
}

function versionsSection(ctx, code, versions) {
  const slot = h('div', { class: 'alert-slot', tabindex: '-1' });
  async function publish(v, button) {
    button.disabled = true;
    try {
      await api('POST', `/v1/procedures/${encodeURIComponent(code)}/versions/${v.version}/publish`);
      ctx.flash(h('div', { class: 'alert alert-success', role: 'status' }, h('p', {}, bi(`Đã ban hành phiên bản ${v.version}.`, `Version ${v.version} published.`))));
      ctx.navigate(location.hash);
    } catch (error) {
      slot.replaceChildren(problemAlert(error));
      applyLang(slot);
      slot.focus();
      button.disabled = false;
    }
  }
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'versions-title' },
    h('h2', { id: 'versions-title' }, bi('Các phiên bản', 'Versions')),
    h(
      'table',
      { class: 'compact-table' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'v'), h('th', { scope: 'col' }, bi('Tình trạng', 'Status', { compact: true })), h('th', { scope: 'col' }, bi('Ngày', 'Date', { compact: true })), h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, bi('Thao tác', 'Actions', { compact: true }))))),
      h(
        'tbody',
        {},
        versions.map((v) => {
          const publishButton = v.status === 'draft' ? h('button', { type: 'button', class: 'btn btn-small btn-primary', 'aria-label': tx(`Ban hành phiên bản ${v.version}`, `Publish version ${v.version}`), onclick: () => void publish(v, publishButton) }, bi('Ban hành', 'Publish', { compact: true })) : null;
          return h(
            'tr',
            { 'data-testid': 'version-row' },
            h('th', { scope: 'row' }, `v${v.version}`),
            h('td', {}, v.status === 'published' ? bi('Đã ban hành', 'Published', { compact: true }) : bi('Bản nháp', 'Draft', { compact: true })),
            h('td', {}, formatDateTime(v.publishedAt ?? v.createdAt)),
            h('td', {}, h('a', { href: `#/author/draft?code=${encodeURIComponent(code)}&version=${v.version}`, class: 'btn btn-small btn-quiet', 'aria-label': tx(`Mở phiên bản ${v.version} trong trình soạn thảo`, `Open version ${v.version} in the editor`) }, bi('Mở', 'Open', { compact: true })), ' ', publishButton),
          );
        }),
      ),
    ),
    slot,
  );
}

/**
 * Moving dossiers in flight from one version to another: a dry run as a table,
 * then a proposal, which a second person (an administrator or another author)
 * reviews and approves before anything moves.
 */
function migrationSection(code, versions) {
  const published = versions.filter((v) => v.status === 'published').map((v) => v.version);
  if (published.length < 2) return null;
  const options = (selected) => published.map((n) => h('option', { value: String(n), selected: n === selected }, `v${n}`));
  const from = field({ label: bi('Từ phiên bản', 'From version'), control: h('select', {}, options(published.at(-2))) });
  const to = field({ label: bi('Sang phiên bản', 'To version'), control: h('select', {}, options(published.at(-1))) });
  const stateMap = field({ label: bi('Đổi tên bước (mỗi dòng: cũ=mới)', 'Renamed steps (one per line: old=new)'), control: h('textarea', { rows: 3, spellcheck: 'false' }), hint: bi('Ví dụ: processing=examination', 'e.g. processing=examination') });
  const out = h('div', { class: 'alert-slot', tabindex: '-1', 'data-testid': 'migration-result' });
  const runButton = h('button', { type: 'submit', class: 'btn btn-secondary' }, bi('Chạy thử', 'Dry run', { compact: true }));

  function command(dryRun) {
    const map = Object.fromEntries(
      stateMap.control.value
        .split('\n')
        .map((l) => l.split('=').map((x) => x.trim()))
        .filter(([a, b]) => a && b),
    );
    return { fromVersion: Number(from.control.value), toVersion: Number(to.control.value), dryRun, ...(Object.keys(map).length ? { stateMap: map } : {}) };
  }

  // Applying sends exactly what the dry run showed, even if the form was edited since.
  async function send(body) {
    out.replaceChildren();
    try {
      const report = await post(`/v1/procedures/${encodeURIComponent(code)}/migrations`, body);
      out.replaceChildren(migrationReport(report, () => void send({ ...body, dryRun: false })));
    } catch (error) {
      out.replaceChildren(problemAlert(error));
    }
    applyLang(out);
    out.focus();
  }

  return h(
    'div',
    {},
    h(
      'form',
      { class: 'card', novalidate: true, 'aria-labelledby': 'migration-title', onsubmit: (e) => (e.preventDefault(), void send(command(true))) },
      h('h2', { id: 'migration-title' }, bi('Chuyển hồ sơ đang xử lý sang phiên bản mới', 'Move dossiers in flight to another version')),
      h('div', { class: 'fields' }, from.row, to.row),
      stateMap.row,
      h('div', { class: 'form-actions' }, runButton),
      out,
    ),
    approvalSection(code),
  );
}

/** The second person's part: look a proposal up by its number, review it, approve it. */
function approvalSection(code) {
  const number = field({ label: bi('Số đề nghị', 'Proposal number'), control: h('input', { type: 'text', inputmode: 'numeric', autocomplete: 'off' }) });
  const out = h('div', { class: 'alert-slot', tabindex: '-1', 'data-testid': 'approval-result' });
  const migrationUrl = () => `/v1/procedures/${encodeURIComponent(code)}/migrations/${encodeURIComponent(number.control.value.trim())}`;
  async function show(action) {
    out.replaceChildren();
    try {
      out.replaceChildren(await action());
    } catch (error) {
      out.replaceChildren(problemAlert(error));
    }
    applyLang(out);
    out.focus();
  }
  const review = () =>
    show(async () => {
      const m = await get(migrationUrl());
      const approve = m.status === 'proposed' ? () => void show(async () => migrationReport(await post(`${migrationUrl()}/approve`, {}), null)) : null;
      return migrationReport({ ...m.report, migrationId: m.migrationId, status: m.status, dryRun: false, proposedBy: m.proposedBy }, approve);
    });
  return h(
    'form',
    { class: 'card', novalidate: true, 'aria-labelledby': 'approval-title', onsubmit: (e) => (e.preventDefault(), void review()) },
    h('h2', { id: 'approval-title' }, bi('Phê duyệt đề nghị chuyển hồ sơ', 'Approve a proposed migration')),
    h('p', { class: 'hint' }, bi('Người đề nghị không tự phê duyệt: một tác giả khác hoặc quản trị viên xem lại và phê duyệt.', 'The proposer cannot approve: another author or an administrator reviews and approves.')),
    h('div', { class: 'fields' }, number.row),
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn btn-secondary' }, bi('Xem đề nghị', 'Review proposal', { compact: true }))),
    out,
  );
}

/** What a migration report says, by its status: a dry run, a proposal waiting for approval, or applied. */
function migrationTitle(report, rows) {
  if (report.status === 'applied' || report.applied) return bi(`Đã chuyển ${rows.length} hồ sơ.`, `${rows.length} dossiers moved.`);
  if (report.status === 'proposed')
    return bi(
      `Đề nghị số ${report.migrationId}: chuyển ${rows.length} hồ sơ. Chờ một tác giả khác hoặc quản trị viên phê duyệt; chưa có gì thay đổi.`,
      `Proposal ${report.migrationId}: move ${rows.length} dossiers. Waiting for another author or an administrator to approve; nothing changed yet.`,
    );
  return bi(`Chạy thử: ${rows.length} hồ sơ sẽ được chuyển, ${report.problems.length} hồ sơ có vấn đề. Chưa có gì thay đổi.`, `Dry run: ${rows.length} dossiers would move, ${report.problems.length} have problems. Nothing changed yet.`);
}

function migrationReport(report, apply) {
  const rows = report.dossiers;
  return h(
    'div',
    { class: `alert ${report.problems.length ? 'alert-warning' : 'alert-success'}`, role: 'status' },
    h('p', { class: 'alert-title' }, migrationTitle(report, rows)),
    rows.length
      ? h(
          'div',
          { class: 'table-scroll' },
          h(
            'table',
            { class: 'compact-table' },
            h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, bi('Mã hồ sơ', 'Receipt code', { compact: true })), h('th', { scope: 'col' }, bi('Bước', 'Step', { compact: true })), h('th', { scope: 'col' }, bi('Trạng thái', 'Status', { compact: true })), h('th', { scope: 'col' }, bi('Đơn vị', 'Unit', { compact: true })))),
            h('tbody', {}, rows.map((r) => h('tr', { 'data-testid': 'migration-row' }, h('th', { scope: 'row', class: 'receipt' }, r.receiptCode), h('td', {}, `${r.fromState} → ${r.toState}`), h('td', {}, `${r.fromStatus} → ${r.toStatus}`), h('td', {}, r.toUnit)))),
          ),
        )
      : null,
    report.problems.length ? h('ul', { class: 'problem-errors' }, report.problems.map((p) => h('li', {}, h('span', { class: 'receipt' }, p.receiptCode), ': ', p.problem))) : null,
    apply && report.dryRun && rows.length ? h('div', { class: 'form-actions' }, h('button', { type: 'button', class: 'btn btn-caution', onclick: apply }, bi(`Đề nghị áp dụng: chuyển ${rows.length} hồ sơ`, `Propose: move ${rows.length} dossiers`, { compact: true }))) : null,
    apply && report.status === 'proposed' ? h('div', { class: 'form-actions' }, h('button', { type: 'button', class: 'btn btn-caution', onclick: apply }, bi(`Phê duyệt và chuyển ${rows.length} hồ sơ`, `Approve and move ${rows.length} dossiers`, { compact: true }))) : null,
  );
}
