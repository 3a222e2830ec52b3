// The one-stop-shop statistics and the Decision 766/QĐ-TTg indicators of a set
// of dossiers over a period. Pure: the facts, the period, `now` and the working
// calendar come in; figures come out. Every definition, with its legal source,
// is in docs/statistics.md — keep the two in step.
import type { WorkCalendar } from '../calendar/index.ts';
import type { DossierFacts } from './dossier-facts.ts';
import { localDayOf, splitByMonth, type Period } from './statistics-period.ts';
import { createWorkingClock, type WorkingClock } from './working-clock.ts';

/** 1 working day = 8 working hours (Decree 61/2018 counts limits in working days). */
const DAY_MINUTES = 8 * 60;

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
  const from = period.from;
  const endOf = (f: DossierFacts) => (f.finishedAt && f.finishedAt < t ? f.finishedAt : null);
  // Received or processed in the period: received before its end and not finished before its start.
  const population = all.filter((f) => f.receivedAt < t && !(f.finishedAt && f.finishedAt < from));
  const receivedIn = population.filter((f) => f.receivedAt >= from);
  const processed = population.filter((f) => f.dueAt !== null);

  const finished = { total: 0, early: 0, onTime: 0, late: 0 };
  const open = { withinTime: 0, overdue: 0 };
  const days: number[] = [];
  for (const f of processed) {
    const end = endOf(f);
    if (end) {
      finished.total += 1;
      const verdict = judge(f, end, calendar);
      finished[verdict] += 1;
      days.push(round2((clock.between(f.receivedAt, end) - supplementMinutes(f, end, clock)) / DAY_MINUTES));
    } else if (f.pausedAt === null && f.dueAt! < t) {
      open.overdue += 1;
    } else {
      open.withinTime += 1;
    }
  }
  const notAccepted = population.filter((f) => f.dueAt === null && endOf(f) !== null).length;
  const finishedIn = processed.filter((f) => endOf(f) !== null);

  const ratings = population.filter((f) => f.rating && f.rating.ratedAt < t).map((f) => f.rating!.score);
  const satisfaction = {
    ratings: ratings.length,
    averageScore: ratings.length ? round2(ratings.reduce((a, b) => a + b, 0) / ratings.length) : null,
    satisfied: ratings.filter((s) => s >= 4).length,
    dissatisfied: ratings.filter((s) => s <= 2).length,
  };
  const withFee = receivedIn.filter((f) => f.hasFee);
  const shares = {
    digitizedComponents: share(receivedIn.filter((f) => f.digitizedComponents).length, receivedIn.length),
    digitizedResults: share(finishedIn.filter((f) => f.digitizedResult).length, finishedIn.length),
    receivedOnline: share(receivedIn.filter((f) => f.channel === 'online').length, receivedIn.length),
    paidOnline: share(withFee.filter((f) => f.paidOnline).length, withFee.length),
  };
  const onTimeRate = share(finished.early + finished.onTime + open.withinTime, processed.length);
  const lateRate = share(finished.late + open.overdue, processed.length);
  const dissatisfiedShare = share(satisfaction.dissatisfied, processed.length);
  const satisfactionValue = lateRate === null ? null : round4(Math.max(0, 1 - lateRate - (dissatisfiedShare ?? 0)));
  const digitization = share(finishedIn.filter((f) => f.digitizedComponents && f.digitizedResult).length, finishedIn.length);

  const indicators = [
    indicator('on-time', 'progress', onTimeRate, 1, 20),
    indicator('online-submission', 'online', shares.receivedOnline, 0.5, null),
    indicator('online-payment', 'online', shares.paidOnline, 1, 6),
    indicator('electronic-result', 'digitization', shares.digitizedResults, 1, 6),
    indicator('digitization', 'digitization', digitization, 0.8, 4),
    indicator('satisfaction', 'satisfaction', satisfactionValue, 0.9, 6),
  ];

  return {
    received: {
      total: receivedIn.length,
      desk: receivedIn.filter((f) => f.channel === 'desk').length,
      online: receivedIn.filter((f) => f.channel === 'online').length,
      post: receivedIn.filter((f) => f.channel === 'post').length,
    },
    processed: processed.length,
    notAccepted,
    finished,
    open,
    onTimeRate,
    processingDays: { average: days.length ? round2(days.reduce((a, b) => a + b, 0) / days.length) : null, p90: percentile90(days) },
    apologies: population.filter((f) => f.extendedAt && f.extendedAt >= from && f.extendedAt < t).length,
    shares,
    satisfaction,
    indicators,
    pointsByGroup: sumPoints(indicators),
    ...timeSpent(population, from, t, clock),
  };
}

