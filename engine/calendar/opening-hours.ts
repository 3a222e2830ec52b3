// Opening hours of a unit: when its counter works. Data, passed in per call
// (a commune that receives on Saturday mornings) or defaulted per calendar.
// Compiled once per OpeningHours object into millisecond offsets so that the
// hot loops compare plain numbers.

import { CalendarError } from './calendar-error.ts';
import { msFromClock } from './local-day.ts';

export interface OpeningPeriod {
  /** `HH:MM`, local time. */
  readonly from: string;
  /** `HH:MM`, local time, after `from`. */
  readonly to: string;
}

export interface OpeningHours {
  /** Periods on working days, including make-up Saturdays (they replace a full weekday). */
  readonly weekday: readonly OpeningPeriod[];
  /** Periods on ordinary Saturdays (not on holidays or announced breaks). */
  readonly saturday?: readonly OpeningPeriod[];
}

export interface WorkingTimeOptions {
  /** The unit's opening hours; defaults to the calendar's (office hours). */
  readonly openingHours?: OpeningHours;
}

/** Office hours of state agencies: 8 working hours = 1 working day. */
export const OFFICE_HOURS: OpeningHours = Object.freeze({
  weekday: Object.freeze([
    Object.freeze({ from: '07:30', to: '11:30' }),
    Object.freeze({ from: '13:00', to: '17:00' }),
  ]),
});

/** One period as milliseconds after local midnight, `[start, end)`. */
export interface CompiledPeriod {
  readonly start: number;
  readonly end: number;
}

export interface CompiledOpeningHours {
  readonly weekday: readonly CompiledPeriod[];
  readonly saturday: readonly CompiledPeriod[];
}

// Keyed by identity: opening hours are configuration, built once and not mutated.
const compiled = new WeakMap<OpeningHours, CompiledOpeningHours>();

export function compileOpeningHours(hours: OpeningHours): CompiledOpeningHours {
  const cached = compiled.get(hours);
  if (cached) return cached;
  if (hours.weekday.length === 0) {
    throw new CalendarError(
      'calendar.invalid-argument',
      'Opening hours have no weekday period, so no time limit could ever run. ' +
        'Give at least one, e.g. weekday: [{ from: "07:30", to: "11:30" }, { from: "13:00", to: "17:00" }].',
      { openingHours: hours },
    );
  }
  const result: CompiledOpeningHours = {
    weekday: compilePeriods(hours.weekday, 'weekday'),
    saturday: compilePeriods(hours.saturday ?? [], 'saturday'),
  };
  compiled.set(hours, result);
  return result;
}

function compilePeriods(periods: readonly OpeningPeriod[], label: string): CompiledPeriod[] {
  const result: CompiledPeriod[] = [];
  let previousEnd = 0;
  periods.forEach((period, index) => {
    const place = `${label}[${index}]`;
    const start = msFromClock(period.from);
    const end = msFromClock(period.to);
    if (start === undefined || end === undefined) {
      const bad = start === undefined ? period.from : period.to;
      throw new CalendarError(
        'calendar.invalid-argument',
        `Opening period ${place} has "${bad}", which is not a time of day. Write HH:MM, e.g. "07:30".`,
        { place, value: bad },
      );
    }
    if (end <= start) {
      throw new CalendarError(
        'calendar.invalid-argument',
        `Opening period ${place} ${period.from}–${period.to} does not end after it starts. Write from < to, e.g. { from: "13:00", to: "17:00" }.`,
        { place, period },
      );
    }
    if (start < previousEnd) {
      throw new CalendarError(
        'calendar.invalid-argument',
        `Opening period ${place} ${period.from}–${period.to} starts before the previous period ends. List ${label} periods in order, without overlaps.`,
        { place, period },
      );
    }
    previousEnd = end;
    result.push({ start, end });
  });
  return result;
}
