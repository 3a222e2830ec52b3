// The unit's worklist, in the order the API returns it (most urgent first):
// what each officer opens at the start of a shift and comes back to all day.
import { get, unitDirectory } from '../api.js';
import { h } from '../dom.js';
import { timeElement } from '../format.js';
import { bi, biText } from '../i18n.js';
import { dossierBadges, portalStatus } from './badges.js';

export async function render(ctx) {
  ctx.setTitle('Danh sách hồ sơ', 'Worklist');
  const includeClosed = ctx.query.get('closed') === 'true';
  const [list, units] = await Promise.all([get(`/v1/dossiers${includeClosed ? '?closed=true' : ''}`), unitDirectory()]);

  const toggle = h('input', {
    type: 'checkbox',
    id: 'include-closed',
    checked: includeClosed,
    onchange: (e) => ctx.navigate(e.target.checked ? '#/worklist?closed=true' : '#/worklist'),
  });
  const toolbar = h(
    'div',
    { class: 'toolbar' },
    h('div', { class: 'field-checkbox' }, toggle, h('label', { for: 'include-closed' }, bi('Gồm cả hồ sơ đã kết thúc', 'Include closed dossiers'))),
    h('button', { type: 'button', class: 'btn btn-secondary', onclick: () => ctx.navigate(location.hash) }, bi('Làm mới', 'Refresh', { compact: true })),
    ctx.user.role === 'receiver' ? h('a', { class: 'btn btn-primary', href: '#/new' }, bi('+ Tiếp nhận hồ sơ mới', '+ New dossier', { compact: true })) : null,
  );

  const unitName = (id) => biText(units.get(id)?.name ?? id, { compact: true });
  const count = list.items.length;
  const body = count
    ? h(
        'div',
        { class: 'table-scroll', role: 'region', 'aria-labelledby': 'worklist-caption', tabindex: '0' },
        h(
          'table',
          { class: 'worklist' },
          h('caption', { id: 'worklist-caption' }, bi(`${count} hồ sơ, hồ sơ gấp nhất ở trên cùng`, `${count} dossiers, most urgent first`)),
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              h('th', { scope: 'col' }, bi('Mã hồ sơ', 'Receipt code')),
              h('th', { scope: 'col' }, bi('Thủ tục', 'Procedure')),
              h('th', { scope: 'col' }, bi('Bước', 'State')),
              h('th', { scope: 'col' }, bi('Trạng thái (Cổng DVC)', 'Portal status')),
              h('th', { scope: 'col' }, bi('Đơn vị đang giữ', 'Holding unit')),
              h('th', { scope: 'col' }, bi('Hạn xử lý', 'Due')),
            ),
          ),
          h(
            'tbody',
            {},
            list.items.map((d) =>
              h(
                'tr',
                { class: d.overdue ? 'is-overdue' : null, 'data-testid': 'worklist-row', 'data-receipt': d.receiptCode },
                h('th', { scope: 'row' }, h('a', { href: `#/dossiers/${d.id}`, class: 'receipt' }, d.receiptCode)),
                h('td', {}, biText(d.procedureName, { compact: true }), h('div', { class: 'muted small' }, d.procedureCode)),
                h('td', {}, h('code', { class: 'state' }, d.state)),
                h('td', {}, portalStatus(d.statusCode)),
                h('td', {}, unitName(d.currentUnit)),
                h('td', { class: 'due' }, timeElement(d.dueAt), h('div', { class: 'badges' }, dossierBadges(d))),
              ),
            ),
          ),
        ),
      )
    : h('p', { class: 'empty' }, bi('Không có hồ sơ nào cần xử lý.', 'Nothing to work on.'));

  return h('section', { class: 'worklist-page' }, h('div', { class: 'page-head' }, h('h1', { tabindex: '-1' }, bi('Danh sách hồ sơ', 'Worklist')), toolbar), body);
}
