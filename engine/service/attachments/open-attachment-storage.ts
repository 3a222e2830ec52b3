// The attachment storage a process starts with: the blob store (local disk)
// and the size limit. Without a configured directory — tests, benchmarks —
// it is a private temporary directory, removed when the process stops;
// `npm start` always passes ATTACHMENTS_DIR (default <DATA_DIR>/attachments).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openLocalDiskBlobStore } from '../../store/local-disk-blob-store.ts';
import type { ServiceContext } from '../service-context.ts';

/** The largest file accepted when the configuration says nothing (ATTACHMENT_MAX_BYTES). */
export const defaultAttachmentMaxBytes = 20 * 1024 * 1024;

export async function openAttachmentStorage(options: { dir: string; maxBytes: number } | undefined, now: Date): Promise<{ settings: ServiceContext['attachments']; close: () => Promise<void> }> {
  let dir = options?.dir;
  let close = async () => {};
  if (!dir) {
    const temporary = await mkdtemp(join(tmpdir(), 'motcua-attachments-'));
    close = () => rm(temporary, { recursive: true, force: true });
    dir = temporary;
  }
  const blobs = await openLocalDiskBlobStore(dir, { now });
  return { settings: { blobs, maxBytes: options?.maxBytes ?? defaultAttachmentMaxBytes }, close };
}
