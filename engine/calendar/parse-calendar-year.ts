// parseCalendarYear: one calendar file (YAML text) → a validated CalendarYear.
// Shape is checked against procedures/calendars/calendar.schema.json (the same
// schema editors use); meaning (real dates, inside the year, swaps that pair
// up, a fixed UTC offset) is checked by hand. Every problem is reported with
// file:line:col so the author can jump to it.

import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { LineCounter, isMap, isNode, isScalar, parseDocument, type Document } from 'yaml';
import calendarSchema from '../../procedures/calendars/calendar.schema.json' with { type: 'json' };
import { CalendarError } from './calendar-error.ts';
import type { CalendarDayOff, CalendarMakeUpDay, CalendarYear, LocalizedText } from './calendar-year.ts';
import { dayFromIsoDate, dayOfWeek, isoDateFromDay, yearOfDay } from './local-day.ts';

type Path = readonly (string | number)[];

interface Problem {
  readonly path: Path;
  /** Point at the key rather than the value (for unknown keys). */
  readonly onKey?: boolean;
  readonly text: string;
}

interface RawHoliday {
  readonly date?: string;
  readonly from?: string;
  readonly to?: string;
  readonly name: LocalizedText;
}

/** The document once it matches the schema. */
interface RawCalendarYear {
  readonly year: number;
  readonly timeZone: string;
  readonly utcOffset: string;
  readonly holidays: readonly RawHoliday[];
  readonly daysOff: readonly CalendarDayOff[];
  readonly workingDays: readonly CalendarMakeUpDay[];
}

interface SchemaNode {
  readonly description?: string;
  readonly required?: readonly string[];
  readonly properties?: Record<string, { readonly $ref?: string; readonly description?: string }>;
}

let validateShape: ValidateFunction | undefined;

export function parseCalendarYear(text: string, fileName: string): CalendarYear {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const where = (offset: number): string => {
    const { line, col } = lineCounter.linePos(offset);
    return `${fileName}:${line}:${col}`;
  };

  if (doc.errors.length > 0) {
    const lines = doc.errors.map((error) => `${where(error.pos[0])}: ${error.message}. Fix the YAML syntax there.`);
    throw new CalendarError('calendar.invalid', lines.join('\n'), { fileName, problems: lines });
  }

  const data: unknown = doc.toJS();
  validateShape ??= new Ajv({ allErrors: true, verbose: true }).compile(calendarSchema);
  const problems = validateShape(data)
    ? checkMeaning(data as RawCalendarYear)
    : (validateShape.errors ?? []).flatMap(describeSchemaError);
  if (problems.length > 0) {
    const located = problems
      .map((problem) => ({ offset: locate(doc, problem), text: problem.text }))
      .sort((a, b) => a.offset - b.offset);
    const lines = [...new Set(located.map((problem) => `${where(problem.offset)}: ${problem.text}`))];
    throw new CalendarError('calendar.invalid', lines.join('\n'), { fileName, problems: lines });
  }
  return toCalendarYear(data as RawCalendarYear, fileName);
}

function toCalendarYear(raw: RawCalendarYear, fileName: string): CalendarYear {
  return {
    year: raw.year,
    timeZone: raw.timeZone,
    utcOffset: raw.utcOffset,
    holidays: raw.holidays.map((holiday) => ({
      from: holiday.date ?? holiday.from ?? '',
      to: holiday.date ?? holiday.to ?? '',
      name: { vi: holiday.name.vi, en: holiday.name.en },
    })),
    daysOff: raw.daysOff.map((dayOff) => ({
      date: dayOff.date,
      makeUpDate: dayOff.makeUpDate,
      reason: { vi: dayOff.reason.vi, en: dayOff.reason.en },
    })),
    workingDays: raw.workingDays.map((makeUp) => ({
      date: makeUp.date,
      replaces: makeUp.replaces,
      reason: { vi: makeUp.reason.vi, en: makeUp.reason.en },
    })),
    fileName,
  };
}

// ---- meaning -------------------------------------------------------------

const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

