// The one-stop-shop statistics and the Decision 766/QĐ-TTg indicators of a set
// of dossiers over a period. Pure: the facts, the period, `now` and the working
// calendar come in; figures come out. Every definition, with its legal source,
// is in docs/statistics.md — keep the two in step.
import type { WorkCalendar } from '../calendar/index.ts';
import type { DossierFacts } from './dossier-facts.ts';
import { splitByMonth, type Period } from './statistics-period.ts';
import { createTally, DAY_MINUTES, tallyFacts, type Tally } from './tally-figures.ts';
import { createWorkingClock, type WorkingClock } from './working-clock.ts';

export interface Indicator {
  id: 'on-time' | 'online-submission' | 'online-payment' | 'electronic-result' | 'digitization' | 'satisfaction';
  group: 'progress' | 'online' | 'digitization' | 'satisfaction';
  /** A share 0..1, null when its denominator is zero. */
  value: number | null;
  /** The share that earns full marks (Decision 766's threshold), 1 when points are proportional. */
  fullAt: number;
  maxPoints: number | null;
  points: number | null;
}

export interface Figures {
  received: { total: number; desk: number; online: number; post: number };
  /** Dossiers received or processed in the period whose clock started (accepted at the desk). */
  processed: number;
  /** Closed without ever being accepted (refused at reception, withdrawn before acceptance). */
  notAccepted: number;
  finished: { total: number; early: number; onTime: number; late: number };
  open: { withinTime: number; overdue: number };
  /** (early + on time + open within time) / processed — the national portal's rule. */
  onTimeRate: number | null;
  processingDays: { average: number | null; p90: number | null };
  apologies: number;
  shares: { digitizedComponents: number | null; digitizedResults: number | null; receivedOnline: number | null; paidOnline: number | null };
  satisfaction: { ratings: number; averageScore: number | null; satisfied: number; dissatisfied: number };
  indicators: Indicator[];
  /** Points earned per Decision 766 group, from the indicators computed here (the sum of their points). */
  pointsByGroup: Record<Indicator['group'], number>;
  timeByState: Array<{ procedureCode: string; state: string; visits: number; workingDays: number; averageDays: number }>;
  timeByUnit: Array<{ unit: string; visits: number; workingDays: number }>;
}

export type GroupBy = 'unit' | 'procedure' | 'month' | 'state';

export interface Statistics {
  from: string;
  to: string;
  /** The instant the figures are as of: the period's end, or now while it runs. */
  asOf: string;
  totals: Figures;
  groupBy: GroupBy | null;
  groups: Array<{ key: string; figures: Figures }>;
}

export function computeStatistics(facts: DossierFacts[], period: Period, options: { now: Date; calendar: WorkCalendar; groupBy: GroupBy | null }): Statistics {
  const { now, calendar, groupBy } = options;
  const asOf = period.to < now ? period.to : now;
  const clock = createWorkingClock(calendar);
  let groups: Statistics['groups'] = [];
  if (groupBy === 'month') {
    groups = splitByMonth(calendar, period).map((m) => ({ key: m.key, figures: computeFigures(facts, m.period, now, calendar, clock) }));
  } else if (groupBy) {
    const keyOf = (f: DossierFacts) => (groupBy === 'unit' ? f.competentUnit : groupBy === 'procedure' ? f.procedureCode : f.state);
    const byKey = new Map<string, DossierFacts[]>();
    for (const f of facts) byKey.set(keyOf(f), [...(byKey.get(keyOf(f)) ?? []), f]);
    groups = [...byKey.keys()].sort().map((key) => ({ key, figures: computeFigures(byKey.get(key)!, period, now, calendar, clock) }));
  }
  return { from: period.fromDate, to: period.toDate, asOf: asOf.toISOString(), totals: computeFigures(facts, period, now, calendar, clock), groupBy, groups };
}

/** The figures of one set of dossiers over `period`, as of min(period end, now). */
export function computeFigures(all: DossierFacts[], period: Period, now: Date, calendar: WorkCalendar, clock: WorkingClock = createWorkingClock(calendar)): Figures {
  const t = period.to < now ? period.to : now;
  return finishTally(tallyFacts(createTally(), all, period.from, t, calendar, clock));
}

