// formatLocalIso: an instant as ISO 8601 on the calendar's wall clock with its
// offset (2026-02-25T17:00:00+07:00) — what officers and citizens read, and
// still an exact instant for machines.

import { localMsOf, type WorkCalendar } from './work-calendar.ts';

export function formatLocalIso(cal: WorkCalendar, date: Date): string {
  const iso = new Date(localMsOf(cal, date, 'date')).toISOString(); // wall clock, labelled Z
  const millis = iso.slice(19, 23) === '.000' ? '' : iso.slice(19, 23);
  return `${iso.slice(0, 19)}${millis}${cal.utcOffset}`;
}