function checkMeaning(raw: RawCalendarYear): Problem[] {
  const problems: Problem[] = [];
  const zoneProblem = checkZoneOffset(raw);
  if (zoneProblem) problems.push(zoneProblem);

  // First declaration of each day, to report a day declared twice.
  const declared = new Map<number, string>();
  const claim = (day: number, path: Path): void => {
    const first = declared.get(day);
    if (first === undefined) declared.set(day, label(path));
    else problems.push({ path, text: `${label(path)} declares ${isoDateFromDay(day)}, already declared by ${first}. Keep one of them.` });
  };
  const dateAt = (path: Path, value: string, mustBeInYear: boolean): number | undefined => {
    const day = dayFromIsoDate(value);
    if (day === undefined) {
      problems.push({ path, text: `${label(path)} is "${value}", which is not a calendar date. Write a real date as YYYY-MM-DD.` });
      return undefined;
    }
    if (mustBeInYear && yearOfDay(day) !== raw.year) {
      problems.push({
        path,
        text: `${label(path)} ${value} is not in ${raw.year}, the year of this file. Declare it in the calendar file of ${yearOfDay(day)}, or correct the date.`,
      });
      return undefined;
    }
    return day;
  };

  raw.holidays.forEach((holiday, index) => {
    const at: Path = ['holidays', index];
    if (holiday.date !== undefined && (holiday.from !== undefined || holiday.to !== undefined)) {
      problems.push({ path: at, text: `${label(at)} has both \`date\` and \`from\`/\`to\`. Keep \`date\` for one day, or \`from\` and \`to\` for a break.` });
      return;
    }
    if (holiday.date !== undefined) {
      const day = dateAt([...at, 'date'], holiday.date, true);
      if (day !== undefined) claim(day, [...at, 'date']);
      return;
    }
    if (holiday.from === undefined || holiday.to === undefined) return; // the schema guarantees both
    const from = dateAt([...at, 'from'], holiday.from, true);
    const to = dateAt([...at, 'to'], holiday.to, true);
    if (from === undefined || to === undefined) return;
    if (to < from) {
      problems.push({ path: [...at, 'to'], text: `${label(at)} ends on ${holiday.to}, before it starts on ${holiday.from}. Swap \`from\` and \`to\`.` });
      return;
    }
    for (let day = from; day <= to; day += 1) claim(day, [...at, 'from']);
  });

  raw.daysOff.forEach((dayOff, index) => {
    const at: Path = ['daysOff', index];
    const day = dateAt([...at, 'date'], dayOff.date, true);
    const makeUp = dateAt([...at, 'makeUpDate'], dayOff.makeUpDate, false);
    if (day !== undefined) {
      claim(day, [...at, 'date']);
      if (isWeekend(day)) {
        problems.push({ path: [...at, 'date'], text: `${label([...at, 'date'])} ${dayOff.date} is a ${WEEKDAY_NAMES[dayOfWeek(day)]}, already off. A swap gives off a weekday; list a holiday under \`holidays\` instead.` });
      }
    }
    if (makeUp !== undefined && !isWeekend(makeUp)) {
      problems.push({ path: [...at, 'makeUpDate'], text: `${label([...at, 'makeUpDate'])} ${dayOff.makeUpDate} is a ${WEEKDAY_NAMES[dayOfWeek(makeUp)]}, already a working day. Make up on a Saturday or Sunday.` });
    }
    // Pairs across years are checked by buildCalendar, which sees both files.
    if (makeUp !== undefined && yearOfDay(makeUp) === raw.year) {
      const partner = raw.workingDays.find((makeUpDay) => makeUpDay.date === dayOff.makeUpDate);
      if (partner?.replaces !== dayOff.date) {
        problems.push({ path: [...at, 'makeUpDate'], text: `${label(at)} is made up on ${dayOff.makeUpDate}, but workingDays has no entry { date: ${dayOff.makeUpDate}, replaces: ${dayOff.date} }. Add it, or correct makeUpDate.` });
      }
    }
  });

  raw.workingDays.forEach((makeUpDay, index) => {
    const at: Path = ['workingDays', index];
    const day = dateAt([...at, 'date'], makeUpDay.date, true);
    const replaced = dateAt([...at, 'replaces'], makeUpDay.replaces, false);
    if (day !== undefined) {
      claim(day, [...at, 'date']);
      if (!isWeekend(day)) {
        problems.push({ path: [...at, 'date'], text: `${label([...at, 'date'])} ${makeUpDay.date} is a ${WEEKDAY_NAMES[dayOfWeek(day)]}, already a working day. Only a Saturday or Sunday can be a make-up day.` });
      }
    }
    if (replaced !== undefined && yearOfDay(replaced) === raw.year) {
      const partner = raw.daysOff.find((dayOff) => dayOff.date === makeUpDay.replaces);
      if (partner?.makeUpDate !== makeUpDay.date) {
        problems.push({ path: [...at, 'replaces'], text: `${label(at)} replaces ${makeUpDay.replaces}, but daysOff has no entry { date: ${makeUpDay.replaces}, makeUpDate: ${makeUpDay.date} }. Add it, or correct replaces.` });
      }
    }
  });
  return problems;
}

function isWeekend(day: number): boolean {
  const weekday = dayOfWeek(day);
  return weekday === 0 || weekday === 6;
}

