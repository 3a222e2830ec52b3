// The organisation a definition is checked against: unit ids from the
// province file, calendar names from the calendar folder (vn from vn-2026.yaml),
// connector names from connectors.yaml beside the province file (none if absent).
import { dirname, join } from 'node:path';
import type { CheckContext } from '../engine/definition/check-procedure.ts';
import { calendarNames } from '../engine/files/read-catalogue.ts';
import { isMotcuaError } from '../engine/motcua-error.ts';
import { parseConnectors } from '../engine/service/connectors/parse-connectors.ts';
import { parseProvince } from '../engine/service/parse-province.ts';
import type { CliIo } from './cli-io.ts';

export const DEFAULT_PROVINCE = 'procedures/province.yaml';
export const DEFAULT_CALENDARS = 'procedures/calendars';

/** A problem with the province file or calendar folder: lines to print, and the exit code. */
export class ContextError extends Error {
  constructor(
    readonly lines: string[],
    readonly exitCode: number,
  ) {
    super(lines.join('\n'));
  }
}

export interface CalendarFile {
  fileName: string;
  text: string;
}

export async function readCheckContext(io: CliIo, options: { province?: string; calendars?: string }): Promise<{ context: CheckContext; calendars: CalendarFile[] }> {
  const provincePath = options.province ?? DEFAULT_PROVINCE;
  const calendarDir = options.calendars ?? DEFAULT_CALENDARS;
  if ((await io.kindOf(provincePath)) !== 'file')
    throw new ContextError([`cannot read the province file ${provincePath}: units are checked against it; run motcua from the repository root or pass --province FILE`], 2);
  if ((await io.kindOf(calendarDir)) !== 'directory')
    throw new ContextError([`cannot read the calendar folder ${calendarDir}: calendar names are checked against it; run motcua from the repository root or pass --calendars DIR`], 2);

  let units: Set<string>;
  let connectors = new Set<string>();
  const connectorsPath = join(dirname(provincePath), 'connectors.yaml');
  try {
    units = new Set(parseProvince({ file: provincePath, text: await io.readFile(provincePath) }).units.map((u) => u.id));
    if ((await io.kindOf(connectorsPath)) === 'file') connectors = new Set(parseConnectors({ file: connectorsPath, text: await io.readFile(connectorsPath) }).map((c) => c.name));
  } catch (error) {
    if (isMotcuaError(error)) throw new ContextError((error.details.lines as string[] | undefined) ?? [error.message], 1);
    throw error;
  }
  const names = (await io.readDir(calendarDir)).filter((e) => !e.directory && /^[a-z]+-\d{4}\.ya?ml$/.test(e.name));
  const calendars = await Promise.all(names.map(async (e) => ({ fileName: join(calendarDir, e.name), text: await io.readFile(join(calendarDir, e.name)) })));
  return { context: { units, calendars: calendarNames(calendars.map((c) => ({ file: c.fileName, text: c.text }))), connectors, requireCitizenTexts: true }, calendars };
}
