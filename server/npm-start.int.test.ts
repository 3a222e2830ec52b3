// The README's first command, for real: `npm start` with no DATABASE_URL runs an
// embedded PostgreSQL server, migrates, seeds, serves; Ctrl-C stops it cleanly;
// a second start finds the dossier and its history where the first left them.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { ApiClient } from '../test/api-client.ts';
import { birthRegistration } from '../test/birth-registration.ts';
import { killGroup, startNpm, type NpmStart } from '../test/npm-start.ts';
import { findFreePort } from './start-embedded-postgres.ts';

let dataDir: string;
const starts: NpmStart[] = [];

afterAll(async () => {
  for (const start of starts) killGroup(start);
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

async function npmStart(port: number): Promise<NpmStart> {
  const start = startNpm(process.cwd(), { PORT: String(port), DATA_DIR: dataDir });
  starts.push(start);
  await start.waitFor(() => start.stdout().includes(`motcua is running at http://127.0.0.1:${port}`));
  return start;
}

/** Ctrl-C in a terminal: SIGINT to the whole process group; npm ends with exit code 0 and nothing on stderr. */
async function interrupt(start: NpmStart): Promise<void> {
  process.kill(-start.child.pid!, 'SIGINT');
  expect(await start.exited).toEqual({ code: 0, signal: null });
  await start.groupGone();
  expect(start.stderr()).toBe('');
}

it('npm start serves on an embedded PostgreSQL, stops on Ctrl-C, and keeps dossiers across restarts', async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'motcua-start-'));
  const port = await findFreePort();
  const url = `http://127.0.0.1:${port}`;

  const first = await npmStart(port);
  expect(first.stdout()).toContain('demo users: receiver.hop-thinh');
  const ready = await fetch(`${url}/readyz`);
  expect(ready.status).toBe(200);
  expect(await ready.json()).toEqual({ status: 'ready', checks: { database: 'ok', queue: 'ok' } });

  const receiver = await ApiClient.login(url, 'receiver.hop-thinh');
  const created = await receiver.post('/v1/dossiers', birthRegistration());
  expect(created.status).toBe(201);
  const accepted = await receiver.post(`/v1/dossiers/${created.body.id}/events`, { type: 'ACCEPT' });
  expect(accepted.body.state).toBe('processing');
  // The server drains its workers and stops the embedded database, then exits by itself.
  await interrupt(first);

  const second = await npmStart(port);
  const again = await ApiClient.login(url, 'receiver.hop-thinh');
  const dossier = await again.get(`/v1/dossiers/${created.body.id}`);
  expect(dossier.body).toMatchObject({ receiptCode: created.body.receiptCode, state: 'processing', statusCode: 4, version: 2 });
  const history = await again.get(`/v1/dossiers/${created.body.id}/history`);
  expect(history.body.events.map((e: { type: string }) => e.type)).toEqual(['RECEIVED', 'ACCEPT', 'DUE_DATE_CHANGED']);
  expect(history.body.chainIntact).toBe(true);
  await interrupt(second);
}, 300_000);
