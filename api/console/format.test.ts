// The console's date and working-time wording, as the desk reads it.
import { describe, expect, it } from 'vitest';

// The console is plain browser JavaScript without type declarations: load it untyped and name what the test uses.
interface Format {
  describeWorkingTime(minutes: number | null, overdue?: boolean): [string, string] | null;
  formatDate(iso: string | null): string;
  formatDateTime(iso: string | null): string;
  readDayMonthYear(text: string): string;
}
const modulePath = './format.js';
const { describeWorkingTime, formatDate, formatDateTime, readDayMonthYear } = (await import(modulePath)) as Format;

describe('dates as Vietnamese forms write them', () => {
  it('shows instants as dd/mm/yyyy HH:mm in Vietnam time, whatever the machine’s zone', () => {
    expect(formatDateTime('2026-03-02T10:00:00.000Z')).toBe('02/03/2026 17:00');
    expect(formatDate('2026-03-02T17:30:00.000Z')).toBe('03/03/2026');
    expect(formatDate(null)).toBe('—');
  });

  it('reads dd/mm/yyyy (and d/m/yyyy, dots, dashes) as the API’s yyyy-mm-dd; anything else as typed', () => {
    expect(readDayMonthYear('20/02/2026')).toBe('2026-02-20');
    expect(readDayMonthYear(' 5/3/2026 ')).toBe('2026-03-05');
    expect(readDayMonthYear('05.03.2026')).toBe('2026-03-05');
    expect(readDayMonthYear('2026-02-20')).toBe('2026-02-20');
    expect(readDayMonthYear('mai')).toBe('mai');
  });
});

describe('the working-time countdown', () => {
  it('counts 8-hour working days, then hours; minutes only under a day', () => {
    expect(describeWorkingTime(450)).toEqual(['còn 7 giờ 30 phút làm việc', '7 h 30 min of working time left']);
    expect(describeWorkingTime(3 * 480 + 150)).toEqual(['còn 3 ngày 2 giờ làm việc', '3 d 2 h of working time left']);
    expect(describeWorkingTime(0)).toEqual(['còn 0 phút làm việc', '0 min of working time left']);
  });

  it('says how late, and "overdue" when the lateness is all outside working hours', () => {
    expect(describeWorkingTime(-90, true)).toEqual(['quá hạn 1 giờ 30 phút làm việc', '1 h 30 min of working time late']);
    expect(describeWorkingTime(0, true)).toEqual(['đã quá hạn', 'overdue']);
  });

  it('has nothing to say without a running clock', () => {
    expect(describeWorkingTime(null)).toBe(null);
  });
});
