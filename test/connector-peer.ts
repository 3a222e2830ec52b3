// A stand-in for an external system, on 127.0.0.1: records every request a
// connector sends (with whether its signature holds), answers as the test
// says, and signs callbacks the way a real peer would.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { signRequest, verifySignedRequest } from '../engine/service/connectors/sign-request.ts';

export interface PeerRequest {
  idempotencyKey: string | undefined;
  timestamp: string | undefined;
  signature: string | undefined;
  contentType: string | undefined;
  body: string;
  json: any;
  /** The signature matches the body and timestamp under the shared secret (freshness is the clock's business, not checked). */
  signatureValid: boolean;
}

/** How to answer: a status and body; `hang` never answers (the sender times out); `hold` answers once `release()` is called. */
export type PeerAnswer = { status: number; body?: unknown } | 'hang' | 'hold';

export class ConnectorPeer {
  readonly requests: PeerRequest[] = [];
  private answer: (request: PeerRequest, attempt: number) => PeerAnswer = () => ({ status: 202, body: { accepted: true } });
  private held: Array<() => void> = [];

  private readonly server: Server;
  url = '';

  private constructor(private readonly secret: string) {
    this.server = createServer((req, res) => void this.handle(req, res));
  }

  static async start(secret: string): Promise<ConnectorPeer> {
    const peer = new ConnectorPeer(secret);
    await new Promise<void>((resolve) => peer.server.listen(0, '127.0.0.1', resolve));
    peer.url = `http://127.0.0.1:${(peer.server.address() as AddressInfo).port}/motcua/handoffs`;
    return peer;
  }

  /** `attempt` counts the requests for the same Idempotency-Key, from 1. */
  answerWith(answer: (request: PeerRequest, attempt: number) => PeerAnswer): void {
    this.answer = answer;
  }

  /** Requests about one dossier, in the order received. */
  requestsFor(dossierId: string): PeerRequest[] {
    return this.requests.filter((r) => r.json?.dossierId === dossierId);
  }

  /** Answers every held request 202. */
  release(): void {
    for (const answer of this.held.splice(0)) answer();
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** POSTs a callback signed with the shared secret (or as `sign` says), as the external system does. */
  async callBack(callbackUrl: string, body: unknown, sign: { secret?: string; timestamp?: number; signature?: string | null; rawBody?: string } = {}): Promise<{ status: number; body: any; headers: Headers }> {
    const raw = sign.rawBody ?? JSON.stringify(body);
    const timestamp = sign.timestamp ?? Math.floor(Date.now() / 1000);
    const headers: Record<string, string> = { 'content-type': 'application/json', 'x-motcua-timestamp': String(timestamp) };
    const signature = sign.signature === undefined ? signRequest(sign.secret ?? this.secret, timestamp, raw) : sign.signature;
    if (signature !== null) headers['x-motcua-signature'] = signature;
    const res = await fetch(callbackUrl, { method: 'POST', headers, body: raw });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers };
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const header = (name: string) => req.headers[name] as string | undefined;
    let signatureValid = true;
    try {
      // Any timestamp: the engine may run on a test clock far from real time.
      verifySignedRequest(this.secret, { timestamp: header('x-motcua-timestamp'), signature: header('x-motcua-signature'), body: raw }, new Date(Number(header('x-motcua-timestamp')) * 1000));
    } catch {
      signatureValid = false;
    }
    let json: any = null;
    try {
      json = JSON.parse(raw.toString('utf8'));
    } catch {
      // kept as text in `body`
    }
    const request: PeerRequest = { idempotencyKey: header('idempotency-key'), timestamp: header('x-motcua-timestamp'), signature: header('x-motcua-signature'), contentType: header('content-type'), body: raw.toString('utf8'), json, signatureValid };
    this.requests.push(request);
    const attempt = this.requests.filter((r) => r.idempotencyKey === request.idempotencyKey).length;
    const answer = this.answer(request, attempt);
    if (answer === 'hang') return;
    if (answer === 'hold') {
      this.held.push(() => res.writeHead(202, { 'content-type': 'application/json' }).end(JSON.stringify({ accepted: true })));
      return;
    }
    res.writeHead(answer.status, { 'content-type': typeof answer.body === 'string' ? 'text/plain' : 'application/json' });
    res.end(answer.body === undefined ? '' : typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body));
  }
}
