// parseLocalDateTime: a date-time text typed by a person → an instant. Without
// an offset it is wall-clock time in the calendar's zone (an officer in Bắc
// Ninh types 16:00 and means 16:00 there), never the server's zone.

import { CalendarError } from './calendar-error.ts';
import { DAY_MS, HOUR_MS, MINUTE_MS, dayFromParts } from './local-day.ts';
import type { WorkCalendar } from './work-calendar.ts';

const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(?:\.(\d{1,3}))?)?(Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)?$/;

export function parseLocalDateTime(cal: WorkCalendar, text: string): Date {
  const match = DATE_TIME.exec(text);
  const day = match ? dayFromParts(Number(match[1]), Number(match[2]), Number(match[3])) : undefined;
  if (!match || day === undefined) {
    throw new CalendarError(
      'calendar.invalid-argument',
      `"${text}" is not a date-time. Write YYYY-MM-DDTHH:MM, read as ${cal.timeZone} time (e.g. 2026-02-13T16:00), or add an offset (e.g. 2026-02-13T16:00+07:00).`,
      { value: text },
    );
  }
  const time =
    Number(match[4]) * HOUR_MS +
    Number(match[5]) * MINUTE_MS +
    Number(match[6] ?? 0) * 1000 +
    Number((match[7] ?? '').padEnd(3, '0'));
  const zone = match[8];
  const offsetMs = zone === undefined ? cal.offsetMs : zone === 'Z' ? 0 : parseOffset(zone);
  return new Date(day * DAY_MS + time - offsetMs);
}

function parseOffset(zone: string): number {
  const minutes = Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6));
  return (zone.startsWith('-') ? -minutes : minutes) * MINUTE_MS;
}
