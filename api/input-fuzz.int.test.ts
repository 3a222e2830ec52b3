// Property test of the input boundary: for every endpoint, every body field,
// every path and query parameter, hostile input — NUL, lone surrogates, bidi
// controls, decomposed text, huge and non-finite numbers, deep nesting, wrong
// types, bytes that are not UTF-8 — answers a 2xx or a 4xx problem, never a
// 500. Each endpoint gets a bounded number of runs (no time limits): a few
// hundred requests in all. A failure prints fast-check's seed and the request.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signRequest } from '../engine/service/connectors/sign-request.ts';
import { ApiClient } from '../test/api-client.ts';
import { birthRegistration } from '../test/birth-registration.ts';
import { sendRaw } from '../test/send-raw.ts';
import { startConnectorTestSystem } from '../test/start-connector-test-system.ts';
import type { TestSystem } from '../test/start-test-system.ts';

const connector = 'national-business-registry';
const secret = 'fuzz-secret-shared-with-the-registry-0123456789';

let system: TestSystem;
const tokens = new Map<string, string>();
let dossierId: string;
let attachmentId: string;
let receiptCode: string;
let apiKeyId: string;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

interface Endpoint {
  method: 'GET' | 'POST' | 'DELETE';
  /** Path with :name parameters, filled from `params`. */
  path: string;
  as: string | null;
  /** A new session for each request (logout ends the one it is sent with). */
  fresh?: boolean;
  params?: () => Record<string, string>;
  query?: Record<string, string>;
  body?: () => Json;
  /** A body sent as text of this type (YAML, a PDF), not JSON. */
  text?: { contentType: string; body: () => string };
  signed?: boolean;
}

const pdf = '%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n';
const yaml = 'code: fuzz.1\nversion: 1\nname: { vi: Thử, en: Fuzz }\n';
const scenarios = [
  'scenarios:',
  '  - name: accepted in the morning',
  '    given:',
  '      receivingUnit: hop-thinh',
  '      receivedAt: 2026-03-02T09:30+07:00',
  '      data: { child: { fullName: Nguyễn Văn An, sex: male, birthDate: "2026-02-20", birthPlace: Bắc Ninh }, mother: { fullName: Trần Thị Bình, idNumber: "027190001234" }, informant: { relationship: mother } }',
  '      expect: { state: reception, status: 1 }',
  '    steps:',
  '      - { at: 2026-03-02T09:40+07:00, event: ACCEPT, role: receiver, unit: hop-thinh }',
  '',
].join('\n');