// The engine does fixed-offset arithmetic; this proves the zone really has one
// offset all year (mid-January and mid-July catch daylight saving in either hemisphere).
function checkZoneOffset(raw: RawCalendarYear): Problem | undefined {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US', { timeZone: raw.timeZone, timeZoneName: 'longOffset' });
  } catch {
    return { path: ['timeZone'], text: `timeZone "${raw.timeZone}" is not a time zone this runtime knows. Write an IANA name, e.g. Asia/Ho_Chi_Minh.` };
  }
  const offsetOn = (month: number): string => {
    const probe = new Date(Date.UTC(raw.year, month - 1, 15, 12));
    const zoneName = format.formatToParts(probe).find((part) => part.type === 'timeZoneName')?.value ?? '';
    return zoneName === 'GMT' ? '+00:00' : zoneName.replace('GMT', '').replace('\u2212', '-');
  };
  const january = offsetOn(1);
  const july = offsetOn(7);
  if (january !== july) {
    return {
      path: ['timeZone'],
      text: `timeZone ${raw.timeZone} changes its UTC offset during ${raw.year} (${january} in January, ${july} in July), but working time is computed with one fixed offset. Use a zone without daylight saving, e.g. Asia/Ho_Chi_Minh.`,
    };
  }
  if (january !== raw.utcOffset) {
    return {
      path: ['utcOffset'],
      text: `utcOffset is "${raw.utcOffset}" but ${raw.timeZone} is ${january} in ${raw.year}. Write utcOffset: "${january}".`,
    };
  }
  return undefined;
}

// ---- schema errors -------------------------------------------------------

function describeSchemaError(error: ErrorObject): Problem[] {
  // anyOf reports each failed branch too; its own message says it all.
  if (error.schemaPath.includes('/anyOf/')) return [];
  const path = pointerToPath(error.instancePath);
  const parent = (error.parentSchema ?? {}) as SchemaNode;
  const expected = parent.description;
  const value = JSON.stringify(error.data) ?? 'nothing';
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required': {
      const missing = String(params['missingProperty']);
      const hint = describeProperty(parent, missing);
      return [{ path, text: `${label(path)} has no \`${missing}\`. Add \`${missing}:\`${hint ? ` (${hint})` : ''}.` }];
    }
    case 'additionalProperties': {
      const extra = String(params['additionalProperty']);
      const allowed = Object.keys(parent.properties ?? {}).join(', ');
      return [{ path: [...path, extra], onKey: true, text: `${label(path)} has an unknown key \`${extra}\`. Use one of: ${allowed}.` }];
    }
    case 'type': {
      // The file itself is best described by its keys; anything else by its meaning.
      const keys = path.length === 0 && parent.required ? ` with the keys ${parent.required.join(', ')}` : '';
      const meaning = expected && !keys ? `: ${expected}` : '';
      return [{ path, text: `${label(path)} is ${value}; it must be ${article(String(params['type']))}${keys}${meaning}.` }];
    }
    case 'anyOf':
      return [{ path, text: `${label(path)} needs ${expected ?? 'one of several forms'}.` }];
    case 'minLength':
      return [{ path, text: `${label(path)} is empty. Write ${expected ?? 'the text'}.` }];
    case 'pattern':
      return [{ path, text: `${label(path)} is ${value}; write ${expected ?? 'a value of the documented form'}.` }];
    default: {
      const rule = error.message ?? 'another value';
      return [{ path, text: `${label(path)} is ${value}; expected ${expected ? `${expected} (${rule})` : rule}.` }];
    }
  }
}

function describeProperty(parent: SchemaNode, name: string): string | undefined {
  const property = parent.properties?.[name];
  if (!property) return undefined;
  if (property.description) return property.description;
  const ref = property.$ref?.replace('#/definitions/', '');
  const definitions = calendarSchema.definitions as Record<string, SchemaNode>;
  return ref ? definitions[ref]?.description : undefined;
}

function article(type: string): string {
  const name = type === 'object' ? 'mapping' : type === 'array' ? 'list' : type;
  return /^[aeiou]/.test(name) ? `an ${name}` : `a ${name}`;
}

function pointerToPath(pointer: string): Path {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
}

function label(path: Path): string {
  if (path.length === 0) return 'The file';
  return path.map((segment, index) => (typeof segment === 'number' ? `[${segment}]` : index === 0 ? segment : `.${segment}`)).join('');
}

// ---- locations -----------------------------------------------------------

/** Offset in the text of the node a problem is about, or of its nearest existing ancestor. */
function locate(doc: Document, problem: Problem): number {
  const { path } = problem;
  const last = path[path.length - 1];
  if (problem.onKey && last !== undefined) {
    const parent = doc.getIn(path.slice(0, -1), true);
    if (isMap(parent)) {
      const pair = parent.items.find((item) => (isScalar(item.key) ? item.key.value : item.key) === last);
      if (pair && isNode(pair.key) && pair.key.range) return pair.key.range[0];
    }
  }
  for (let depth = path.length; depth > 0; depth -= 1) {
    const node = doc.getIn(path.slice(0, depth), true);
    if (isNode(node) && node.range) return node.range[0];
  }
  return isNode(doc.contents) && doc.contents.range ? doc.contents.range[0] : 0;
}
