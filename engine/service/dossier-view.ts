// The dossier as the API shows it. Derived facts (overdue, available events,
// status text) are computed here from the stored record, never stored.
import { addWorkingHours, workingTimeBetween, type WorkCalendar } from '../calendar/index.ts';
import type { CompiledProcedure } from '../definition/compiled-procedure.ts';
import { workingDayMinutes } from '../runtime/plan-extension.ts';
import type { LocalizedText } from '../definition/procedure-definition.ts';
import { availableEvents, type AvailableEvent } from '../runtime/available-events.ts';
import type { PersistedSnapshot } from '../runtime/dossier-position.ts';
import type { DossierRecord } from '../store/records.ts';
import { unitsOf, type Principal } from './principal.ts';

export interface DossierView {
  id: string;
  receiptCode: string;
  procedureCode: string;
  procedureVersion: number;
  procedureName: LocalizedText;
  state: string;
  /** The definition's `title` of the state the dossier is in (its first active leaf); null when it has none. */
  stateTitle: LocalizedText | null;
  statusCode: number;
  statusText: LocalizedText | null;
  version: number;
  receivedAt: string;
  dueAt: string | null;
  stepDueAt: string | null;
  clockPaused: boolean;
  overdue: boolean;
  /** Less than one working day left: time for form 04 is running out. */
  atRisk: boolean;
  /**
   * Working minutes until the due date on the procedure's calendar: negative
   * once overdue (working minutes late); null with no due date, the clock
   * paused, or the dossier closed. The desk's countdown shows it.
   */
  workingMinutesLeft: number | null;
  /** The apology and new date (form 04) was issued at this time; it may be issued once. */
  extendedAt: string | null;
  receivingUnit: string;
  competentUnit: string;
  currentUnit: string;
  returnUnit: string;
  outcome: string | null;
  closedAt: string | null;
  applicant: Record<string, unknown>;
  data: Record<string, unknown>;
  availableEvents: AvailableEvent[];
}

/**
 * `events`: the principal's available events when the caller has already worked them out (the worklist
 * filters on them), so the snapshot is not restored twice.
 */
export function toDossierView(d: DossierRecord, procedure: CompiledProcedure, principal: Principal | null, now: Date, calendar: WorkCalendar, events?: AvailableEvent[]): DossierView {
  const leaf = procedure.states.get(d.state.split(',')[0]!);
  const position = { snapshot: d.snapshot as PersistedSnapshot, data: d.data, units: unitsOf(d) };
  const overdue = isOverdue(d, now);
  const left = workingMinutesLeft(d, now, calendar);
  return {
    id: d.id,
    receiptCode: d.receiptCode,
    procedureCode: d.procedureCode,
    procedureVersion: d.procedureVersion,
    procedureName: procedure.source.name,
    state: d.state,
    stateTitle: leaf?.title ?? null,
    statusCode: d.statusCode,
    statusText: leaf?.citizenText ?? null,
    version: d.version,
    receivedAt: d.receivedAt.toISOString(),
    dueAt: d.dueAt?.toISOString() ?? null,
    stepDueAt: d.stepDueAt?.toISOString() ?? null,
    clockPaused: d.pausedAt !== null,
    overdue,
    // From the minutes already counted: counting working time is the costly part of a view.
    atRisk: atRiskWith(d, now, left),
    workingMinutesLeft: left,
    extendedAt: d.extendedAt?.toISOString() ?? null,
    receivingUnit: d.receivingUnit,
    competentUnit: d.competentUnit,
    currentUnit: d.currentUnit,
    returnUnit: d.returnUnit ?? d.receivingUnit,
    outcome: d.outcome,
    closedAt: d.closedAt?.toISOString() ?? null,
    applicant: d.applicant,
    data: d.data,
    availableEvents: events ?? (principal ? availableEvents(procedure, position, { role: principal.role, unit: principal.unitId }) : []),
  };
}

/** Overdue is derived: past the due date, clock running, not closed. */
export function isOverdue(d: Pick<DossierRecord, 'dueAt' | 'pausedAt' | 'closedAt'>, now: Date): boolean {
  return d.dueAt !== null && d.pausedAt === null && d.closedAt === null && d.dueAt.getTime() < now.getTime();
}

export function workingMinutesLeft(d: Pick<DossierRecord, 'dueAt' | 'pausedAt' | 'closedAt'>, now: Date, calendar: WorkCalendar): number | null {
  if (d.dueAt === null || d.pausedAt !== null || d.closedAt !== null) return null;
  return d.dueAt.getTime() >= now.getTime() ? workingTimeBetween(calendar, now, d.dueAt) : -workingTimeBetween(calendar, d.dueAt, now);
}

/** At risk is derived too: running, not yet overdue, less than one working day left. */
export function isAtRisk(d: Pick<DossierRecord, 'dueAt' | 'pausedAt' | 'closedAt'>, now: Date, calendar: WorkCalendar): boolean {
  return atRiskWith(d, now, workingMinutesLeft(d, now, calendar));
}

/** isAtRisk given workingMinutesLeft(d, now, …) (null: no running clock). */
function atRiskWith(d: Pick<DossierRecord, 'dueAt'>, now: Date, left: number | null): boolean {
  return left !== null && d.dueAt!.getTime() >= now.getTime() && left < workingDayMinutes;
}

/**
 * The instant one working day (8 working hours) after `now`: a running dossier due at or after `now` and
 * before it is at risk — the same answer as isAtRisk, with the calendar walked once for a whole list
 * rather than once per dossier (addWorkingHours returns the earliest such instant: a day's close, not the
 * next opening).
 */
export function atRiskLimit(now: Date, calendar: WorkCalendar): Date {
  return addWorkingHours(calendar, now, workingDayMinutes / 60);
}

/** isAtRisk, given atRiskLimit(now). */
export function isAtRiskBefore(d: Pick<DossierRecord, 'dueAt' | 'pausedAt' | 'closedAt'>, now: Date, limit: Date): boolean {
  return d.dueAt !== null && d.pausedAt === null && d.closedAt === null && d.dueAt.getTime() >= now.getTime() && d.dueAt.getTime() < limit.getTime();
}
