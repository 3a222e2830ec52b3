// The small marks that recur on the worklist and the dossier page: the
// national-portal status, overdue, at risk, paused clock, closed. Their icons are
// drawn in CSS, so they show whatever fonts the officer's computer has.
import { h } from '../dom.js';
import { statusLabel } from '../glossary.js';
import { bi } from '../i18n.js';

/** "4 Đang xử lý": the portal's code in a pill, then its label. */
export function portalStatus(code) {
  return h('span', { class: 'portal-status' }, h('span', { class: `status-code status-${code}` }, String(code)), ' ', h('span', { class: 'status-label' }, statusLabel(code)));
}

export function dossierBadges(d) {
  return [
    d.overdue ? h('span', { class: 'badge badge-overdue', 'data-testid': 'badge-overdue' }, bi('Quá hạn', 'Overdue', { compact: true })) : null,
    d.atRisk ? h('span', { class: 'badge badge-at-risk', 'data-testid': 'badge-at-risk' }, bi('Sắp đến hạn', 'Due soon', { compact: true })) : null,
    d.clockPaused ? h('span', { class: 'badge badge-paused', 'data-testid': 'badge-paused' }, bi('Tạm dừng', 'Paused', { compact: true })) : null,
    d.closedAt ? h('span', { class: 'badge badge-closed' }, bi('Đã kết thúc', 'Closed', { compact: true })) : null,
  ].filter(Boolean);
}
