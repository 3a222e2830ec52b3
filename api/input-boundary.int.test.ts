// The input boundary (api/input/) through the real system: whatever a client
// sends — NUL characters, bytes that are not UTF-8, decomposed Unicode, deep
// nesting, huge numbers, over-sized or endless bodies, odd parameters — is a
// 4xx naming what was wrong, never a 500, and changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../test/api-client.ts';
import { birthRegistration } from '../test/birth-registration.ts';
import { sendEndlessUpload, sendRaw } from '../test/send-raw.ts';
import { startTestSystem, type TestSystem } from '../test/start-test-system.ts';

let system: TestSystem;
let receiver: ApiClient;
let author: ApiClient;
let supervisor: ApiClient;
const tokens = new Map<string, string>();

async function tokenOf(username: string): Promise<string> {
  if (!tokens.has(username)) {
    const res = await new ApiClient(system.url).post('/v1/auth/login', { username, password: 'demo' });
    tokens.set(username, res.body.token);
  }
  return tokens.get(username)!;
}

const dossierCount = async () => Number((await system.db('dossiers').count<{ n: string }[]>({ n: '*' }))[0]!.n);
const nulMessage = 'contains a NUL character (U+0000), which text may not hold; remove it';

beforeAll(async () => {
  system = await startTestSystem();
  receiver = await ApiClient.login(system.url, 'receiver.hop-thinh');
  author = await ApiClient.login(system.url, 'author.bac-ninh');
  supervisor = await ApiClient.login(system.url, 'supervisor.bac-ninh');
});
afterAll(async () => {
  await system?.close();
});

describe('NUL characters, lone surrogates and bidirectional controls', () => {
  it('a NUL in the login name is a 400 naming the field, before any login is needed', async () => {
    const res = await new ApiClient(system.url).post('/v1/auth/login', '{"username":"a\\u0000","password":"x"}');
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      type: 'https://motcua.dev/problems/request.invalid',
      title: 'Invalid request',
      status: 400,
      detail: `the body is not valid: /username ${nulMessage}`,
      instance: '/v1/auth/login',
      code: 'request.invalid',
      errors: [{ path: '/username', message: nulMessage }],
    });
  });

  it('a NUL in a name, a data string, a data key or a comment is a 400 listing each place, and nothing is stored', async () => {
    const before = await dossierCount();
    const body = birthRegistration();
    const res = await receiver.post('/v1/dossiers', {
      ...body,
      applicant: { ...body.applicant, fullName: 'Nguyễn\u0000Văn An' },
      data: { ...body.data, child: { ...body.data.child, birthPlace: 'x\u0000' }, ['note\u0000']: 1 },
    });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      { path: '/applicant/fullName', message: nulMessage },
      { path: '/data/child/birthPlace', message: nulMessage },
      { path: '/data/note\u0000', message: `is a key that ${nulMessage}` },
    ]);
    expect(await dossierCount()).toBe(before);

    const created = await receiver.post('/v1/dossiers', birthRegistration());
    const comment = await receiver.post(`/v1/dossiers/${created.body.id}/events`, { type: 'ACCEPT', comment: 'ok\u0000' });
    expect([comment.status, comment.body.errors]).toEqual([400, [{ path: '/comment', message: nulMessage }]]);
    expect((await receiver.get(`/v1/dossiers/${created.body.id}`)).body.version).toBe(1);
  });

  it('a lone surrogate escape is refused: it is not Unicode text', async () => {
    const res = await receiver.post('/v1/dossiers', JSON.stringify(birthRegistration()).replace('Nguyễn Văn An', 'An \\ud800'));
    expect([res.status, res.body.errors]).toEqual([400, [{ path: '/applicant/fullName', message: 'contains a lone UTF-16 surrogate (e.g. \\ud800 without its pair), which is not Unicode text; send the character itself in UTF-8' }]]);
  });

  it('a person name with a bidirectional control is refused', async () => {
    const body = birthRegistration();
    const res = await receiver.post('/v1/dossiers', { ...body, applicant: { ...body.applicant, fullName: 'Nguyễn \u202eAn' } });
    expect([res.status, res.body.errors]).toEqual([400, [{ path: '/applicant/fullName', message: 'contains the invisible bidirectional control U+202E, which can make text display as something else; remove it' }]]);
  });
});

