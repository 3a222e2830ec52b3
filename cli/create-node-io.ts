// The real CliIo: files from the disk (paths relative to the working
// directory), lines to stdout and stderr.
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { CliIo } from './cli-io.ts';

const CALENDAR_DIR = 'procedures/calendars';

export function createNodeIo(): CliIo {
  // A reader that stops early (motcua diagram … | head) closes the pipe: stop writing, do not crash.
  let closed = false;
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    closed = true;
  });
  const io: CliIo = {
    cwd: process.cwd(),
    readFile: (path) => readFile(path, 'utf8'),
    async kindOf(path) {
      try {
        return (await stat(path)).isDirectory() ? 'directory' : 'file';
      } catch {
        return null;
      }
    },
    async readDir(path) {
      const entries = await readdir(path, { withFileTypes: true });
      return entries.map((e) => ({ name: e.name, directory: e.isDirectory() })).sort((a, b) => a.name.localeCompare(b.name));
    },
    async listCalendarFiles() {
      if ((await io.kindOf(CALENDAR_DIR)) !== 'directory') return [];
      const names = (await io.readDir(CALENDAR_DIR)).filter((e) => !e.directory && /^[a-z][a-z0-9]*-\d{4}\.ya?ml$/.test(e.name));
      return Promise.all(names.map(async (e) => ({ fileName: join(CALENDAR_DIR, e.name), text: await readFile(join(CALENDAR_DIR, e.name), 'utf8') })));
    },
    stdout: (line) => {
      if (!closed) process.stdout.write(`${line}\n`);
    },
    stderr: (line) => void process.stderr.write(`${line}\n`),
  };
  return io;
}
