// A new PostgreSQL data folder, made by initdb aside (<databaseDir>.partial) and
// renamed into place only once initdb has finished: a first start killed during
// initialisation leaves only the .partial folder, which the next start removes
// and makes again, instead of a half-made cluster every later start trips on.
import { spawn } from 'node:child_process';
import { chown, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { UserIds } from './can-reach.ts';
import { EmbeddedPostgresError } from './embedded-postgres-error.ts';

export interface ClusterOptions {
  initdb: string;
  /** The folder the cluster ends up in; must not exist yet, or be empty. */
  databaseDir: string;
  /** null: the server runs as the current user. */
  user: UserIds | null;
  superuser: string;
  password: string;
  /** Called once initdb has succeeded and before the cluster is renamed into place (e.g. to keep the password). */
  beforeCommit: () => Promise<void>;
}

export async function initialiseCluster(options: ClusterOptions): Promise<void> {
  const partial = `${options.databaseDir}.partial`;
  const passwordFile = `${options.databaseDir}.pwfile`;
  await rm(partial, { recursive: true, force: true });
  await rm(passwordFile, { force: true });
  await mkdir(partial, { mode: 0o700 });
  await writeFile(passwordFile, `${options.password}\n`, { mode: 0o600 });
  if (options.user) {
    await chown(partial, options.user.uid, options.user.gid);
    await chown(passwordFile, options.user.uid, options.user.gid);
  }
  try {
    await runInitdb(options, partial, passwordFile);
  } finally {
    await rm(passwordFile, { force: true });
  }
  await options.beforeCommit();
  await rename(partial, options.databaseDir);
}

function runInitdb(options: ClusterOptions, pgdata: string, passwordFile: string): Promise<void> {
  const args = [`--pgdata=${pgdata}`, '--auth=scram-sha-256', `--username=${options.superuser}`, `--pwfile=${passwordFile}`, '--encoding=UTF8', '--locale=C', '--no-instructions'];
  return new Promise((resolve, reject) => {
    // Not detached: Ctrl-C during initialisation stops initdb with us, and the .partial folder is redone next time.
    const child = spawn(options.initdb, args, {
      cwd: dirname(pgdata),
      env: { LC_ALL: 'C' },
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(options.user ? { uid: options.user.uid, gid: options.user.gid } : {}),
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.once('error', (error) => reject(new EmbeddedPostgresError(`could not run initdb (${options.initdb}): ${error.message}`, { cause: error })));
    child.once('close', (code, signal) => {
      if (code === 0) resolve();
      else reject(new EmbeddedPostgresError(`initdb could not create the PostgreSQL data folder ${pgdata} (${signal ? `signal ${signal}` : `exit code ${code}`}):\n${output.trim()}`));
    });
  });
}
