// Stopping `npm start` the four usual ways: SIGINT or SIGTERM, to the node
// process (kill -INT <pid>, a process manager) or to the whole process group
// (Ctrl-C in a terminal, kill -TERM -<pgid>). Each drains HTTP, the workers and
// the outbox relay, closes the connections, then stops the embedded PostgreSQL
// server, logs one line and exits 0 with nothing on stderr. One data folder is
// shared by the four starts.
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ApiClient } from '../test/api-client.ts';
import { birthRegistration } from '../test/birth-registration.ts';
import { findServerPid, killGroup, startNpm, type NpmStart } from '../test/npm-start.ts';
import { findFreePort } from './start-embedded-postgres.ts';

let dataDir: string;
const starts: NpmStart[] = [];

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'motcua-signals-'));
});

afterAll(async () => {
  for (const start of starts) killGroup(start);
  // A failed case may leave the embedded server running; it runs in a session of its own.
  const pid = await readFile(join(dataDir, 'pg', 'postmaster.pid'), 'utf8').then((text) => Number(text.split('\n')[0]), () => null);
  if (pid) process.kill(pid, 'SIGINT');
  await rm(dataDir, { recursive: true, force: true });
});

const cases: Array<{ signal: NodeJS.Signals; to: 'the node process' | 'the process group' }> = [
  { signal: 'SIGINT', to: 'the node process' },
  { signal: 'SIGTERM', to: 'the node process' },
  { signal: 'SIGINT', to: 'the process group' },
  { signal: 'SIGTERM', to: 'the process group' },
];

for (const { signal, to } of cases) {
  it(`${signal} to ${to} drains, stops the embedded server and exits 0 with no error output`, async () => {
    const port = await findFreePort();
    const start = startNpm(process.cwd(), { PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'info' });
    starts.push(start);
    await start.waitFor(() => start.stdout().includes('Ctrl-C stops it.'));
    const url = `http://127.0.0.1:${port}`;
    // Work in flight in every part: a dossier written (outbox → relay → queues → workers), the pools holding connections.
    const receiver = await ApiClient.login(url, 'receiver.hop-thinh');
    expect((await receiver.post('/v1/dossiers', birthRegistration())).status).toBe(201);
    expect((await fetch(`${url}/readyz`)).status).toBe(200);

    const before = start.stdout().length;
    if (to === 'the process group') process.kill(-start.child.pid!, signal);
    else process.kill(findServerPid(start), signal);
    expect(await start.exited).toEqual({ code: 0, signal: null });
    await start.groupGone();

    expect(start.stderr()).toBe('');
    const logged = start
      .stdout()
      .slice(before)
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as { level: number; msg: string; signal?: string })
      // The response to the last request may be logged after it reached us.
      .filter((entry) => entry.msg !== 'request completed');
    expect(logged).toEqual([
      expect.objectContaining({ level: 30, signal, msg: `stopped on ${signal}: HTTP, workers and outbox relay drained, connections closed, embedded PostgreSQL stopped` }),
    ]);
    // PostgreSQL removes its lock file only when it shuts down cleanly.
    expect(existsSync(join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);
  }, 300_000);
}
