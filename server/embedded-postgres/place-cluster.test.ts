import { chmod, lstat, mkdir, mkdtemp, readlink, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { placeCluster } from './place-cluster.ts';

// A project inside a private folder (mode 0700) and a shared folder, as the server's user (not us) sees them.
let root: string;
let project: string;
let shared: string;
let serverUser: { uid: number; gid: number };

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'motcua-place-'));
  project = join(root, 'private', 'motcua');
  shared = join(root, 'shared');
  await mkdir(project, { recursive: true });
  const info = await stat(root);
  serverUser = { uid: info.uid + 4242, gid: info.gid + 4242 };
  await chmod(root, 0o755);
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

it('as an ordinary user the cluster is <dataDir>/pg itself', async () => {
  expect(await placeCluster(join(project, '.data'), null, shared)).toBe(join(project, '.data', 'pg'));
});

it("a project the server's user cannot enter gets its cluster in the shared folder, linked from <dataDir>/pg, the same on every start", async () => {
  await chmod(join(root, 'private'), 0o700);
  const dataDir = join(project, '.data');
  const cluster = await placeCluster(dataDir, serverUser, shared);
  expect(cluster).toMatch(new RegExp(`^${shared}/clusters/motcua-[0-9a-f]{8}$`));
  expect((await lstat(join(dataDir, 'pg'))).isSymbolicLink()).toBe(true);
  expect(await readlink(join(dataDir, 'pg'))).toBe(cluster);
  expect((await stat(join(shared, 'clusters'))).mode & 0o777).toBe(0o755);
  expect(await placeCluster(dataDir, serverUser, shared)).toBe(cluster);
});

it("a project the server's user can pass through keeps its cluster in place, the data folder opened for passing only", async () => {
  await chmod(join(root, 'private'), 0o755);
  const dataDir = join(project, '.data');
  expect(await placeCluster(dataDir, serverUser, shared)).toBe(join(dataDir, 'pg'));
  expect((await stat(dataDir)).mode & 0o777).toBe(0o711);
});

it('an empty pg folder an earlier version left where initdb could not reach is replaced by the link', async () => {
  const dataDir = join(project, '.data');
  await mkdir(join(dataDir, 'pg'), { recursive: true });
  await chmod(join(root, 'private'), 0o700);
  const cluster = await placeCluster(dataDir, serverUser, shared);
  expect(await readlink(join(dataDir, 'pg'))).toBe(cluster);
});

it('data in a pg folder the server cannot reach is never moved or removed: the error says how to proceed', async () => {
  const dataDir = join(project, '.data');
  await mkdir(join(dataDir, 'pg'), { recursive: true });
  await writeFile(join(dataDir, 'pg', 'PG_VERSION'), '18\n');
  await chmod(join(root, 'private'), 0o700);
  await expect(placeCluster(dataDir, serverUser, shared)).rejects.toThrow(
    `${join(dataDir, 'pg')} holds a PostgreSQL data folder that the server's user (uid ${serverUser.uid}) cannot reach, because a folder above it is private to root. ` +
      `Either make the folders above it enterable (chmod o+x on each), or move it out of the way (mv ${join(dataDir, 'pg')} ${join(dataDir, 'pg')}.old) to start with a new, empty database`,
  );
  expect((await stat(join(dataDir, 'pg', 'PG_VERSION'))).isFile()).toBe(true);
});
