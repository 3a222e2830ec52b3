// Dates as the centers read them: dd/MM/yyyy HH:mm in Vietnam's time zone,
// whatever zone the officer's computer is set to.
const parts = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Ho_Chi_Minh',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

export function formatDateTime(iso) {
  if (!iso) return '—';
  const p = Object.fromEntries(parts.formatToParts(new Date(iso)).map((x) => [x.type, x.value]));
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}`;
}

/** A <time> element: the formatted local time, with the exact instant machine-readable. */
export function timeElement(iso) {
  const el = document.createElement('time');
  if (iso) el.dateTime = iso;
  el.textContent = formatDateTime(iso);
  return el;
}

/**
 * A fresh idempotency key. crypto.randomUUID exists only in secure contexts
 * (https or localhost); a province LAN often serves plain http on an internal
 * address, so fall back to a version-4 UUID built from getRandomValues.
 */
export function newKey() {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** dd/MM/yyyy in Vietnam's time zone. */
export function formatDate(iso) {
  if (!iso) return '—';
  return formatDateTime(iso).slice(0, 10);
}

/** One working day in the statutory calendar: 8 working hours (engine/runtime/plan-extension.ts). */
const dayMinutes = 480;

/**
 * Working minutes left → [vi, en] text: "còn 1 ngày 2 giờ làm việc",
 * "quá hạn 3 giờ làm việc". Null (no running clock) → null. `overdue` comes
 * from the API: past the due date outside working hours is late by 0 minutes.
 */
export function describeWorkingTime(minutes, overdue = false) {
  if (minutes === null || minutes === undefined) return null;
  const late = overdue || minutes < 0;
  const m = Math.abs(minutes);
  if (late && m === 0) return ['đã quá hạn', 'overdue'];
  const days = Math.floor(m / dayMinutes);
  const hours = Math.floor((m % dayMinutes) / 60);
  const mins = m % 60;
  const vi = [days ? `${days} ngày` : '', hours ? `${hours} giờ` : '', !days && mins ? `${mins} phút` : ''].filter(Boolean).join(' ') || '0 phút';
  const en = [days ? `${days} d` : '', hours ? `${hours} h` : '', !days && mins ? `${mins} min` : ''].filter(Boolean).join(' ') || '0 min';
  return late ? [`quá hạn ${vi} làm việc`, `${en} of working time late`] : [`còn ${vi} làm việc`, `${en} of working time left`];
}

/**
 * "20/02/2026" (how officers write dates) → "2026-02-20" (what the API takes).
 * Anything else is returned trimmed, as typed, so the server names what is wrong.
 * Date fields are text, not <input type="date">: that one shows the computer's
 * locale (often mm/dd/yyyy), not the dd/mm/yyyy of every Vietnamese form.
 */
export function readDayMonthYear(text) {
  const t = text.trim();
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t);
  return m ? `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}` : t;
}
