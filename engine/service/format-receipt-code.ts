// Receipt codes per Circular 01/2018 art. 19: <unit code>-YYMMDD-NNNN, the
// reception date in local time and a 4-digit daily sequence of the receiving unit.
import type { WorkCalendar } from '../calendar/index.ts';

/** The local calendar day (YYYY-MM-DD) of an instant, in the calendar's time zone. */
export function localDayOf(calendar: WorkCalendar, at: Date): string {
  return new Date(at.getTime() + calendar.offsetMs).toISOString().slice(0, 10);
}

export function formatReceiptCode(unitCode: string, localDay: string, sequence: number): string {
  const yymmdd = localDay.slice(2, 4) + localDay.slice(5, 7) + localDay.slice(8, 10);
  return `${unitCode}-${yymmdd}-${String(sequence).padStart(4, '0')}`;
}
