import { describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  applyCutoff,
  computeDueAt,
  isWorkingDay,
  type TimeLimit,
} from './index.ts';
import { loadCatalogueCalendar, SATURDAY_MORNINGS, thrownCalendarError } from '../../test/calendar-fixtures.ts';

const cal = loadCatalogueCalendar();


const at = (text: string): Date => new Date(text);

const thrown = thrownCalendarError;

describe('isWorkingDay', () => {
  it.each([
    ['2025-01-01', false, 'New Year, Wednesday'],
    ['2025-01-24', true, 'Friday before Tết'],
    ['2025-01-25', false, 'first day of the Tết break (Saturday)'],
    ['2025-01-29', false, 'mùng 1 Tết'],
    ['2025-02-02', false, 'last day of the Tết break (Sunday)'],
    ['2025-02-03', true, 'Monday after Tết'],
    ['2025-04-07', false, 'Hùng Kings, Monday'],
    ['2025-04-26', true, 'make-up Saturday for 2 May'],
    ['2025-04-30', false, 'Reunification Day'],
    ['2025-05-02', false, 'Friday swapped off'],
    ['2025-05-05', true, 'Monday after the break'],
    ['2025-09-01', false, 'National Day, adjacent Monday'],
    ['2025-09-02', false, 'National Day'],
    ['2025-09-03', true, 'Wednesday after National Day'],
    ['2025-12-31', true, 'Wednesday'],
    ['2026-01-01', false, 'New Year, Thursday'],
    ['2026-01-02', false, 'Friday swapped off'],
    ['2026-01-03', false, 'Saturday'],
    ['2026-01-05', true, 'Monday'],
    ['2026-01-10', true, 'make-up Saturday for 2 Jan'],
    ['2026-01-11', false, 'Sunday after the make-up Saturday'],
    ['2026-01-17', false, 'ordinary Saturday'],
    ['2026-02-13', true, 'Friday before the Tết break'],
    ['2026-02-16', false, 'Tết, Monday'],
    ['2026-02-22', false, 'last day of the Tết break (Sunday)'],
    ['2026-02-23', true, 'Monday after Tết'],
    ['2026-04-27', false, 'compensatory day for Hùng Kings on Sunday 26 Apr'],
    ['2026-04-28', true, 'Tuesday'],
    ['2026-04-30', false, 'Reunification Day, Thursday'],
    ['2026-05-01', false, 'Labour Day, Friday'],
    ['2026-08-21', true, 'Friday before the make-up Saturday'],
    ['2026-08-22', true, 'make-up Saturday for 31 Aug (PM approval, Oct 2025)'],
    ['2026-08-29', false, 'first day of the National Day break (Saturday)'],
    ['2026-08-31', false, 'Monday swapped off for National Day'],
    ['2026-09-01', false, 'National Day adjacent day, Tuesday'],
    ['2026-09-02', false, 'National Day, Wednesday'],
    ['2026-09-03', true, 'Thursday after National Day'],
    ['2027-01-01', false, 'New Year, Friday'],
    ['2027-02-03', true, 'Wednesday before Tết'],
    ['2027-02-04', false, 'first day of the Tết break (UNVERIFIED: 2020 precedent)'],
    ['2027-02-10', false, 'last day of the Tết break (UNVERIFIED: 2020 precedent)'],
    ['2027-02-11', true, 'Thursday after Tết'],
    ['2027-04-16', false, 'Hùng Kings, Friday'],
    ['2027-04-30', false, 'Reunification Day, Friday'],
    ['2027-05-03', false, 'compensatory day for Labour Day on Saturday'],
    ['2027-05-04', true, 'Tuesday'],
    ['2027-09-02', false, 'National Day, Thursday'],
    ['2027-09-03', false, 'National Day, adjacent Friday (UNVERIFIED: 2021 precedent)'],
    ['2027-12-31', true, 'last declared day, Friday'],
  ])('%s → %s (%s)', (date, expected) => {
    expect(isWorkingDay(cal, date)).toBe(expected);
  });

  it.each([
    // 2026-01-10 00:30 in Hà Nội: the make-up Saturday, although it is still Friday in UTC.
    ['2026-01-09T17:30:00Z', true],
    ['2026-01-10T16:59:59Z', true],
    // 2026-01-11 00:00 local: Sunday.
    ['2026-01-10T17:00:00Z', false],
  ])('reads the local date of the instant %s → %s', (instant, expected) => {
    expect(isWorkingDay(cal, at(instant))).toBe(expected);
  });

  it('rejects a date that does not exist', () => {
    const error = thrown(() => isWorkingDay(cal, '2026-02-30'));
    expect(error.code).toBe('calendar.invalid-argument');
    expect(error.message).toBe('"2026-02-30" is not a date. Write a real date as YYYY-MM-DD, e.g. "2026-01-10".');
  });
});

