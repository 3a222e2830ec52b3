// Which files `motcua validate` and `motcua test` look at: the files named on
// the command line, and the procedure definitions found under the directories
// named (recursively), in name order. Organisation files, scenario files,
// calendars and schemas are not procedures and are skipped.
import { join, relative, resolve } from 'node:path';
import { isProcedureFile } from '../engine/files/read-catalogue.ts';
import type { CliIo } from './cli-io.ts';

const SKIPPED_DIRECTORIES = new Set(['calendars', 'schema', 'connectors', 'node_modules']);

export interface CollectedFiles {
  /** Paths relative to the working directory. */
  files: string[];
  /** Paths given on the command line that do not exist. */
  missing: string[];
}

export async function collectProcedureFiles(paths: string[], io: CliIo): Promise<CollectedFiles> {
  const files: string[] = [];
  const missing: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await io.readDir(dir)) {
      const path = join(dir, entry.name);
      if (entry.directory) {
        if (!SKIPPED_DIRECTORIES.has(entry.name) && !entry.name.startsWith('.')) await walk(path);
      } else if (isProcedureFile(entry.name)) files.push(path);
    }
  };
  for (const path of paths) {
    const kind = await io.kindOf(path);
    if (kind === 'directory') await walk(path);
    else if (kind === 'file') files.push(path);
    else missing.push(path);
  }
  const shown = files.map((f) => displayPath(io, f));
  return { files: [...new Set(shown)], missing };
}

/** A path as the user reads it in output: relative to the working directory. */
export function displayPath(io: CliIo, path: string): string {
  return relative(io.cwd, resolve(io.cwd, path)) || path;
}
