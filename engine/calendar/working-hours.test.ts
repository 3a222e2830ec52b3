import { describe, expect, it } from 'vitest';
import {
  addWorkingHours,
  nextWorkingMoment,
  workingTimeBetween,
  type OpeningHours,
} from './index.ts';
import { loadCatalogueCalendar, SATURDAY_MORNINGS, thrownCalendarError } from '../../test/calendar-fixtures.ts';

const cal = loadCatalogueCalendar();

const saturdayUnit = { openingHours: SATURDAY_MORNINGS };

const at = (text: string): Date => new Date(text);

const thrown = thrownCalendarError;

// Mon 9 Mar 2026 is an ordinary Monday; Fri 6 – Sun 8 Mar an ordinary weekend.
describe('nextWorkingMoment', () => {
  it.each([
    ['2026-03-09T10:00:00+07:00', '2026-03-09T10:00:00+07:00', 'inside the morning period'],
    ['2026-03-09T07:30:00+07:00', '2026-03-09T07:30:00+07:00', 'at the opening'],
    ['2026-03-09T06:00:00+07:00', '2026-03-09T07:30:00+07:00', 'before the opening'],
    ['2026-03-09T11:30:00+07:00', '2026-03-09T13:00:00+07:00', 'at the lunch close'],
    ['2026-03-09T12:00:00+07:00', '2026-03-09T13:00:00+07:00', 'over lunch'],
    ['2026-03-09T16:59:00+07:00', '2026-03-09T16:59:00+07:00', 'a minute before the close'],
    ['2026-03-09T17:00:00+07:00', '2026-03-10T07:30:00+07:00', 'at the close'],
    ['2026-03-07T10:00:00+07:00', '2026-03-09T07:30:00+07:00', 'on a Saturday'],
    ['2026-01-09T18:00:00+07:00', '2026-01-10T07:30:00+07:00', 'before the make-up Saturday'],
    ['2025-12-31T17:30:00+07:00', '2026-01-05T07:30:00+07:00', 'over the New Year break'],
    ['2026-02-13T17:00:00+07:00', '2026-02-23T07:30:00+07:00', 'over the Tết break'],
  ])('%s → %s (%s)', (t, expected) => {
    expect(nextWorkingMoment(cal, at(t))).toEqual(at(expected));
  });

  it.each([
    ['2026-03-07T06:00:00+07:00', '2026-03-07T07:30:00+07:00', 'Saturday before the opening'],
    ['2026-03-07T09:00:00+07:00', '2026-03-07T09:00:00+07:00', 'Saturday morning'],
    ['2026-03-07T11:30:00+07:00', '2026-03-09T07:30:00+07:00', 'Saturday at the close'],
    ['2026-03-06T17:00:00+07:00', '2026-03-07T07:30:00+07:00', 'Friday at the close'],
    ['2026-02-14T08:00:00+07:00', '2026-02-23T07:30:00+07:00', 'Saturday inside the Tết break'],
    ['2026-01-10T12:00:00+07:00', '2026-01-10T13:00:00+07:00', 'make-up Saturday keeps weekday hours'],
  ])('Saturday-morning unit: %s → %s (%s)', (t, expected) => {
    expect(nextWorkingMoment(cal, at(t), saturdayUnit)).toEqual(at(expected));
  });

  it('names the undeclared year instead of guessing', () => {
    const error = thrown(() => nextWorkingMoment(cal, at('2027-12-31T17:00:00+07:00')));
    expect(error.code).toBe('calendar.out-of-range');
    expect(error.message).toBe(
      '2028-01-01 is outside every declared calendar (2025–2027). Add procedures/calendars/vn-2028.yaml.',
    );
  });

  it('rejects an invalid Date', () => {
    const error = thrown(() => nextWorkingMoment(cal, new Date(Number.NaN)));
    expect(error.code).toBe('calendar.invalid-argument');
    expect(error.message).toBe(
      'nextWorkingMoment(t) is an invalid Date. Pass a real instant, e.g. new Date("2026-02-13T16:00:00+07:00").',
    );
  });
});

