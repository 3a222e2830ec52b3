// WorkCalendar: the lookup structure built from the calendar files, and the
// few primitives every working-time function shares (day lookup, the opening
// periods of a day, the next countable working day). A day lookup is one
// typed-array read; nothing here allocates on the success path.

import { CalendarError } from './calendar-error.ts';
import { DAY_MS, dayOfWeek, isoDateFromDay } from './local-day.ts';
import {
  compileOpeningHours,
  type CompiledOpeningHours,
  type CompiledPeriod,
  type OpeningHours,
  type WorkingTimeOptions,
} from './opening-hours.ts';

/** What a local day is, as stored in WorkCalendar.dayKinds. */
export const DayKind = {
  /** Not covered by any declared calendar year. */
  undeclared: 0,
  workday: 1,
  /** A weekend day worked to make up for a day off. */
  makeUpDay: 2,
  weekend: 3,
  holiday: 4,
  /** A weekday given off in a swap. */
  dayOff: 5,
} as const;
export type DayKind = (typeof DayKind)[keyof typeof DayKind];

export interface WorkCalendar {
  readonly timeZone: string;
  /** `±HH:MM`, the same for every declared year. */
  readonly utcOffset: string;
  readonly offsetMs: number;
  /** Declared years, ascending (gaps allowed: their days are out of range). */
  readonly years: readonly number[];
  /** Calendar file of each declared year, to name the file to add or fix. */
  readonly fileNames: ReadonlyMap<number, string>;
  /** Default opening hours when a call gives none. */
  readonly openingHours: OpeningHours;
  /** Day number (local days since 1970-01-01) of dayKinds[0]. */
  readonly firstDay: number;
  /** One DayKind per local day from 1 Jan of the first year to 31 Dec of the last. */
  readonly dayKinds: Uint8Array;
  /** `YYYY-MM-DD` of the same days, so listing counted dates costs no date formatting. */
  readonly isoDates: readonly string[];
}

const NO_PERIODS: readonly CompiledPeriod[] = Object.freeze([]);

export function dayKindAt(cal: WorkCalendar, day: number): DayKind {
  const kind = (cal.dayKinds[day - cal.firstDay] ?? DayKind.undeclared) as DayKind;
  if (kind === DayKind.undeclared) throw outOfRangeError(cal, day);
  return kind;
}

export function isoDateAt(cal: WorkCalendar, day: number): string {
  return cal.isoDates[day - cal.firstDay] ?? isoDateFromDay(day);
}

/** Whether a day counts towards a time limit in working days. */
export function isCountedKind(kind: DayKind): boolean {
  return kind === DayKind.workday || kind === DayKind.makeUpDay;
}

/** The periods a unit is open on a day: weekday hours on working days, Saturday hours on ordinary Saturdays. */
export function periodsOn(cal: WorkCalendar, day: number, hours: CompiledOpeningHours): readonly CompiledPeriod[] {
  const kind = dayKindAt(cal, day);
  if (isCountedKind(kind)) return hours.weekday;
  if (kind === DayKind.weekend && dayOfWeek(day) === 6) return hours.saturday;
  return NO_PERIODS;
}

/** The first day after `day` that counts as a working day. */
export function nextCountedDay(cal: WorkCalendar, day: number): number {
  let next = day + 1;
  while (!isCountedKind(dayKindAt(cal, next))) next += 1;
  return next;
}

export function openingHoursFor(cal: WorkCalendar, opts: WorkingTimeOptions | undefined): CompiledOpeningHours {
  return compileOpeningHours(opts?.openingHours ?? cal.openingHours);
}

/** Milliseconds of `date` on the calendar's local wall clock (as if it were UTC). */
export function localMsOf(cal: WorkCalendar, date: Date, argument: string): number {
  const ms = date.getTime();
  if (Number.isNaN(ms)) {
    throw new CalendarError(
      'calendar.invalid-argument',
      `${argument} is an invalid Date. Pass a real instant, e.g. new Date("2026-02-13T16:00:00+07:00").`,
      { argument },
    );
  }
  return ms + cal.offsetMs;
}

export function instantAt(cal: WorkCalendar, day: number, msOfDay: number): Date {
  return new Date(day * DAY_MS + msOfDay - cal.offsetMs);
}

/** Local day of an instant. */
export function localDayOf(cal: WorkCalendar, date: Date, argument: string): number {
  return Math.floor(localMsOf(cal, date, argument) / DAY_MS);
}

// Both are only asked about days known to be open (weekday hours are never empty).
/** Opening of the first period of a day. */
export function openOf(periods: readonly CompiledPeriod[]): number {
  const first = periods[0];
  if (!first) throw new Error('openOf needs a day with opening periods');
  return first.start;
}

/** Close of the last period of a day. */
export function closeOf(periods: readonly CompiledPeriod[]): number {
  const last = periods[periods.length - 1];
  if (!last) throw new Error('closeOf needs a day with opening periods');
  return last.end;
}

export function outOfRangeError(cal: WorkCalendar, day: number): CalendarError {
  const date = isoDateFromDay(day);
  const year = Number(date.slice(0, 4));
  return new CalendarError(
    'calendar.out-of-range',
    `${date} is outside every declared calendar (${describeYears(cal.years)}). Add ${suggestFile(cal, year)}.`,
    { date, declaredYears: cal.years },
  );
}

function describeYears(years: readonly number[]): string {
  const first = years[0];
  const last = years[years.length - 1];
  if (first === undefined || last === undefined) return 'none';
  if (first === last) return String(first);
  const contiguous = last - first === years.length - 1;
  return contiguous ? `${first}–${last}` : years.join(', ');
}

// Name the missing file after the ones already loaded (vn-2027.yaml → vn-2028.yaml).
function suggestFile(cal: WorkCalendar, year: number): string {
  for (const [known, fileName] of cal.fileNames) {
    const at = fileName.lastIndexOf(String(known));
    if (at >= 0) return fileName.slice(0, at) + String(year) + fileName.slice(at + 4);
  }
  return `a calendar file with year: ${year}`;
}
