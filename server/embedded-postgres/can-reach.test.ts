import { chmod, mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { canReach } from './can-reach.ts';

// A private folder (mode 0700, as mktemp -d or /root) holding a program, seen by another user.
let root: string;
let program: string;
let owner: { uid: number; gid: number };
let stranger: { uid: number; gid: number };

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'motcua-reach-'));
  await mkdir(join(root, 'bin'));
  program = join(root, 'bin', 'postgres');
  await writeFile(program, '#!/bin/sh\n', { mode: 0o755 });
  const info = await stat(root);
  owner = { uid: info.uid, gid: info.gid };
  stranger = { uid: info.uid + 4242, gid: info.gid + 4242 };
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

it('a folder of mode 0700 keeps another user out of everything below it, however open that is', async () => {
  await chmod(root, 0o700);
  expect(await canReach(program, stranger, 'rx')).toBe(false);
  expect(await canReach(program, owner, 'rx')).toBe(true);
});

it('a folder of mode 0711 lets another user through to a program it may run, but not list or write the folder', async () => {
  await chmod(root, 0o711);
  expect(await canReach(program, stranger, 'rx')).toBe(true);
  expect(await canReach(root, stranger, 'rx')).toBe(false);
  expect(await canReach(root, stranger, 'wx')).toBe(false);
});

it("the group's bits count for a member of the folder's group, and only those", async () => {
  await chmod(root, 0o750);
  expect(await canReach(program, { uid: stranger.uid, gid: owner.gid }, 'rx')).toBe(true);
  expect(await canReach(program, stranger, 'rx')).toBe(false);
});

it('a path that does not exist cannot be reached', async () => {
  await chmod(root, 0o755);
  expect(await canReach(join(root, 'bin', 'initdb'), stranger, 'rx')).toBe(false);
});
