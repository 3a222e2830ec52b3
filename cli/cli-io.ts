// Everything the motcua commands need from the outside world, as one object:
// the commands stay testable with an in-memory double, and the real one
// (create-node-io.ts) is the only place that touches the disk and the console.
import type { DueCommandIo } from './due-command.ts';

export type PathKind = 'file' | 'directory' | null;

export interface CliIo extends DueCommandIo {
  /** Paths in output are shown relative to this directory. */
  readonly cwd: string;
  /** What is at a path: a file, a directory, or nothing. */
  kindOf(path: string): Promise<PathKind>;
  /** Entries of a directory, sorted by name. */
  readDir(path: string): Promise<Array<{ name: string; directory: boolean }>>;
}
