// The dossier's audit trail as a timeline, oldest first, with the verdict on
// its hash chain: an altered or removed event breaks the chain and shows here.
import { h } from '../dom.js';
import { formatDateTime, timeElement } from '../format.js';
import { eventLabel, fieldLabel, roleLabel } from '../glossary.js';
import { bi, biText } from '../i18n.js';

/** historySection(history, units, documents): `documents` (the procedure's) name the ids a supplement request lists. */
export function historySection(history, units, documents = []) {
  const chain = history.chainIntact
    ? h('span', { class: 'chain chain-ok', 'data-testid': 'chain' }, bi('Chuỗi nhật ký toàn vẹn ✓', 'chain intact ✓', { compact: true }))
    : h('span', { class: 'chain chain-broken', 'data-testid': 'chain', role: 'alert' }, bi('⚠ Chuỗi nhật ký đã bị sửa đổi', '⚠ chain broken: the trail was altered', { compact: true }));
  return h(
    'section',
    { class: 'card history', 'aria-labelledby': 'history-title' },
    h('div', { class: 'section-head' }, h('h2', { id: 'history-title' }, bi('Lịch sử xử lý', 'History')), chain),
    h('ol', { class: 'timeline' }, history.events.map((e) => entry(e, units, documents))),
  );
}

function entry(e, units, documents) {
  const unit = e.unit ? biText(units.get(e.unit)?.name ?? e.unit, { compact: true }) : null;
  return h(
    'li',
    { class: `tl-entry tl-${e.type.toLowerCase().replaceAll('_', '-')}`, 'data-testid': 'history-entry' },
    h('div', { class: 'tl-head' }, h('span', { class: 'tl-label' }, eventLabel(e.type, { compact: true })), ' ', h('code', { class: 'tl-type' }, e.type)),
    h('div', { class: 'tl-meta' }, timeElement(e.at), ' · ', h('span', { class: 'tl-actor' }, e.actorName ? [h('span', { class: 'tl-who' }, e.actorName), ' · '] : null, roleLabel(e.actorRole, { compact: true }), unit ? [' · ', unit] : null)),
    h('div', { class: 'tl-move' }, `${e.fromState ?? '—'} → ${e.toState}`, h('span', { class: 'muted' }, ` (${e.statusCode})`)),
    details(e, documents),
    e.comment ? h('blockquote', { class: 'tl-comment' }, e.comment) : null,
  );
}

/** What the payload adds for a person: the form issued, the inputs given, a due-date change. */
function details(e, documents) {
  const p = e.payload ?? {};
  const lines = [];
  if (p.form) lines.push([bi('Mẫu', 'Form', { compact: true }), `: ${p.form}`]);
  for (const [key, value] of Object.entries(p.input ?? {})) {
    // Document lists (form 02's missing, form 01's received) by the documents' names.
    const listed = { missingDocuments: ['Giấy tờ cần bổ sung', 'Documents to supplement'], receivedDocuments: ['Giấy tờ đã nhận', 'Documents received'] }[key];
    if (listed && Array.isArray(value)) {
      lines.push([bi(...listed, { compact: true }), ': ', value.map((id, i) => [i ? '; ' : '', biText(documents.find((d) => d.id === id)?.name ?? id, { compact: true })])]);
      continue;
    }
    lines.push([fieldLabel(key, {}, { compact: true }), `: ${typeof value === 'string' ? value : JSON.stringify(value)}`]);
  }
  if (e.type === 'DUE_DATE_CHANGED') {
    lines.push([bi('Hạn mới', 'New due date', { compact: true }), `: ${formatDateTime(p.to)}`]);
    if (p.from) lines.push([bi('Hạn cũ', 'Previous due date', { compact: true }), `: ${formatDateTime(p.from)}`]);
  }
  if (!lines.length) return null;
  return h('ul', { class: 'tl-details' }, lines.map((l) => h('li', {}, l)));
}