const endpoints: Endpoint[] = [
  { method: 'POST', path: '/v1/auth/login', as: null, body: () => ({ username: 'receiver.hop-thinh', password: 'demo' }) },
  { method: 'GET', path: '/v1/me', as: 'receiver.hop-thinh', query: { include: 'units' } },
  { method: 'GET', path: '/v1/units', as: 'receiver.hop-thinh' },
  { method: 'GET', path: '/v1/procedures', as: 'receiver.hop-thinh' },
  { method: 'GET', path: '/v1/procedures/:code', as: 'receiver.hop-thinh', params: () => ({ code: '1.001193' }), query: { include: 'versions,diagram' } },
  { method: 'POST', path: '/v1/procedures', as: 'author.bac-ninh', query: { file: 'fuzz.yaml' }, text: { contentType: 'application/yaml', body: () => yaml } },
  { method: 'GET', path: '/v1/procedures/:code/diagram.svg', as: 'receiver.hop-thinh', params: () => ({ code: '1.001193' }), query: { version: '1' } },
  { method: 'POST', path: '/v1/procedures/:code/versions/:version/scenarios', as: 'author.bac-ninh', params: () => ({ code: '1.001193', version: '1' }), text: { contentType: 'application/yaml', body: () => scenarios } },
  { method: 'GET', path: '/v1/procedures/:code/versions', as: 'author.bac-ninh', params: () => ({ code: '1.001193' }) },
  { method: 'GET', path: '/v1/procedures/:code/versions/:version', as: 'author.bac-ninh', params: () => ({ code: '1.001193', version: '1' }) },
  { method: 'POST', path: '/v1/procedures/:code/versions/:version/publish', as: 'author.bac-ninh', params: () => ({ code: '1.001193', version: '1' }) },
  { method: 'POST', path: '/v1/procedures/:code/migrations', as: 'author.bac-ninh', params: () => ({ code: '1.001193' }), body: () => ({ fromVersion: 1, toVersion: 1, stateMap: { reception: 'reception' }, dryRun: true }) },
  { method: 'POST', path: '/v1/dossiers', as: 'receiver.hop-thinh', body: () => ({ ...birthRegistration(), applicant: { ...birthRegistration().applicant, email: 'an@example.vn' }, returnUnit: 'kinh-bac' }) as unknown as Json },
  { method: 'GET', path: '/v1/dossiers', as: 'receiver.hop-thinh', query: { limit: '10', due: 'overdue', closed: 'false' } },
  { method: 'GET', path: '/v1/dossiers/:id', as: 'receiver.hop-thinh', params: () => ({ id: dossierId }), query: { include: 'history,attachments,timeByUnit,forms,procedure' } },
  { method: 'GET', path: '/v1/dossiers/:id/history', as: 'receiver.hop-thinh', params: () => ({ id: dossierId }) },
  { method: 'GET', path: '/v1/dossiers/:id/time-by-unit', as: 'receiver.hop-thinh', params: () => ({ id: dossierId }) },
  { method: 'POST', path: '/v1/dossiers/:id/extension', as: 'leader.hop-thinh', params: () => ({ id: dossierId }), body: () => ({ newDueDate: '2026-03-10', reason: 'Cần xác minh thêm' }) },
  { method: 'POST', path: '/v1/dossiers/:id/events', as: 'receiver.hop-thinh', params: () => ({ id: dossierId }), body: () => ({ type: 'ASK_SUPPLEMENT', expectedVersion: 1, comment: 'Bổ sung giấy tờ', data: { missing: ['x'] } }) },
  { method: 'POST', path: '/v1/dossiers/:id/attachments', as: 'receiver.hop-thinh', params: () => ({ id: dossierId }), query: { documentId: 'declaration', fileName: 'tờ khai.pdf' }, text: { contentType: 'application/pdf', body: () => pdf } },
  { method: 'GET', path: '/v1/dossiers/:id/attachments', as: 'receiver.hop-thinh', params: () => ({ id: dossierId }) },
  { method: 'GET', path: '/v1/dossiers/:id/attachments/:attachmentId', as: 'receiver.hop-thinh', params: () => ({ id: dossierId, attachmentId }) },
  { method: 'GET', path: '/v1/dossiers/:id/forms', as: 'receiver.hop-thinh', params: () => ({ id: dossierId }) },
  { method: 'GET', path: '/v1/dossiers/:id/forms/:form', as: 'receiver.hop-thinh', params: () => ({ id: dossierId, form: '01' }), query: { format: 'html' } },
  { method: 'GET', path: '/v1/dead-letters', as: 'supervisor.bac-ninh', query: { status: 'all', limit: '5' } },
  { method: 'POST', path: '/v1/dead-letters/:id/retry', as: 'supervisor.bac-ninh', params: () => ({ id: '1' }) },
  { method: 'POST', path: '/v1/auth/logout', as: 'receiver.tu-son', fresh: true },
  // The first run changes the password; later ones fail to prove it (401, then 429): the caller's own session stays.
  { method: 'POST', path: '/v1/me/password', as: 'specialist.tu-son', body: () => ({ currentPassword: 'demo', newPassword: 'mật khẩu mới đủ dài' }) },
  { method: 'POST', path: '/v1/admin/users/:username/disable', as: 'admin', params: () => ({ username: 'leader.bac-giang' }) },
  { method: 'POST', path: '/v1/admin/users/:username/enable', as: 'admin', params: () => ({ username: 'leader.bac-giang' }) },
  { method: 'POST', path: '/v1/admin/api-keys', as: 'admin', body: () => ({ name: 'fuzz-key', unit: 'hop-thinh', roles: ['receiver', 'specialist'] }) },
  { method: 'GET', path: '/v1/admin/api-keys', as: 'admin' },
  { method: 'DELETE', path: '/v1/admin/api-keys/:id', as: 'admin', params: () => ({ id: apiKeyId }) },
  { method: 'GET', path: '/v1/worklist', as: 'receiver.hop-thinh', query: { q: 'nguyen van an', procedure: '1.001193', limit: '10', include: 'procedureFacet' } },
  { method: 'POST', path: '/v1/dossiers/:id/claim', as: 'leader.hop-thinh', params: () => ({ id: dossierId }) },
  { method: 'POST', path: '/v1/dossiers/:id/assign', as: 'leader.hop-thinh', params: () => ({ id: dossierId }), body: () => ({ username: 'specialist.hop-thinh' }) },
  { method: 'POST', path: '/v1/dossiers/:id/release', as: 'leader.hop-thinh', params: () => ({ id: dossierId }) },
  { method: 'GET', path: '/v1/public/dossiers/:receiptCode', as: null, params: () => ({ receiptCode }), query: { check: '5678' } },
  { method: 'POST', path: '/v1/public/dossiers/:receiptCode/rating', as: null, params: () => ({ receiptCode }), query: { check: '5678' }, body: () => ({ score: 5, comment: 'Cán bộ tận tình' }) },
  { method: 'GET', path: '/v1/procedures/:code/migrations/:id', as: 'author.bac-ninh', params: () => ({ code: '1.001193', id: '1' }) },
  { method: 'POST', path: '/v1/procedures/:code/migrations/:id/approve', as: 'admin', params: () => ({ code: '1.001193', id: '1' }) },
  { method: 'GET', path: '/v1/supervision/overdue', as: 'supervisor.bac-ninh', query: { unit: 'hop-thinh', procedure: '1.001193', state: 'reception', level: 'commune', cursor: '', limit: '10' } },
  { method: 'GET', path: '/v1/supervision/at-risk', as: 'supervisor.bac-ninh', query: { unit: 'bac-ninh', limit: '10', format: 'csv' } },
  { method: 'GET', path: '/v1/supervision/counts', as: 'supervisor.bac-ninh', query: { unit: 'hop-thinh', procedure: '1.001193', state: 'reception', level: 'commune' } },
  { method: 'GET', path: '/v1/supervision/stats', as: 'supervisor.bac-ninh', query: { from: '2026-01-01', to: '2026-04-01', groupBy: 'month', unit: 'hop-thinh', format: 'xlsx' } },
  { method: 'GET', path: '/v1/supervision/board', as: 'supervisor.bac-ninh', query: { unit: 'hop-thinh', procedure: '1.001193', state: 'reception', level: 'commune', from: '2026-01-01', to: '2026-04-01', limit: '10' } },
  { method: 'GET', path: '/v1/supervision/reports', as: 'supervisor.bac-ninh', query: { kind: 'daily', limit: '5' } },
  { method: 'GET', path: '/v1/supervision/reports/:id', as: 'supervisor.bac-ninh', params: () => ({ id: '1' }) },
  { method: 'POST', path: '/v1/connectors/:name/callback', as: null, signed: true, params: () => ({ name: connector }), body: () => ({ dossierId, event: 'RESULT_RECEIVED', data: { registrationNumber: '01A8000001' }, idempotencyKey: 'k-1' }) },
];

