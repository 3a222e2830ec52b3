// The README's first command, for real: `npm start` with no DATABASE_URL runs an
// embedded PostgreSQL server, migrates, seeds, serves; Ctrl-C stops it cleanly;
// a second start finds the dossier and its history where the first left them.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { ApiClient } from '../test/api-client.ts';
import { birthRegistration } from '../test/birth-registration.ts';
import { findFreePort } from './start-embedded-postgres.ts';

let dataDir: string;
const children: ChildProcess[] = [];

afterAll(async () => {
  for (const child of children) if (groupAlive(child.pid!)) process.kill(-child.pid!, 'SIGKILL');
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

async function npmStart(port: number): Promise<{ child: ChildProcess; output: () => string; url: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
  for (const name of ['DATABASE_URL', 'QUEUE_BACKEND', 'REDIS_URL', 'TEST_DATABASE_URL', 'TEST_REDIS_URL']) delete env[name];
  const child = spawn('npm', ['start'], { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const url = `http://127.0.0.1:${port}`;
  await expect.poll(() => output, { timeout: 90_000, interval: 200 }).toContain(`motcua is running at ${url}`);
  return { child, output: () => output, url };
}

/** Ctrl-C in a terminal: SIGINT to the whole process group; resolves when every process in it has exited. */
async function interrupt(child: ChildProcess): Promise<void> {
  process.kill(-child.pid!, 'SIGINT');
  await expect.poll(() => groupAlive(child.pid!), { timeout: 60_000, interval: 100 }).toBe(false);
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

it('npm start serves on an embedded PostgreSQL, stops on Ctrl-C, and keeps dossiers across restarts', async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'motcua-start-'));
  const port = await findFreePort();

  const first = await npmStart(port);
  expect(first.output()).toContain('demo users: receiver.hop-thinh');
  const ready = await fetch(`${first.url}/readyz`);
  expect(ready.status).toBe(200);
  expect(await ready.json()).toEqual({ status: 'ready', checks: { database: 'ok', queue: 'ok' } });

  const receiver = await ApiClient.login(first.url, 'receiver.hop-thinh');
  const created = await receiver.post('/v1/dossiers', birthRegistration());
  expect(created.status).toBe(201);
  const accepted = await receiver.post(`/v1/dossiers/${created.body.id}/events`, { type: 'ACCEPT' });
  expect(accepted.body.state).toBe('processing');
  // The server drains its workers and stops the embedded database, then exits by itself.
  await interrupt(first.child);
  expect(first.output()).not.toContain('could not start');

  const second = await npmStart(port);
  const again = await ApiClient.login(second.url, 'receiver.hop-thinh');
  const dossier = await again.get(`/v1/dossiers/${created.body.id}`);
  expect(dossier.body).toMatchObject({ receiptCode: created.body.receiptCode, state: 'processing', statusCode: 4, version: 2 });
  const history = await again.get(`/v1/dossiers/${created.body.id}/history`);
  expect(history.body.events.map((e: { type: string }) => e.type)).toEqual(['RECEIVED', 'ACCEPT', 'DUE_DATE_CHANGED']);
  expect(history.body.chainIntact).toBe(true);
  await interrupt(second.child);
});
