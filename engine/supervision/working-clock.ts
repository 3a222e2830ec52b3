// Working minutes between instants, for many instants at once: a running total
// of working minutes at each local midnight (built on demand, day by day, from
// the calendar) plus the minutes within the last day. workingTimeBetween walks
// every day of an interval; over thousands of dossiers the shared totals make
// each difference two lookups. Pure; the same calendar errors for dates outside
// the declared years.
import { workingTimeBetween, type WorkCalendar } from '../calendar/index.ts';
import { DAY_MS } from '../calendar/local-day.ts';

export interface WorkingClock {
  /** Working minutes in [a, b), signed, as workingTimeBetween. */
  between(a: Date, b: Date): number;
  /**
   * Working minutes from local midnight of 1 January of the calendar's first
   * declared year to `t` (negative before it): a coordinate on the working-time
   * line, so between(a, b) = position(b) - position(a) and, the position being
   * non-decreasing, position(max(a, b)) = max(position(a), position(b)). Stored
   * summaries keep positions to sum working time in SQL.
   */
  position(t: Date): number;
}

export function createWorkingClock(calendar: WorkCalendar): WorkingClock {
  const atMidnight = new Map<number, number>();
  let lo = 0;
  let hi = -1;
  const midnight = (day: number) => new Date(day * DAY_MS - calendar.offsetMs);
  const before = (day: number): number => {
    if (hi < lo) {
      atMidnight.set(day, 0);
      lo = hi = day;
    }
    for (; hi < day; hi += 1) atMidnight.set(hi + 1, atMidnight.get(hi)! + workingTimeBetween(calendar, midnight(hi), midnight(hi + 1)));
    for (; lo > day; lo -= 1) atMidnight.set(lo - 1, atMidnight.get(lo)! - workingTimeBetween(calendar, midnight(lo - 1), midnight(lo)));
    return atMidnight.get(day)!;
  };
  const at = (t: Date): number => {
    const day = Math.floor((t.getTime() + calendar.offsetMs) / DAY_MS);
    return before(day) + workingTimeBetween(calendar, midnight(day), t);
  };
  // Anchored at the calendar's first day, so positions from any clock of the same calendar agree.
  before(calendar.firstDay);
  return { between: (a, b) => at(b) - at(a), position: at };
}
