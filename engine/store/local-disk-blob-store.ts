// Blobs on a local (or mounted network) disk:
//
//   <dir>/sha256/ab/cd/abcd…   committed content, read-only, named by its SHA-256
//   <dir>/tmp/<uuid>.part      content being received
//
// A file is written under tmp/, flushed to disk, then renamed to its hash. A
// rename within one file system is atomic, so a crash leaves at worst a stale
// .part file — never a partial file under a hash. Stale .part files are swept
// when the store opens.
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, open, readdir, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { pipeline, Transform } from 'node:stream';
import { headLength, type BlobStore, type OpenResult, type StageResult } from './blob-store.ts';

export interface LocalDiskBlobStore extends BlobStore {
  readonly dir: string;
  /** Where the content with this hash is (or would be) stored. */
  pathOf(sha256: string): string;
}

/** A .part file this old belongs to no upload still running: the process that wrote it died. */
const staleTempMs = 24 * 3600_000;

export async function openLocalDiskBlobStore(dir: string, options: { now: Date }): Promise<LocalDiskBlobStore> {
  const tmpDir = join(dir, 'tmp');
  await mkdir(join(dir, 'sha256'), { recursive: true });
  await mkdir(tmpDir, { recursive: true });
  await sweepStaleTemp(tmpDir, options.now);

  const pathOf = (sha256: string): string => {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`not a SHA-256 hex digest: '${sha256}'`);
    return join(dir, 'sha256', sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  };

  async function stage(source: AsyncIterable<Uint8Array>, { maxBytes }: { maxBytes: number }): Promise<StageResult> {
    const tmp = join(tmpDir, `${randomUUID()}.part`);
    // Read-only from birth: this handle may write, later opens may not, so a
    // stored blob is not changed by accident.
    let file: FileHandle | null = await open(tmp, 'wx', 0o444);
    const hash = createHash('sha256');
    const head: Buffer[] = [];
    let headSize = 0;
    let size = 0;
    // Iterated by hand: past the limit it stops asking for bytes without
    // destroying the source (as `break` in for-await would), so the caller can
    // still answer on the connection and then close it unread.
    const chunks = source[Symbol.asyncIterator]();
    try {
      for (let next = await chunks.next(); !next.done; next = await chunks.next()) {
        const chunk = next.value;
        size += chunk.byteLength;
        if (size > maxBytes) {
          await file.close();
          file = null;
          await rm(tmp, { force: true });
          break;
        }
        const bytes = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
        hash.update(bytes);
        if (headSize < headLength) {
          head.push(bytes.subarray(0, headLength - headSize));
          headSize += Math.min(bytes.length, headLength - headSize);
        }
        await writeAll(file, bytes);
      }
      if (!file) return { ok: false, reason: 'too-large', receivedBytes: size };
      await file.sync();
      await file.close();
      file = null;
    } catch (error) {
      await file?.close().catch(() => {});
      await rm(tmp, { force: true });
      throw error;
    }

    const sha256 = hash.digest('hex');
    return {
      ok: true,
      blob: {
        sha256,
        size,
        head: Buffer.concat(head),
        commit: async () => {
          const target = pathOf(sha256);
          await mkdir(dirname(target), { recursive: true });
          // Replacing an existing file is harmless — same name, same bytes — and
          // repairs a stored copy that was damaged.
          await rename(tmp, target);
          await syncDirectory(dirname(target));
        },
        discard: () => rm(tmp, { force: true }),
      },
    };
  }

  async function openBlob(sha256: string): Promise<OpenResult> {
    let handle: FileHandle;
    try {
      handle = await open(pathOf(sha256), 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { ok: false, reason: 'missing' };
      throw error;
    }
    try {
      // One handle for both passes: a file renamed over this one meanwhile does not change what is read.
      const actual = await hashOf(handle);
      if (actual.sha256 !== sha256) {
        await handle.close();
        return { ok: false, reason: 'hash-mismatch', actualSha256: actual.sha256, actualSize: actual.size };
      }
      const stream = pipeline(handle.createReadStream({ start: 0 }), verifying(sha256), () => {});
      return { ok: true, size: actual.size, stream };
    } catch (error) {
      await handle.close().catch(() => {});
      throw error;
    }
  }

  return { location: `local-disk:${dir}`, dir, pathOf, stage, open: openBlob };
}

async function writeAll(file: FileHandle, bytes: Buffer): Promise<void> {
  let offset = 0;
  while (offset < bytes.length) offset += (await file.write(bytes, offset)).bytesWritten;
}

async function hashOf(handle: FileHandle): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  const buffer = Buffer.allocUnsafe(1 << 20);
  let position = 0;
  for (;;) {
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, position);
    if (bytesRead === 0) break;
    hash.update(buffer.subarray(0, bytesRead));
    position += bytesRead;
  }
  return { sha256: hash.digest('hex'), size: position };
}

/** Passes bytes through and fails at the end if they do not hash to `sha256`. */
function verifying(sha256: string): Transform {
  const hash = createHash('sha256');
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      callback(null, chunk);
    },
    flush(callback) {
      const actual = hash.digest('hex');
      callback(actual === sha256 ? null : new Error(`blob ${sha256} changed while it was read (now ${actual})`));
    },
  });
}

/** Makes a rename durable: the new name is in the directory, not only in the page cache. */
async function syncDirectory(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function sweepStaleTemp(tmpDir: string, now: Date): Promise<void> {
  for (const name of await readdir(tmpDir)) {
    if (!name.endsWith('.part')) continue;
    const path = join(tmpDir, name);
    const info = await stat(path).catch(() => null);
    if (info && now.getTime() - info.mtimeMs > staleTempMs) await rm(path, { force: true });
  }
}
