// The stored summary of a closed dossier: everything the statistics need from
// it, worked out once (a closed dossier's events, visits and attachments no
// longer change), so a period's figures are sums in SQL. Working time is kept
// as positions on the working-time line (WorkingClock.position), so a visit
// clipped to any period is least/greatest arithmetic. Pure.
import type { WorkCalendar } from '../calendar/index.ts';
import type { DossierFacts } from './dossier-facts.ts';
import { judgeFinish, measureProcessing } from './tally-figures.ts';
import type { WorkingClock } from './working-clock.ts';

export interface DossierSummary {
  dossierId: string;
  procedureCode: string;
  state: string;
  receivingUnit: string;
  competentUnit: string;
  currentUnit: string;
  receivedAt: Date;
  closedAt: Date;
  dueAt: Date | null;
  pausedAt: Date | null;
  extendedAt: Date | null;
  /** Result ready, returned, or the close, whichever came first. */
  finishedAt: Date;
  channel: 'desk' | 'online' | 'post';
  paidOnline: boolean;
  hasFee: boolean;
  digitizedComponents: boolean;
  digitizedResult: boolean;
  supplementRequests: number;
  /** Against the due date in force; null when the dossier was never accepted (no due date). */
  verdict: 'early' | 'onTime' | 'late' | null;
  /** Hundredths of a working day from reception to the finish, less supplement time; null when never accepted. */
  processingHundredths: number | null;
  visits: Array<{ state: string; unit: string; enteredAt: Date; leftAt: Date | null; enteredPosition: number; leftPosition: number | null }>;
}

/** Errors: CalendarError when an instant lies outside the declared calendar years (as the live figures). */
export function summariseDossier(f: DossierFacts & { closedAt: Date }, calendar: WorkCalendar, clock: WorkingClock): DossierSummary {
  const finishedAt = f.finishedAt && f.finishedAt < f.closedAt ? f.finishedAt : f.closedAt;
  return {
    dossierId: f.id, procedureCode: f.procedureCode, state: f.state, receivingUnit: f.receivingUnit, competentUnit: f.competentUnit, currentUnit: f.currentUnit,
    receivedAt: f.receivedAt, closedAt: f.closedAt, dueAt: f.dueAt, pausedAt: f.pausedAt, extendedAt: f.extendedAt, finishedAt,
    channel: f.channel, paidOnline: f.paidOnline, hasFee: f.hasFee, digitizedComponents: f.digitizedComponents, digitizedResult: f.digitizedResult,
    supplementRequests: f.visits.filter((v) => v.supplement).length,
    verdict: f.dueAt === null ? null : judgeFinish(f.visits.filter((v) => v.supplement).length, finishedAt, f.dueAt, calendar),
    processingHundredths: f.dueAt === null ? null : measureProcessing(f, finishedAt, clock),
    visits: f.visits.map((v) => ({ state: v.state, unit: v.unit, enteredAt: v.enteredAt, leftAt: v.leftAt, enteredPosition: clock.position(v.enteredAt), leftPosition: v.leftAt ? clock.position(v.leftAt) : null })),
  };
}
