// createCalendarFromTexts: the whole pipeline from file contents to a
// WorkCalendar. The caller reads the files (this module does no IO).

import { buildCalendar, type BuildCalendarOptions } from './build-calendar.ts';
import { parseCalendarYear } from './parse-calendar-year.ts';
import type { WorkCalendar } from './work-calendar.ts';

export interface CalendarText {
  readonly fileName: string;
  readonly text: string;
}

export function createCalendarFromTexts(files: readonly CalendarText[], options?: BuildCalendarOptions): WorkCalendar {
  return buildCalendar(
    files.map((file) => parseCalendarYear(file.text, file.fileName)),
    options,
  );
}
