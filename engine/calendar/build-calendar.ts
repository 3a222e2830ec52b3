// buildCalendar: validated calendar years → a WorkCalendar with one DayKind
// per local day, so that every later lookup is a single array read. Checks
// what no single file can: one year per file, one time zone, and swaps whose
// day off and make-up day sit in different years.

import { CalendarError } from './calendar-error.ts';
import type { CalendarYear } from './calendar-year.ts';
import { MINUTE_MS, dayFromIsoDate, dayFromParts, dayOfWeek, isoDateFromDay, yearOfDay } from './local-day.ts';
import { OFFICE_HOURS, compileOpeningHours, type OpeningHours } from './opening-hours.ts';
import { DayKind, type WorkCalendar } from './work-calendar.ts';

export interface BuildCalendarOptions {
  /** Opening hours used when a call gives none; office hours by default. */
  readonly openingHours?: OpeningHours;
}

export function buildCalendar(years: readonly CalendarYear[], options: BuildCalendarOptions = {}): WorkCalendar {
  const sorted = [...years].sort((a, b) => a.year - b.year);
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  if (!first || !last) {
    throw new CalendarError(
      'calendar.invalid',
      'No calendar year was given. Load at least one calendar file, e.g. procedures/calendars/vn-2026.yaml.',
    );
  }
  checkOneFilePerYear(sorted);
  checkOneZone(sorted, first);
  checkCrossYearSwaps(sorted);
  const openingHours = options.openingHours ?? OFFICE_HOURS;
  compileOpeningHours(openingHours); // fail now, not on the first deadline

  const firstDay = dayFromParts(first.year, 1, 1) ?? 0;
  const lastDay = dayFromParts(last.year, 12, 31) ?? 0;
  const dayKinds = new Uint8Array(lastDay - firstDay + 1); // all DayKind.undeclared
  for (const calendarYear of sorted) {
    const start = dayFromParts(calendarYear.year, 1, 1) ?? 0;
    const end = dayFromParts(calendarYear.year, 12, 31) ?? 0;
    for (let day = start; day <= end; day += 1) {
      const weekday = dayOfWeek(day);
      dayKinds[day - firstDay] = weekday === 0 || weekday === 6 ? DayKind.weekend : DayKind.workday;
    }
    const mark = (date: string, kind: DayKind, field: string): void => {
      dayKinds[dayInYear(date, calendarYear, field) - firstDay] = kind;
    };
    for (const holiday of calendarYear.holidays) {
      const from = dayInYear(holiday.from, calendarYear, 'holidays.from');
      const to = dayInYear(holiday.to, calendarYear, 'holidays.to');
      for (let day = from; day <= to; day += 1) dayKinds[day - firstDay] = DayKind.holiday;
    }
    for (const dayOff of calendarYear.daysOff) mark(dayOff.date, DayKind.dayOff, 'daysOff.date');
    for (const makeUp of calendarYear.workingDays) mark(makeUp.date, DayKind.makeUpDay, 'workingDays.date');
  }

  return Object.freeze({
    timeZone: first.timeZone,
    utcOffset: first.utcOffset,
    offsetMs: offsetToMs(first),
    years: Object.freeze(sorted.map((calendarYear) => calendarYear.year)),
    fileNames: new Map(sorted.map((calendarYear) => [calendarYear.year, calendarYear.fileName])),
    openingHours,
    firstDay,
    dayKinds,
    isoDates: Object.freeze(Array.from(dayKinds, (_, index) => isoDateFromDay(firstDay + index))),
  });
}

function checkOneFilePerYear(sorted: readonly CalendarYear[]): void {
  sorted.forEach((calendarYear, index) => {
    const previous = sorted[index - 1];
    if (previous && previous.year === calendarYear.year) {
      throw new CalendarError(
        'calendar.invalid',
        `${previous.fileName} and ${calendarYear.fileName} both declare year ${calendarYear.year}. Keep one file per year.`,
        { year: calendarYear.year, fileNames: [previous.fileName, calendarYear.fileName] },
      );
    }
  });
}

function checkOneZone(sorted: readonly CalendarYear[], first: CalendarYear): void {
  for (const calendarYear of sorted) {
    if (calendarYear.timeZone !== first.timeZone || calendarYear.utcOffset !== first.utcOffset) {
      throw new CalendarError(
        'calendar.invalid',
        `${calendarYear.fileName} uses ${calendarYear.timeZone} (${calendarYear.utcOffset}) but ${first.fileName} uses ${first.timeZone} (${first.utcOffset}). ` +
          'All years of one calendar share a time zone and offset; load the other zone as a separate calendar.',
        { fileNames: [first.fileName, calendarYear.fileName] },
      );
    }
  }
}

// parseCalendarYear pairs swaps inside one file; only here are both years visible.
function checkCrossYearSwaps(sorted: readonly CalendarYear[]): void {
  const byYear = new Map(sorted.map((calendarYear) => [calendarYear.year, calendarYear]));
  for (const calendarYear of sorted) {
    for (const dayOff of calendarYear.daysOff) {
      const other = byYear.get(Number(dayOff.makeUpDate.slice(0, 4)));
      if (!other || other === calendarYear) continue;
      if (!other.workingDays.some((makeUp) => makeUp.date === dayOff.makeUpDate && makeUp.replaces === dayOff.date)) {
        throw new CalendarError(
          'calendar.invalid',
          `${calendarYear.fileName}: the day off ${dayOff.date} is made up on ${dayOff.makeUpDate}, but ${other.fileName} has no workingDays entry { date: ${dayOff.makeUpDate}, replaces: ${dayOff.date} }. Add it there, or correct makeUpDate.`,
          { fileNames: [calendarYear.fileName, other.fileName], date: dayOff.date },
        );
      }
    }
    for (const makeUp of calendarYear.workingDays) {
      const other = byYear.get(Number(makeUp.replaces.slice(0, 4)));
      if (!other || other === calendarYear) continue;
      if (!other.daysOff.some((dayOff) => dayOff.date === makeUp.replaces && dayOff.makeUpDate === makeUp.date)) {
        throw new CalendarError(
          'calendar.invalid',
          `${calendarYear.fileName}: the make-up day ${makeUp.date} replaces ${makeUp.replaces}, but ${other.fileName} has no daysOff entry { date: ${makeUp.replaces}, makeUpDate: ${makeUp.date} }. Add it there, or correct replaces.`,
          { fileNames: [calendarYear.fileName, other.fileName], date: makeUp.date },
        );
      }
    }
  }
}

// parseCalendarYear guarantees this; years built by hand get the same guard.
function dayInYear(date: string, calendarYear: CalendarYear, field: string): number {
  const day = dayFromIsoDate(date);
  if (day === undefined || yearOfDay(day) !== calendarYear.year) {
    throw new CalendarError(
      'calendar.invalid',
      `${calendarYear.fileName}: ${field} "${date}" is not a date in ${calendarYear.year}. Write a date of that year as YYYY-MM-DD.`,
      { fileName: calendarYear.fileName, field, date },
    );
  }
  return day;
}

function offsetToMs(calendarYear: CalendarYear): number {
  const match = /^([+-])(\d{2}):(\d{2})$/.exec(calendarYear.utcOffset);
  if (!match) {
    throw new CalendarError(
      'calendar.invalid',
      `${calendarYear.fileName}: utcOffset "${calendarYear.utcOffset}" is not an offset. Write ±HH:MM, e.g. "+07:00".`,
      { fileName: calendarYear.fileName },
    );
  }
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return (match[1] === '-' ? -minutes : minutes) * MINUTE_MS;
}
