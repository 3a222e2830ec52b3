// nextWorkingMoment: the instant itself when the unit is open then, else the
// opening of its next period — how a reception desk logs a dossier filed
// online at night, over lunch or on a holiday.

import { DAY_MS } from './local-day.ts';
import type { WorkingTimeOptions } from './opening-hours.ts';
import { instantAt, localMsOf, openingHoursFor, periodsOn, type WorkCalendar } from './work-calendar.ts';

export function nextWorkingMoment(cal: WorkCalendar, t: Date, opts?: WorkingTimeOptions): Date {
  const hours = openingHoursFor(cal, opts);
  const local = localMsOf(cal, t, 'nextWorkingMoment(t)');
  let day = Math.floor(local / DAY_MS);
  let time = local - day * DAY_MS;
  // Ends at the first open period, or throws at the first undeclared day.
  for (;;) {
    for (const period of periodsOn(cal, day, hours)) {
      if (time < period.end) return time >= period.start ? new Date(t.getTime()) : instantAt(cal, day, period.start);
    }
    day += 1;
    time = 0;
  }
}
