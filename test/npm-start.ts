// `npm start` as a user runs it: a process group of its own (as a terminal gives
// it, so a test can send Ctrl-C's group-wide SIGINT), stdout and stderr kept
// apart, and the process tree inspectable (to find the node process, or initdb).
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

export interface NpmStart {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** How npm ended: its exit code, or the signal that killed it. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves once `check` holds; throws with the output if npm ends first. No time limit: the test's timeout is the backstop. */
  waitFor(check: () => boolean): Promise<void>;
  /** Resolves once no process of the group is left (npm, node, initdb…). */
  groupGone(): Promise<void>;
}

/** Runs `npm start` in `cwd` with the given variables and none of the test run's database or queue settings. */
export function startNpm(cwd: string, variables: Record<string, string>): NpmStart {
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn', ...variables };
  for (const name of ['DATABASE_URL', 'QUEUE_BACKEND', 'REDIS_URL', 'TEST_DATABASE_URL', 'TEST_REDIS_URL', 'npm_lifecycle_event', 'npm_lifecycle_script']) if (!(name in variables)) delete env[name];
  const child = spawn('npm', ['start'], { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk) => (stdout += chunk));
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  let ended = false;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('close', (code, signal) => {
      ended = true;
      resolve({ code, signal });
    }),
  );
  return {
    child,
    stdout: () => stdout,
    stderr: () => stderr,
    exited,
    waitFor: async (check) => {
      while (!check()) {
        if (ended) throw new Error(`npm start ended before the awaited moment:\n${stdout}\n${stderr}`);
        await sleep(50);
      }
    },
    groupGone: async () => {
      while (processesInGroup(child.pid!).length > 0) await sleep(100);
    },
  };
}

export interface ProcessInfo {
  pid: number;
  argv: string[];
}

/** The processes whose process group is `pgid`, read from /proc. */
export function processesInGroup(pgid: number): ProcessInfo[] {
  const found: ProcessInfo[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Fields after the command name (which may hold spaces and parentheses): state, ppid, pgrp, …
      const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(pgrp) !== pgid || state === 'Z') continue;
      found.push({ pid: Number(entry), argv: readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').filter(Boolean) });
    } catch {
      // The process ended while we looked.
    }
  }
  return found;
}

/** The pid of the node process running server/main.ts under this `npm start`. */
export function findServerPid(start: NpmStart): number {
  const server = processesInGroup(start.child.pid!).find((p) => p.argv.some((arg) => arg.endsWith('server/main.ts')));
  if (!server) throw new Error(`no node process runs server/main.ts in npm start's group:\n${JSON.stringify(processesInGroup(start.child.pid!))}`);
  return server.pid;
}

/** Kills whatever is left of the group (after a failed test). */
export function killGroup(start: NpmStart): void {
  try {
    process.kill(-start.child.pid!, 'SIGKILL');
  } catch {
    // Already gone.
  }
}