/**
 * Early, on time or late against the due date in force. More than one
 * supplement request makes a dossier late whatever its dates (the national
 * portal's rule for Decision 766). Early: finished on a local day before the due date's.
 */
function judge(f: DossierFacts, end: Date, calendar: WorkCalendar): 'early' | 'onTime' | 'late' {
  if (f.visits.filter((v) => v.supplement).length > 1) return 'late';
  if (end > f.dueAt!) return 'late';
  return localDayOf(calendar, end) < localDayOf(calendar, f.dueAt!) ? 'early' : 'onTime';
}

/** Working minutes the applicant held the dossier (supplement requested → complete) before `end`. */
function supplementMinutes(f: DossierFacts, end: Date, clock: WorkingClock): number {
  let total = 0;
  for (const v of f.visits) {
    if (!v.supplement || v.enteredAt >= end) continue;
    const left = v.leftAt && v.leftAt < end ? v.leftAt : end;
    total += Math.max(0, clock.between(v.enteredAt, left));
  }
  return total;
}

/** Working time of every step visit, clipped to [from, t), per procedure state and per unit, slowest first. */
function timeSpent(population: DossierFacts[], from: Date, t: Date, clock: WorkingClock): Pick<Figures, 'timeByState' | 'timeByUnit'> {
  const byState = new Map<string, { procedureCode: string; state: string; visits: number; minutes: number }>();
  const byUnit = new Map<string, { unit: string; visits: number; minutes: number }>();
  for (const f of population)
    for (const v of f.visits) {
      const start = v.enteredAt > from ? v.enteredAt : from;
      const stop = v.leftAt && v.leftAt < t ? v.leftAt : t;
      if (stop <= start) continue;
      const minutes = Math.max(0, clock.between(start, stop));
      const sKey = `${f.procedureCode}|${v.state}`;
      const s = byState.get(sKey) ?? { procedureCode: f.procedureCode, state: v.state, visits: 0, minutes: 0 };
      s.visits += 1;
      s.minutes += minutes;
      byState.set(sKey, s);
      const u = byUnit.get(v.unit) ?? { unit: v.unit, visits: 0, minutes: 0 };
      u.visits += 1;
      u.minutes += minutes;
      byUnit.set(v.unit, u);
    }
  const slowestFirst = <T extends { minutes: number }>(a: T, b: T) => b.minutes - a.minutes;
  return {
    timeByState: [...byState.values()].sort((a, b) => slowestFirst(a, b) || a.state.localeCompare(b.state)).map((s) => ({ procedureCode: s.procedureCode, state: s.state, visits: s.visits, workingDays: round2(s.minutes / DAY_MINUTES), averageDays: round2(s.minutes / DAY_MINUTES / s.visits) })),
    timeByUnit: [...byUnit.values()].sort((a, b) => slowestFirst(a, b) || a.unit.localeCompare(b.unit)).map((u) => ({ unit: u.unit, visits: u.visits, workingDays: round2(u.minutes / DAY_MINUTES) })),
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

/** Nearest-rank 90th percentile. */
function percentile90(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.ceil(0.9 * sorted.length) - 1]!;
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

function round4(n: number): number {
  return Math.round(n * 10_000) / 10_000;
}
