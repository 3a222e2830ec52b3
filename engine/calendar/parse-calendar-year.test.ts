import { describe, expect, it } from 'vitest';
import {
  buildCalendar,
  createCalendarFromTexts,
  isWorkingDay,
  nextWorkingMoment,
  parseCalendarYear,
} from './index.ts';
import { readCalendarFile, thrownCalendarError } from '../../test/calendar-fixtures.ts';

const thrown = thrownCalendarError;

const lines = (...text: string[]): string => `${text.join('\n')}\n`;

/** A valid year; tests replace one line at a time, so line numbers below are stable. */
const VALID = [
  'year: 2026', //                                            1
  'timeZone: Asia/Ho_Chi_Minh', //                            2
  'utcOffset: "+07:00"', //                                   3
  'holidays:', //                                             4
  '  - date: 2026-01-01', //                                  5
  '    name: { vi: Tết Dương lịch, en: New Year }', //        6
  'daysOff:', //                                              7
  '  - date: 2026-01-02', //                                  8
  '    makeUpDate: 2026-01-10', //                            9
  '    reason: { vi: Hoán đổi, en: Swap }', //                10
  'workingDays:', //                                          11
  '  - date: 2026-01-10', //                                  12
  '    replaces: 2026-01-02', //                              13
  '    reason: { vi: Làm bù, en: Make-up day }', //           14
];

/** VALID with line `n` (1-based) replaced; `undefined` deletes it. */
function validWith(changes: Record<number, string | undefined>): string {
  return lines(
    ...VALID.flatMap((line, index) => {
      const lineNumber = index + 1;
      if (!(lineNumber in changes)) return [line];
      const replacement = changes[lineNumber];
      return replacement === undefined ? [] : [replacement];
    }),
  );
}

const FILE = 'procedures/calendars/vn-2026.yaml';

