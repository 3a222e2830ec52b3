// The security headers set from a list are exactly the ones helmet sets per
// request with the same options, on every kind of answer.
import express from 'express';
import helmet from 'helmet';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { securityHeaders } from './create-app.ts';
import { staticHeaders } from './static-headers.ts';

function serve(headers: express.RequestHandler) {
  const app = express();
  app.use(headers);
  app.get('/ok', (_req, res) => void res.json({ ok: true }));
  app.get('/file', (_req, res) => void res.type('text/html').send('<p>hi</p>'));
  return app.listen(0, '127.0.0.1');
}

const servers = { helmet: serve(helmet(securityHeaders)), list: serve(staticHeaders(securityHeaders)) };
const url = (server: ReturnType<typeof serve>, path: string) => `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`;
// What varies with the answer, not with the security policy.
const own = new Set(['date', 'etag', 'content-length', 'content-type', 'connection', 'keep-alive', 'x-powered-by']);

beforeAll(() => Promise.all(Object.values(servers).map((s) => new Promise((r) => (s.listening ? r(null) : s.once('listening', r))))));
afterAll(() => Promise.all(Object.values(servers).map((s) => new Promise((r) => s.close(r)))));

describe('staticHeaders', () => {
  it.each(['/ok', '/file'])('%s carries the headers helmet sets, and no others', async (path) => {
    const headersOf = async (server: ReturnType<typeof serve>) => Object.fromEntries([...(await fetch(url(server, path))).headers].filter(([name]) => !own.has(name)));
    const expected = await headersOf(servers.helmet);
    expect(expected['content-security-policy']).toBe("default-src 'self';script-src 'self';style-src 'self';img-src 'self' data:;font-src 'self';connect-src 'self';object-src 'none';base-uri 'self';form-action 'self';frame-ancestors 'none'");
    expect(await headersOf(servers.list)).toEqual(expected);
  });

  it('refuses options helmet computes per request', () => {
    expect(() => staticHeaders({ contentSecurityPolicy: { directives: { scriptSrc: ["'self'", (_req, res) => `'nonce-${String((res as { locals?: unknown }).locals)}'`] } } })).toThrow();
  });
});
