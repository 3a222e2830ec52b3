// Working time each unit has held the dossier (GET /v1/dossiers/:id/time-by-unit):
// what a leader checks when a dossier is late, and what the province reports on.
import { h } from '../../dom.js';
import { bi, biText } from '../../i18n.js';

/** 545 → "9 giờ 5 phút" / "9 h 5 min". */
export function workingDuration(minutes) {
  const hours = Math.floor(minutes / 60);
  const mins = minutes % 60;
  return bi(`${hours} giờ ${mins} phút`, `${hours} h ${mins} min`, { compact: true });
}

export function timeByUnitSection(view, units) {
  return h(
    'section',
    { class: 'card time-by-unit', 'aria-labelledby': 'time-title' },
    h('h2', { id: 'time-title' }, bi('Thời gian xử lý theo đơn vị', 'Time spent per unit')),
    view.units.length
      ? h(
          'table',
          { class: 'compact-table' },
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, bi('Đơn vị', 'Unit', { compact: true })), h('th', { scope: 'col' }, bi('Giờ làm việc', 'Working time', { compact: true })), h('th', { scope: 'col' }, bi('Bước trễ hạn', 'Late steps', { compact: true })))),
          h(
            'tbody',
            {},
            view.units.map((u) => h('tr', { 'data-testid': 'time-row' }, h('th', { scope: 'row' }, biText(units.get(u.unit)?.name ?? u.unit, { compact: true })), h('td', {}, workingDuration(u.workingMinutes)), h('td', { class: u.lateVisits ? 'is-late' : null }, String(u.lateVisits)))),
          ),
        )
      : h('p', { class: 'muted' }, bi('Chưa có bước nào được tính thời gian.', 'No timed step yet.')),
  );
}