describe('parseCalendarYear', () => {
  it('reads the 2026 calendar file', () => {
    const year = parseCalendarYear(readCalendarFile('vn-2026.yaml'), FILE);
    expect(year.year).toBe(2026);
    expect(year.timeZone).toBe('Asia/Ho_Chi_Minh');
    expect(year.utcOffset).toBe('+07:00');
    expect(year.fileName).toBe(FILE);
    expect(year.holidays.map((holiday) => [holiday.from, holiday.to])).toEqual([
      ['2026-01-01', '2026-01-01'],
      ['2026-02-14', '2026-02-22'],
      ['2026-04-26', '2026-04-26'],
      ['2026-04-27', '2026-04-27'],
      ['2026-04-30', '2026-04-30'],
      ['2026-05-01', '2026-05-01'],
      ['2026-09-01', '2026-09-02'],
    ]);
    expect(year.holidays[1]?.name).toEqual({ vi: 'Tết Nguyên đán Bính Ngọ', en: 'Lunar New Year (Tết)' });
    expect(year.daysOff).toEqual([
      {
        date: '2026-01-02',
        makeUpDate: '2026-01-10',
        reason: { vi: 'Nghỉ hoán đổi để nghỉ liền dịp Tết Dương lịch', en: 'Swapped to make one New Year break' },
      },
      {
        date: '2026-08-31',
        makeUpDate: '2026-08-22',
        reason: { vi: 'Nghỉ hoán đổi để nghỉ liền dịp Quốc khánh', en: 'Swapped to make one National Day break' },
      },
    ]);
    expect(year.workingDays).toEqual([
      {
        date: '2026-01-10',
        replaces: '2026-01-02',
        reason: { vi: 'Làm bù cho ngày nghỉ thứ Sáu 02/01/2026', en: 'Make-up day for Friday 2 January 2026' },
      },
      {
        date: '2026-08-22',
        replaces: '2026-08-31',
        reason: { vi: 'Làm bù cho ngày nghỉ thứ Hai 31/08/2026', en: 'Make-up day for Monday 31 August 2026' },
      },
    ]);
  });

  it.each([
    ['vn-2025.yaml', 2025, 6, 1, 1],
    ['vn-2026.yaml', 2026, 7, 2, 2],
    ['vn-2027.yaml', 2027, 7, 0, 0],
  ])('reads %s', (name, yearNumber, holidays, daysOff, workingDays) => {
    const year = parseCalendarYear(readCalendarFile(name), `procedures/calendars/${name}`);
    expect([year.year, year.holidays.length, year.daysOff.length, year.workingDays.length]).toEqual([
      yearNumber,
      holidays,
      daysOff,
      workingDays,
    ]);
  });

  it.each([
    ['a key given twice', 'year: 2026\nyear: 2027\n', `${FILE}:2:1: Map keys must be unique. Fix the YAML syntax there.`],
    [
      'a line indented wrongly',
      validWith({ 6: '   name: { vi: Tết Dương lịch, en: New Year }' }),
      `${FILE}:6:1: Sequence item without - indicator. Fix the YAML syntax there.`,
    ],
    [
      'an empty file',
      '',
      `${FILE}:1:1: The file is null; it must be a mapping with the keys year, timeZone, utcOffset, holidays, daysOff, workingDays.`,
    ],
    [
      'a missing utcOffset',
      validWith({ 3: undefined }),
      `${FILE}:1:1: The file has no \`utcOffset\`. Add \`utcOffset:\` (the zone's fixed offset from UTC that year as ±HH:MM, e.g. "+07:00").`,
    ],
    [
      'a misspelt key',
      validWith({ 6: '    nmae: { vi: Tết Dương lịch, en: New Year }' }),
      [
        `${FILE}:5:5: holidays[0] has no \`name\`. Add \`name:\` (a text in Vietnamese and English).`,
        `${FILE}:6:5: holidays[0] has an unknown key \`nmae\`. Use one of: date, from, to, name.`,
      ].join('\n'),
    ],
    [
      'a year written as text',
      validWith({ 1: 'year: "2026"' }),
      `${FILE}:1:7: year is "2026"; it must be an integer: the calendar year, e.g. 2026.`,
    ],
    [
      'a date not written YYYY-MM-DD',
      validWith({ 5: '  - date: 2026-1-1' }),
      `${FILE}:5:11: holidays[0].date is "2026-1-1"; write a date as YYYY-MM-DD, e.g. 2026-02-14.`,
    ],
    [
      'a holiday without a date',
      validWith({ 5: '  - name: { vi: Tết Dương lịch, en: New Year }', 6: undefined }),
      `${FILE}:5:5: holidays[0] needs either one \`date\`, or a break from \`from\` to \`to\` (both inclusive).`,
    ],
    [
      'a name without English',
      validWith({ 6: '    name: { vi: Tết Dương lịch }' }),
      `${FILE}:6:11: holidays[0].name has no \`en\`. Add \`en:\`.`,
    ],
    [
      'a date that does not exist',
      validWith({ 5: '  - date: 2026-02-30' }),
      `${FILE}:5:11: holidays[0].date is "2026-02-30", which is not a calendar date. Write a real date as YYYY-MM-DD.`,
    ],
    [
      'a date of another year',
      validWith({ 5: '  - date: 2025-01-01' }),
      `${FILE}:5:11: holidays[0].date 2025-01-01 is not in 2026, the year of this file. Declare it in the calendar file of 2025, or correct the date.`,
    ],
    [
      'a swap that does not pair up',
      validWith({ 8: '  - date: 2026-01-03' }),
      [
        `${FILE}:8:11: daysOff[0].date 2026-01-03 is a Saturday, already off. A swap gives off a weekday; list a holiday under \`holidays\` instead.`,
        `${FILE}:9:17: daysOff[0] is made up on 2026-01-10, but workingDays has no entry { date: 2026-01-10, replaces: 2026-01-03 }. Add it, or correct makeUpDate.`,
        `${FILE}:13:15: workingDays[0] replaces 2026-01-02, but daysOff has no entry { date: 2026-01-02, makeUpDate: 2026-01-10 }. Add it, or correct replaces.`,
      ].join('\n'),
    ],
    [
      'a make-up day on a weekday',
      validWith({ 9: '    makeUpDate: 2026-01-09', 12: '  - date: 2026-01-09' }),
      [
        `${FILE}:9:17: daysOff[0].makeUpDate 2026-01-09 is a Friday, already a working day. Make up on a Saturday or Sunday.`,
        `${FILE}:12:11: workingDays[0].date 2026-01-09 is a Friday, already a working day. Only a Saturday or Sunday can be a make-up day.`,
      ].join('\n'),
    ],
    [
      'a day declared twice',
      validWith({ 5: '  - date: 2026-01-02' }),
      `${FILE}:8:11: daysOff[0].date declares 2026-01-02, already declared by holidays[0].date. Keep one of them.`,
    ],
    [
      'a break that ends before it starts',
      validWith({ 5: '  - { from: 2026-02-22, to: 2026-02-14, name: { vi: Tết, en: Tết } }', 6: undefined }),
      `${FILE}:5:29: holidays[0] ends on 2026-02-14, before it starts on 2026-02-22. Swap \`from\` and \`to\`.`,
    ],
    [
      'an offset that is not the zone’s',
      validWith({ 3: 'utcOffset: "+08:00"' }),
      `${FILE}:3:12: utcOffset is "+08:00" but Asia/Ho_Chi_Minh is +07:00 in 2026. Write utcOffset: "+07:00".`,
    ],
    [
      'a zone with daylight saving',
      validWith({ 2: 'timeZone: Europe/Paris', 3: 'utcOffset: "+01:00"' }),
      `${FILE}:2:11: timeZone Europe/Paris changes its UTC offset during 2026 (+01:00 in January, +02:00 in July), but working time is computed with one fixed offset. Use a zone without daylight saving, e.g. Asia/Ho_Chi_Minh.`,
    ],
    [
      'an unknown zone',
      validWith({ 2: 'timeZone: Asia/Nowhere' }),
      `${FILE}:2:11: timeZone "Asia/Nowhere" is not a time zone this runtime knows. Write an IANA name, e.g. Asia/Ho_Chi_Minh.`,
    ],
  ])('reports %s with file:line:col', (_, text, message) => {
    const error = thrown(() => parseCalendarYear(text, FILE));
    expect(error.code).toBe('calendar.invalid');
    expect(error.message).toBe(message);
    expect(error.details).toEqual({ fileName: FILE, problems: message.split('\n') });
  });
});

