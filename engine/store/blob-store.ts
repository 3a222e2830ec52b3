// The bytes of attached files, named by their SHA-256 (content-addressed): the
// same content is stored once, whichever dossiers reference it, and a name can
// never point at other bytes without the reader noticing. Rows in
// dossier_attachments reference blobs; this interface is all the service sees,
// so a local disk (local-disk-blob-store.ts) and an S3-compatible bucket are
// interchangeable.
//
// Writing is two-phase — stage, then commit or discard — so the caller can look
// at the content (its type, its size) before it becomes readable under its
// hash, and a crash at any point leaves no partial file under a hash.
import type { Readable } from 'node:stream';

/** How many leading bytes `stage` keeps for recognising the file type. */
export const headLength = 16;

export interface StagedBlob {
  sha256: string;
  size: number;
  /** The first bytes of the content (up to `headLength`). */
  head: Buffer;
  /** Makes the content readable under its hash. Committing content that is already stored keeps one copy. */
  commit(): Promise<void>;
  /** Throws the staged bytes away. */
  discard(): Promise<void>;
}

export type StageResult = { ok: true; blob: StagedBlob } | { ok: false; reason: 'too-large'; receivedBytes: number };

export type OpenResult =
  | { ok: true; size: number; stream: Readable }
  | { ok: false; reason: 'missing' }
  | { ok: false; reason: 'hash-mismatch'; actualSha256: string; actualSize: number };

export interface BlobStore {
  /** Where the bytes live, for logs: 'local-disk:<dir>', 's3:<bucket>'. */
  readonly location: string;
  /**
   * Reads the whole source, hashing and counting it. Past `maxBytes` it stops
   * reading at once (receivedBytes: what was read by then, more than maxBytes)
   * and leaves the rest unread: the HTTP layer answers and closes the
   * connection rather than swallow an upload of any size.
   */
  stage(source: AsyncIterable<Uint8Array>, options: { maxBytes: number }): Promise<StageResult>;
  /**
   * Opens a blob after checking its SHA-256 over the whole content: nothing is
   * handed out before the bytes are known to be the ones named. The stream
   * checks again as it reads and fails at its end if the content changed in
   * between.
   */
  open(sha256: string): Promise<OpenResult>;
}