// ---- hostile values ---------------------------------------------------------

/** A replacement for one value: JSON, raw JSON text (numbers JSON.stringify cannot write), or bytes spliced into a string. */
type Hostile = { json: Json } | { rawJson: string } | { bytes: number[] };

const nasty = ['\u0000', 'a\u0000b', '\ud800', '\udfff x', 'x\u202eexe.pdf', '\u200f', 'Nguyễn'.normalize('NFD'), '', ' ', '\ufeff', '😀', '%00', '../../etc/passwd', "'; DROP TABLE dossiers; --", 'x'.repeat(5000), '__proto__', 'constructor'];
const hostileString = fc.oneof(fc.constantFrom(...nasty), fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ maxLength: 20 }).map((s) => `${s}\u0000`));
const hostileNumber = fc.oneof(
  fc.constantFrom('1e400', '-1e400', '99999999999', '99999999999999999999999999', '-1', '0', '1.5', '-0', '2147483648', '9007199254740993').map((rawJson): Hostile => ({ rawJson })),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((n): Hostile => ({ json: n })),
  fc.integer().map((n): Hostile => ({ json: n })),
);
const deep = fc.integer({ min: 60, max: 3000 }).chain((depth) => fc.constantFrom('[', '{"a":').map((open): Hostile => ({ rawJson: `${open.repeat(depth)}1${(open === '[' ? ']' : '}').repeat(depth)}` })));
const hostile: fc.Arbitrary<Hostile> = fc.oneof(
  { arbitrary: hostileString.map((s): Hostile => ({ json: s })), weight: 5 },
  { arbitrary: hostileNumber, weight: 2 },
  deep,
  fc.constantFrom<Hostile>({ json: null }, { json: true }, { json: [] }, { json: {} }, { json: [null] }, { json: { '\u0000': 1 } }, { json: { ['e\u0301']: 1, ['\u00e9']: 2 } }),
  fc.jsonValue({ maxDepth: 3 }).map((v): Hostile => ({ json: v as Json })),
  fc.uint8Array({ minLength: 1, maxLength: 8 }).map((b): Hostile => ({ bytes: [...b] })),
  fc.constantFrom<Hostile>({ bytes: [0xff] }, { bytes: [0xc3, 0x28] }, { bytes: [0xed, 0xa0, 0x80] }, { bytes: [0xe1, 0xba] }, { bytes: [0xc0, 0x80] }),
);

