import { createHash } from 'node:crypto';
import { chmod, mkdtemp, open, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { text } from 'node:stream/consumers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StagedBlob } from './blob-store.ts';
import { openLocalDiskBlobStore, type LocalDiskBlobStore } from './local-disk-blob-store.ts';

const now = new Date('2026-03-02T02:00:00Z');
const sha256 = (content: string | Buffer) => createHash('sha256').update(content).digest('hex');

async function* chunks(...parts: string[]): AsyncIterable<Uint8Array> {
  for (const p of parts) yield Buffer.from(p);
}

let dir: string;
let store: LocalDiskBlobStore;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'motcua-blob-test-'));
  store = await openLocalDiskBlobStore(dir, { now });
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function staged(...parts: string[]): Promise<StagedBlob> {
  const result = await store.stage(chunks(...parts), { maxBytes: 2 << 20 });
  if (!result.ok) throw new Error('unexpectedly too large');
  return result.blob;
}

describe('the local-disk blob store', () => {
  it('stages content with its hash, size and head, and keeps it out of sight until committed', async () => {
    const blob = await staged('%PDF-1.7 first part ', 'second part');
    const content = '%PDF-1.7 first part second part';
    expect({ sha256: blob.sha256, size: blob.size, head: blob.head.toString('latin1') }).toEqual({ sha256: sha256(content), size: content.length, head: '%PDF-1.7 first p' });
    expect(await store.open(blob.sha256)).toEqual({ ok: false, reason: 'missing' });
    expect(await readdir(join(dir, 'tmp'))).toHaveLength(1);

    await blob.commit();
    expect(await readdir(join(dir, 'tmp'))).toEqual([]);
    const path = store.pathOf(blob.sha256);
    expect(path).toBe(join(dir, 'sha256', blob.sha256.slice(0, 2), blob.sha256.slice(2, 4), blob.sha256));
    expect(await readFile(path, 'utf8')).toBe(content);
    // Read-only once stored.
    expect((await stat(path)).mode & 0o777).toBe(0o444);

    const opened = await store.open(blob.sha256);
    if (!opened.ok) throw new Error(opened.reason);
    expect(opened.size).toBe(content.length);
    expect(await text(opened.stream)).toBe(content);
  });

  it('a head spread over small chunks is still the first 16 bytes', async () => {
    const blob = await staged('%P', 'DF', '-1.', '4\n%âãÏÓ\n1 0 obj');
    expect(blob.head).toEqual(Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj').subarray(0, 16));
  });

  it('stores the same content once', async () => {
    await (await staged('same bytes')).commit();
    await (await staged('same ', 'bytes')).commit();
    const [fan1] = await readdir(join(dir, 'sha256'));
    const [fan2] = await readdir(join(dir, 'sha256', fan1!));
    expect(await readdir(join(dir, 'sha256', fan1!, fan2!))).toEqual([sha256('same bytes')]);
    expect(await readdir(join(dir, 'tmp'))).toEqual([]);
  });

  it('discarding leaves nothing behind', async () => {
    const blob = await staged('not wanted');
    await blob.discard();
    expect(await readdir(join(dir, 'tmp'))).toEqual([]);
    expect(await store.open(blob.sha256)).toEqual({ ok: false, reason: 'missing' });
  });

  it('past the limit it keeps nothing and stops reading at once', async () => {
    let consumed = 0;
    async function* big(): AsyncIterable<Uint8Array> {
      for (let i = 0; i < 5; i++) {
        consumed++;
        yield Buffer.alloc(400, 1);
      }
    }
    expect(await store.stage(big(), { maxBytes: 1000 })).toEqual({ ok: false, reason: 'too-large', receivedBytes: 1200 });
    // The third chunk passed the limit: the last two were never asked for.
    expect(consumed).toBe(3);
    expect(await readdir(join(dir, 'tmp'))).toEqual([]);
    // Exactly the limit is accepted.
    const exact = await store.stage(chunks('x'.repeat(1000)), { maxBytes: 1000 });
    expect(exact.ok).toBe(true);
  });

  it('a source that fails mid-way leaves no temporary file and passes the error on', async () => {
    async function* failing(): AsyncIterable<Uint8Array> {
      yield Buffer.from('%PDF-');
      throw Object.assign(new Error('aborted'), { code: 'ECONNRESET' });
    }
    await expect(store.stage(failing(), { maxBytes: 1000 })).rejects.toThrow('aborted');
    expect(await readdir(join(dir, 'tmp'))).toEqual([]);
  });

  it('refuses to open content that no longer matches its hash, and a commit of the right content repairs it', async () => {
    const blob = await staged('the original scan');
    await blob.commit();
    const path = store.pathOf(blob.sha256);
    await chmod(path, 0o644);
    await writeFile(path, 'a tampered scan');
    expect(await store.open(blob.sha256)).toEqual({ ok: false, reason: 'hash-mismatch', actualSha256: sha256('a tampered scan'), actualSize: 15 });

    await (await staged('the original scan')).commit();
    const opened = await store.open(blob.sha256);
    if (!opened.ok) throw new Error(opened.reason);
    expect(await text(opened.stream)).toBe('the original scan');
  });

  it('a file changed in place after the check fails the stream at its end', async () => {
    // Larger than what the streams buffer ahead, so the end is read after the change.
    const content = 'a'.repeat(1 << 20);
    const blob = await staged(content);
    await blob.commit();
    const opened = await store.open(blob.sha256);
    if (!opened.ok) throw new Error(opened.reason);
    const path = store.pathOf(blob.sha256);
    await chmod(path, 0o644);
    const handle = await open(path, 'r+');
    await handle.write('b', content.length - 1);
    await handle.close();
    await expect(text(opened.stream)).rejects.toThrow(`blob ${blob.sha256} changed while it was read (now ${sha256(`${'a'.repeat(content.length - 1)}b`)})`);
  });

  it('sweeps .part files older than a day when it opens, and leaves younger ones', async () => {
    const old = join(dir, 'tmp', 'old.part');
    const young = join(dir, 'tmp', 'young.part');
    await writeFile(old, 'x');
    await writeFile(young, 'x');
    await utimes(old, new Date(now.getTime() - 25 * 3600_000), new Date(now.getTime() - 25 * 3600_000));
    await utimes(young, new Date(now.getTime() - 23 * 3600_000), new Date(now.getTime() - 23 * 3600_000));
    await openLocalDiskBlobStore(dir, { now });
    expect(await readdir(join(dir, 'tmp'))).toEqual(['young.part']);
  });

  it('names blobs by SHA-256 only', () => {
    expect(() => store.pathOf('../../etc/passwd')).toThrow("not a SHA-256 hex digest: '../../etc/passwd'");
  });
});
