// The supervisor board: where dossiers are late right now and who holds them,
// how each procedure scores on time month by month, and which steps are slow.
// Filters live in the hash (#/board?unit=&procedure=&level=&from=&to=), so a
// board can be bookmarked; it refreshes itself every minute. Its data is one
// request (GET /v1/supervision/board); downloads are a request each, on demand.
import { get, unitDirectory } from '../../api.js';
import { h } from '../../dom.js';
import { timeElement } from '../../format.js';
import { bi, biText, tx } from '../../i18n.js';
import { drawOnTimeLines, drawUnitBars } from './charts.js';
import { downloadTable } from './download.js';

const REFRESH_MS = 60_000;
let refreshTimer = null;
let charts = [];

export async function render(ctx) {
  ctx.setTitle('Bảng giám sát', 'Supervision board');
  clearInterval(refreshTimer);
  for (const c of charts) c.destroy();
  charts = [];

  const scope = filterQuery(readFilters(ctx.query), ['unit', 'procedure', 'state', 'level']);
  // One request for the whole board; the server's clock decides "now" and the default period, not this computer's.
  const query = new URLSearchParams(filterQuery(readFilters(ctx.query), ['unit', 'procedure', 'state', 'level', 'from', 'to']));
  query.set('limit', '100');
  const board = await get(`/v1/supervision/board?${query}`);
  const { counts, overdue, atRisk, statistics: byProcedure, monthlyByProcedure: monthly, procedures } = board;
  const filters = { ...readFilters(ctx.query), from: byProcedure.from, to: byProcedure.to };
  const period = filterQuery(filters, ['unit', 'procedure', 'state', 'level', 'from', 'to']);
  const units = unitDirectory();
  const procedureName = new Map(procedures.map((p) => [p.code, p.name]));
  const unitName = (id) => units.get(id)?.name ?? { vi: id, en: id };

  const page = h(
    'section',
    { class: 'board-page' },
    h('div', { class: 'page-head' }, h('h1', { tabindex: '-1' }, bi('Bảng giám sát', 'Supervision board')), h('p', { class: 'muted small', 'data-testid': 'board-as-of' }, bi('Cập nhật lúc ', 'As of '), timeElement(counts.asOf), bi(' · tự làm mới mỗi phút', ' · refreshes every minute', { compact: true }))),
    filterForm(ctx, filters, remitUnits(units, ctx.user), procedures),
    countsSection(counts, unitName),
    lateSection('overdue', bi('Hồ sơ quá hạn', 'Overdue dossiers'), overdue.items, procedureName, `/v1/supervision/overdue?${scope}&limit=500`),
    lateSection('at-risk', bi('Hồ sơ sắp đến hạn (còn dưới 1 ngày làm việc)', 'At risk (less than one working day left)'), atRisk.items, procedureName, `/v1/supervision/at-risk?${scope}&limit=500`),
    onTimeSection(byProcedure, monthly, procedureName, `/v1/supervision/stats?${period}&groupBy=procedure`),
    slowStatesSection(byProcedure.totals.timeByState, procedureName),
  );

  requestAnimationFrame(async () => {
    const bar = page.querySelector('#units-chart');
    const line = page.querySelector('#on-time-chart');
    try {
      if (bar && counts.units.length) charts.push(await drawUnitBars(bar, counts.units.map((u) => ({ label: u.name.vi, overdue: u.overdue, atRisk: u.atRisk }))));
      if (line && monthly.length) charts.push(await drawOnTimeLines(line, monthly[0].groups.map((g) => g.key), monthly.map((m, i) => ({ label: byProcedure.groups[i].key, values: m.groups.map((g) => g.figures.onTimeRate) }))));
    } catch (error) {
      page.querySelector('.chart-error')?.replaceChildren(String(error.message));
    }
  });
  const here = location.hash;
  refreshTimer = setInterval(() => {
    if (location.hash !== here) return clearInterval(refreshTimer);
    ctx.navigate(here);
  }, REFRESH_MS);
  return page;
}

/** Filters from the hash; without from and to the server takes the six months up to now's (Vietnam's months). */
function readFilters(query) {
  const get = (name) => query.get(name) ?? '';
  return { unit: get('unit'), procedure: get('procedure'), state: get('state'), level: get('level'), from: get('from'), to: get('to') };
}

function filterQuery(filters, keys) {
  const q = new URLSearchParams();
  for (const k of keys) if (filters[k]) q.set(k, filters[k]);
  return q.toString();
}