/** A year with no holidays: every weekday works. */
const plainYear = (year: number, zone = 'timeZone: Asia/Ho_Chi_Minh\nutcOffset: "+07:00"'): string =>
  `year: ${year}\n${zone}\nholidays: []\ndaysOff: []\nworkingDays: []\n`;

describe('buildCalendar', () => {
  it('needs at least one year', () => {
    const error = thrown(() => buildCalendar([]));
    expect(error.code).toBe('calendar.invalid');
    expect(error.message).toBe(
      'No calendar year was given. Load at least one calendar file, e.g. procedures/calendars/vn-2026.yaml.',
    );
  });

  it('refuses two files for one year', () => {
    const error = thrown(() =>
      createCalendarFromTexts([
        { fileName: 'a/vn-2026.yaml', text: plainYear(2026) },
        { fileName: 'b/vn-2026.yaml', text: plainYear(2026) },
      ]),
    );
    expect(error.code).toBe('calendar.invalid');
    expect(error.message).toBe('a/vn-2026.yaml and b/vn-2026.yaml both declare year 2026. Keep one file per year.');
  });

  it('refuses years in different zones', () => {
    const error = thrown(() =>
      createCalendarFromTexts([
        { fileName: 'vn-2026.yaml', text: plainYear(2026) },
        { fileName: 'utc-2025.yaml', text: plainYear(2025, 'timeZone: UTC\nutcOffset: "+00:00"') },
      ]),
    );
    expect(error.code).toBe('calendar.invalid');
    expect(error.message).toBe(
      'vn-2026.yaml uses Asia/Ho_Chi_Minh (+07:00) but utc-2025.yaml uses UTC (+00:00). All years of one calendar share a time zone and offset; load the other zone as a separate calendar.',
    );
  });

  const swap2025 = lines(
    'year: 2025',
    'timeZone: Asia/Ho_Chi_Minh',
    'utcOffset: "+07:00"',
    'holidays: []',
    'daysOff:',
    '  - { date: 2025-12-31, makeUpDate: 2026-01-10, reason: { vi: Hoán đổi, en: Swap } }',
    'workingDays: []',
  );
  const makeUp2026 = lines(
    'year: 2026',
    'timeZone: Asia/Ho_Chi_Minh',
    'utcOffset: "+07:00"',
    'holidays: []',
    'daysOff: []',
    'workingDays:',
    '  - { date: 2026-01-10, replaces: 2025-12-31, reason: { vi: Làm bù, en: Make-up day } }',
  );

  it('pairs a swap across two years', () => {
    const cal = createCalendarFromTexts([
      { fileName: 'x-2025.yaml', text: swap2025 },
      { fileName: 'x-2026.yaml', text: makeUp2026 },
    ]);
    expect([isWorkingDay(cal, '2025-12-31'), isWorkingDay(cal, '2026-01-10')]).toEqual([false, true]);
  });

  it('reports the half of a cross-year swap that is missing', () => {
    const error = thrown(() =>
      createCalendarFromTexts([
        { fileName: 'x-2025.yaml', text: swap2025 },
        { fileName: 'x-2026.yaml', text: plainYear(2026) },
      ]),
    );
    expect(error.code).toBe('calendar.invalid');
    expect(error.message).toBe(
      'x-2025.yaml: the day off 2025-12-31 is made up on 2026-01-10, but x-2026.yaml has no workingDays entry { date: 2026-01-10, replaces: 2025-12-31 }. Add it there, or correct makeUpDate.',
    );
  });

  it.each([
    ['2024-12-31', '2024-12-31 is outside every declared calendar (2025, 2027). Add procedures/calendars/vn-2024.yaml.'],
    ['2026-06-01', '2026-06-01 is outside every declared calendar (2025, 2027). Add procedures/calendars/vn-2026.yaml.'],
    ['2028-01-01', '2028-01-01 is outside every declared calendar (2025, 2027). Add procedures/calendars/vn-2028.yaml.'],
  ])('treats %s, outside the declared years, as an error', (date, message) => {
    const cal = createCalendarFromTexts([
      { fileName: 'procedures/calendars/vn-2025.yaml', text: plainYear(2025) },
      { fileName: 'procedures/calendars/vn-2027.yaml', text: plainYear(2027) },
    ]);
    const error = thrown(() => isWorkingDay(cal, date));
    expect(error.code).toBe('calendar.out-of-range');
    expect(error.message).toBe(message);
  });

  it('uses the default opening hours it is given', () => {
    const cal = createCalendarFromTexts([{ fileName: 'vn-2026.yaml', text: plainYear(2026) }], {
      openingHours: {
        weekday: [{ from: '08:00', to: '16:00' }],
        saturday: [{ from: '08:00', to: '12:00' }],
      },
    });
    // Sat 7 Mar 2026, 07:00 → the Saturday opening; 16:00 on Friday 6 Mar → Saturday too.
    expect(nextWorkingMoment(cal, new Date('2026-03-07T07:00:00+07:00'))).toEqual(new Date('2026-03-07T08:00:00+07:00'));
    expect(nextWorkingMoment(cal, new Date('2026-03-06T16:00:00+07:00'))).toEqual(new Date('2026-03-07T08:00:00+07:00'));
  });
});