describe('bytes that are not UTF-8, and decomposed Unicode', () => {
  it('invalid UTF-8 in a name is a 400 saying where, not a name of replacement characters', async () => {
    const before = await dossierCount();
    const json = Buffer.from(JSON.stringify(birthRegistration()));
    const at = json.indexOf('Văn');
    const bytes = Buffer.concat([json.subarray(0, at), Buffer.from([0xc3, 0x28]), json.subarray(at + 1)]);
    const res = await sendRaw(system.url, 'POST', '/v1/dossiers', { 'content-type': 'application/json', authorization: `Bearer ${await tokenOf('receiver.hop-thinh')}` }, bytes);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      code: 'request.malformed',
      detail: `the body is not valid UTF-8 text: byte 0xc3 at offset ${at}, in /applicant/fullName; send text encoded as UTF-8`,
      errors: [{ path: '/applicant/fullName', message: `is not valid UTF-8 text: byte 0xc3 at offset ${at}` }],
    });
    expect(await dossierCount()).toBe(before);
  });

  it('a body declared in another charset is refused: JSON is UTF-8', async () => {
    const res = await sendRaw(system.url, 'POST', '/v1/auth/login', { 'content-type': 'application/json; charset=iso-8859-1' }, Buffer.from('{"username":"receiver.hop-thinh","password":"demo"}'));
    expect([res.status, res.body.code, res.body.detail]).toEqual([400, 'request.malformed', 'the body is declared as iso-8859-1; JSON is UTF-8 (RFC 8259): send it with Content-Type: application/json']);
  });

  it('a name and a data key sent decomposed (NFD) are stored composed (NFC), like attachment names', async () => {
    const body = birthRegistration();
    const nfd = 'Nguyễn Văn An'.normalize('NFD');
    expect(nfd).not.toBe('Nguyễn Văn An');
    const res = await receiver.post('/v1/dossiers', { ...body, applicant: { ...body.applicant, fullName: nfd }, data: { ...body.data, child: { ...body.data.child, birthPlace: 'Bệnh viện'.normalize('NFD') } } });
    expect(res.status).toBe(201);
    const row = await system.db('dossiers').where({ id: res.body.id }).first('applicant', 'data');
    expect(row.applicant.fullName).toBe('Nguyễn Văn An');
    expect(row.data.child.birthPlace).toBe('Bệnh viện');
  });

  it('a %-escape that is not UTF-8 in a query or a path is a 400', async () => {
    const token = await tokenOf('receiver.hop-thinh');
    const query = await sendRaw(system.url, 'GET', '/v1/dossiers?due=%FF', { authorization: `Bearer ${token}` });
    expect([query.status, query.body.code, query.body.detail]).toEqual([400, 'request.malformed', 'the query parameter due is not valid UTF-8 text: byte 0xff at offset 0; send text encoded as UTF-8']);
    const path = await sendRaw(system.url, 'GET', '/v1/procedures/%C3%28', { authorization: `Bearer ${token}` });
    expect([path.status, path.body.code]).toEqual([400, 'request.malformed']);
    const broken = await sendRaw(system.url, 'GET', '/v1/procedures/%E0%A4%A', { authorization: `Bearer ${token}` });
    expect([broken.status, broken.body.code]).toEqual([400, 'request.malformed']);
    const nul = await sendRaw(system.url, 'GET', '/v1/procedures/1.001193%00', { authorization: `Bearer ${token}` });
    expect([nul.status, nul.body.code]).toEqual([400, 'request.invalid']);
  });
});