/** Every path to a value in `value` ('' is the whole body), so each field is a target. */
function pathsOf(value: Json, prefix: string[] = []): string[][] {
  const paths = [prefix];
  if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) paths.push(...pathsOf(v as Json, [...prefix, k]));
  return paths;
}

const marker = '\u2063MARKER\u2063';

/** The body with the value at `path` replaced (or a key added beside it), as bytes. */
function mutate(body: Json, path: string[], replacement: Hostile, asKey: boolean): Buffer {
  const copy = structuredClone(body) as Json;
  if (path.length === 0 && !asKey) return spliced(JSON.stringify(marker), replacement);
  let parent = copy as Record<string, Json>;
  for (const k of path.slice(0, -1)) parent = parent[k] as Record<string, Json>;
  const last = path.at(-1)!;
  if (asKey && path.length > 0 && typeof parent[last] === 'object' && parent[last] !== null && !Array.isArray(parent[last])) (parent[last] as Record<string, Json>)[marker] = 1;
  else if (asKey && path.length === 0) (copy as Record<string, Json>)[marker] = 1;
  else parent[last] = marker;
  return spliced(JSON.stringify(copy), replacement, asKey);
}

function spliced(json: string, replacement: Hostile, asKey = false): Buffer {
  const quoted = JSON.stringify(marker);
  const at = json.indexOf(quoted);
  const before = Buffer.from(json.slice(0, at));
  const after = Buffer.from(json.slice(at + quoted.length));
  let middle: Buffer;
  if ('bytes' in replacement) middle = Buffer.concat([Buffer.from('"'), Buffer.from(replacement.bytes), Buffer.from('"')]);
  else if (asKey) middle = Buffer.from(JSON.stringify(typeof (replacement as { json?: Json }).json === 'string' ? (replacement as { json: string }).json : 'k'));
  else middle = Buffer.from('rawJson' in replacement ? replacement.rawJson : JSON.stringify(replacement.json));
  return Buffer.concat([before, middle, after]);
}

/** A hostile URL component: %-encoded bytes of any kind, or a hostile string encoded. */
const hostileComponent = fc.oneof(
  hostileString.map((s) => encodeURIComponent(s.replace(/[\ud800-\udfff]/g, '')) + (s.includes('\ud800') ? '%ED%A0%80' : '')),
  fc.uint8Array({ minLength: 1, maxLength: 6 }).map((b) => [...b].map((x) => `%${x.toString(16).padStart(2, '0')}`).join('')),
  fc.constantFrom('99999999999', '-1', '0', '1e3', '%', '%E0%A4%A', '%00', '..', '%2e%2e', 'a%2Fb', '+'),
);

