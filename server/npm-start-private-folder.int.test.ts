// `npm start` from a fresh copy of the repository inside a private folder (mode
// 0700, as `mktemp -d` makes it, like a clone under /root): run as root, the
// embedded PostgreSQL server's user cannot enter it, yet the server must start.
// The first start is killed (SIGKILL to its whole group, as a power cut would)
// while initdb is half-way; the next start must redo the initialisation and serve.
import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, realpath, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ApiClient } from '../test/api-client.ts';
import { birthRegistration } from '../test/birth-registration.ts';
import { killGroup, processesInGroup, startNpm, type NpmStart } from '../test/npm-start.ts';
import { findFreePort } from './start-embedded-postgres.ts';

let privateDir: string;
let clone: string;
const starts: NpmStart[] = [];

beforeAll(async () => {
  privateDir = await mkdtemp(join(tmpdir(), 'motcua-private-'));
  clone = join(privateDir, 'motcua');
  await copyRepository(process.cwd(), clone);
}, 300_000);

afterAll(async () => {
  for (const start of starts) killGroup(start);
  // The cluster may live outside the clone (see place-cluster.ts): remove it where it is.
  const cluster = await realpath(join(clone, '.data', 'pg')).catch(() => null);
  if (cluster) {
    const pid = await readFile(join(cluster, 'postmaster.pid'), 'utf8').then((text) => Number(text.split('\n')[0]), () => null);
    if (pid) process.kill(pid, 'SIGINT');
    await rm(cluster, { recursive: true, force: true });
    await rm(`${cluster}.partial`, { recursive: true, force: true });
  }
  await rm(privateDir, { recursive: true, force: true });
});

/**
 * What a clone holds: every file git tracks or would track (so uncommitted work
 * is what runs), and node_modules as hard links (no network, no second copy).
 */
async function copyRepository(from: string, to: string): Promise<void> {
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: from, encoding: 'utf8' }).split('\0').filter(Boolean);
  for (const file of new Set(files)) {
    if (!existsSync(join(from, file))) continue;
    await mkdir(dirname(join(to, file)), { recursive: true });
    await cp(join(from, file), join(to, file));
  }
  try {
    execFileSync('cp', ['-al', join(from, 'node_modules'), to]);
  } catch {
    await cp(join(from, 'node_modules'), join(to, 'node_modules'), { recursive: true, verbatimSymlinks: true });
  }
}

/** initdb of this start is running and has begun writing its data folder. */
function initdbHalfway(start: NpmStart): boolean {
  if (start.stdout().includes('Ctrl-C stops it.')) throw new Error('initdb finished before the test could interrupt it');
  const initdb = processesInGroup(start.child.pid!).find((p) => basename(p.argv[0] ?? '') === 'initdb');
  const pgdata = initdb?.argv.find((arg) => arg.startsWith('--pgdata='))?.slice('--pgdata='.length);
  return pgdata !== undefined && existsSync(join(pgdata, 'PG_VERSION'));
}

it('npm start serves from a private folder, after a first start killed during initdb', async () => {
  expect(statSync(privateDir).mode & 0o777).toBe(0o700);
  const port = String(await findFreePort());

  const interrupted = startNpm(clone, { PORT: port });
  starts.push(interrupted);
  await interrupted.waitFor(() => initdbHalfway(interrupted));
  process.kill(-interrupted.child.pid!, 'SIGKILL');
  await interrupted.exited;
  await interrupted.groupGone();

  const start = startNpm(clone, { PORT: port });
  starts.push(start);
  await start.waitFor(() => start.stdout().includes('Ctrl-C stops it.'));
  expect(start.stdout()).toContain('  database:   embedded PostgreSQL (data in .data/pg');
  const url = `http://127.0.0.1:${port}`;
  const ready = await fetch(`${url}/readyz`);
  expect(await ready.json()).toEqual({ status: 'ready', checks: { database: 'ok', queue: 'ok' } });
  const receiver = await ApiClient.login(url, 'receiver.hop-thinh');
  const created = await receiver.post('/v1/dossiers', birthRegistration());
  expect(created.status).toBe(201);
  expect((await receiver.get(`/v1/dossiers/${created.body.id}`)).body).toMatchObject({ receiptCode: created.body.receiptCode, state: 'reception', version: 1 });

  process.kill(-start.child.pid!, 'SIGINT');
  expect(await start.exited).toEqual({ code: 0, signal: null });
  expect(start.stderr()).toBe('');
}, 600_000);
