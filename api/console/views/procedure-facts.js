// What a procedure asks of the citizen: its processing time and the
// documents to hand in, shown at reception and on the dossier page.
import { h } from '../dom.js';
import { bi, biText } from '../i18n.js';

export function describeTimeLimit(limit) {
  if (!limit) return '—';
  if (limit.sameDay) return bi(`Trong ngày (nhận sau ${limit.cutoff ?? '15:00'} thì trả ngày làm việc tiếp theo)`, `Same day (received after ${limit.cutoff ?? '15:00'}: next working day)`);
  if (limit.workingDays) return bi(`${limit.workingDays} ngày làm việc`, `${limit.workingDays} working days`);
  if (limit.workingHours) return bi(`${limit.workingHours} giờ làm việc`, `${limit.workingHours} working hours`);
  return '—';
}

export function documentList(documents) {
  if (!documents.length) return h('p', { class: 'muted' }, bi('Thủ tục không yêu cầu giấy tờ.', 'The procedure asks for no documents.'));
  return h(
    'ul',
    { class: 'documents' },
    documents.map((d) =>
      h(
        'li',
        {},
        h('span', { class: 'doc-name' }, biText(d.name)),
        h(
          'span',
          { class: 'doc-tags' },
          d.required ? h('span', { class: 'tag tag-required' }, bi('Bắt buộc', 'Required', { compact: true })) : h('span', { class: 'tag' }, bi('Nếu có', 'If applicable', { compact: true })),
          d.original ? h('span', { class: 'tag' }, bi('Bản chính', 'Original', { compact: true })) : null,
        ),
      ),
    ),
  );
}
