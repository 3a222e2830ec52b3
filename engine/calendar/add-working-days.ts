// addWorkingDays: the due instant of a limit in working days. The reception
// day does not count; counting starts the next working day, and the result is
// the close of the last counted day. A dossier received outside opening hours
// is received when the desk next opens.

import { CalendarError } from './calendar-error.ts';
import { nextWorkingMoment } from './next-working-moment.ts';
import type { WorkingTimeOptions } from './opening-hours.ts';
import {
  closeOf,
  instantAt,
  localDayOf,
  nextCountedDay,
  openingHoursFor,
  periodsOn,
  type WorkCalendar,
} from './work-calendar.ts';

/** With `days = 0`, the close of the reception day. */
export function addWorkingDays(cal: WorkCalendar, from: Date, days: number, opts?: WorkingTimeOptions): Date {
  if (!Number.isInteger(days) || days < 0) {
    throw new CalendarError(
      'calendar.invalid-argument',
      `addWorkingDays got days = ${days}; working days are counted whole. Pass an integer ≥ 0, or use addWorkingHours for parts of a day.`,
      { days },
    );
  }
  const hours = openingHoursFor(cal, opts);
  let day = localDayOf(cal, nextWorkingMoment(cal, from, opts), 'from');
  if (days === 0) return instantAt(cal, day, closeOf(periodsOn(cal, day, hours)));
  for (let counted = 0; counted < days; counted += 1) day = nextCountedDay(cal, day);
  return instantAt(cal, day, closeOf(hours.weekday));
}
