// Where the embedded server's data folder (the PostgreSQL "cluster") lives. It is
// always reached from the project as <dataDir>/pg. As an ordinary user, or as
// root when the server's user can enter <dataDir>, that is the folder itself.
// As root in a private folder (a clone under /root, mode 0700) the server's user
// cannot get there, so the cluster lives in <sharedDir>/clusters/<project>-<hash>,
// owned by that user, and <dataDir>/pg is a symbolic link to it: the data
// survives restarts, and the project still shows where it is.
import { createHash } from 'node:crypto';
import { chmod, lstat, mkdir, readdir, readlink, rmdir, symlink } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { canReach, type UserIds } from './can-reach.ts';
import { EmbeddedPostgresError } from './embedded-postgres-error.ts';

/** `dataDir` must be absolute. Returns the real folder of the cluster (created later, by initdb). */
export async function placeCluster(dataDir: string, user: UserIds | null, sharedDir: string): Promise<string> {
  const link = join(dataDir, 'pg');
  await mkdir(dataDir, { recursive: true });
  if (!user) return link;
  const existing = await lstat(link).catch(() => null);
  if (existing?.isSymbolicLink()) return resolve(dataDir, await readlink(link));
  const reachable = await canReach(dirname(dataDir), user, 'x');
  if (reachable) {
    // Enough for the server's user to pass through; the rest of the folder stays root's.
    await chmod(dataDir, 0o711);
    return link;
  }
  if (existing) {
    // An earlier version created the folder here, and initdb could not reach it: an empty leftover.
    if (existing.isDirectory() && (await readdir(link)).length === 0) await rmdir(link);
    else
      throw new EmbeddedPostgresError(
        `${link} holds a PostgreSQL data folder that the server's user (uid ${user.uid}) cannot reach, because a folder above it is private to root. ` +
          `Either make the folders above it enterable (chmod o+x on each), or move it out of the way (mv ${link} ${link}.old) to start with a new, empty database`,
      );
  }
  const clusters = join(sharedDir, 'clusters');
  await mkdir(clusters, { recursive: true, mode: 0o755 });
  await chmod(sharedDir, 0o755);
  await chmod(clusters, 0o755);
  const name = `${basename(dirname(dataDir)).replace(/[^A-Za-z0-9._-]/g, '_') || 'motcua'}-${createHash('sha256').update(dataDir).digest('hex').slice(0, 8)}`;
  const target = join(clusters, name);
  await symlink(target, link);
  return target;
}