describe('depth, size and numbers', () => {
  it('JSON nested 2,000 levels deep in the data is a 400 naming the limit', async () => {
    let nested: unknown = 'bottom';
    for (let i = 0; i < 2000; i++) nested = { a: nested };
    const body = birthRegistration();
    const res = await receiver.post('/v1/dossiers', { ...body, data: { ...body.data, nested } });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ path: `/data/nested${'/a'.repeat(62)}`, message: 'nests arrays and objects deeper than 64 levels' }]);
  });

  it('a body over 1 MiB is a 413 naming the limit', async () => {
    const body = JSON.stringify({ ...birthRegistration(), padding: 'x'.repeat(2 * 1024 * 1024) });
    expect(Buffer.byteLength(body)).toBe(2097529);
    const res = await receiver.post('/v1/dossiers', body);
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({
      code: 'request.too-large',
      status: 413,
      limitBytes: 1048576,
      detail: 'the request body is larger than the limit of 1048576 bytes (1 MiB): it is 2097529 bytes; send less, or attach files with POST /v1/dossiers/:id/attachments',
    });
  });

  it('an endless chunked JSON upload is refused once past the limit and never read to the end', async () => {
    const token = await tokenOf('receiver.hop-thinh');
    const res = await sendEndlessUpload(system.url, '/v1/dossiers', { 'content-type': 'application/json', authorization: `Bearer ${token}` }, Buffer.alloc(64 * 1024, 0x20), 256 * 1024 * 1024);
    expect(res.status).toBe(413);
    expect(res.headers.connection).toBe('close');
    expect(res.body).toMatchObject({ code: 'request.too-large', limitBytes: 1048576 });
    // 256 MiB were on offer: the server stopped reading a little past 1 MiB (what is left is socket buffers).
    expect(res.sentBytes).toBeLessThan(32 * 1024 * 1024);
  });

  it('a version of 99999999999 in a procedure URL, or an expectedVersion as large, is a 400', async () => {
    const version = await author.get('/v1/procedures/1.001193/versions/99999999999');
    expect([version.status, version.body.detail]).toEqual([400, 'version must be a whole number from 1 to 2147483647, not "99999999999"']);
    const publish = await author.post('/v1/procedures/1.001193/versions/1e3/publish');
    expect(publish.status).toBe(400);
    const created = await receiver.post('/v1/dossiers', birthRegistration());
    const event = await receiver.post(`/v1/dossiers/${created.body.id}/events`, { type: 'ACCEPT', expectedVersion: 99999999999 });
    expect([event.status, event.body.errors]).toEqual([400, [{ path: '/expectedVersion', message: 'must be <= 2147483647' }]]);
    const huge = await receiver.post(`/v1/dossiers/${created.body.id}/events`, '{"type":"ACCEPT","expectedVersion":1e400}');
    expect([huge.status, huge.body.errors]).toEqual([400, [{ path: '/expectedVersion', message: 'is a number too large to represent; send at most 15 significant digits' }]]);
    const limit = await receiver.get('/v1/dossiers?limit=99999999999');
    expect([limit.status, limit.body.detail]).toEqual([400, 'limit must be a whole number from 1 to 500, not "99999999999"']);
  });
});

describe('problem bodies keep their standard members', () => {
  it('procedureCode "9.9" answers the stable code, with the procedure code as an extension', async () => {
    const res = await receiver.post('/v1/dossiers', { ...birthRegistration(), procedureCode: '9.9' });
    expect(res.status).toBe(404);
    expect(res.body).toEqual({
      type: 'https://motcua.dev/problems/definition.not-found',
      title: 'Procedure not found',
      status: 404,
      detail: 'no published procedure has code 9.9; list them with GET /v1/procedures',
      instance: '/v1/dossiers',
      code: 'definition.not-found',
      procedureCode: '9.9',
    });
  });

  it('?status=foo on the dead letters answers status 400 in the body too, listing the allowed values', async () => {
    const res = await supervisor.get('/v1/dead-letters?status=foo');
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      type: 'https://motcua.dev/problems/request.invalid',
      title: 'Invalid request',
      status: 400,
      detail: 'status must be one of open, resolved, all, not "foo"',
      instance: '/v1/dead-letters?status=foo',
      code: 'request.invalid',
      errors: [{ path: 'status', message: 'must be one of: open, resolved, all' }],
      allowedValues: ['open', 'resolved', 'all'],
    });
  });
});

