// The desk's worklist: what waits on this officer, most urgent first (the API's
// order), searchable by receipt code, applicant name or procedure, filtered to
// overdue or at-risk dossiers, with a working-time countdown and claim buttons.
// Everything the list shows comes in one request (the procedure filter's
// choices are the worklist's facet); the filters live in the hash
// (#/worklist?q=&procedure=&due=&closed=) so a reload or a shared link keeps them.
import { get, post, unitDirectory } from '../../api.js';
import { h } from '../../dom.js';
import { problemAlert } from '../../field.js';
import { describeWorkingTime, timeElement } from '../../format.js';
import { pairText, stateLabel } from '../../glossary.js';
import { applyLang, bi, biText, tx } from '../../i18n.js';
import * as session from '../../session.js';
import { dossierBadges, portalStatus } from '../badges.js';

const dueFilters = [
  ['', 'Tất cả', 'All'],
  ['overdue', 'Quá hạn', 'Overdue'],
  ['at-risk', 'Sắp đến hạn', 'Due soon'],
];

export async function render(ctx) {
  ctx.setTitle('Danh sách hồ sơ', 'Worklist');
  const q = (ctx.query.get('q') ?? '').trim();
  const procedure = ctx.query.get('procedure') ?? '';
  const due = ['overdue', 'at-risk'].includes(ctx.query.get('due')) ? ctx.query.get('due') : '';
  const includeClosed = ctx.query.get('closed') === 'true';

  // Closed dossiers wait on nobody, so they come from the unit's full list instead of the worklist.
  const params = new URLSearchParams();
  if (includeClosed) params.set('closed', 'true');
  else {
    if (q) params.set('q', q);
    if (procedure) params.set('procedure', procedure);
  }
  // One request: the worklist brings its procedure facet (the filter's choices); the unit directory came with the session.
  if (!includeClosed) params.set('include', 'procedureFacet');
  const list = await get(includeClosed ? `/v1/dossiers?${params}` : `/v1/worklist?${params}`);
  const units = unitDirectory();
  const choices = includeClosed ? facetOf(list.items) : list.included.procedureFacet;
  // The chosen procedure stays a choice even when nothing matches it any more.
  if (procedure && !choices.some((p) => p.code === procedure)) choices.push({ code: procedure, name: null, count: 0 });
  const items = list.items.filter((d) => (due === 'overdue' ? d.overdue : due === 'at-risk' ? d.atRisk : true)).filter((d) => !includeClosed || matches(d, q, procedure));

  function go(changes) {
    const next = new URLSearchParams({ q, procedure, due, closed: includeClosed ? 'true' : '', ...changes });
    for (const [k, v] of [...next]) if (!v) next.delete(k);
    ctx.navigate(`#/worklist${next.size ? `?${next}` : ''}`);
  }

  const search = h('input', { type: 'search', id: 'worklist-q', name: 'q', value: q, maxlength: 200, autocomplete: 'off', placeholder: tx('VD: H04.101-260302-0001 hoặc Nguyễn Văn An', 'e.g. a receipt code or a name') });
  const procedureSelect = h(
    'select',
    { id: 'worklist-procedure', name: 'procedure' },
    h('option', { value: '' }, tx('Tất cả thủ tục', 'All procedures')),
    choices.map((p) => h('option', { value: p.code, selected: p.code === procedure }, p.name ? `${p.code} — ${pairText(p.name.vi, p.name.en)} (${p.count})` : p.code)),
  );
  const searchForm = h(
    'form',
    { class: 'worklist-search', role: 'search', onsubmit: (e) => (e.preventDefault(), go({ q: search.value.trim(), procedure: procedureSelect.value })) },
    h('div', { class: 'field' }, h('label', { for: 'worklist-q' }, bi('Tìm mã hồ sơ hoặc tên người nộp', 'Search receipt code or applicant name')), search),
    h('div', { class: 'field' }, h('label', { for: 'worklist-procedure' }, bi('Thủ tục', 'Procedure')), procedureSelect),
    h('button', { type: 'submit', class: 'btn btn-secondary' }, bi('Tìm', 'Search', { compact: true })),
  );
  const filters = h(
    'fieldset',
    { class: 'due-filter' },
    h('legend', {}, bi('Lọc theo hạn', 'Filter by due date')),
    dueFilters.map(([value, vi, en]) =>
      h('label', { class: 'chip' }, h('input', { type: 'radio', name: 'due', value, checked: value === due, onchange: () => go({ due: value }) }), ' ', bi(vi, en, { compact: true })),
    ),
    h('span', { class: 'field-checkbox' }, h('input', { type: 'checkbox', id: 'include-closed', checked: includeClosed, onchange: (e) => go({ closed: e.target.checked ? 'true' : '' }) }), h('label', { for: 'include-closed' }, bi('Gồm cả hồ sơ đã kết thúc', 'Include closed dossiers'))),
  );

  const alertSlot = h('div', { class: 'alert-slot', tabindex: '-1' });
  const unitName = (id) => biText(units.get(id)?.name ?? id, { compact: true });
  const me = session.currentUser();

  async function changeClaim(d, kind) {
    try {
      await post(`/v1/dossiers/${encodeURIComponent(d.id)}/${kind}`);
      ctx.navigate(location.hash);
    } catch (error) {
      alertSlot.replaceChildren(problemAlert(error));
      applyLang(alertSlot);
      alertSlot.focus();
    }
  }

  function claimCell(d) {
    if (!('claim' in d)) return '—';
    if (!d.claim) return h('button', { type: 'button', class: 'btn btn-small btn-secondary', onclick: () => changeClaim(d, 'claim'), 'aria-label': tx(`Nhận xử lý hồ sơ ${d.receiptCode}`, `Claim ${d.receiptCode}`) }, bi('Nhận xử lý', 'Claim', { compact: true }));
    if (d.claim.username === me?.username)
      return [
        h('span', { class: 'claim-mine' }, bi('Bạn đang xử lý', 'Yours', { compact: true })),
        ' ',
        h('button', { type: 'button', class: 'btn btn-small btn-quiet', onclick: () => changeClaim(d, 'release'), 'aria-label': tx(`Trả lại hồ sơ ${d.receiptCode}`, `Release ${d.receiptCode}`) }, bi('Trả lại', 'Release', { compact: true })),
      ];
    return h('span', { class: 'muted' }, d.claim.username);
  }

  const caption = includeClosed ? bi(`${items.length} hồ sơ của đơn vị`, `${items.length} dossiers of the unit`) : bi(`${items.length} hồ sơ, hồ sơ gấp nhất ở trên cùng`, `${items.length} dossiers, most urgent first`);
  const body = items.length
    ? h(
        'div',
        { class: 'table-scroll', role: 'region', 'aria-labelledby': 'worklist-caption', tabindex: '0' },
        h(
          'table',
          { class: 'worklist' },
          h('caption', { id: 'worklist-caption' }, caption),
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              h('th', { scope: 'col' }, bi('Mã hồ sơ', 'Receipt code')),
              h('th', { scope: 'col' }, bi('Người nộp · Thủ tục', 'Applicant · Procedure')),
              h('th', { scope: 'col' }, bi('Bước', 'Step')),
              h('th', { scope: 'col' }, bi('Trạng thái (Cổng DVC)', 'Portal status')),
              h('th', { scope: 'col', class: 'col-unit' }, bi('Đơn vị đang giữ', 'Holding unit')),
              h('th', { scope: 'col' }, bi('Hạn xử lý', 'Due')),
              h('th', { scope: 'col' }, bi('Người xử lý', 'Claimed by')),
            ),
          ),
          h(
            'tbody',
            {},
            items.map((d) =>
              h(
                'tr',
                { class: d.overdue ? 'is-overdue' : d.atRisk ? 'is-at-risk' : null, 'data-testid': 'worklist-row', 'data-receipt': d.receiptCode },
                h('th', { scope: 'row' }, h('a', { href: `#/dossiers/${d.id}`, class: 'receipt' }, d.receiptCode)),
                h('td', {}, h('div', {}, String(d.applicant?.fullName ?? '—')), h('div', { class: 'muted small' }, biText(d.procedureName, { compact: true }), ` · ${d.procedureCode}`)),
                h('td', {}, stateLabel(d.state, d.stateTitle, { compact: true })),
                h('td', {}, portalStatus(d.statusCode)),
                h('td', { class: 'col-unit' }, unitName(d.currentUnit)),
                h('td', { class: 'due' }, timeElement(d.dueAt), countdown(d), h('div', { class: 'badges' }, dossierBadges(d))),
                h('td', { class: 'claim' }, claimCell(d)),
              ),
            ),
          ),
        ),
      )
    : h('p', { class: 'empty' }, q || procedure || due ? bi('Không có hồ sơ nào khớp với điều kiện lọc.', 'No dossier matches the filters.') : bi('Không có hồ sơ nào cần xử lý.', 'Nothing to work on.'));

  const head = h(
    'div',
    { class: 'page-head' },
    h('h1', { tabindex: '-1' }, bi('Danh sách hồ sơ', 'Worklist')),
    h(
      'div',
      { class: 'toolbar' },
      h('button', { type: 'button', class: 'btn btn-secondary', onclick: () => ctx.navigate(location.hash) }, bi('Làm mới', 'Refresh', { compact: true })),
      ctx.user.role === 'receiver' ? h('a', { class: 'btn btn-primary', href: '#/new' }, bi('+ Tiếp nhận hồ sơ mới', '+ New dossier', { compact: true })) : null,
    ),
  );
  return h('section', { class: 'worklist-page' }, head, h('div', { class: 'card worklist-tools' }, searchForm, filters), alertSlot, body);
}

/** The working time left before the due date (or how late), from the API's workingMinutesLeft. */
export function countdown(d) {
  const text = describeWorkingTime(d.workingMinutesLeft, d.overdue);
  if (!text) return null;
  return h('div', { class: `countdown${d.overdue ? ' is-late' : d.atRisk ? ' is-soon' : ''}`, 'data-testid': 'countdown' }, bi(text[0], text[1], { compact: true }));
}

/** The procedures of a list the console filters itself (closed included), as the worklist's facet has them: by code, with counts. */
function facetOf(items) {
  const facet = new Map();
  for (const d of items) facet.set(d.procedureCode, { code: d.procedureCode, name: d.procedureName, count: (facet.get(d.procedureCode)?.count ?? 0) + 1 });
  return [...facet.values()].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

/** Client-side search over the unit's full list (closed included): receipt code, name, procedure; accents optional. */
function matches(d, q, procedure) {
  if (procedure && d.procedureCode !== procedure) return false;
  if (!q) return true;
  const fold = (s) => String(s ?? '').normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/gi, 'd').toLowerCase();
  const needle = fold(q);
  return [d.receiptCode, d.applicant?.fullName].some((s) => fold(s).includes(needle));
}
