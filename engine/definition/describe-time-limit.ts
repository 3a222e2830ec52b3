// Time limits as authors write them (working days, working hours, same day) turned
// into one comparable unit, working hours, and back into words for messages.
// 1 working day = 8 working hours; a same-day limit counts as one working day.
import type { TimeLimit } from './procedure-definition.ts';

export const HOURS_PER_WORKING_DAY = 8;

export function toWorkingHours(limit: TimeLimit): number {
  if ('workingDays' in limit) return limit.workingDays * HOURS_PER_WORKING_DAY;
  if ('workingHours' in limit) return limit.workingHours;
  return HOURS_PER_WORKING_DAY;
}

/** "3 working days", "1 working day", "4 working hours", "36 working hours (4.5 working days)". */
export function formatWorkingHours(hours: number): string {
  const days = hours / HOURS_PER_WORKING_DAY;
  if (Number.isInteger(days)) return `${days} working ${days === 1 ? 'day' : 'days'}`;
  const inHours = `${hours} working ${hours === 1 ? 'hour' : 'hours'}`;
  return hours > HOURS_PER_WORKING_DAY ? `${inHours} (${Number(days.toFixed(2))} working days)` : inHours;
}

/** How the limit reads in a summary: "3 working days", "same day (received after 15:00: next working day)". */
export function describeTimeLimit(limit: TimeLimit): string {
  if ('sameDay' in limit) return limit.cutoff ? `same day (received after ${limit.cutoff}: next working day)` : 'same day';
  return formatWorkingHours(toWorkingHours(limit));
}