describe('addWorkingDays', () => {
  it.each([
    // Tết 14–22 Feb; 23, 24, 25 Feb count. 16:00 is inside opening hours: received that Friday.
    ['2026-02-13T16:00:00+07:00', 3, '2026-02-25T17:00:00+07:00'],
    // 1 Jan holiday, 2 Jan swapped off, 3–4 Jan weekend; 5, 6, 7 Jan count.
    ['2025-12-31T10:00:00+07:00', 3, '2026-01-07T17:00:00+07:00'],
    // Sat 10 Jan 2026 is a make-up working day.
    ['2026-01-09T10:00:00+07:00', 1, '2026-01-10T17:00:00+07:00'],
    ['2026-01-09T10:00:00+07:00', 2, '2026-01-12T17:00:00+07:00'],
    // Sat 26 Apr 2025 is a make-up day; 30 Apr, 1 May holidays, 2 May swapped, 3–4 May weekend.
    ['2025-04-25T10:00:00+07:00', 1, '2025-04-26T17:00:00+07:00'],
    ['2025-04-25T10:00:00+07:00', 4, '2025-05-05T17:00:00+07:00'],
    // After the close: received at Monday's opening, counting starts Tuesday 24 Feb.
    ['2026-02-13T17:30:00+07:00', 3, '2026-02-26T17:00:00+07:00'],
    // Filed on a Sunday: received Monday 9 Mar, Tuesday counts.
    ['2026-03-08T09:00:00+07:00', 1, '2026-03-10T17:00:00+07:00'],
    // Across the year end: 1 Jan 2027 holiday, 2–3 Jan weekend.
    ['2026-12-31T10:00:00+07:00', 1, '2027-01-04T17:00:00+07:00'],
    // Hùng Kings on Sunday 26 Apr 2026, compensatory Monday 27 Apr.
    ['2026-04-24T09:00:00+07:00', 2, '2026-04-29T17:00:00+07:00'],
    // National Day 2026: Sat 22 Aug is worked, Sat 29 Aug – Wed 2 Sep off (Mon 31 Aug swapped).
    ['2026-08-21T10:00:00+07:00', 1, '2026-08-22T17:00:00+07:00'],
    ['2026-08-28T10:00:00+07:00', 1, '2026-09-03T17:00:00+07:00'],
    // Tết 2027 assumed Thu 4 – Wed 10 Feb (UNVERIFIED, 2020 precedent).
    ['2027-02-03T10:00:00+07:00', 1, '2027-02-11T17:00:00+07:00'],
    // A construction permit: 7 working days, one weekend inside.
    ['2026-03-09T10:00:00+07:00', 7, '2026-03-18T17:00:00+07:00'],
    // 0 days: the close of the reception day.
    ['2026-03-10T10:00:00+07:00', 0, '2026-03-10T17:00:00+07:00'],
    ['2026-03-07T10:00:00+07:00', 0, '2026-03-09T17:00:00+07:00'],
    // The instant's zone does not matter: 09:30Z is 16:30 in Hà Nội.
    ['2026-02-13T09:30:00Z', 3, '2026-02-25T10:00:00Z'],
  ])('received %s + %i working days → %s', (received, days, due) => {
    expect(addWorkingDays(cal, at(received), days)).toEqual(at(due));
  });

  it.each([
    // The counter is open on Saturday morning: received Saturday, Monday is day 1.
    [SATURDAY_MORNINGS, '2026-03-11T17:00:00+07:00'],
    // Office hours: a Saturday filing is received Monday, Tuesday is day 1.
    [undefined, '2026-03-12T17:00:00+07:00'],
  ])('a Saturday-morning reception starts the count on Monday (opening hours %#)', (openingHours, due) => {
    const opts = openingHours ? { openingHours } : {};
    expect(addWorkingDays(cal, at('2026-03-07T10:00:00+07:00'), 3, opts)).toEqual(at(due));
  });

  it('refuses to guess past the last declared year', () => {
    // Fri 31 Dec 2027 counts, then 1 Jan 2028 is undeclared.
    const error = thrown(() => addWorkingDays(cal, at('2027-12-30T10:00:00+07:00'), 3));
    expect(error.code).toBe('calendar.out-of-range');
    expect(error.message).toBe(
      '2028-01-01 is outside every declared calendar (2025–2027). Add procedures/calendars/vn-2028.yaml.',
    );
    expect(error.details).toEqual({ date: '2028-01-01', declaredYears: [2025, 2026, 2027] });
  });

  it.each([[-1], [1.5], [Number.NaN]])('rejects days = %s', (days) => {
    const error = thrown(() => addWorkingDays(cal, at('2026-03-10T10:00:00+07:00'), days));
    expect(error.code).toBe('calendar.invalid-argument');
    expect(error.message).toBe(
      `addWorkingDays got days = ${days}; working days are counted whole. Pass an integer ≥ 0, or use addWorkingHours for parts of a day.`,
    );
  });
});

