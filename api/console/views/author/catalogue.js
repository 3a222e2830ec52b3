// The procedure catalogue (#/procedures): every published procedure with its
// level, sector, time limit and version; each opens its own page. Authors and
// administrators start here; officers may read it too.
import { get } from '../../api.js';
import { h } from '../../dom.js';
import { formatDate } from '../../format.js';
import { bi, biText } from '../../i18n.js';
import { describeTimeLimit } from '../procedure-facts.js';

export async function render(ctx) {
  ctx.setTitle('Danh mục thủ tục', 'Procedure catalogue');
  const { items } = await get('/v1/procedures');
  const isAuthor = ['author', 'admin'].includes(ctx.user.role);
  return h(
    'section',
    { class: 'catalogue-page' },
    h(
      'div',
      { class: 'page-head' },
      h('h1', { tabindex: '-1' }, bi('Danh mục thủ tục', 'Procedure catalogue')),
      isAuthor ? h('div', { class: 'toolbar' }, h('a', { class: 'btn btn-primary', href: '#/author/draft' }, bi('+ Soạn bản nháp', '+ New draft', { compact: true }))) : null,
    ),
    h(
      'div',
      { class: 'table-scroll', role: 'region', 'aria-labelledby': 'catalogue-caption', tabindex: '0' },
      h(
        'table',
        { class: 'worklist' },
        h('caption', { id: 'catalogue-caption' }, bi(`${items.length} thủ tục đang áp dụng`, `${items.length} procedures in force`)),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', { scope: 'col' }, bi('Mã', 'Code')),
            h('th', { scope: 'col' }, bi('Tên thủ tục', 'Procedure')),
            h('th', { scope: 'col' }, bi('Cấp', 'Level')),
            h('th', { scope: 'col' }, bi('Thời hạn', 'Time limit')),
            h('th', { scope: 'col' }, bi('Phiên bản', 'Version')),
          ),
        ),
        h(
          'tbody',
          {},
          items.map((p) =>
            h(
              'tr',
              { 'data-testid': 'catalogue-row' },
              h('th', { scope: 'row' }, h('a', { href: `#/procedures/${encodeURIComponent(p.code)}`, class: 'receipt' }, p.code)),
              h('td', {}, biText(p.name), p.sector ? h('div', { class: 'muted small' }, typeof p.sector === 'string' ? p.sector : biText(p.sector, { compact: true })) : null),
              h('td', {}, levelLabel(p.level)),
              h('td', {}, describeTimeLimit(p.processingTime)),
              h('td', {}, `v${p.version}`, p.publishedAt ? h('div', { class: 'muted small' }, formatDate(p.publishedAt)) : null),
            ),
          ),
        ),
      ),
    ),
  );
}

const levels = { commune: ['Cấp xã', 'Commune'], district: ['Cấp huyện', 'District'], province: ['Cấp tỉnh', 'Province'], department: ['Sở, ngành', 'Department'], ministry: ['Cấp bộ', 'Ministry'] };

export function levelLabel(level) {
  const pair = levels[level];
  return pair ? bi(pair[0], pair[1], { compact: true }) : String(level ?? '—');
}
