// `motcua due`: prints when a dossier received at a given instant is due under
// a time limit, and which working days were counted. A thin shell around
// engine/calendar: read arguments and calendar files, call computeDueAt, print.
// Exit codes: 0 done, 1 calendar problem (invalid file, date not covered),
// 2 bad arguments.

import { parseArgs } from 'node:util';
import {
  CalendarError,
  computeDueAt,
  createCalendarFromTexts,
  formatLocalIso,
  isWorkingDay,
  parseLocalDateTime,
  type CalendarText,
  type DueDate,
  type TimeLimit,
  type WorkCalendar,
} from '../engine/calendar/index.ts';

export interface DueCommandIo {
  readFile(path: string): Promise<string>;
  /** The project's calendar files (procedures/calendars/*.yaml). */
  listCalendarFiles(): Promise<CalendarText[]>;
  stdout(line: string): void;
  stderr(line: string): void;
}

export const DUE_USAGE: readonly string[] = [
  'Usage: motcua due --from <date-time> (--working-days N | --working-hours N | --same-day [--cutoff HH:MM]) [--calendar <file>]...',
  '  --from           when the dossier was received, e.g. 2026-02-13T16:00 (Asia/Ho_Chi_Minh time unless an offset is given)',
  '  --working-days   a limit in working days, counted from the day after reception',
  '  --working-hours  a limit in working hours (8 working hours = 1 working day)',
  '  --same-day       a same-day limit: received at or after the cut-off, due the next working day',
  '  --cutoff         the same-day cut-off, 15:00 unless given',
  '  --calendar       a calendar file to use instead of procedures/calendars/*.yaml (repeatable)',
];

const EXIT_OK = 0;
const EXIT_CALENDAR = 1;
const EXIT_USAGE = 2;

interface DueRequest {
  readonly from: string;
  readonly limit: TimeLimit;
  readonly calendarPaths: readonly string[];
}

class UsageError extends Error {}

export async function runDueCommand(argv: string[], io: DueCommandIo): Promise<number> {
  let request: DueRequest | 'help';
  try {
    request = readArguments(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(error.message);
    io.stderr(DUE_USAGE[0] ?? '');
    return EXIT_USAGE;
  }
  if (request === 'help') {
    DUE_USAGE.forEach((line) => io.stdout(line));
    return EXIT_OK;
  }

  let files: CalendarText[];
  try {
    files = await readCalendarFiles(request.calendarPaths, io);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(error.message);
    return EXIT_USAGE;
  }

  try {
    const cal = createCalendarFromTexts(files);
    const receivedAt = parseFrom(cal, request.from);
    const due = computeDueAt(cal, receivedAt, request.limit);
    io.stdout(formatLocalIso(cal, due.dueAt));
    io.stdout(describeCount(cal, receivedAt, request.limit, due));
    return EXIT_OK;
  } catch (error) {
    if (!(error instanceof CalendarError)) throw error;
    io.stderr(error.message);
    return error.code === 'calendar.invalid-argument' ? EXIT_USAGE : EXIT_CALENDAR;
  }
}

function readArguments(argv: string[]): DueRequest | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        from: { type: 'string' },
        'working-days': { type: 'string' },
        'working-hours': { type: 'string' },
        'same-day': { type: 'boolean' },
        cutoff: { type: 'string' },
        calendar: { type: 'string', multiple: true },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    // Node's first sentence names the argument; the rest is generic advice.
    const first = (error instanceof Error ? error.message : String(error)).split(/\.?\n|\. /)[0] ?? '';
    throw new UsageError(`${first.replace(/\.$/, '')}. Run \`motcua due --help\` for the options.`);
  }
  if (values.help) return 'help';
  if (values.from === undefined) {
    throw new UsageError('Missing --from. Give the reception instant, e.g. --from 2026-02-13T16:00.');
  }
  const limits = [values['working-days'], values['working-hours'], values['same-day']].filter((v) => v !== undefined);
  if (limits.length === 0) {
    throw new UsageError('Missing the time limit. Give one of --working-days N, --working-hours N or --same-day.');
  }
  if (limits.length > 1) {
    throw new UsageError('Give only one time limit: --working-days, --working-hours or --same-day.');
  }
  if (values.cutoff !== undefined && !values['same-day']) {
    throw new UsageError('--cutoff applies only to --same-day. Remove it, or add --same-day.');
  }
  return { from: values.from, limit: readLimit(values), calendarPaths: values.calendar ?? [] };
}

