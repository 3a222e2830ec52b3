// What the calendar tests share: the real calendar files of the catalogue, a
// unit that also opens on Saturday mornings, and catching a CalendarError.
import { readFileSync } from 'node:fs';
import { CalendarError, createCalendarFromTexts, type OpeningHours, type WorkCalendar } from '../engine/calendar/index.ts';

export function readCalendarFile(name: string): string {
  return readFileSync(new URL(`../procedures/calendars/${name}`, import.meta.url), 'utf8');
}

export function loadCatalogueCalendar(): WorkCalendar {
  return createCalendarFromTexts(['vn-2025.yaml', 'vn-2026.yaml', 'vn-2027.yaml'].map((name) => ({ fileName: `procedures/calendars/${name}`, text: readCalendarFile(name) })));
}

/** A commune counter that also receives on Saturday mornings. */
export const SATURDAY_MORNINGS: OpeningHours = {
  weekday: [
    { from: '07:30', to: '11:30' },
    { from: '13:00', to: '17:00' },
  ],
  saturday: [{ from: '07:30', to: '11:30' }],
};

export function thrownCalendarError(action: () => unknown): CalendarError {
  try {
    action();
  } catch (error) {
    if (error instanceof CalendarError) return error;
    throw error;
  }
  throw new Error('expected a CalendarError');
}
