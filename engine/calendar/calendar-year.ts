// The typed content of one calendar file (procedures/calendars/vn-YYYY.yaml)
// after parseCalendarYear has validated it. Dates are local `YYYY-MM-DD` texts.

export interface LocalizedText {
  readonly vi: string;
  readonly en: string;
}

/** A public holiday or announced break; a single day has `from === to`. */
export interface CalendarHoliday {
  readonly from: string;
  readonly to: string;
  readonly name: LocalizedText;
}

/** A working day given off, made up on `makeUpDate` (possibly in another year). */
export interface CalendarDayOff {
  readonly date: string;
  readonly makeUpDate: string;
  readonly reason: LocalizedText;
}

/** A weekend day worked to make up for the day off `replaces`. */
export interface CalendarMakeUpDay {
  readonly date: string;
  readonly replaces: string;
  readonly reason: LocalizedText;
}

export interface CalendarYear {
  readonly year: number;
  /** IANA zone name, e.g. Asia/Ho_Chi_Minh. */
  readonly timeZone: string;
  /** The zone's fixed offset that year, `±HH:MM` (checked against the zone when parsing). */
  readonly utcOffset: string;
  readonly holidays: readonly CalendarHoliday[];
  readonly daysOff: readonly CalendarDayOff[];
  readonly workingDays: readonly CalendarMakeUpDay[];
  /** Where the year came from, so errors can name the file to fix. */
  readonly fileName: string;
}
