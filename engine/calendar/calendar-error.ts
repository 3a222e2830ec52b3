// CalendarError: the one error type of the calendar module. Its shape
// `{ code, message, details }` is stable so that a caller can translate the
// code (e.g. to an HTTP status) without parsing messages.

export type CalendarErrorCode =
  /** A calendar file (or a set of them) is not a valid calendar. */
  | 'calendar.invalid'
  /** A date falls outside every declared calendar year: we never guess. */
  | 'calendar.out-of-range'
  /** An argument (a limit, opening hours, a date-time text, a cut-off) is unusable. */
  | 'calendar.invalid-argument';

export class CalendarError extends Error {
  readonly code: CalendarErrorCode;
  readonly details: Record<string, unknown>;

  constructor(
    code: CalendarErrorCode,
    message: string,
    details: Record<string, unknown> = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'CalendarError';
    this.code = code;
    this.details = details;
  }
}
