// isWorkingDay: whether a local date counts towards a time limit in working
// days — a weekday that is not a holiday or a day off, or a make-up day.
// Opening hours do not change it: a counter open on Saturday mornings does not
// turn Saturday into a working day of the time limit.

import { CalendarError } from './calendar-error.ts';
import { dayFromIsoDate } from './local-day.ts';
import { dayKindAt, isCountedKind, localDayOf, type WorkCalendar } from './work-calendar.ts';

/** `date` is an instant (its local date is used) or a local `YYYY-MM-DD`. */
export function isWorkingDay(cal: WorkCalendar, date: Date | string): boolean {
  return isCountedKind(dayKindAt(cal, typeof date === 'string' ? parseDate(date) : localDayOf(cal, date, 'date')));
}

function parseDate(text: string): number {
  const day = dayFromIsoDate(text);
  if (day === undefined) {
    throw new CalendarError(
      'calendar.invalid-argument',
      `"${text}" is not a date. Write a real date as YYYY-MM-DD, e.g. "2026-01-10".`,
      { value: text },
    );
  }
  return day;
}
