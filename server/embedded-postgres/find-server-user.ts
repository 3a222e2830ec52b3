// PostgreSQL refuses to run as root. Run as root, `npm start` runs it as the
// system user `postgres` (the one a distribution's PostgreSQL package creates),
// creating that user when the machine has none. Run as anyone else, the server
// runs as that same user and null is returned.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { UserIds } from './can-reach.ts';
import { EmbeddedPostgresError } from './embedded-postgres-error.ts';

const run = promisify(execFile);
export const serverUserName = 'postgres';

export async function findServerUser(): Promise<UserIds | null> {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return null;
  const found = await lookUp();
  if (found) return found;
  try {
    await run('groupadd', ['--system', serverUserName]).catch(() => undefined);
    await run('useradd', ['--system', '--gid', serverUserName, '--no-create-home', '--shell', '/usr/sbin/nologin', serverUserName]);
  } catch (error) {
    throw new EmbeddedPostgresError(
      `PostgreSQL cannot run as root and there is no '${serverUserName}' user to run it as; creating one failed (${error instanceof Error ? error.message.trim() : String(error)}). ` +
        `Create it yourself (useradd --system --user-group ${serverUserName}), run npm start as an ordinary user, or set DATABASE_URL to a PostgreSQL server you run.`,
      { cause: error },
    );
  }
  const created = await lookUp();
  if (!created) throw new EmbeddedPostgresError(`the '${serverUserName}' user was created but 'id ${serverUserName}' does not find it`);
  return created;
}

async function lookUp(): Promise<UserIds | null> {
  try {
    const [uid, gid] = await Promise.all([run('id', ['-u', serverUserName]), run('id', ['-g', serverUserName])]);
    return { uid: Number.parseInt(uid.stdout, 10), gid: Number.parseInt(gid.stdout, 10) };
  } catch {
    return null;
  }
}
