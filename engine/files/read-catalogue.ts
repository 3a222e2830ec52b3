// Reads the catalogue folder (procedures/ by default): procedure definitions,
// working-time calendars, the province's organisation and the external
// connectors (connectors.yaml, optional: a catalogue may have none). The only place that
// knows the folder's layout; the CLI and the server both use it.
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';

export interface SourceFile {
  /** Path relative to the working directory, as it appears in diagnostics. */
  file: string;
  text: string;
}

export interface Catalogue {
  procedures: SourceFile[];
  calendars: SourceFile[];
  province: SourceFile;
  /** connectors.yaml; null when the folder has none. */
  connectors: SourceFile | null;
}

/** Procedure files are the folder's top-level *.yaml, except the organisation and scenario files. */
export function isProcedureFile(name: string): boolean {
  return /\.ya?ml$/.test(name) && !/\.scenarios\.ya?ml$/.test(name) && !/^(province|connectors)\.ya?ml$/.test(name);
}

export async function readCatalogue(dir: string): Promise<Catalogue> {
  const read = async (path: string): Promise<SourceFile> => ({ file: relative(process.cwd(), path) || path, text: await readFile(path, 'utf8') });
  const names = (await readdir(dir)).sort();
  const procedures = await Promise.all(names.filter(isProcedureFile).map((n) => read(join(dir, n))));
  const calendarDir = join(dir, 'calendars');
  const calendarNames = (await readdir(calendarDir)).filter((n) => /^[a-z]+-\d{4}\.ya?ml$/.test(n)).sort();
  const calendars = await Promise.all(calendarNames.map((n) => read(join(calendarDir, n))));
  const connectors = names.includes('connectors.yaml') ? await read(join(dir, 'connectors.yaml')) : null;
  return { procedures, calendars, province: await read(join(dir, 'province.yaml')), connectors };
}

/** Calendar names (e.g. "vn") from files named <name>-<year>.yaml. */
export function calendarNames(calendars: SourceFile[]): Set<string> {
  return new Set(calendars.map((c) => /([a-z]+)-\d{4}\.ya?ml$/.exec(c.file)?.[1]).filter((n): n is string => Boolean(n)));
}