/** The figures of a tally: shares, rates, points, the slowest steps first. */
export function finishTally(tally: Tally): Figures {
  const { finished, open, received, ratings } = tally;
  const satisfaction = {
    ratings: ratings.count,
    averageScore: ratings.count ? round2(ratings.sum / ratings.count) : null,
    satisfied: ratings.satisfied,
    dissatisfied: ratings.dissatisfied,
  };
  const shares = {
    digitizedComponents: share(tally.receivedDigitized, received.total),
    digitizedResults: share(tally.finishedDigitizedResult, finished.total),
    receivedOnline: share(received.online, received.total),
    paidOnline: share(tally.receivedWithFeePaidOnline, tally.receivedWithFee),
  };
  const onTimeRate = share(finished.early + finished.onTime + open.withinTime, tally.processed);
  const lateRate = share(finished.late + open.overdue, tally.processed);
  const dissatisfiedShare = share(satisfaction.dissatisfied, tally.processed);
  const satisfactionValue = lateRate === null ? null : round4(Math.max(0, 1 - lateRate - (dissatisfiedShare ?? 0)));
  const digitization = share(tally.finishedDigitizedBoth, finished.total);

  const indicators = [
    indicator('on-time', 'progress', onTimeRate, 1, 20),
    indicator('online-submission', 'online', shares.receivedOnline, 0.5, null),
    indicator('online-payment', 'online', shares.paidOnline, 1, 6),
    indicator('electronic-result', 'digitization', shares.digitizedResults, 1, 6),
    indicator('digitization', 'digitization', digitization, 0.8, 4),
    indicator('satisfaction', 'satisfaction', satisfactionValue, 0.9, 6),
  ];
  // Histogram in hundredths of a day, ascending: the sum is exact, the 90th percentile the nearest rank.
  const days = [...tally.days.entries()].sort((a, b) => a[0] - b[0]);
  let count = 0;
  let hundredths = 0;
  for (const [h, n] of days) {
    count += n;
    hundredths += h * n;
  }
  let p90: number | null = null;
  for (let i = 0, seen = 0, rank = Math.ceil(0.9 * count); i < days.length && p90 === null; i += 1) {
    seen += days[i]![1];
    if (seen >= rank) p90 = days[i]![0] / 100;
  }
  const slowestFirst = <T extends { minutes: number }>(a: T, b: T) => b.minutes - a.minutes;

  return {
    received: { ...received },
    processed: tally.processed,
    notAccepted: tally.notAccepted,
    finished: { ...finished },
    open: { ...open },
    onTimeRate,
    processingDays: { average: count ? round2(hundredths / 100 / count) : null, p90 },
    apologies: tally.apologies,
    shares,
    satisfaction,
    indicators,
    pointsByGroup: sumPoints(indicators),
    timeByState: [...tally.byState.values()].sort((a, b) => slowestFirst(a, b) || a.state.localeCompare(b.state)).map((s) => ({ procedureCode: s.procedureCode, state: s.state, visits: s.visits, workingDays: round2(s.minutes / DAY_MINUTES), averageDays: round2(s.minutes / DAY_MINUTES / s.visits) })),
    timeByUnit: [...tally.byUnit.values()].sort((a, b) => slowestFirst(a, b) || a.unit.localeCompare(b.unit)).map((u) => ({ unit: u.unit, visits: u.visits, workingDays: round2(u.minutes / DAY_MINUTES) })),
  };
}

/** Points: proportional to the share, full marks from `fullAt` on (our reading of Decision 766's scale). */
function indicator(id: Indicator['id'], group: Indicator['group'], value: number | null, fullAt: number, maxPoints: number | null): Indicator {
  const points = value === null || maxPoints === null ? null : round2(maxPoints * Math.min(1, value / fullAt));
  return { id, group, value, fullAt, maxPoints, points };
}

function sumPoints(indicators: Indicator[]): Record<Indicator['group'], number> {
  const out: Record<Indicator['group'], number> = { progress: 0, online: 0, digitization: 0, satisfaction: 0 };
  for (const i of indicators) out[i.group] = round2(out[i.group] + (i.points ?? 0));
  return out;
}

function share(part: number, whole: number): number | null {
  return whole === 0 ? null : round4(part / whole);
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

function round4(n: number): number {
  return Math.round(n * 10_000) / 10_000;
}
