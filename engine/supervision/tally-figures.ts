// The statistics as sums: a Tally holds, for one set of dossiers over one
// period, only counts and sums (and the processing times as a histogram), so
// tallies of disjoint sets add up exactly. Closed dossiers are tallied in SQL
// from their stored summaries (engine/store/statistics-summary-store.ts), open
// ones here from their live facts; finishTally turns the sum into Figures.
// Pure. Definitions and legal sources: docs/statistics.md.
import type { WorkCalendar } from '../calendar/index.ts';
import type { DossierFacts } from './dossier-facts.ts';
import { localDayOf } from './statistics-period.ts';
import type { WorkingClock } from './working-clock.ts';

/** 1 working day = 8 working hours (Decree 61/2018 counts limits in working days). */
export const DAY_MINUTES = 8 * 60;

export interface Tally {
  received: { total: number; desk: number; online: number; post: number };
  receivedDigitized: number;
  receivedWithFee: number;
  receivedWithFeePaidOnline: number;
  processed: number;
  notAccepted: number;
  finished: { total: number; early: number; onTime: number; late: number };
  open: { withinTime: number; overdue: number };
  /** Processing time of each finished dossier in hundredths of a working day → how many dossiers. */
  days: Map<number, number>;
  finishedDigitizedResult: number;
  finishedDigitizedBoth: number;
  ratings: { count: number; sum: number; satisfied: number; dissatisfied: number };
  apologies: number;
  /** Keyed `procedureCode|state`; minutes are working minutes. */
  byState: Map<string, { procedureCode: string; state: string; visits: number; minutes: number }>;
  byUnit: Map<string, { unit: string; visits: number; minutes: number }>;
}

export function createTally(): Tally {
  return {
    received: { total: 0, desk: 0, online: 0, post: 0 }, receivedDigitized: 0, receivedWithFee: 0, receivedWithFeePaidOnline: 0,
    processed: 0, notAccepted: 0, finished: { total: 0, early: 0, onTime: 0, late: 0 }, open: { withinTime: 0, overdue: 0 },
    days: new Map(), finishedDigitizedResult: 0, finishedDigitizedBoth: 0, ratings: { count: 0, sum: 0, satisfied: 0, dissatisfied: 0 },
    apologies: 0, byState: new Map(), byUnit: new Map(),
  };
}

/**
 * Early, on time or late against the due date in force. More than one
 * supplement request makes a dossier late whatever its dates (the national
 * portal's rule for Decision 766). Early: finished on a local day before the due date's.
 */
export function judgeFinish(supplementRequests: number, end: Date, dueAt: Date, calendar: WorkCalendar): 'early' | 'onTime' | 'late' {
  if (supplementRequests > 1) return 'late';
  if (end > dueAt) return 'late';
  return localDayOf(calendar, end) < localDayOf(calendar, dueAt) ? 'early' : 'onTime';
}

/** Processing time from receipt to `end` less the applicant's supplement time, in hundredths of a working day. */
export function measureProcessing(f: Pick<DossierFacts, 'receivedAt' | 'visits'>, end: Date, clock: WorkingClock): number {
  let supplement = 0;
  for (const v of f.visits) {
    if (!v.supplement || v.enteredAt >= end) continue;
    const left = v.leftAt && v.leftAt < end ? v.leftAt : end;
    supplement += Math.max(0, clock.between(v.enteredAt, left));
  }
  return Math.round(((clock.between(f.receivedAt, end) - supplement) / DAY_MINUTES) * 100);
}

