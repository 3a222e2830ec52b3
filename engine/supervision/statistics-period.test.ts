import { describe, expect, it } from 'vitest';
import { loadCatalogueCalendar } from '../../test/calendar-fixtures.ts';
import { MotcuaError } from '../motcua-error.ts';
import { endedReportPeriods, parsePeriod, splitByMonth } from './statistics-period.ts';

const calendar = loadCatalogueCalendar();

describe('statistics periods (Asia/Ho_Chi_Minh)', () => {
  it('reads local dates as local midnights, the end exclusive', () => {
    const p = parsePeriod(calendar, '2026-02-01', '2026-04-01');
    expect([p.from.toISOString(), p.to.toISOString()]).toEqual(['2026-01-31T17:00:00.000Z', '2026-03-31T17:00:00.000Z']);
  });

  it('names a wrong period and how to fix it', () => {
    const error = (() => {
      try {
        parsePeriod(calendar, '2026-2-1', '2026-04-01');
      } catch (e) {
        return e as MotcuaError;
      }
    })();
    expect([error?.code, error?.message]).toEqual(['request.invalid', 'from must be a local date YYYY-MM-DD, e.g. from=2026-03-01; got "2026-2-1"']);
  });

  it('splits a period into calendar months, clipped to it', () => {
    expect(splitByMonth(calendar, parsePeriod(calendar, '2026-01-15', '2026-03-10')).map((m) => [m.key, m.period.fromDate, m.period.toDate])).toEqual([
      ['2026-01', '2026-01-15', '2026-02-01'],
      ['2026-02', '2026-02-01', '2026-03-01'],
      ['2026-03', '2026-03-01', '2026-03-10'],
    ]);
  });

  it('reports each working day of the last week, and last month early in a month', () => {
    // Monday 23 February 2026, just after midnight: the week before was Tết (16–20 February off).
    expect(endedReportPeriods(calendar, new Date('2026-02-23T00:10:00+07:00')).map((r) => `${r.kind} ${r.period.fromDate}`)).toEqual([]);
    // Thursday 2 April: 26, 27, 30, 31 March and 1 April were working days; March ended two days ago.
    expect(endedReportPeriods(calendar, new Date('2026-04-02T00:10:00+07:00')).map((r) => `${r.kind} ${r.period.fromDate}`)).toEqual([
      'daily 2026-03-26', 'daily 2026-03-27', 'daily 2026-03-30', 'daily 2026-03-31', 'daily 2026-04-01', 'monthly 2026-03-01',
    ]);
  });
});