describe('validation messages', () => {
  it('a wrong applicant and wrong data are reported together, the enum with its allowed values', async () => {
    const body = birthRegistration();
    const res = await receiver.post('/v1/dossiers', { ...body, applicant: { ...body.applicant, idNumber: '123' }, data: { ...body.data, child: { ...body.data.child, sex: 'unknown' } } });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([
      { path: '/applicant/idNumber', message: 'must be the 12-digit personal identification number' },
      { path: '/child/sex', message: 'must be one of "male", "female"' },
    ]);
    expect(res.body.detail).toBe('the applicant is not valid: /applicant/idNumber must be the 12-digit personal identification number; and the data does not match procedure 1.001193: /child/sex must be one of "male", "female"');
  });

  it('a returnUnit without a receiving desk is refused: the result could never be handed over there', async () => {
    const res = await receiver.post('/v1/dossiers', { ...birthRegistration(), returnUnit: 'bac-ninh' });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      code: 'request.invalid',
      detail: "returnUnit 'bac-ninh' has no receiving desk (no active receiver account), so the result could never be handed over there; name a unit with a receiver, or add one",
      errors: [{ path: '/returnUnit', message: 'must be a unit with a receiving desk' }],
    });
    const elsewhere = await receiver.post('/v1/dossiers', { ...birthRegistration(), returnUnit: 'kinh-bac' });
    expect([elsewhere.status, elsewhere.body.returnUnit]).toEqual([201, 'kinh-bac']);
  });
});

describe('headers', () => {
  it('the console is served with a Content-Security-Policy and may not be framed', async () => {
    const res = await fetch(`${system.url}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe(
      "default-src 'self';script-src 'self';style-src 'self';img-src 'self' data:;font-src 'self';connect-src 'self';object-src 'none';base-uri 'self';form-action 'self';frame-ancestors 'none'",
    );
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('X-Request-Id is kept when it is a plausible id, replaced by a fresh one otherwise', async () => {
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    const kept = await fetch(`${system.url}/healthz`, { headers: { 'x-request-id': 'proxy-42.a:b_c' } });
    expect(kept.headers.get('x-request-id')).toBe('proxy-42.a:b_c');
    const long = await fetch(`${system.url}/healthz`, { headers: { 'x-request-id': 'a'.repeat(129) } });
    expect(long.headers.get('x-request-id')).toMatch(uuid);
    const odd = await fetch(`${system.url}/healthz`, { headers: { 'x-request-id': 'x"}, "level":60' } });
    expect(odd.headers.get('x-request-id')).toMatch(uuid);
  });

  it('an unknown connector callback names no declared connector to the unauthenticated caller', async () => {
    const res = await new ApiClient(system.url).post('/v1/connectors/land-registry/callback', {});
    expect(res.status).toBe(404);
    expect(res.body.detail).toBe("no connector 'land-registry' in this deployment; check the name in the callback URL you were given");
  });
});

describe('headers a route reads', () => {
  it('an Idempotency-Key that is not printable ASCII, or too long, is a 400', async () => {
    const long = await receiver.post('/v1/dossiers', birthRegistration(), { 'idempotency-key': 'k'.repeat(256) });
    expect([long.status, long.body.detail]).toEqual([400, 'Idempotency-Key must be 1 to 255 printable ASCII characters without spaces, e.g. a UUID']);
    const latin1 = await sendRaw(system.url, 'POST', '/v1/dossiers', { 'content-type': 'application/json', authorization: `Bearer ${await tokenOf('receiver.hop-thinh')}`, 'idempotency-key': 'kh\u00f4ng' }, Buffer.from(JSON.stringify(birthRegistration())));
    expect(latin1.status).toBe(400);
  });
});
