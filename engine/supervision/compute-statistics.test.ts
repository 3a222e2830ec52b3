// The national portal's rules that the HTTP fixture does not reach, on facts
// built by hand: a second supplement request makes a dossier late whatever its
// dates; the clock paused for the applicant is not overdue; post and online
// reception; the nearest-rank 90th percentile.
import { describe, expect, it } from 'vitest';
import { loadCatalogueCalendar } from '../../test/calendar-fixtures.ts';
import { computeFigures } from './compute-statistics.ts';
import type { DossierFacts } from './dossier-facts.ts';
import { parsePeriod } from './statistics-period.ts';

const calendar = loadCatalogueCalendar();
const at = (local: string) => new Date(`${local}:00+07:00`);
const march = parsePeriod(calendar, '2026-03-01', '2026-04-01');
const now = at('2026-03-20T09:00');

function facts(over: Partial<DossierFacts>): DossierFacts {
  return {
    id: 'x', receiptCode: 'x', procedureCode: '1.001612', state: 'returned', receivingUnit: 'hop-thinh', competentUnit: 'hop-thinh', currentUnit: 'hop-thinh',
    receivedAt: at('2026-03-02T08:00'), dueAt: at('2026-03-05T08:00'), pausedAt: null, finishedAt: null, extendedAt: null, channel: 'desk', paidOnline: false,
    hasFee: false, digitizedComponents: false, digitizedResult: false, rating: null, visits: [], ...over,
  };
}

const supplement = (from: string, to: string) => ({ state: 'awaiting-supplement-in-appraisal', unit: 'hop-thinh', enteredAt: at(from), leftAt: at(to), supplement: true });

describe('computeFigures', () => {
  it('counts a dossier asked for a supplement twice as late, though it finished early', () => {
    const twice = facts({ finishedAt: at('2026-03-03T10:00'), visits: [supplement('2026-03-02T09:00', '2026-03-02T10:00'), supplement('2026-03-02T13:00', '2026-03-02T14:00')] });
    const once = facts({ finishedAt: at('2026-03-03T10:00'), visits: [supplement('2026-03-02T09:00', '2026-03-02T10:00')] });
    expect(computeFigures([twice], march, now, calendar).finished).toEqual({ total: 1, early: 0, onTime: 0, late: 1 });
    expect(computeFigures([once], march, now, calendar).finished).toEqual({ total: 1, early: 1, onTime: 0, late: 0 });
    // 08:00 → next day 10:00 is 3.5 + 4 + 2.5 = 10 working hours, less 1 hour with the applicant: 9 h = 1.13 days.
    expect(computeFigures([once], march, now, calendar).processingDays).toEqual({ average: 1.13, p90: 1.13 });
  });

  it('does not count an open dossier waiting for the applicant as overdue, though its date passed', () => {
    const waiting = facts({ state: 'awaiting-supplement-in-appraisal', pausedAt: at('2026-03-04T09:00') });
    const running = facts({ state: 'appraisal' });
    expect(computeFigures([waiting, running], march, now, calendar).open).toEqual({ withinTime: 1, overdue: 1 });
    expect(computeFigures([waiting, running], march, now, calendar).onTimeRate).toBe(0.5);
  });

  it('shares reception channels and online payment among dossiers of procedures with a fee', () => {
    const all = [facts({ channel: 'online', hasFee: true, paidOnline: true }), facts({ channel: 'post', hasFee: true }), facts({ channel: 'desk' }), facts({ channel: 'online' })];
    const f = computeFigures(all, march, now, calendar);
    expect(f.received).toEqual({ total: 4, desk: 1, online: 2, post: 1 });
    expect(f.shares.receivedOnline).toBe(0.5);
    expect(f.shares.paidOnline).toBe(0.5);
    expect(f.indicators.find((i) => i.id === 'online-payment')).toEqual({ id: 'online-payment', group: 'online', value: 0.5, fullAt: 1, maxPoints: 6, points: 3 });
  });

  it('takes the nearest-rank 90th percentile of processing days', () => {
    // Ten dossiers received Monday 2 March 08:00 and finished 1 to 10 working hours later (morning 3.5 h, then from 13:00).
    const ends = ['09:00', '10:00', '11:00', '11:30'].map((t) => `2026-03-02T${t}`).concat(['14:00', '15:00', '16:00', '17:00'].map((t) => `2026-03-02T${t}`), ['2026-03-03T08:30', '2026-03-03T09:30']);
    const f = computeFigures(ends.map((end) => facts({ dueAt: at('2026-03-20T08:00'), finishedAt: at(end) })), march, now, calendar);
    // Hours: 1, 2, 3, 3.5, 4.5, 5.5, 6.5, 7.5, 8.5, 9.5 → days 0.13 … 1.19; the 9th of 10 is 8.5 h = 1.06 days.
    // Mean: (0.13 + 0.25 + 0.38 + 0.44 + 0.56 + 0.69 + 0.81 + 0.94 + 1.06 + 1.19) / 10 = 0.645 exactly, half up → 0.65
    // (summed in hundredths, so floating-point noise cannot turn it into 0.6449…).
    expect(f.processingDays).toEqual({ average: 0.65, p90: 1.06 });
  });

  it('leaves out a dossier finished before the period and counts one finished after it as still open', () => {
    const before = facts({ receivedAt: at('2026-02-24T08:00'), dueAt: at('2026-02-27T08:00'), finishedAt: at('2026-02-26T08:00') });
    const after = facts({ receivedAt: at('2026-03-30T08:00'), dueAt: at('2026-04-02T08:00'), finishedAt: at('2026-04-01T10:00') });
    const f = computeFigures([before, after], march, at('2026-04-05T09:00'), calendar);
    expect([f.received.total, f.processed, f.finished.total, f.open]).toEqual([1, 1, 0, { withinTime: 1, overdue: 0 }]);
  });
});
