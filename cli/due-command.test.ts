import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DUE_USAGE, runDueCommand, type DueCommandIo } from './due-command.ts';

const repoFile = (path: string): string => readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');
const CALENDAR_PATHS = ['2025', '2026', '2027'].map((year) => `procedures/calendars/vn-${year}.yaml`);

interface Run {
  code: number;
  stdout: string[];
  stderr: string[];
}

async function run(argv: string[], overrides: Partial<DueCommandIo> = {}): Promise<Run> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const io: DueCommandIo = {
    readFile: async (path) => repoFile(path),
    listCalendarFiles: async () => CALENDAR_PATHS.map((fileName) => ({ fileName, text: repoFile(fileName) })),
    stdout: (line) => stdout.push(line),
    stderr: (line) => stderr.push(line),
    ...overrides,
  };
  const code = await runDueCommand(argv, io);
  return { code, stdout, stderr };
}

describe('motcua due', () => {
  it.each([
    [
      ['--from', '2026-02-13T16:00', '--working-days', '3'],
      [
        '2026-02-25T17:00:00+07:00',
        '3 working days counted: Mon 2026-02-23, Tue 2026-02-24, Wed 2026-02-25 (received Fri 2026-02-13 16:00; the reception day does not count).',
      ],
    ],
    [
      // The same instant written in UTC.
      ['--from', '2026-02-13T09:00Z', '--working-days', '3'],
      [
        '2026-02-25T17:00:00+07:00',
        '3 working days counted: Mon 2026-02-23, Tue 2026-02-24, Wed 2026-02-25 (received Fri 2026-02-13 16:00; the reception day does not count).',
      ],
    ],
    [
      ['--from', '2026-01-09T10:00', '--working-days', '1'],
      [
        '2026-01-10T17:00:00+07:00',
        '1 working day counted: Sat 2026-01-10 (received Fri 2026-01-09 10:00; the reception day does not count).',
      ],
    ],
    [
      ['--from', '2026-02-13T16:00', '--working-hours', '4'],
      [
        '2026-02-23T10:30:00+07:00',
        '4 working hours counted from Fri 2026-02-13 16:00, on 2 working days: Fri 2026-02-13, Mon 2026-02-23.',
      ],
    ],
    [
      ['--from', '2026-03-10T15:30', '--same-day'],
      [
        '2026-03-11T17:00:00+07:00',
        'Same-day limit: received Tue 2026-03-10 15:30, at or after the 15:00 cut-off; counted on the next working day, Wed 2026-03-11.',
      ],
    ],
    [
      ['--from', '2026-03-10T14:59', '--same-day'],
      [
        '2026-03-10T17:00:00+07:00',
        'Same-day limit: received Tue 2026-03-10 14:59, before the 15:00 cut-off; due at the close of Tue 2026-03-10.',
      ],
    ],
    [
      ['--from', '2026-03-10T15:30', '--same-day', '--cutoff', '16:00'],
      [
        '2026-03-10T17:00:00+07:00',
        'Same-day limit: received Tue 2026-03-10 15:30, before the 16:00 cut-off; due at the close of Tue 2026-03-10.',
      ],
    ],
    [
      ['--from', '2026-03-08T10:00', '--same-day'],
      [
        '2026-03-09T17:00:00+07:00',
        'Same-day limit: received Sun 2026-03-08 10:00, outside opening hours; counted on the next working day, Mon 2026-03-09.',
      ],
    ],
  ])('motcua due %j', async (argv, stdout) => {
    expect(await run(argv)).toEqual({ code: 0, stdout, stderr: [] });
  });

  it('reads the calendar files given with --calendar', async () => {
    const listed: string[] = [];
    const result = await run(
      ['--calendar', 'procedures/calendars/vn-2026.yaml', '--from', '2026-02-13T16:00', '--working-days', '3'],
      {
        listCalendarFiles: async () => {
          listed.push('called');
          return [];
        },
      },
    );
    expect(result.code).toBe(0);
    expect(result.stdout[0]).toBe('2026-02-25T17:00:00+07:00');
    expect(listed).toEqual([]);
  });

  it('prints the usage with --help', async () => {
    expect(await run(['--help'])).toEqual({ code: 0, stdout: [...DUE_USAGE], stderr: [] });
  });

  it.each([
    [[], 'Missing --from. Give the reception instant, e.g. --from 2026-02-13T16:00.'],
    [['--from', '2026-02-13T16:00'], 'Missing the time limit. Give one of --working-days N, --working-hours N or --same-day.'],
    [
      ['--from', '2026-02-13T16:00', '--working-days', '3', '--same-day'],
      'Give only one time limit: --working-days, --working-hours or --same-day.',
    ],
    [
      ['--from', '2026-02-13T16:00', '--working-days', 'three'],
      '--working-days "three" is not a whole number of days ≥ 1. Write e.g. --working-days 3 (use --same-day for a same-day procedure).',
    ],
    [
      ['--from', '2026-02-13T16:00', '--working-days', '0'],
      '--working-days "0" is not a whole number of days ≥ 1. Write e.g. --working-days 3 (use --same-day for a same-day procedure).',
    ],
    [
      ['--from', '2026-02-13T16:00', '--working-hours', '4h'],
      '--working-hours "4h" is not a number of hours > 0. Write e.g. --working-hours 4.',
    ],
    [
      ['--from', '2026-02-13T16:00', '--working-days', '3', '--cutoff', '16:00'],
      '--cutoff applies only to --same-day. Remove it, or add --same-day.',
    ],
    [
      ['--from', '2026-03-10T15:30', '--same-day', '--cutoff', '25:00'],
      '--cutoff "25:00" is not a time of day. Write HH:MM, e.g. --cutoff 15:00.',
    ],
    [['--frm', '2026-02-13T16:00'], "Unknown option '--frm'. Run `motcua due --help` for the options."],
    [['--from'], "Option '--from <value>' argument missing. Run `motcua due --help` for the options."],
    [
      ['--from', '2026-02-13T16:00', '--working-days', '-1'],
      "Option '--working-days' argument is ambiguous. Run `motcua due --help` for the options.",
    ],
  ])('exits 2 on %j', async (argv, message) => {
    expect(await run(argv)).toEqual({ code: 2, stdout: [], stderr: [message, DUE_USAGE[0]] });
  });

  it('exits 2 on a --from that is not a date-time', async () => {
    expect(await run(['--from', '2026-02-13 16:00', '--working-days', '3'])).toEqual({
      code: 2,
      stdout: [],
      stderr: [
        '--from: "2026-02-13 16:00" is not a date-time. Write YYYY-MM-DDTHH:MM, read as Asia/Ho_Chi_Minh time (e.g. 2026-02-13T16:00), or add an offset (e.g. 2026-02-13T16:00+07:00).',
      ],
    });
  });

  it('exits 2 on a --calendar file it cannot read', async () => {
    const result = await run(['--calendar', 'nope.yaml', '--from', '2026-02-13T16:00', '--working-days', '3'], {
      readFile: async () => {
        throw new Error('ENOENT: no such file or directory');
      },
    });
    expect(result).toEqual({
      code: 2,
      stdout: [],
      stderr: [
        '--calendar nope.yaml: cannot read it (ENOENT: no such file or directory). Give the path of a calendar file, e.g. procedures/calendars/vn-2026.yaml.',
      ],
    });
  });

  it('exits 1 when the due date runs past the declared calendars', async () => {
    expect(await run(['--from', '2027-12-30T10:00', '--working-days', '3'])).toEqual({
      code: 1,
      stdout: [],
      stderr: ['2028-01-01 is outside every declared calendar (2025–2027). Add procedures/calendars/vn-2028.yaml.'],
    });
  });

  it('exits 1 on an invalid calendar file, naming the line', async () => {
    const result = await run(['--from', '2026-02-13T16:00', '--working-days', '3'], {
      listCalendarFiles: async () => [{ fileName: 'procedures/calendars/vn-2026.yaml', text: 'year: 2026\nyear: 2027\n' }],
    });
    expect(result).toEqual({
      code: 1,
      stdout: [],
      stderr: ['procedures/calendars/vn-2026.yaml:2:1: Map keys must be unique. Fix the YAML syntax there.'],
    });
  });
});
