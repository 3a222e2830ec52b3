import { describe, expect, it } from 'vitest';
import { workingTimeBetween } from '../calendar/index.ts';
import { loadCatalogueCalendar } from '../../test/calendar-fixtures.ts';
import { createWorkingClock } from './working-clock.ts';

const calendar = loadCatalogueCalendar();

describe('createWorkingClock', () => {
  it('gives the same working minutes as workingTimeBetween, in any order of questions, across Tết and weekends', () => {
    const clock = createWorkingClock(calendar);
    const pairs = [
      ['2026-03-02T09:00', '2026-03-03T16:00'],
      ['2026-02-12T14:00', '2026-02-23T10:00'],
      ['2025-12-31T10:00', '2026-01-05T08:15'],
      ['2026-03-16T09:00', '2026-03-12T09:00'],
      ['2026-02-14T09:00', '2026-02-22T23:00'],
      ['2026-03-04T12:00', '2026-03-04T12:30'],
    ].map(([a, b]) => [new Date(`${a}:00+07:00`), new Date(`${b}:00+07:00`)] as const);
    expect(pairs.map(([a, b]) => clock.between(a, b))).toEqual(pairs.map(([a, b]) => workingTimeBetween(calendar, a, b)));
    // 6.5 + 7 h; 3 + 8 + 2.5 h around Tết; 5.5 h on 31 Dec, 1–4 Jan off, 45 min on 5 Jan; backwards 16 h; Tết; lunch break.
    expect(pairs.map(([a, b]) => clock.between(a, b))).toEqual([810, 810, 375, -960, 0, 0]);
  });

  it('places instants on one working-time line, the same for every clock of the calendar, never going back', () => {
    const at = (local: string) => new Date(`${local}:00+07:00`);
    const instants = ['2026-02-12T14:00', '2026-02-14T09:00', '2026-02-23T10:00', '2026-03-02T09:00', '2026-03-04T12:00', '2026-03-04T12:30'].map(at);
    const first = createWorkingClock(calendar);
    const second = createWorkingClock(calendar);
    // Asked in another order, a second clock agrees to the minute.
    const positions = instants.map((t) => first.position(t));
    expect([...instants].reverse().map((t) => second.position(t)).reverse()).toEqual(positions);
    expect(positions.slice(1).map((p, i) => p - positions[i]!)).toEqual(instants.slice(1).map((t, i) => workingTimeBetween(calendar, instants[i]!, t)));
    // 3 + 8 h to Friday 13 Feb, Tết; 2.5 h on the 23rd; 5.5 h + four days + 1.5 h; 6.5 + 8 + 4 h; the lunch break.
    expect(positions.slice(1).map((p, i) => p - positions[i]!)).toEqual([660, 150, 2340, 1110, 0]);
  });
});
