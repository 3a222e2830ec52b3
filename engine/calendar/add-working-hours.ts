// addWorkingHours: the instant at which `hours` of opening time have passed
// since `from`. Time outside opening periods (nights, lunch, weekends,
// holidays) does not run. A limit that ends exactly at a close is due at that
// close (17:00), not at the next opening.

import { CalendarError } from './calendar-error.ts';
import { DAY_MS, HOUR_MS } from './local-day.ts';
import type { WorkingTimeOptions } from './opening-hours.ts';
import { instantAt, localMsOf, openingHoursFor, periodsOn, type WorkCalendar } from './work-calendar.ts';

export function addWorkingHours(cal: WorkCalendar, from: Date, hours: number, opts?: WorkingTimeOptions): Date {
  if (!Number.isFinite(hours) || hours < 0) {
    throw new CalendarError(
      'calendar.invalid-argument',
      `addWorkingHours got hours = ${hours}. Pass a number of working hours ≥ 0, e.g. 4 or 1.5.`,
      { hours },
    );
  }
  let remaining = Math.round(hours * HOUR_MS);
  if (remaining === 0) return new Date(from.getTime());
  const opening = openingHoursFor(cal, opts);
  const local = localMsOf(cal, from, 'from');
  let day = Math.floor(local / DAY_MS);
  let time = local - day * DAY_MS;
  for (;;) {
    for (const period of periodsOn(cal, day, opening)) {
      if (time >= period.end) continue;
      const start = Math.max(time, period.start);
      const available = period.end - start;
      if (remaining <= available) return instantAt(cal, day, start + remaining);
      remaining -= available;
    }
    day += 1;
    time = 0;
  }
}
