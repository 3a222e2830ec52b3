// Form 04: when a dossier will be late, the processing unit apologises and sets
// a new appointment date — at the latest one working day before the due date,
// and only once (Decree 61/2018 art. 12, carried into Decree 118/2025). Pure:
// `now` and the calendar are arguments.
import { addWorkingDays, isWorkingDay, parseLocalDateTime, workingTimeBetween, type WorkCalendar } from '../calendar/index.ts';
import { MotcuaError } from '../motcua-error.ts';

/** One working day, in working minutes (1 working day = 8 working hours). */
export const workingDayMinutes = 8 * 60;

export interface ExtensionInput {
  dueAt: Date | null;
  pausedAt: Date | null;
  closedAt: Date | null;
  extendedAt: Date | null;
}

export function planExtension(d: ExtensionInput, newDueDate: string, context: { now: Date; calendar: WorkCalendar }): { newDueAt: Date } {
  const { now, calendar } = context;
  if (d.closedAt) throw new MotcuaError('dossier.closed', 'the dossier is closed; no new date can be set');
  if (d.extendedAt)
    throw new MotcuaError('dossier.extension-used', `a new date was already set on ${d.extendedAt.toISOString()}; the law allows it only once (form 04)`, { extendedAt: d.extendedAt.toISOString() });
  if (!d.dueAt) throw new MotcuaError('dossier.extension-invalid', 'the dossier has no due date yet (its clock starts at valid reception); accept it first');
  if (d.pausedAt) throw new MotcuaError('dossier.extension-invalid', 'the clock is paused while the applicant supplements the dossier; a new date is not needed now');
  const left = workingTimeBetween(calendar, now, d.dueAt);
  if (left < workingDayMinutes)
    throw new MotcuaError('dossier.extension-too-late', `form 04 must be issued at the latest one working day before the due date ${d.dueAt.toISOString()}; only ${Math.max(0, left)} working minutes are left`, { dueAt: d.dueAt.toISOString(), workingMinutesLeft: Math.max(0, left) });
  if (!/^\d{4}-\d{2}-\d{2}$/.test(newDueDate) || !isWorkingDay(calendar, newDueDate))
    throw new MotcuaError('dossier.extension-invalid', `${newDueDate} is not a working day; give the new appointment date as YYYY-MM-DD on a working day`, { newDueDate });
  const newDueAt = addWorkingDays(calendar, parseLocalDateTime(calendar, `${newDueDate}T00:00`), 0);
  if (newDueAt.getTime() <= d.dueAt.getTime())
    throw new MotcuaError('dossier.extension-invalid', `the new date ${newDueDate} is not after the current due date ${d.dueAt.toISOString()}`, { newDueDate });
  return { newDueAt };
}