/** Adds the dossiers `facts` over `[from, t)` to `tally` (t: the period's end, or now while it runs). */
export function tallyFacts(tally: Tally, facts: DossierFacts[], from: Date, t: Date, calendar: WorkCalendar, clock: WorkingClock): Tally {
  for (const f of facts) {
    // Received or processed in the period: received before its end and not finished before its start.
    if (!(f.receivedAt < t) || (f.finishedAt && f.finishedAt < from)) continue;
    const end = f.finishedAt && f.finishedAt < t ? f.finishedAt : null;
    if (f.receivedAt >= from) {
      tally.received.total += 1;
      tally.received[f.channel] += 1;
      if (f.digitizedComponents) tally.receivedDigitized += 1;
      if (f.hasFee) {
        tally.receivedWithFee += 1;
        if (f.paidOnline) tally.receivedWithFeePaidOnline += 1;
      }
    }
    if (f.dueAt !== null) {
      tally.processed += 1;
      if (end) {
        tally.finished.total += 1;
        tally.finished[judgeFinish(f.visits.filter((v) => v.supplement).length, end, f.dueAt, calendar)] += 1;
        const days = measureProcessing(f, end, clock);
        tally.days.set(days, (tally.days.get(days) ?? 0) + 1);
        if (f.digitizedResult) tally.finishedDigitizedResult += 1;
        if (f.digitizedResult && f.digitizedComponents) tally.finishedDigitizedBoth += 1;
      } else if (f.pausedAt === null && f.dueAt < t) tally.open.overdue += 1;
      else tally.open.withinTime += 1;
    } else if (end) tally.notAccepted += 1;
    if (f.rating && f.rating.ratedAt < t) addRating(tally, f.rating.score, 1);
    if (f.extendedAt && f.extendedAt >= from && f.extendedAt < t) tally.apologies += 1;
    for (const v of f.visits) {
      // Working time of every step visit, clipped to [from, t).
      const start = v.enteredAt > from ? v.enteredAt : from;
      const stop = v.leftAt && v.leftAt < t ? v.leftAt : t;
      if (stop <= start) continue;
      addVisits(tally, f.procedureCode, v.state, null, 1, Math.max(0, clock.between(start, stop)));
      addVisits(tally, null, null, v.unit, 1, Math.max(0, clock.between(start, stop)));
    }
  }
  return tally;
}

/** Adds `count` ratings summing to `sum`; satisfied/dissatisfied counts given when summing several. */
export function addRating(tally: Tally, score: number, count: number, satisfied = score >= 4 ? count : 0, dissatisfied = score <= 2 ? count : 0): void {
  tally.ratings.count += count;
  tally.ratings.sum += score;
  tally.ratings.satisfied += satisfied;
  tally.ratings.dissatisfied += dissatisfied;
}

/** Adds visits to the time of a procedure state (procedureCode and state given) or of a unit. */
export function addVisits(tally: Tally, procedureCode: string | null, state: string | null, unit: string | null, visits: number, minutes: number): void {
  if (procedureCode !== null && state !== null) {
    const key = `${procedureCode}|${state}`;
    const s = tally.byState.get(key) ?? { procedureCode, state, visits: 0, minutes: 0 };
    s.visits += visits;
    s.minutes += minutes;
    tally.byState.set(key, s);
  } else if (unit !== null) {
    const u = tally.byUnit.get(unit) ?? { unit, visits: 0, minutes: 0 };
    u.visits += visits;
    u.minutes += minutes;
    tally.byUnit.set(unit, u);
  }
}

/** The sum of two tallies (of disjoint dossiers), into `into`. */
export function mergeTally(into: Tally, other: Tally): Tally {
  for (const k of ['total', 'desk', 'online', 'post'] as const) into.received[k] += other.received[k];
  for (const k of ['total', 'early', 'onTime', 'late'] as const) into.finished[k] += other.finished[k];
  for (const k of ['withinTime', 'overdue'] as const) into.open[k] += other.open[k];
  for (const k of ['receivedDigitized', 'receivedWithFee', 'receivedWithFeePaidOnline', 'processed', 'notAccepted', 'finishedDigitizedResult', 'finishedDigitizedBoth', 'apologies'] as const) into[k] += other[k];
  addRating(into, other.ratings.sum, other.ratings.count, other.ratings.satisfied, other.ratings.dissatisfied);
  for (const [days, n] of other.days) into.days.set(days, (into.days.get(days) ?? 0) + n);
  for (const s of other.byState.values()) addVisits(into, s.procedureCode, s.state, null, s.visits, s.minutes);
  for (const u of other.byUnit.values()) addVisits(into, null, null, u.unit, u.visits, u.minutes);
  return into;
}
