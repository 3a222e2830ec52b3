// The at-risk instant of a list (atRiskLimit) gives every dossier the answer
// isAtRisk gives it alone, and a view's atRisk agrees with isAtRisk.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadCatalogueCalendar } from '../../test/calendar-fixtures.ts';
import { atRiskLimit, isAtRisk, isAtRiskBefore, workingMinutesLeft } from './dossier-view.ts';

const calendar = loadCatalogueCalendar();
const from = Date.parse('2026-01-01T00:00:00+07:00');
const to = Date.parse('2026-12-01T00:00:00+07:00');
// Instants on whole minutes, as due dates are; now anywhere, due within five weeks either side.
const instant = fc.integer({ min: from / 60_000, max: to / 60_000 }).map((m) => new Date(m * 60_000));
const offset = fc.integer({ min: -35 * 24 * 60, max: 35 * 24 * 60 });

describe('at risk', () => {
  it('atRiskLimit + isAtRiskBefore answer as isAtRisk, at every instant of the 2026 calendar', () => {
    fc.assert(
      fc.property(instant, offset, fc.boolean(), (now, minutes, paused) => {
        const d = { dueAt: new Date(now.getTime() + minutes * 60_000), pausedAt: paused ? now : null, closedAt: null };
        expect(isAtRiskBefore(d, now, atRiskLimit(now, calendar))).toBe(isAtRisk(d, now, calendar));
      }),
      { numRuns: 3000 },
    );
  });

  it('a dossier due at Friday’s close is at risk from Thursday’s close, not at 17:00 on Thursday itself', () => {
    const due = new Date('2026-03-06T17:00:00+07:00');
    const d = { dueAt: due, pausedAt: null, closedAt: null };
    const thursdayClose = new Date('2026-03-05T17:00:00+07:00');
    const justAfter = new Date('2026-03-05T17:00:01+07:00');
    const fridayOpen = new Date('2026-03-06T07:30:00+07:00'); // the catalogue calendar opens at 07:30, lunch 11:30–13:00
    expect([thursdayClose, justAfter, fridayOpen].map((now) => [workingMinutesLeft(d, now, calendar), isAtRiskBefore(d, now, atRiskLimit(now, calendar))])).toEqual([
      [480, false],
      [480, false],
      [480, false],
    ]);
    expect(isAtRiskBefore(d, new Date('2026-03-06T07:31:00+07:00'), atRiskLimit(new Date('2026-03-06T07:31:00+07:00'), calendar))).toBe(true);
  });
});