describe('applyCutoff', () => {
  it.each([
    ['2026-03-10T14:59:00+07:00', '15:00', '2026-03-10T14:59:00+07:00'],
    ['2026-03-10T15:00:00+07:00', '15:00', '2026-03-11T07:30:00+07:00'],
    ['2026-03-10T15:30:00+07:00', '15:00', '2026-03-11T07:30:00+07:00'],
    // Before opening is not after the cut-off: received at today's opening.
    ['2026-03-10T06:00:00+07:00', '15:00', '2026-03-10T07:30:00+07:00'],
    ['2026-03-10T18:00:00+07:00', '15:00', '2026-03-11T07:30:00+07:00'],
    ['2026-03-08T10:00:00+07:00', '15:00', '2026-03-09T07:30:00+07:00'],
    // 30 Apr, 1 May holidays, 2–3 May weekend.
    ['2026-04-29T15:30:00+07:00', '15:00', '2026-05-04T07:30:00+07:00'],
    ['2025-12-31T15:30:00+07:00', '15:00', '2026-01-05T07:30:00+07:00'],
    ['2026-03-10T15:30:00+07:00', '16:00', '2026-03-10T15:30:00+07:00'],
  ])('received %s, cut-off %s → counts from %s', (received, cutoff, expected) => {
    expect(applyCutoff(cal, at(received), cutoff)).toEqual(at(expected));
  });

  it('defaults to 15:00', () => {
    expect(applyCutoff(cal, at('2026-03-10T15:00:00+07:00'))).toEqual(at('2026-03-11T07:30:00+07:00'));
  });

  it('rejects a cut-off that is not a time', () => {
    const error = thrown(() => applyCutoff(cal, at('2026-03-10T15:00:00+07:00'), '25:00'));
    expect(error.code).toBe('calendar.invalid-argument');
    expect(error.message).toBe('Cut-off "25:00" is not a time of day. Write it as HH:MM, e.g. "15:00".');
  });
});

