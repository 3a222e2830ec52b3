// computeDueAt: a dossier's due instant under its procedure's time limit, with
// what the limit was counted on — the answer an officer or a citizen reads on
// the appointment slip. Only same-day limits use the 15:00 cut-off; a limit in
// working days starts the day after reception whatever the hour.

import { addWorkingHours } from './add-working-hours.ts';
import { applyCutoff } from './apply-cutoff.ts';
import { CalendarError } from './calendar-error.ts';
import { DAY_MS } from './local-day.ts';
import { nextWorkingMoment } from './next-working-moment.ts';
import type { WorkingTimeOptions } from './opening-hours.ts';
import {
  closeOf,
  instantAt,
  isoDateAt,
  localDayOf,
  localMsOf,
  nextCountedDay,
  openOf,
  openingHoursFor,
  periodsOn,
  type WorkCalendar,
} from './work-calendar.ts';

export type TimeLimit =
  | { readonly workingDays: number }
  | { readonly workingHours: number }
  | { readonly sameDay: true; readonly cutoff?: string };

export interface DueDate {
  readonly dueAt: Date;
  /** When the limit starts to run: the opening of the first counted day, or the (effective) reception. */
  readonly startsAt: Date;
  readonly workingDaysCounted: number;
  /** Local `YYYY-MM-DD` of each working day the limit runs on, in order. */
  readonly countedDates: readonly string[];
}

export function computeDueAt(
  cal: WorkCalendar,
  receivedAt: Date,
  limit: TimeLimit,
  opts?: WorkingTimeOptions,
): DueDate {
  if ('workingDays' in limit) return dueInWorkingDays(cal, receivedAt, limit.workingDays, opts);
  if ('workingHours' in limit) return dueInWorkingHours(cal, receivedAt, limit.workingHours, opts);
  if ('sameDay' in limit && limit.sameDay === true) return dueSameDay(cal, receivedAt, limit.cutoff ?? '15:00', opts);
  throw new CalendarError(
    'calendar.invalid-argument',
    `Time limit ${JSON.stringify(limit)} is not one of { workingDays: n }, { workingHours: n }, { sameDay: true }. Use one of those forms.`,
    { limit },
  );
}

function dueInWorkingDays(cal: WorkCalendar, receivedAt: Date, days: number, opts?: WorkingTimeOptions): DueDate {
  if (!Number.isInteger(days) || days < 1) {
    throw new CalendarError(
      'calendar.invalid-argument',
      `A limit of ${days} working days is not a whole number ≥ 1. Use { sameDay: true } for a same-day procedure, { workingHours: n } for parts of a day.`,
      { workingDays: days },
    );
  }
  const hours = openingHoursFor(cal, opts);
  const receptionDay = localDayOf(cal, nextWorkingMoment(cal, receivedAt, opts), 'receivedAt');
  const firstDay = nextCountedDay(cal, receptionDay);
  const countedDates = [isoDateAt(cal, firstDay)];
  let day = firstDay;
  while (countedDates.length < days) {
    day = nextCountedDay(cal, day);
    countedDates.push(isoDateAt(cal, day));
  }
  return {
    dueAt: instantAt(cal, day, closeOf(hours.weekday)),
    startsAt: instantAt(cal, firstDay, openOf(hours.weekday)),
    workingDaysCounted: days,
    countedDates,
  };
}

function dueInWorkingHours(cal: WorkCalendar, receivedAt: Date, workingHours: number, opts?: WorkingTimeOptions): DueDate {
  if (!Number.isFinite(workingHours) || workingHours <= 0) {
    throw new CalendarError(
      'calendar.invalid-argument',
      `A limit of ${workingHours} working hours is not a number > 0. Write e.g. { workingHours: 4 }.`,
      { workingHours },
    );
  }
  const hours = openingHoursFor(cal, opts);
  const startsAt = nextWorkingMoment(cal, receivedAt, opts);
  const dueAt = addWorkingHours(cal, startsAt, workingHours, opts);
  // A limit ending at a close belongs to that day, hence the millisecond back.
  const lastDay = Math.floor((localMsOf(cal, dueAt, 'dueAt') - 1) / DAY_MS);
  const countedDates: string[] = [];
  for (let day = localDayOf(cal, startsAt, 'startsAt'); day <= lastDay; day += 1) {
    if (periodsOn(cal, day, hours).length > 0) countedDates.push(isoDateAt(cal, day));
  }
  return { dueAt, startsAt, workingDaysCounted: countedDates.length, countedDates };
}

function dueSameDay(cal: WorkCalendar, receivedAt: Date, cutoff: string, opts?: WorkingTimeOptions): DueDate {
  const hours = openingHoursFor(cal, opts);
  const startsAt = applyCutoff(cal, receivedAt, cutoff, opts);
  const day = localDayOf(cal, startsAt, 'receivedAt');
  return {
    dueAt: instantAt(cal, day, closeOf(periodsOn(cal, day, hours))),
    startsAt,
    workingDaysCounted: 1,
    countedDates: [isoDateAt(cal, day)],
  };
}
