// The stored summaries against a live recomputation, on the hand-computed
// fixture of test/supervision-fixture.ts: every closed dossier's summary is
// what summariseDossier makes of its live facts, and the statistics read from
// summaries equal the statistics computed from live facts alone, in every
// grouping, for a past period and for one still running.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem } from '../../../test/start-test-system.ts';
import { TestClock } from '../../../test/test-clock.ts';
import { fixtureNow, seedSupervisionFixture } from '../../../test/supervision-fixture.ts';
import { computeStatistics, type GroupBy } from '../../supervision/compute-statistics.ts';
import { parsePeriod } from '../../supervision/statistics-period.ts';
import { summariseDossier } from '../../supervision/summarise-dossier.ts';
import { createWorkingClock } from '../../supervision/working-clock.ts';
import { countQueuedSummaries, readStoredSummaries, writeSummaryCalendarKey } from '../../store/statistics-summary-store.ts';
import { readStatisticsFacts, type SupervisionFilter } from '../../store/supervision-store.ts';
import { computeFilteredStatistics } from './read-statistics.ts';
import { completeFacts, summariseClosedDossiers } from './summarise-closed-dossiers.ts';

let system: TestSystem;
let ids: Record<string, { id: string; receiptCode: string }>;
const everywhere: SupervisionFilter = { units: null, unitFilter: null, procedure: null, state: null, levelUnits: null };
const hopThinh: SupervisionFilter = { ...everywhere, units: ['hop-thinh'] };

beforeAll(async () => {
  system = await startTestSystem({ clock: new TestClock(fixtureNow), workers: false });
  ids = await seedSupervisionFixture(system.db);
});
afterAll(async () => {
  await system?.close();
});

async function liveFacts(filter: SupervisionFilter) {
  const all = Object.values(ids).map((d) => d.id);
  return completeFacts(system.ctx, await readStatisticsFacts(system.db, filter, { from: new Date(0), to: new Date('2100-01-01') }, { kind: 'ids', ids: all }));
}

describe('statistics summaries', () => {
  it('queues every closed dossier of the fixture and summarises each exactly as its live facts give', async () => {
    const facts = await liveFacts(everywhere);
    const closed = facts.filter((f) => f.closedAt !== null);
    expect(closed.map((f) => f.receiptCode).sort()).toEqual(['D1', 'D10', 'D2', 'D3', 'D4', 'D5', 'D6', 'D8', 'D9'].map((k) => ids[k]!.receiptCode).sort());
    expect(await countQueuedSummaries(system.db)).toBe(closed.length);

    const year = parsePeriod(system.calendar, '2026-01-01', '2027-01-01');
    expect(await summariseClosedDossiers(system.ctx, year)).toBe(closed.length);
    expect(await countQueuedSummaries(system.db)).toBe(0);

    const clock = createWorkingClock(system.calendar);
    const expected = closed.map((f) => summariseDossier({ ...f, closedAt: f.closedAt! }, system.calendar, clock)).sort((a, b) => a.dossierId.localeCompare(b.dossierId));
    expect(await readStoredSummaries(system.db, closed.map((f) => f.id))).toEqual(expected);
    // What the fixture's header works out by hand for a few of them.
    const byKey = new Map(expected.map((s) => [Object.entries(ids).find(([, d]) => d.id === s.dossierId)![0], s]));
    expect(['D1', 'D3', 'D9'].map((k) => byKey.get(k)!.verdict)).toEqual(['early', 'late', null]);
  });

  it('gives the same statistics from the summaries as from live facts alone, in every grouping, past and running periods, province and commune', async () => {
    const now = new Date(fixtureNow);
    for (const [from, to] of [['2026-02-01', '2026-04-01'], ['2026-03-01', '2026-04-01'], ['2026-01-01', '2026-02-01'], ['2026-03-09', '2026-03-10']]) {
      const period = parsePeriod(system.calendar, from, to);
      for (const filter of [everywhere, hopThinh]) {
        const facts = (await liveFacts(filter)).filter((f) => f.receivedAt < period.to && (f.closedAt === null || f.closedAt >= period.from));
        for (const groupBy of [null, 'unit', 'procedure', 'state', 'month'] as Array<GroupBy | null>) {
          const fromSummaries = await computeFilteredStatistics(system.ctx, filter, period, groupBy, now);
          expect({ from, groupBy, stats: fromSummaries }).toEqual({ from, groupBy, stats: computeStatistics(facts, period, { now, calendar: system.calendar, groupBy }) });
        }
      }
    }
  });

  it('summarises everything again when the working calendar changed since, with the same figures', async () => {
    const period = parsePeriod(system.calendar, '2026-02-01', '2026-04-01');
    const before = await computeFilteredStatistics(system.ctx, everywhere, period, 'unit', new Date(fixtureNow));
    await writeSummaryCalendarKey(system.db, 'a calendar of another year');
    expect(await summariseClosedDossiers(system.ctx, parsePeriod(system.calendar, '2026-01-01', '2027-01-01'))).toBe(9);
    expect(await computeFilteredStatistics(system.ctx, everywhere, period, 'unit', new Date(fixtureNow))).toEqual(before);
  });

  it('queues a dossier again, without its summary, when its close changes, and drops it from the queue when it reopens', async () => {
    const year = parsePeriod(system.calendar, '2026-01-01', '2027-01-01');
    await summariseClosedDossiers(system.ctx, year);
    const d1 = ids.D1!.id;
    // The dossier's row as a writer changes it (the trigger, not the writer, keeps the queue).
    await system.db('dossiers').where({ id: d1 }).update({ closed_at: new Date('2026-03-04T08:30:00+07:00') });
    expect([await countQueuedSummaries(system.db), (await readStoredSummaries(system.db, [d1])).length]).toEqual([1, 0]);
    await system.db('dossiers').where({ id: d1 }).update({ closed_at: null });
    expect([await countQueuedSummaries(system.db), (await readStoredSummaries(system.db, [d1])).length]).toEqual([0, 0]);
    await system.db('dossiers').where({ id: d1 }).update({ closed_at: new Date('2026-03-04T08:00:00+07:00') });
    expect(await summariseClosedDossiers(system.ctx, year)).toBe(1);
    expect((await readStoredSummaries(system.db, [d1])).map((s) => [s.closedAt.toISOString(), s.verdict])).toEqual([['2026-03-04T01:00:00.000Z', 'early']]);
  });
});