function readLimit(values: {
  'working-days'?: string | undefined;
  'working-hours'?: string | undefined;
  cutoff?: string | undefined;
}): TimeLimit {
  const days = values['working-days'];
  if (days !== undefined) {
    if (!/^\d+$/.test(days) || Number(days) < 1) {
      throw new UsageError(
        `--working-days "${days}" is not a whole number of days ≥ 1. Write e.g. --working-days 3 (use --same-day for a same-day procedure).`,
      );
    }
    return { workingDays: Number(days) };
  }
  const hours = values['working-hours'];
  if (hours !== undefined) {
    if (!/^\d+(\.\d+)?$/.test(hours) || Number(hours) <= 0) {
      throw new UsageError(`--working-hours "${hours}" is not a number of hours > 0. Write e.g. --working-hours 4.`);
    }
    return { workingHours: Number(hours) };
  }
  const cutoff = values.cutoff ?? '15:00';
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(cutoff)) {
    throw new UsageError(`--cutoff "${cutoff}" is not a time of day. Write HH:MM, e.g. --cutoff 15:00.`);
  }
  return { sameDay: true, cutoff };
}

async function readCalendarFiles(paths: readonly string[], io: DueCommandIo): Promise<CalendarText[]> {
  if (paths.length === 0) return io.listCalendarFiles();
  return Promise.all(
    paths.map(async (path) => {
      try {
        return { fileName: path, text: await io.readFile(path) };
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new UsageError(
          `--calendar ${path}: cannot read it (${reason}). Give the path of a calendar file, e.g. procedures/calendars/vn-2026.yaml.`,
        );
      }
    }),
  );
}

function parseFrom(cal: WorkCalendar, from: string): Date {
  try {
    return parseLocalDateTime(cal, from);
  } catch (error) {
    if (error instanceof CalendarError) {
      throw new CalendarError(error.code, `--from: ${error.message}`, error.details, { cause: error });
    }
    throw error;
  }
}

// ---- the second line: what was counted -----------------------------------

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

function describeCount(cal: WorkCalendar, receivedAt: Date, limit: TimeLimit, due: DueDate): string {
  const received = describeInstant(cal, receivedAt);
  const dates = due.countedDates.map(describeDate).join(', ');
  if ('workingDays' in limit) {
    const unit = limit.workingDays === 1 ? 'working day' : 'working days';
    return `${limit.workingDays} ${unit} counted: ${dates} (received ${received}; the reception day does not count).`;
  }
  if ('workingHours' in limit) {
    const unit = limit.workingHours === 1 ? 'working hour' : 'working hours';
    const days = due.workingDaysCounted === 1 ? 'working day' : 'working days';
    return `${limit.workingHours} ${unit} counted from ${describeInstant(cal, due.startsAt)}, on ${due.workingDaysCounted} ${days}: ${dates}.`;
  }
  const cutoff = limit.cutoff ?? '15:00';
  const receivedLocal = formatLocalIso(cal, receivedAt);
  if (due.countedDates[0] === receivedLocal.slice(0, 10)) {
    return `Same-day limit: received ${received}, before the ${cutoff} cut-off; due at the close of ${dates}.`;
  }
  const reason =
    isWorkingDay(cal, receivedAt) && receivedLocal.slice(11, 16) >= cutoff
      ? `at or after the ${cutoff} cut-off`
      : 'outside opening hours';
  return `Same-day limit: received ${received}, ${reason}; counted on the next working day, ${dates}.`;
}

/** "Fri 2026-02-13 16:00", local time. */
function describeInstant(cal: WorkCalendar, date: Date): string {
  const local = formatLocalIso(cal, date);
  return `${describeDate(local.slice(0, 10))} ${local.slice(11, 16)}`;
}

/** "Mon 2026-02-23". */
function describeDate(isoDate: string): string {
  return `${WEEKDAYS[new Date(`${isoDate}T00:00:00Z`).getUTCDay()] ?? ''} ${isoDate}`;
}
