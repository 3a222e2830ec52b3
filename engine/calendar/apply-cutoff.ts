// applyCutoff: the 15:00 rule (Decree 23/2015 art. 7; "Civil Status Law art.
// 5.3", often cited for it, is unconfirmed — docs/domain-rules.md). A dossier received at or after the cut-off counts as received at
// the unit's first opening on a later day (for a unit open on Saturday
// mornings, that can be Saturday); one received outside opening hours counts
// from the next opening.

import { CalendarError } from './calendar-error.ts';
import { DAY_MS, msFromClock } from './local-day.ts';
import { nextWorkingMoment } from './next-working-moment.ts';
import type { WorkingTimeOptions } from './opening-hours.ts';
import { instantAt, localMsOf, type WorkCalendar } from './work-calendar.ts';

/** The instant the dossier counts as received. */
export function applyCutoff(cal: WorkCalendar, t: Date, cutoff = '15:00', opts?: WorkingTimeOptions): Date {
  const cutoffMs = msFromClock(cutoff);
  if (cutoffMs === undefined) {
    throw new CalendarError(
      'calendar.invalid-argument',
      `Cut-off "${cutoff}" is not a time of day. Write it as HH:MM, e.g. "15:00".`,
      { cutoff },
    );
  }
  const moment = nextWorkingMoment(cal, t, opts);
  const local = localMsOf(cal, moment, 't');
  const day = Math.floor(local / DAY_MS);
  if (local - day * DAY_MS < cutoffMs) return moment;
  return nextWorkingMoment(cal, instantAt(cal, day + 1, 0), opts);
}