// ---- sending ------------------------------------------------------------------

interface Sent {
  path: string;
  body?: Buffer;
  contentType?: string;
}

/** Each endpoint's requests come from their own client address, so one endpoint's failed logins or tracking misses do not rate-limit another's. */
const addressOf = (endpoint: Endpoint) => `10.66.0.${endpoints.indexOf(endpoint) + 1}`;

async function send(endpoint: Endpoint, request: Sent): Promise<{ status: number; contentType: string | undefined; request: string }> {
  const headers: Record<string, string> = { 'x-forwarded-for': addressOf(endpoint) };
  if (endpoint.as) headers.authorization = `Bearer ${endpoint.fresh ? await newToken(endpoint.as) : await tokenOf(endpoint.as)}`;
  if (request.contentType) headers['content-type'] = request.contentType;
  if (endpoint.signed && request.body) {
    const timestamp = Math.floor(system.clock.now().getTime() / 1000);
    headers['x-motcua-timestamp'] = String(timestamp);
    headers['x-motcua-signature'] = signRequest(secret, timestamp, request.body);
  }
  const res = await sendRaw(system.url, endpoint.method, request.path, headers, request.body);
  const shown = `${endpoint.method} ${request.path} ${request.body ? JSON.stringify(request.body.toString('utf8').slice(0, 300)) : ''}`;
  return { status: res.status, contentType: res.headers['content-type'] as string | undefined, request: `${shown} → ${res.status} ${JSON.stringify(res.body).slice(0, 300)}` };
}

function pathOf(endpoint: Endpoint, params: Record<string, string>, query: Record<string, string>): string {
  const path = endpoint.path.replace(/:(\w+)/g, (_, name: string) => params[name] ?? '');
  const q = Object.entries(query).map(([k, v]) => `${k}=${v}`).join('&');
  return q ? `${path}?${q}` : path;
}

function encoded(values: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, encodeURIComponent(v)]));
}

function bodyOf(endpoint: Endpoint): { body?: Buffer; contentType?: string } {
  if (endpoint.text) return { body: Buffer.from(endpoint.text.body()), contentType: endpoint.text.contentType };
  if (endpoint.body) return { body: Buffer.from(JSON.stringify(endpoint.body())), contentType: 'application/json' };
  return {};
}

function expectNo500(result: { status: number; contentType: string | undefined; request: string }): void {
  expect(result.status < 500, result.request).toBe(true);
  if (result.status >= 400) expect(result.contentType, result.request).toContain('application/problem+json');
}

async function newToken(username: string): Promise<string> {
  const res = await new ApiClient(system.url).post('/v1/auth/login', { username, password: 'demo' });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.token;
}

async function tokenOf(username: string): Promise<string> {
  if (!tokens.has(username)) tokens.set(username, await newToken(username));
  return tokens.get(username)!;
}

beforeAll(async () => {
  system = await startConnectorTestSystem({ queue: 'postgres', env: { [connector]: { url: 'http://127.0.0.1:9/', secret } }, timeoutMs: 1000, maxAttempts: 1, retryDelayMs: 50 });
  const receiver = await ApiClient.login(system.url, 'receiver.hop-thinh');
  const received = await receiver.post('/v1/dossiers', birthRegistration());
  [dossierId, receiptCode] = [received.body.id, received.body.receiptCode];
  apiKeyId = (await (await ApiClient.login(system.url, 'admin')).post('/v1/admin/api-keys', { name: 'fuzz-revoked', unit: 'tu-son', roles: ['supervisor'] })).body.id;
  const attached = await sendRaw(system.url, 'POST', `/v1/dossiers/${dossierId}/attachments?documentId=declaration`, { authorization: `Bearer ${await tokenOf('receiver.hop-thinh')}`, 'content-type': 'application/pdf' }, Buffer.from(pdf));
  attachmentId = attached.body.id;
});
afterAll(async () => {
  await system?.close();
});

