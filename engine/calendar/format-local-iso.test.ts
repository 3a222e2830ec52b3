import { describe, expect, it } from 'vitest';
import { CalendarError, createCalendarFromTexts, formatLocalIso, parseLocalDateTime } from './index.ts';

// Formatting needs only the zone, so a plain year written here is enough.
const cal = createCalendarFromTexts(
  [2026, 2027].map((year) => ({
    fileName: `vn-${year}.yaml`,
    text: `year: ${year}\ntimeZone: Asia/Ho_Chi_Minh\nutcOffset: "+07:00"\nholidays: []\ndaysOff: []\nworkingDays: []\n`,
  })),
);

describe('formatLocalIso', () => {
  it.each([
    ['2026-02-25T10:00:00Z', '2026-02-25T17:00:00+07:00'],
    // Still 31 Dec in UTC, already New Year in Hà Nội.
    ['2026-12-31T17:00:00Z', '2027-01-01T00:00:00+07:00'],
    ['2026-02-13T09:00:00.250Z', '2026-02-13T16:00:00.250+07:00'],
  ])('%s → %s', (instant, expected) => {
    expect(formatLocalIso(cal, new Date(instant))).toBe(expected);
  });
});

describe('parseLocalDateTime', () => {
  it.each([
    ['2026-02-13T16:00', '2026-02-13T09:00:00.000Z'],
    ['2026-02-13T16:00:30', '2026-02-13T09:00:30.000Z'],
    ['2026-02-13T16:00:30.5', '2026-02-13T09:00:30.500Z'],
    ['2026-02-13T16:00+07:00', '2026-02-13T09:00:00.000Z'],
    ['2026-02-13T09:00Z', '2026-02-13T09:00:00.000Z'],
    ['2026-02-13T16:00-05:00', '2026-02-13T21:00:00.000Z'],
    ['2026-01-01T03:00', '2025-12-31T20:00:00.000Z'],
  ])('%s → %s', (text, expected) => {
    expect(parseLocalDateTime(cal, text).toISOString()).toBe(expected);
  });

  it.each([['2026-02-13 16:00'], ['2026-02-30T10:00'], ['2026-02-13T24:00'], ['2026-02-13'], ['2026-02-13T16:00+25:00']])(
    'rejects %s',
    (text) => {
      let error: unknown;
      try {
        parseLocalDateTime(cal, text);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(CalendarError);
      expect((error as CalendarError).code).toBe('calendar.invalid-argument');
      expect((error as CalendarError).message).toBe(
        `"${text}" is not a date-time. Write YYYY-MM-DDTHH:MM, read as Asia/Ho_Chi_Minh time (e.g. 2026-02-13T16:00), or add an offset (e.g. 2026-02-13T16:00+07:00).`,
      );
    },
  );
});