describe('addWorkingHours', () => {
  it.each([
    ['2026-03-09T10:30:00+07:00', 2, '2026-03-09T14:00:00+07:00', 'across lunch'],
    ['2026-03-09T10:30:00+07:00', 1, '2026-03-09T11:30:00+07:00', 'ending at the lunch close'],
    ['2026-03-09T12:00:00+07:00', 1, '2026-03-09T14:00:00+07:00', 'starting over lunch'],
    ['2026-03-09T07:30:00+07:00', 8, '2026-03-09T17:00:00+07:00', 'one full working day'],
    ['2026-03-09T07:30:00+07:00', 16, '2026-03-10T17:00:00+07:00', 'two full working days'],
    ['2026-03-06T16:00:00+07:00', 1, '2026-03-06T17:00:00+07:00', 'ending at Friday close'],
    ['2026-03-06T16:00:00+07:00', 2, '2026-03-09T08:30:00+07:00', 'across a weekend'],
    ['2026-03-06T18:00:00+07:00', 0.5, '2026-03-09T08:00:00+07:00', 'starting after the close'],
    ['2026-02-13T16:00:00+07:00', 4, '2026-02-23T10:30:00+07:00', 'across the Tết break'],
    ['2026-01-09T16:00:00+07:00', 2, '2026-01-10T08:30:00+07:00', 'into the make-up Saturday'],
    ['2026-03-09T11:29:30+07:00', 1 / 60, '2026-03-09T13:00:30+07:00', 'a minute split by lunch'],
    ['2026-03-09T10:00:00+07:00', 0, '2026-03-09T10:00:00+07:00', 'zero hours'],
  ])('%s + %s h → %s (%s)', (from, hours, expected) => {
    expect(addWorkingHours(cal, at(from), hours)).toEqual(at(expected));
  });

  it.each([
    ['2026-03-06T16:00:00+07:00', 2, '2026-03-07T08:30:00+07:00', 'into Saturday morning'],
    ['2026-03-06T16:00:00+07:00', 6, '2026-03-09T08:30:00+07:00', 'through Saturday morning (1 + 4 + 1)'],
    ['2026-02-13T16:00:00+07:00', 2, '2026-02-23T08:30:00+07:00', 'not on a Saturday inside the Tết break'],
  ])('Saturday-morning unit: %s + %s h → %s (%s)', (from, hours, expected) => {
    expect(addWorkingHours(cal, at(from), hours, saturdayUnit)).toEqual(at(expected));
  });

  it('rejects a negative number of hours', () => {
    const error = thrown(() => addWorkingHours(cal, at('2026-03-09T10:00:00+07:00'), -1));
    expect(error.code).toBe('calendar.invalid-argument');
    expect(error.message).toBe('addWorkingHours got hours = -1. Pass a number of working hours ≥ 0, e.g. 4 or 1.5.');
  });
});

describe('workingTimeBetween', () => {
  it.each([
    ['2026-03-09T07:30:00+07:00', '2026-03-09T17:00:00+07:00', 480, 'one working day'],
    ['2026-03-09T10:00:00+07:00', '2026-03-09T14:00:00+07:00', 150, 'lunch excluded'],
    ['2026-03-09T14:00:00+07:00', '2026-03-09T10:00:00+07:00', -150, 'reversed'],
    ['2026-03-09T10:00:00+07:00', '2026-03-09T10:00:00+07:00', 0, 'same instant'],
    ['2026-03-06T16:00:00+07:00', '2026-03-09T08:30:00+07:00', 120, 'across a weekend'],
    ['2026-03-07T08:00:00+07:00', '2026-03-08T12:00:00+07:00', 0, 'inside a weekend'],
    ['2026-02-13T16:00:00+07:00', '2026-02-25T17:00:00+07:00', 1500, 'across the Tết break (60 + 3 × 480)'],
    ['2025-12-31T16:00:00+07:00', '2026-01-05T08:30:00+07:00', 120, 'across the New Year break'],
    ['2026-03-09T11:29:30+07:00', '2026-03-09T13:00:30+07:00', 1, 'seconds count'],
  ])('%s → %s = %i min (%s)', (a, b, minutes) => {
    expect(workingTimeBetween(cal, at(a), at(b))).toBe(minutes);
  });

  it('counts Saturday mornings for a unit open then (60 + 240 + 60)', () => {
    expect(workingTimeBetween(cal, at('2026-03-06T16:00:00+07:00'), at('2026-03-09T08:30:00+07:00'), saturdayUnit)).toBe(
      360,
    );
  });

  it('is the inverse of addWorkingHours over the Tết break', () => {
    const from = at('2026-02-13T16:00:00+07:00');
    expect(workingTimeBetween(cal, from, addWorkingHours(cal, from, 4))).toBe(240);
  });
});

describe('opening hours', () => {
  it.each<[OpeningHours, string]>([
    [
      { weekday: [] },
      'Opening hours have no weekday period, so no time limit could ever run. Give at least one, e.g. weekday: [{ from: "07:30", to: "11:30" }, { from: "13:00", to: "17:00" }].',
    ],
    [
      { weekday: [{ from: '7:30', to: '11:30' }] },
      'Opening period weekday[0] has "7:30", which is not a time of day. Write HH:MM, e.g. "07:30".',
    ],
    [
      { weekday: [{ from: '07:30', to: '11:30' }, { from: '13:00', to: '12:00' }] },
      'Opening period weekday[1] 13:00–12:00 does not end after it starts. Write from < to, e.g. { from: "13:00", to: "17:00" }.',
    ],
    [
      { weekday: [{ from: '07:30', to: '11:30' }], saturday: [{ from: '08:00', to: '12:00' }, { from: '11:00', to: '12:30' }] },
      'Opening period saturday[1] 11:00–12:30 starts before the previous period ends. List saturday periods in order, without overlaps.',
    ],
  ])('rejects %j', (openingHours, message) => {
    const error = thrown(() => nextWorkingMoment(cal, at('2026-03-09T10:00:00+07:00'), { openingHours }));
    expect(error.code).toBe('calendar.invalid-argument');
    expect(error.message).toBe(message);
  });
});