describe.each(endpoints.map((e) => [`${e.method} ${e.path}`, e] as const))('%s never answers 500', (_name, endpoint) => {
  it('as sent unchanged', async () => {
    const result = await send(endpoint, { path: pathOf(endpoint, encoded(endpoint.params?.() ?? {}), encoded(endpoint.query ?? {})), ...bodyOf(endpoint) });
    expectNo500(result);
  });

  if (endpoint.body) {
    it('with any body field (or the whole body, or a key beside it) replaced by hostile input', async () => {
      const fields = pathsOf(endpoint.body!());
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...fields), hostile, fc.boolean(), async (field, replacement, asKey) => {
          const body = mutate(endpoint.body!(), field, replacement, asKey);
          expectNo500(await send(endpoint, { path: pathOf(endpoint, encoded(endpoint.params?.() ?? {}), encoded(endpoint.query ?? {})), body, contentType: 'application/json' }));
        }),
        { numRuns: Math.min(80, 8 * fields.length) },
      );
    });
  }

  if (endpoint.text) {
    it('with a hostile text body', async () => {
      await fc.assert(
        fc.asyncProperty(hostile, fc.constantFrom('prefix', 'only'), async (replacement, where) => {
          const inner = 'bytes' in replacement ? Buffer.from(replacement.bytes) : Buffer.from('rawJson' in replacement ? replacement.rawJson : JSON.stringify(replacement.json));
          const body = where === 'only' ? inner : Buffer.concat([Buffer.from(endpoint.text!.body()), inner]);
          expectNo500(await send(endpoint, { path: pathOf(endpoint, encoded(endpoint.params?.() ?? {}), encoded(endpoint.query ?? {})), body, contentType: endpoint.text!.contentType }));
        }),
        { numRuns: 15 },
      );
    });
  }

  const names = [...Object.keys(endpoint.params?.() ?? {}).map((n) => ['param', n] as const), ...Object.keys(endpoint.query ?? {}).map((n) => ['query', n] as const)];
  if (names.length) {
    it('with any path or query parameter replaced by hostile input', async () => {
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...names), hostileComponent, async ([kind, name], value) => {
          const params = encoded(endpoint.params?.() ?? {});
          const query = encoded(endpoint.query ?? {});
          if (kind === 'param') params[name] = value;
          else query[name] = value;
          expectNo500(await send(endpoint, { path: pathOf(endpoint, params, query), ...bodyOf(endpoint) }));
        }),
        { numRuns: Math.min(30, 8 * names.length) },
      );
    });
  }
});

describe('an id that only looks like a UUID', () => {
  // 36 characters of hex digits and hyphens passed the old check and reached PostgreSQL's uuid cast.
  it.each(['-'.repeat(36), '0'.repeat(36)])('names no API key: %s answers 404', async (id) => {
    const res = await sendRaw(system.url, 'DELETE', `/v1/admin/api-keys/${id}`, { authorization: `Bearer ${await tokenOf('admin')}` });
    expect([res.status, res.body.code, res.body.detail]).toEqual([404, 'api-key.not-found', `no API key with id '${id}'; GET /v1/admin/api-keys lists them`]);
  });
});

describe('a supervision cursor that only looks like one this API gave', () => {
  // Its id passed a check of 36 hex digits and hyphens and reached PostgreSQL's uuid comparison.
  it.each(['-'.repeat(36), '0'.repeat(36)])('with id %s answers 400', async (id) => {
    const cursor = Buffer.from(JSON.stringify(['2026-03-01T00:00:00.000Z', id])).toString('base64url');
    const res = await sendRaw(system.url, 'GET', `/v1/supervision/overdue?cursor=${cursor}`, { authorization: `Bearer ${await tokenOf('supervisor.bac-ninh')}` });
    expect([res.status, res.body.code, res.body.detail]).toEqual([400, 'request.invalid', 'cursor is not one this API gave; pass nextCursor from the previous page unchanged']);
  });
});
