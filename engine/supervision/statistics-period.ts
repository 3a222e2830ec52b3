// Periods of the statistics and the reports, in local time (Asia/Ho_Chi_Minh:
// the calendar's offset, UTC+7, no daylight saving). Pure: `now` and the
// calendar are arguments.
import { isWorkingDay, type WorkCalendar } from '../calendar/index.ts';
import { dayFromIsoDate, isoDateFromDay, DAY_MS } from '../calendar/local-day.ts';
import { MotcuaError } from '../motcua-error.ts';

/** `[from, to)` instants, with the local dates that name them. */
export interface Period {
  from: Date;
  to: Date;
  fromDate: string;
  toDate: string;
}

/** A period from local dates `YYYY-MM-DD`; `to` is exclusive. Errors: request.invalid. */
export function parsePeriod(calendar: WorkCalendar, fromDate: unknown, toDate: unknown): Period {
  const fromDay = typeof fromDate === 'string' ? dayFromIsoDate(fromDate) : undefined;
  const toDay = typeof toDate === 'string' ? dayFromIsoDate(toDate) : undefined;
  if (fromDay === undefined) throw new MotcuaError('request.invalid', `from must be a local date YYYY-MM-DD, e.g. from=2026-03-01; got ${JSON.stringify(fromDate ?? null)}`, { from: fromDate ?? null });
  if (toDay === undefined) throw new MotcuaError('request.invalid', `to must be a local date YYYY-MM-DD (exclusive), e.g. to=2026-04-01; got ${JSON.stringify(toDate ?? null)}`, { to: toDate ?? null });
  if (toDay <= fromDay) throw new MotcuaError('request.invalid', `to (${String(toDate)}) must be after from (${String(fromDate)}); to is exclusive`, { from: fromDate, to: toDate });
  if (toDay - fromDay > 400) throw new MotcuaError('request.invalid', `a period is at most 400 days; ${String(fromDate)} to ${String(toDate)} is ${toDay - fromDay}`, { from: fromDate, to: toDate });
  return periodOfDays(calendar, fromDay, toDay);
}

export function periodOfDays(calendar: WorkCalendar, fromDay: number, toDay: number): Period {
  return { from: new Date(fromDay * DAY_MS - calendar.offsetMs), to: new Date(toDay * DAY_MS - calendar.offsetMs), fromDate: isoDateFromDay(fromDay), toDate: isoDateFromDay(toDay) };
}

/** The local day number of an instant. */
export function localDayOf(calendar: WorkCalendar, at: Date): number {
  return Math.floor((at.getTime() + calendar.offsetMs) / DAY_MS);
}

/** The calendar months a period touches, each clipped to the period, labelled `YYYY-MM`. */
export function splitByMonth(calendar: WorkCalendar, period: Period): Array<{ key: string; period: Period }> {
  const out: Array<{ key: string; period: Period }> = [];
  const endDay = localDayOf(calendar, period.to);
  let day = localDayOf(calendar, period.from);
  while (day < endDay) {
    const date = new Date(day * DAY_MS);
    const next = Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1) / DAY_MS;
    const until = Math.min(next, endDay);
    out.push({ key: isoDateFromDay(day).slice(0, 7), period: periodOfDays(calendar, day, until) });
    day = until;
  }
  return out;
}

/**
 * The report periods that have ended by `now`, looking back `days` local days
 * (so a stopped server catches up): each of those days that was a working day
 * (daily), and the previous month (monthly) when it ended within the lookback.
 */
export function endedReportPeriods(calendar: WorkCalendar, now: Date, days = 7): Array<{ kind: 'daily' | 'monthly'; period: Period }> {
  const today = localDayOf(calendar, now);
  const out: Array<{ kind: 'daily' | 'monthly'; period: Period }> = [];
  for (let day = today - days; day < today; day += 1) if (isWorkingDay(calendar, isoDateFromDay(day))) out.push({ kind: 'daily', period: periodOfDays(calendar, day, day + 1) });
  const date = new Date(today * DAY_MS);
  const monthStart = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1) / DAY_MS;
  if (today - monthStart < days) {
    const previous = Date.UTC(date.getUTCFullYear(), date.getUTCMonth() - 1, 1) / DAY_MS;
    out.push({ kind: 'monthly', period: periodOfDays(calendar, previous, monthStart) });
  }
  return out;
}