function filterForm(ctx, filters, units, procedures) {
  const select = (name, label, options) =>
    h('div', { class: 'field' }, h('label', { for: `f-${name}` }, label), h('select', { id: `f-${name}`, name }, h('option', { value: '' }, tx('Tất cả', 'All')), options.map(([value, text]) => h('option', { value, selected: filters[name] === value }, text))));
  const date = (name, label) => h('div', { class: 'field' }, h('label', { for: `f-${name}` }, label), h('input', { id: `f-${name}`, name, type: 'date', value: filters[name] }));
  const form = h(
    'form',
    {
      class: 'board-filters',
      onsubmit: (event) => {
        event.preventDefault();
        const data = new FormData(form);
        const q = new URLSearchParams();
        for (const [k, v] of data) if (v) q.set(k, String(v));
        ctx.navigate(`#/board?${q}`);
      },
    },
    select('unit', bi('Đơn vị (gồm đơn vị trực thuộc)', 'Unit (and those under it)'), [...units.values()].map((u) => [u.id, u.name.vi])),
    select('procedure', bi('Thủ tục', 'Procedure'), procedures.map((p) => [p.code, `${p.code} ${p.name.vi}`])),
    h('div', { class: 'field' }, h('label', { for: 'f-state' }, bi('Bước (mã)', 'State (id)')), h('input', { id: 'f-state', name: 'state', type: 'text', value: filters.state, placeholder: 'appraisal', size: 14 })),
    select('level', bi('Cấp giải quyết', 'Deciding level'), [['commune', tx('Cấp xã', 'Commune')], ['department', tx('Sở, ngành', 'Department')], ['province', tx('Cấp tỉnh', 'Province')]]),
    date('from', bi('Từ ngày', 'From')),
    date('to', bi('Đến ngày (không gồm)', 'To (exclusive)')),
    h('button', { type: 'submit', class: 'btn btn-primary' }, bi('Lọc', 'Apply', { compact: true })),
  );
  return form;
}

/** The units a supervisor may filter on: their own and those under it; the whole province for its supervisors and admin. */
function remitUnits(units, user) {
  if (user.role === 'admin' || user.unit.level === 'province') return units;
  const ids = [user.unit.id];
  for (let i = 0; i < ids.length; i += 1) for (const u of units.values()) if (u.parent === ids[i]) ids.push(u.id);
  return new Map(ids.map((id) => [id, units.get(id)]));
}

function countsSection(counts, unitName) {
  const rows = counts.units;
  return h(
    'section',
    { class: 'board-card', 'aria-labelledby': 'counts-title' },
    h('h2', { id: 'counts-title' }, bi('Quá hạn và sắp đến hạn theo đơn vị đang giữ', 'Overdue and at risk by holding unit')),
    rows.length
      ? h(
          'div',
          { class: 'board-split' },
          h('table', { class: 'worklist compact', 'data-testid': 'unit-counts' }, h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, bi('Đơn vị', 'Unit')), h('th', { scope: 'col' }, bi('Quá hạn', 'Overdue')), h('th', { scope: 'col' }, bi('Sắp đến hạn', 'At risk')))), h('tbody', {}, rows.map((r) => h('tr', {}, h('th', { scope: 'row' }, biText(unitName(r.unit), { compact: true })), h('td', {}, String(r.overdue)), h('td', {}, String(r.atRisk)))))),
          h('div', { class: 'chart-box' }, h('canvas', { id: 'units-chart', role: 'img', 'aria-label': tx('Biểu đồ số hồ sơ quá hạn và sắp đến hạn theo đơn vị', 'Chart of overdue and at-risk dossiers by unit') }), h('p', { class: 'chart-error muted small' })),
        )
      : h('p', { class: 'empty' }, bi('Không có hồ sơ quá hạn hay sắp đến hạn.', 'Nothing overdue or at risk.')),
  );
}

function lateSection(kind, title, items, procedureName, path) {
  return h(
    'section',
    { class: 'board-card', 'aria-labelledby': `${kind}-title` },
    h('div', { class: 'card-head' }, h('h2', { id: `${kind}-title` }, title, ` (${items.length})`), downloadButtons(path, kind)),
    items.length
      ? h(
          'div',
          { class: 'table-scroll' },
          h(
            'table',
            { class: 'worklist', 'data-testid': `${kind}-table` },
            h('thead', {}, h('tr', {}, ...[['Mã hồ sơ', 'Receipt code'], ['Thủ tục', 'Procedure'], ['Bước', 'State'], ['Đơn vị đang giữ', 'Held by'], ['Giữ từ', 'Since'], ['Hạn', 'Due'], ['Giờ làm việc quá hạn', 'Working hours late'], ['Ghi chú', 'Notes']].map(([vi, en]) => h('th', { scope: 'col' }, bi(vi, en))))),
            h(
              'tbody',
              {},
              items.map((d) =>
                h(
                  'tr',
                  { class: kind === 'overdue' ? 'is-overdue' : null, 'data-testid': `${kind}-row`, 'data-receipt': d.receiptCode },
                  h('th', { scope: 'row' }, h('a', { href: `#/dossiers/${d.id}`, class: 'receipt' }, d.receiptCode)),
                  h('td', {}, biText(procedureName.get(d.procedureCode) ?? d.procedureName, { compact: true }), h('div', { class: 'muted small' }, d.procedureCode)),
                  h('td', {}, biText(d.stateTitle, { compact: true })),
                  h('td', { 'data-testid': 'held-by' }, biText(d.heldBy.name, { compact: true })),
                  h('td', {}, timeElement(d.heldBy.since)),
                  h('td', {}, timeElement(d.watchDueAt), d.watchedDue === 'step' ? h('div', { class: 'muted small' }, bi('hạn của bước', 'step deadline', { compact: true })) : null),
                  h('td', { class: 'num', 'data-testid': 'hours-late' }, formatHours(d.workingHoursLate)),
                  h('td', {}, d.clockPaused ? h('span', { class: 'badge' }, bi('Tạm dừng', 'Paused', { compact: true })) : null, ' ', d.apologyIssued ? h('span', { class: 'badge' }, bi('Đã xin lỗi (mẫu 04)', 'Form 04 issued', { compact: true })) : null),
                ),
              ),
            ),
          ),
        )
      : h('p', { class: 'empty' }, bi('Không có hồ sơ nào.', 'None.')),
  );
}

