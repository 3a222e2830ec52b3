// Form 04: when a dossier will be late, the head of the processing unit
// apologises and sets a new appointment date, once (Decree 61/2018, carried
// into Decree 118/2025; Circular 03/2025 Annex I form 04; sources in
// docs/form-04.md). Pure: `now` and the calendar are arguments.
//
// When: only once the dossier is at risk (less than one working day left) or
// already overdue. The decree asks for the apology at the latest one working
// day before the due date; that is the agency's duty, and an agency that
// missed it still owes the apology (supervisors count "late dossiers with an
// apology letter", Decision 766/QĐ-TTg) — so a late form 04 is accepted, and an
// early one, which would let any dossier's date be moved at will, is not.
// How far: no later than the statutory time limit counted again from the old
// due date — a second full limit, never more — or the procedure's tighter
// `extensionLimit`. The limit is added as working time (1 working day = 8
// working hours, a same-day limit = one day): counting days from a due date at
// 17:00 would otherwise start only the day after the next opening, a day too far.
import { addWorkingDays, addWorkingHours, isWorkingDay, parseLocalDateTime, workingTimeBetween, type WorkCalendar } from '../calendar/index.ts';
import type { TimeLimit } from '../definition/procedure-definition.ts';
import { describeTimeLimit, toWorkingHours } from '../definition/describe-time-limit.ts';
import { MotcuaError } from '../motcua-error.ts';

/** One working day, in working minutes (1 working day = 8 working hours). */
export const workingDayMinutes = 8 * 60;

export interface ExtensionInput {
  dueAt: Date | null;
  pausedAt: Date | null;
  closedAt: Date | null;
  extendedAt: Date | null;
}

export interface ExtensionContext {
  now: Date;
  calendar: WorkCalendar;
  /** The procedure's statutory time limit: a new date adds at most this much to the old due date. */
  processingTime: TimeLimit;
  /** The procedure's own tighter cap, if it declares one (a looser one cannot widen the statutory limit). */
  extensionLimit?: TimeLimit;
}

export function planExtension(d: ExtensionInput, newDueDate: string, context: ExtensionContext): { newDueAt: Date } {
  const { now, calendar } = context;
  if (d.closedAt) throw new MotcuaError('dossier.closed', 'the dossier is closed; no new date can be set');
  if (d.extendedAt)
    throw new MotcuaError('dossier.extension-used', `a new date was already set on ${d.extendedAt.toISOString()}; the law allows it only once (form 04)`, { extendedAt: d.extendedAt.toISOString() });
  if (!d.dueAt) throw new MotcuaError('dossier.extension-invalid', 'the dossier has no due date yet (its clock starts at valid reception); accept it first');
  if (d.pausedAt) throw new MotcuaError('dossier.extension-invalid', 'the clock is paused while the applicant supplements the dossier; a new date is not needed now');
  const left = d.dueAt.getTime() <= now.getTime() ? 0 : workingTimeBetween(calendar, now, d.dueAt);
  if (left >= workingDayMinutes)
    throw new MotcuaError('dossier.extension-not-due', `form 04 is for a dossier at risk or overdue: ${left} working minutes are left before the due date ${d.dueAt.toISOString()}; it may be issued once less than one working day (${workingDayMinutes} minutes) is left`, { dueAt: d.dueAt.toISOString(), workingMinutesLeft: left });
  if (!/^\d{4}-\d{2}-\d{2}$/.test(newDueDate) || !isWorkingDay(calendar, newDueDate))
    throw new MotcuaError('dossier.extension-invalid', `${newDueDate} is not a working day; give the new appointment date as YYYY-MM-DD on a working day`, { newDueDate });
  const newDueAt = addWorkingDays(calendar, parseLocalDateTime(calendar, `${newDueDate}T00:00`), 0);
  const from = d.dueAt.getTime() > now.getTime() ? d.dueAt : now;
  if (newDueAt.getTime() <= from.getTime())
    throw new MotcuaError('dossier.extension-invalid', `the new date ${newDueDate} is not after the ${from === now ? 'current time' : 'current due date'} ${from.toISOString()}`, { newDueDate });
  const caps = [context.processingTime, ...(context.extensionLimit ? [context.extensionLimit] : [])].map((limit) => ({ limit, latest: addWorkingHours(calendar, d.dueAt!, toWorkingHours(limit)) }));
  const cap = caps.reduce((a, b) => (b.latest.getTime() < a.latest.getTime() ? b : a));
  if (newDueAt.getTime() > cap.latest.getTime())
    throw new MotcuaError('dossier.extension-too-far', `the new date ${newDueDate} is later than ${cap.latest.toISOString()}, ${describeTimeLimit(cap.limit)} after the current due date ${d.dueAt.toISOString()}; choose a date no later than that`, { newDueDate, latest: cap.latest.toISOString() });
  return { newDueAt };
}
