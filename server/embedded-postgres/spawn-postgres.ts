// Runs the PostgreSQL server in a session of its own, so that Ctrl-C (SIGINT to
// the terminal's whole process group) reaches only `npm start`, which closes its
// connections first and then stops the server. Its log goes to a file, which
// outlives us; readiness is read from postmaster.pid, as pg_ctl does.
import { spawn } from 'node:child_process';
import { open, readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { join } from 'node:path';
import type { UserIds } from './can-reach.ts';
import { EmbeddedPostgresError } from './embedded-postgres-error.ts';

export interface PostgresProcess {
  pid: number;
  /** Fast shutdown (SIGINT: open sessions are ended, then a checkpoint); resolves once the server has exited. */
  stop(): Promise<void>;
}

export interface PostgresProcessOptions {
  postgres: string;
  databaseDir: string;
  port: number;
  flags: string[];
  user: UserIds | null;
  /** Truncated at each start: it holds the last run's server log. */
  logFile: string;
}

export async function spawnPostgres(options: PostgresProcessOptions): Promise<PostgresProcess> {
  const log = await open(options.logFile, 'w');
  const child = spawn(options.postgres, ['-D', options.databaseDir, '-p', String(options.port), ...options.flags], {
    cwd: options.databaseDir,
    detached: true,
    env: { LC_ALL: 'C' },
    stdio: ['ignore', log.fd, log.fd],
    ...(options.user ? { uid: options.user.uid, gid: options.user.gid } : {}),
  });
  await log.close();
  const exited = new Promise<string>((resolve) => {
    child.once('error', (error) => resolve(error.message));
    child.once('exit', (code, signal) => resolve(signal ? `signal ${signal}` : `exit code ${code}`));
  });
  // Should this process end without stopping the server (an uncaught error), the server goes too.
  const stopOnExit = () => {
    if (child.exitCode === null && child.signalCode === null && child.pid) process.kill(child.pid, 'SIGINT');
  };
  process.on('exit', stopOnExit);
  let ended: string | null = null;
  void exited.then((how) => (ended = how));
  while (!(await isReady(options.databaseDir, child.pid))) {
    if (ended !== null) {
      process.off('exit', stopOnExit);
      throw await explainFailure(options, ended);
    }
    await sleep(50);
  }
  return {
    pid: child.pid!,
    stop: async () => {
      if (ended === null) child.kill('SIGINT');
      await exited;
      process.off('exit', stopOnExit);
    },
  };
}

async function isReady(databaseDir: string, pid: number | undefined): Promise<boolean> {
  if (pid === undefined) return false;
  const lines = (await readFile(join(databaseDir, 'postmaster.pid'), 'utf8').catch(() => '')).split('\n');
  return lines[0] === String(pid) && lines[7]?.trim() === 'ready';
}

async function explainFailure(options: PostgresProcessOptions, ended: string): Promise<EmbeddedPostgresError> {
  const log = (await readFile(options.logFile, 'utf8').catch(() => '')).trim();
  const tail = log.split('\n').slice(-12).join('\n');
  const hints: string[] = [];
  const lock = /Is another postmaster \(PID (\d+)\) running/.exec(log);
  if (lock) hints.push(`Another PostgreSQL server (PID ${lock[1]}) runs on this data folder: another npm start of this project, or one left behind by a run that was killed. Stop it (kill -INT ${lock[1]}) and start again.`);
  if (/could not bind .*Address already in use/.test(log)) hints.push(`Port ${options.port} is taken: set EMBEDDED_PG_PORT to a free port, or leave it unset to pick one.`);
  return new EmbeddedPostgresError(
    `the embedded PostgreSQL server stopped while starting (${ended}). Its last lines (${options.logFile}):\n${tail || '(empty)'}${hints.length ? `\n${hints.join('\n')}` : ''}`,
  );
}