function formatHours(hours) {
  const abs = Math.abs(hours).toLocaleString('vi-VN', { maximumFractionDigits: 1 });
  return hours >= 0 ? `${abs} giờ` : `còn ${abs} giờ`;
}

function onTimeSection(byProcedure, monthly, procedureName, path) {
  const pct = (v) => (v === null ? '—' : `${(v * 100).toLocaleString('vi-VN', { maximumFractionDigits: 1 })}%`);
  return h(
    'section',
    { class: 'board-card', 'aria-labelledby': 'on-time-title' },
    h('div', { class: 'card-head' }, h('h2', { id: 'on-time-title' }, bi('Tỷ lệ đúng hạn theo thủ tục và tháng (Quyết định 766)', 'On-time rate by procedure and month (Decision 766)')), downloadButtons(path, 'statistics')),
    monthly.length ? h('div', { class: 'chart-box wide' }, h('canvas', { id: 'on-time-chart', role: 'img', 'aria-label': tx('Biểu đồ tỷ lệ đúng hạn theo tháng', 'Chart of the on-time rate by month') })) : null,
    h(
      'table',
      { class: 'worklist compact', 'data-testid': 'procedure-stats' },
      h('thead', {}, h('tr', {}, ...[['Thủ tục', 'Procedure'], ['Tiếp nhận', 'Received'], ['Trước hạn', 'Early'], ['Đúng hạn', 'On time'], ['Quá hạn', 'Late'], ['Đang quá hạn', 'Open, overdue'], ['Tỷ lệ đúng hạn', 'On-time rate'], ['TB ngày xử lý', 'Avg. days']].map(([vi, en]) => h('th', { scope: 'col' }, bi(vi, en))))),
      h(
        'tbody',
        {},
        [...byProcedure.groups, { key: null, figures: byProcedure.totals }].map((g) =>
          h('tr', {}, h('th', { scope: 'row' }, g.key ? biText(procedureName.get(g.key) ?? g.key, { compact: true }) : bi('Tổng cộng', 'Total', { compact: true })), ...[g.figures.received.total, g.figures.finished.early, g.figures.finished.onTime, g.figures.finished.late, g.figures.open.overdue].map((n) => h('td', { class: 'num' }, String(n))), h('td', { class: 'num' }, pct(g.figures.onTimeRate)), h('td', { class: 'num' }, g.figures.processingDays.average ?? '—')),
        ),
      ),
    ),
  );
}

function slowStatesSection(timeByState, procedureName) {
  const top = timeByState.slice(0, 10);
  return h(
    'section',
    { class: 'board-card', 'aria-labelledby': 'slow-title' },
    h('h2', { id: 'slow-title' }, bi('Các bước tốn nhiều thời gian nhất', 'Slowest steps')),
    top.length
      ? h('table', { class: 'worklist compact', 'data-testid': 'slow-states' }, h('thead', {}, h('tr', {}, ...[['Thủ tục', 'Procedure'], ['Bước', 'State'], ['Lượt', 'Visits'], ['Tổng ngày làm việc', 'Working days'], ['TB mỗi lượt', 'Average']].map(([vi, en]) => h('th', { scope: 'col' }, bi(vi, en))))), h('tbody', {}, top.map((s) => h('tr', {}, h('td', {}, biText(procedureName.get(s.procedureCode) ?? s.procedureCode, { compact: true })), h('td', {}, h('code', {}, s.state)), h('td', { class: 'num' }, String(s.visits)), h('td', { class: 'num' }, String(s.workingDays)), h('td', { class: 'num' }, String(s.averageDays))))))
      : h('p', { class: 'empty' }, bi('Chưa có dữ liệu trong kỳ.', 'No data in the period.')),
  );
}

function downloadButtons(path, name) {
  const button = (format, label) =>
    h('button', { type: 'button', class: 'btn btn-quiet', 'data-testid': `download-${name}-${format}`, onclick: () => downloadTable(path, format, name) }, label);
  return h('div', { class: 'downloads' }, button('csv', 'CSV'), button('xlsx', 'XLSX'));
}
