// workingTimeBetween: minutes of opening time between two instants — how much
// of a limit has been used, or how late a dossier is. Signed: negative when
// `b` is before `a`.

import { DAY_MS, MINUTE_MS } from './local-day.ts';
import type { WorkingTimeOptions } from './opening-hours.ts';
import { localMsOf, openingHoursFor, periodsOn, type WorkCalendar } from './work-calendar.ts';

/** Working minutes in [a, b); fractional when an instant is not on a whole minute. */
export function workingTimeBetween(cal: WorkCalendar, a: Date, b: Date, opts?: WorkingTimeOptions): number {
  const start = localMsOf(cal, a, 'a');
  const end = localMsOf(cal, b, 'b');
  if (end < start) return -workingTimeBetween(cal, b, a, opts);
  if (end === start) return 0;
  const hours = openingHoursFor(cal, opts);
  // `end` is excluded, so an interval ending at midnight does not touch the next day.
  const lastDay = Math.floor((end - 1) / DAY_MS);
  let total = 0;
  for (let day = Math.floor(start / DAY_MS); day <= lastDay; day += 1) {
    const midnight = day * DAY_MS;
    for (const period of periodsOn(cal, day, hours)) {
      const overlap = Math.min(midnight + period.end, end) - Math.max(midnight + period.start, start);
      if (overlap > 0) total += overlap;
    }
  }
  return total / MINUTE_MS;
}
