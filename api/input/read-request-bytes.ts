// Reads a request body into memory, never more than a limit. A body over the
// limit is refused as soon as that is known — from Content-Length before a
// byte is read, or when the running count passes the limit (chunked uploads) —
// and the rest is never read: the answer asks for the connection to be closed
// (see closeIfUnread in send-problem.ts), so a client cannot make the server
// swallow gigabytes.
import type { Request } from 'express';
import { MotcuaError } from '../../engine/motcua-error.ts';

/** Resolves to the whole body; rejects with request.too-large (413) or request.malformed (client went away). */
export async function readRequestBytes(req: Request, limit: number): Promise<Buffer> {
  const declared = Number(req.get('content-length'));
  if (Number.isSafeInteger(declared) && declared > limit) throw tooLarge(limit, declared);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    const cleanup = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('aborted', onAborted);
    };
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received > limit) {
        cleanup();
        // Stop pulling bytes off the wire; the error answer closes the connection.
        req.pause();
        reject(tooLarge(limit, null));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(Buffer.concat(chunks, received));
    };
    const onError = (error: Error) => {
      cleanup();
      reject(new MotcuaError('request.malformed', 'the request body ended before it was complete; send it again', {}, { cause: error }));
    };
    const onAborted = () => onError(new Error('aborted'));
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('aborted', onAborted);
  });
}

export function tooLarge(limit: number, declared: number | null): MotcuaError {
  const size = declared === null ? 'more than that' : `${declared} bytes`;
  return new MotcuaError('request.too-large', `the request body is larger than the limit of ${limit} bytes (${limit / (1024 * 1024)} MiB): it is ${size}; send less, or attach files with POST /v1/dossiers/:id/attachments`, { limitBytes: limit });
}
