// Raw HTTP for tests of the input boundary: bytes fetch() would not send as
// they are (invalid UTF-8, unencoded paths), and uploads that never end.
import { request } from 'node:http';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: any;
}

/** One request with exactly these bytes; the answer's JSON body parsed (or its text). */
export function sendRaw(baseUrl: string, method: string, path: string, headers: Record<string, string>, body?: Buffer): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const url = new URL(baseUrl);
    const req = request({ host: url.hostname, port: url.port, method, path, headers: body ? { ...headers, 'content-length': String(body.length) } : headers }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (c: Buffer) => parts.push(c));
      res.on('error', reject);
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: parse(Buffer.concat(parts).toString('utf8')) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

export interface EndlessUploadResult extends RawResponse {
  /** Bytes the client managed to hand to the connection before the answer came. */
  sentBytes: number;
}

/**
 * A chunked upload (no Content-Length) that keeps sending `chunk` until the
 * server answers, or `maxBytes` are sent. A server that stops reading and
 * answers leaves sentBytes far below maxBytes.
 */
export function sendEndlessUpload(baseUrl: string, path: string, headers: Record<string, string>, chunk: Buffer, maxBytes: number): Promise<EndlessUploadResult> {
  return new Promise((resolve, reject) => {
    const url = new URL(baseUrl);
    let sent = 0;
    let answered = false;
    const req = request({ host: url.hostname, port: url.port, method: 'POST', path, headers }, (res) => {
      answered = true;
      const parts: Buffer[] = [];
      res.on('data', (c: Buffer) => parts.push(c));
      res.on('error', reject);
      res.on('end', () => {
        resolve({ status: res.statusCode!, headers: res.headers, body: parse(Buffer.concat(parts).toString('utf8')), sentBytes: sent });
        req.destroy();
      });
    });
    // Writes after the server closed fail; only a failure before any answer is the test's.
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    const pump = (): void => {
      while (!answered && sent < maxBytes) {
        sent += chunk.length;
        if (!req.write(chunk)) {
          req.once('drain', pump);
          return;
        }
      }
      if (!answered) req.end();
    };
    pump();
  });
}

function parse(text: string): unknown {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return text;
  }
}
