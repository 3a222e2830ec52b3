// Public surface of the working-time calendar (pure: no IO, no clock).

export { CalendarError, type CalendarErrorCode } from './calendar-error.ts';
export type {
  CalendarDayOff,
  CalendarHoliday,
  CalendarMakeUpDay,
  CalendarYear,
  LocalizedText,
} from './calendar-year.ts';
export { parseCalendarYear } from './parse-calendar-year.ts';
export { buildCalendar, type BuildCalendarOptions } from './build-calendar.ts';
export { createCalendarFromTexts, type CalendarText } from './create-calendar-from-texts.ts';
export type { WorkCalendar } from './work-calendar.ts';
export {
  OFFICE_HOURS,
  type OpeningHours,
  type OpeningPeriod,
  type WorkingTimeOptions,
} from './opening-hours.ts';
export { isWorkingDay } from './is-working-day.ts';
export { nextWorkingMoment } from './next-working-moment.ts';
export { addWorkingDays } from './add-working-days.ts';
export { addWorkingHours } from './add-working-hours.ts';
export { workingTimeBetween } from './working-time-between.ts';
export { applyCutoff } from './apply-cutoff.ts';
export { computeDueAt, type DueDate, type TimeLimit } from './compute-due-at.ts';
export { formatLocalIso } from './format-local-iso.ts';
export { parseLocalDateTime } from './parse-local-date-time.ts';