describe('computeDueAt', () => {
  it.each<[string, string, TimeLimit, string, string, string[]]>([
    [
      'household business registration, Friday before Tết',
      '2026-02-13T16:00:00+07:00',
      { workingDays: 3 },
      '2026-02-25T17:00:00+07:00',
      '2026-02-23T07:30:00+07:00',
      ['2026-02-23', '2026-02-24', '2026-02-25'],
    ],
    [
      'over the New Year swap',
      '2025-12-31T10:00:00+07:00',
      { workingDays: 3 },
      '2026-01-07T17:00:00+07:00',
      '2026-01-05T07:30:00+07:00',
      ['2026-01-05', '2026-01-06', '2026-01-07'],
    ],
    [
      'due on the make-up Saturday',
      '2026-01-09T10:00:00+07:00',
      { workingDays: 1 },
      '2026-01-10T17:00:00+07:00',
      '2026-01-10T07:30:00+07:00',
      ['2026-01-10'],
    ],
    [
      'same day, received 15:30 on a Tuesday',
      '2026-03-10T15:30:00+07:00',
      { sameDay: true },
      '2026-03-11T17:00:00+07:00',
      '2026-03-11T07:30:00+07:00',
      ['2026-03-11'],
    ],
    [
      'same day, received 14:59 on a Tuesday',
      '2026-03-10T14:59:00+07:00',
      { sameDay: true },
      '2026-03-10T17:00:00+07:00',
      '2026-03-10T14:59:00+07:00',
      ['2026-03-10'],
    ],
    [
      'same day, received exactly at the cut-off',
      '2026-03-10T15:00:00+07:00',
      { sameDay: true },
      '2026-03-11T17:00:00+07:00',
      '2026-03-11T07:30:00+07:00',
      ['2026-03-11'],
    ],
    [
      'same day, filed on a Sunday',
      '2026-03-08T09:00:00+07:00',
      { sameDay: true },
      '2026-03-09T17:00:00+07:00',
      '2026-03-09T07:30:00+07:00',
      ['2026-03-09'],
    ],
    [
      'same day, 15:30 on the Friday before Tết',
      '2026-02-13T15:30:00+07:00',
      { sameDay: true },
      '2026-02-23T17:00:00+07:00',
      '2026-02-23T07:30:00+07:00',
      ['2026-02-23'],
    ],
    [
      'same day with a 16:00 cut-off',
      '2026-03-10T15:30:00+07:00',
      { sameDay: true, cutoff: '16:00' },
      '2026-03-10T17:00:00+07:00',
      '2026-03-10T15:30:00+07:00',
      ['2026-03-10'],
    ],
    [
      '4 working hours over the Tết break',
      '2026-02-13T16:00:00+07:00',
      { workingHours: 4 },
      '2026-02-23T10:30:00+07:00',
      '2026-02-13T16:00:00+07:00',
      ['2026-02-13', '2026-02-23'],
    ],
    [
      '8 working hours from the opening: one full day',
      '2026-03-10T07:30:00+07:00',
      { workingHours: 8 },
      '2026-03-10T17:00:00+07:00',
      '2026-03-10T07:30:00+07:00',
      ['2026-03-10'],
    ],
    [
      '2 working hours filed over lunch',
      '2026-03-10T12:15:00+07:00',
      { workingHours: 2 },
      '2026-03-10T15:00:00+07:00',
      '2026-03-10T13:00:00+07:00',
      ['2026-03-10'],
    ],
  ])('%s', (_, received, limit, dueAt, startsAt, countedDates) => {
    expect(computeDueAt(cal, at(received), limit)).toEqual({
      dueAt: at(dueAt),
      startsAt: at(startsAt),
      workingDaysCounted: countedDates.length,
      countedDates,
    });
  });

  it.each<[string, string, TimeLimit, string, string, string[]]>([
    [
      'same day on a Saturday morning: due at the Saturday close',
      '2026-03-07T09:00:00+07:00',
      { sameDay: true },
      '2026-03-07T11:30:00+07:00',
      '2026-03-07T09:00:00+07:00',
      ['2026-03-07'],
    ],
    [
      'same day after Friday’s cut-off: next opening is Saturday morning',
      '2026-03-06T15:30:00+07:00',
      { sameDay: true },
      '2026-03-07T11:30:00+07:00',
      '2026-03-07T07:30:00+07:00',
      ['2026-03-07'],
    ],
    [
      'the counter is closed on a Saturday inside the Tết break',
      '2026-02-14T09:00:00+07:00',
      { sameDay: true },
      '2026-02-23T17:00:00+07:00',
      '2026-02-23T07:30:00+07:00',
      ['2026-02-23'],
    ],
    [
      'working days still skip the Saturday',
      '2026-03-06T10:00:00+07:00',
      { workingDays: 1 },
      '2026-03-09T17:00:00+07:00',
      '2026-03-09T07:30:00+07:00',
      ['2026-03-09'],
    ],
    [
      'working hours run on Saturday morning',
      '2026-03-06T16:00:00+07:00',
      { workingHours: 6 },
      '2026-03-09T08:30:00+07:00',
      '2026-03-06T16:00:00+07:00',
      ['2026-03-06', '2026-03-07', '2026-03-09'],
    ],
  ])('Saturday-morning unit: %s', (_, received, limit, dueAt, startsAt, countedDates) => {
    expect(computeDueAt(cal, at(received), limit, { openingHours: SATURDAY_MORNINGS })).toEqual({
      dueAt: at(dueAt),
      startsAt: at(startsAt),
      workingDaysCounted: countedDates.length,
      countedDates,
    });
  });

  it.each<[TimeLimit, string]>([
    [
      { workingDays: 0 },
      'A limit of 0 working days is not a whole number ≥ 1. Use { sameDay: true } for a same-day procedure, { workingHours: n } for parts of a day.',
    ],
    [
      { workingDays: 2.5 },
      'A limit of 2.5 working days is not a whole number ≥ 1. Use { sameDay: true } for a same-day procedure, { workingHours: n } for parts of a day.',
    ],
    [{ workingHours: -2 }, 'A limit of -2 working hours is not a number > 0. Write e.g. { workingHours: 4 }.'],
    [
      { sameDay: false } as unknown as TimeLimit,
      'Time limit {"sameDay":false} is not one of { workingDays: n }, { workingHours: n }, { sameDay: true }. Use one of those forms.',
    ],
  ])('rejects %j', (limit, message) => {
    const error = thrown(() => computeDueAt(cal, at('2026-03-10T10:00:00+07:00'), limit));
    expect(error.code).toBe('calendar.invalid-argument');
    expect(error.message).toBe(message);
  });
});
