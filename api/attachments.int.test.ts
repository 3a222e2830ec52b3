// Digitized documents through the real system: officers attach scans over HTTP,
// the holding unit downloads them byte for byte, other units see nothing, bad
// files are refused with the reason, a file damaged on disk is never served,
// the checklist says what is present and digitized, and the audit chain
// records each file's hash.
import { createHash, randomBytes } from 'node:crypto';
import { access, chmod, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalDiskBlobStore } from '../engine/store/local-disk-blob-store.ts';
import { ApiClient } from '../test/api-client.ts';
import { birthRegistration } from '../test/birth-registration.ts';
import { sendEndlessUpload } from '../test/send-raw.ts';
import { startTestSystem, type TestSystem } from '../test/start-test-system.ts';

let system: TestSystem;
const tokens = new Map<string, string>();

beforeAll(async () => {
  system = await startTestSystem();
  system.clock.set('2026-03-02T09:00:00+07:00'); // Monday
});
afterAll(async () => {
  await system?.close();
});

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
// Random bodies: every file in this test is distinct content, so no two tests share a blob.
const pdf = () => Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(3000), Buffer.from('\n%%EOF\n')]);
const png = () => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(2000)]);
const jpeg = () => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(2500), Buffer.from([0xff, 0xd9])]);

const as = (username: string) => ApiClient.login(system.url, username);
const blobs = () => system.ctx.attachments.blobs as LocalDiskBlobStore;

async function tokenOf(username: string): Promise<string> {
  if (!tokens.has(username)) {
    const res = await fetch(`${system.url}/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'demo' }) });
    tokens.set(username, ((await res.json()) as { token: string }).token);
  }
  return tokens.get(username)!;
}

interface Upload {
  documentId?: string;
  fileName?: string;
  contentType?: string;
  body: Buffer | ReadableStream<Uint8Array>;
}

async function upload(username: string, dossierId: string, u: Upload): Promise<{ status: number; body: any; headers: Headers }> {
  const query = new URLSearchParams();
  if (u.documentId !== undefined) query.set('documentId', u.documentId);
  if (u.fileName !== undefined) query.set('fileName', u.fileName);
  const res = await fetch(`${system.url}/v1/dossiers/${dossierId}/attachments?${query}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${await tokenOf(username)}`, ...(u.contentType ? { 'content-type': u.contentType } : {}) },
    body: u.body,
    // A stream body goes out chunked, without Content-Length.
    ...(u.body instanceof ReadableStream ? { duplex: 'half' } : {}),
  } as RequestInit);
  return { status: res.status, body: await res.json(), headers: res.headers };
}

async function download(username: string, href: string): Promise<{ status: number; bytes: Buffer; headers: Headers }> {
  const res = await fetch(`${system.url}${href}`, { headers: { authorization: `Bearer ${await tokenOf(username)}` } });
  return { status: res.status, bytes: Buffer.from(await res.arrayBuffer()), headers: res.headers };
}

async function fileBirth(): Promise<{ id: string; receiptCode: string }> {
  const created = await (await as('receiver.hop-thinh')).post('/v1/dossiers', birthRegistration());
  expect(created.status).toBe(201);
  return created.body;
}

describe('a scanned declaration attached at the desk', () => {
  let dossier: { id: string; receiptCode: string };
  const declaration = pdf();
  let attachment: any;

  beforeAll(async () => {
    dossier = await fileBirth();
  });

  it('is attached by the receiver of the holding unit and described exactly', async () => {
    const res = await upload('receiver.hop-thinh', dossier.id, { documentId: 'declaration', fileName: 'Tờ khai đăng ký khai sinh.pdf', contentType: 'application/pdf', body: declaration });
    expect(res.status).toBe(201);
    attachment = res.body;
    expect(res.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      dossierId: dossier.id,
      documentId: 'declaration',
      fileName: 'Tờ khai đăng ký khai sinh.pdf',
      mediaType: 'application/pdf',
      size: declaration.length,
      sha256: sha256(declaration),
      uploadedBy: { userId: expect.stringMatching(/^[0-9a-f-]{36}$/), username: 'receiver.hop-thinh' },
      unit: 'hop-thinh',
      uploadedAt: '2026-03-02T02:00:00.000Z',
      eventSeq: 2,
      href: `/v1/dossiers/${dossier.id}/attachments/${res.body.id}`,
    });
    expect(res.headers.get('location')).toBe(res.body.href);
    // Stored once, under its hash.
    await access(blobs().pathOf(sha256(declaration)));
  });

  it('is downloaded byte for byte by an officer of the holding unit, with its hash', async () => {
    const res = await download('specialist.hop-thinh', attachment.href);
    expect(res.status).toBe(200);
    expect(res.bytes.equals(declaration)).toBe(true);
    expect(Object.fromEntries(['content-type', 'content-length', 'content-disposition', 'repr-digest', 'x-content-type-options', 'cache-control'].map((h) => [h, res.headers.get(h)]))).toEqual({
      'content-type': 'application/pdf',
      'content-length': String(declaration.length),
      'content-disposition': `attachment; filename="T? khai ??ng k? khai sinh.pdf"; filename*=UTF-8''${encodeURIComponent('Tờ khai đăng ký khai sinh.pdf').replaceAll("'", '%27')}`,
      'repr-digest': `sha-256=:${createHash('sha256').update(declaration).digest('base64')}:`,
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, no-store',
    });
  });

  it('is recorded with its hash in the history, and the chain stays intact', async () => {
    const history = await (await as('receiver.hop-thinh')).get(`/v1/dossiers/${dossier.id}/history`);
    expect(history.body.chainIntact).toBe(true);
    expect(history.body.events.map((e: { type: string }) => e.type)).toEqual(['RECEIVED', 'ATTACHMENT_ADDED']);
    expect(history.body.events[1]).toMatchObject({
      seq: 2, type: 'ATTACHMENT_ADDED', actorRole: 'receiver', unit: 'hop-thinh', at: '2026-03-02T02:00:00.000Z',
      fromState: 'reception', toState: 'reception', statusCode: 1,
      payload: { attachmentId: attachment.id, documentId: 'declaration', fileName: 'Tờ khai đăng ký khai sinh.pdf', mediaType: 'application/pdf', size: declaration.length, sha256: sha256(declaration) },
    });
    // Attaching changes the documents, not the step.
    expect((await (await as('receiver.hop-thinh')).get(`/v1/dossiers/${dossier.id}`)).body).toMatchObject({ state: 'reception', statusCode: 1 });
  });

  it('attached again, the same scan is the same attachment and records nothing new', async () => {
    const again = await upload('receiver.hop-thinh', dossier.id, { documentId: 'declaration', fileName: 'another name.pdf', contentType: 'application/pdf', body: declaration });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(attachment);
    const history = await (await as('receiver.hop-thinh')).get(`/v1/dossiers/${dossier.id}/history`);
    expect(history.body.events).toHaveLength(2);
  });

  it('an officer of another unit sees neither the list nor the file, and cannot attach', async () => {
    const other = await as('receiver.tu-son');
    const list = await other.get(`/v1/dossiers/${dossier.id}/attachments`);
    expect(list.status).toBe(404);
    expect(list.body).toMatchObject({ code: 'dossier.not-found', status: 404 });
    const file = await download('receiver.tu-son', attachment.href);
    expect(file.status).toBe(404);
    expect(file.headers.get('content-type')).toContain('application/problem+json');
    expect(JSON.parse(file.bytes.toString()).code).toBe('dossier.not-found');
    const attach = await upload('receiver.tu-son', dossier.id, { documentId: 'declaration', contentType: 'application/pdf', body: pdf() });
    expect(attach.status).toBe(404);
  });

  it('a supervisor of the holding unit reads the files but does not attach', async () => {
    expect((await download('supervisor.hop-thinh', attachment.href)).status).toBe(200);
    const attach = await upload('supervisor.hop-thinh', dossier.id, { documentId: 'birth-certificate', contentType: 'application/pdf', body: pdf() });
    expect(attach.status).toBe(403);
    expect(attach.body).toMatchObject({ code: 'auth.forbidden', detail: `only an officer (receiver, specialist, leader) of hop-thinh, the unit holding dossier ${dossier.receiptCode}, may attach files to it; you are supervisor at hop-thinh` });
  });

  it('an unknown attachment id is a 404 naming the list', async () => {
    const res = await (await as('receiver.hop-thinh')).get(`/v1/dossiers/${dossier.id}/attachments/00000000-0000-4000-8000-000000000000`);
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ code: 'attachment.not-found', detail: `dossier ${dossier.receiptCode} has no attachment 00000000-0000-4000-8000-000000000000; GET /v1/dossiers/${dossier.id}/attachments lists them` });
    expect((await (await as('receiver.hop-thinh')).get(`/v1/dossiers/${dossier.id}/attachments/not-a-uuid`)).body.code).toBe('attachment.not-found');
  });
});

describe('the checklist of documents', () => {
  it('shows which required documents are present and digitized, and the result', async () => {
    const dossier = await fileBirth();
    const receiver = await as('receiver.hop-thinh');
    const procedure = await receiver.get('/v1/procedures/1.001193');
    const names = Object.fromEntries(procedure.body.documents.map((d: { id: string; name: unknown }) => [d.id, d.name]));
    expect(Object.keys(names)).toEqual(['declaration', 'birth-certificate', 'authorization']);

    const empty = await receiver.get(`/v1/dossiers/${dossier.id}/attachments`);
    expect(empty.body).toEqual({
      dossierId: dossier.id,
      receiptCode: dossier.receiptCode,
      documents: [
        { documentId: 'declaration', name: names.declaration, required: true, digitizable: true, present: false, digitized: false, attachmentIds: [] },
        { documentId: 'birth-certificate', name: names['birth-certificate'], required: true, digitizable: true, present: false, digitized: false, attachmentIds: [] },
        { documentId: 'authorization', name: names.authorization, required: false, digitizable: true, present: false, digitized: false, attachmentIds: [] },
      ],
      missingRequired: ['declaration', 'birth-certificate'],
      result: { present: false, attachmentIds: [] },
      items: [],
    });

    const declaration = await upload('receiver.hop-thinh', dossier.id, { documentId: 'declaration', contentType: 'application/pdf', body: pdf() });
    // A phone photo of the medical certificate, sent as a stream without Content-Length; no file name: one is made up.
    const photo = jpeg();
    const certificate = await upload('receiver.hop-thinh', dossier.id, { documentId: 'birth-certificate', contentType: 'image/jpeg', body: new Blob([photo]).stream() });
    expect(certificate.status).toBe(201);
    expect(certificate.body).toMatchObject({ fileName: 'birth-certificate.jpg', mediaType: 'image/jpeg', size: photo.length, sha256: sha256(photo), eventSeq: 3 });
    const result = await upload('receiver.hop-thinh', dossier.id, { documentId: 'result', fileName: 'Trích lục khai sinh.pdf', contentType: 'application/pdf', body: pdf() });

    const list = await receiver.get(`/v1/dossiers/${dossier.id}/attachments`);
    expect(list.body.documents.map((d: any) => [d.documentId, d.present, d.digitized, d.attachmentIds])).toEqual([
      ['declaration', true, true, [declaration.body.id]],
      ['birth-certificate', true, true, [certificate.body.id]],
      ['authorization', false, false, []],
    ]);
    expect(list.body.missingRequired).toEqual([]);
    expect(list.body.result).toEqual({ present: true, attachmentIds: [result.body.id] });
    expect(list.body.items).toEqual([declaration.body, certificate.body, result.body]);
  });

  it('an original that must be shown on paper may be scanned for the record, but is not its digitized component', async () => {
    const receiver = await as('receiver.hop-thinh');
    const created = await receiver.post('/v1/dossiers', {
      procedureCode: '2.000815',
      applicant: { fullName: 'Lê Thị Hoa', idNumber: '027195004321' },
      data: { document: { title: 'Bằng tốt nghiệp đại học', pages: 1, copies: 2, issuedByVietnameseAuthority: true } },
    });
    const id = created.body.id;
    const original = await upload('receiver.hop-thinh', id, { documentId: 'original', contentType: 'image/png', body: png() });
    const copy = await upload('receiver.hop-thinh', id, { documentId: 'copy', contentType: 'application/pdf', body: pdf() });
    const list = await receiver.get(`/v1/dossiers/${id}/attachments`);
    expect(list.body.documents.map((d: any) => [d.documentId, d.required, d.digitizable, d.present, d.digitized, d.attachmentIds])).toEqual([
      ['original', true, false, true, false, [original.body.id]],
      ['copy', true, true, true, true, [copy.body.id]],
    ]);

    // Once the dossier is closed its documents no longer change.
    const refused = await receiver.post(`/v1/dossiers/${id}/events`, { type: 'REFUSE', data: { reason: 'bản chính bị tẩy xóa' } });
    expect(refused.body).toMatchObject({ outcome: 'refused-at-reception', closedAt: '2026-03-02T02:00:00.000Z' });
    const late = await upload('receiver.hop-thinh', id, { documentId: 'copy', contentType: 'application/pdf', body: pdf() });
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ code: 'dossier.closed', detail: `dossier ${created.body.receiptCode} was closed (refused-at-reception) at 2026-03-02T02:00:00.000Z; its attachments can no longer change` });
  });
});

describe('files attached at the same time', () => {
  it('are each attached once, each recorded once in an intact chain', async () => {
    const dossier = await fileBirth();
    const files = [pdf(), pdf(), png(), jpeg(), pdf()];
    const types = ['application/pdf', 'application/pdf', 'image/png', 'image/jpeg', 'application/pdf'];
    const results = await Promise.all(files.map((body, i) => upload(i % 2 ? 'specialist.hop-thinh' : 'receiver.hop-thinh', dossier.id, { documentId: 'birth-certificate', contentType: types[i], body })));
    expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    expect(results.map((r) => r.body.eventSeq).sort()).toEqual([2, 3, 4, 5, 6]);
    const history = await (await as('receiver.hop-thinh')).get(`/v1/dossiers/${dossier.id}/history`);
    expect(history.body.chainIntact).toBe(true);
    const recorded = history.body.events.filter((e: { type: string }) => e.type === 'ATTACHMENT_ADDED');
    expect(recorded.map((e: any) => [e.seq, e.payload.sha256]).sort()).toEqual(results.map((r) => [r.body.eventSeq, r.body.sha256]).sort());
    const list = await (await as('receiver.hop-thinh')).get(`/v1/dossiers/${dossier.id}/attachments`);
    expect(list.body.documents[1].attachmentIds).toEqual([...results].sort((a, b) => a.body.eventSeq - b.body.eventSeq).map((r) => r.body.id));
  });
});

describe('files that are refused', () => {
  let dossier: { id: string; receiptCode: string };
  beforeAll(async () => {
    dossier = await fileBirth();
  });

  it.each([
    [
      'a text file declared as a PDF',
      { contentType: 'application/pdf', body: Buffer.from('Hello, this is not a scan') },
      415, 'attachment.type-not-allowed',
      'the content is not a PDF, JPEG or PNG file: it is a file starting with the bytes 48 65 6c 6c 6f 2c 20 74 ("Hello, t"); scan or convert the document to PDF, JPEG or PNG',
    ],
    [
      'a GIF declared as a GIF',
      { contentType: 'image/gif', body: Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1') },
      415, 'attachment.type-not-allowed',
      'Content-Type image/gif is not accepted; attach a PDF (application/pdf), JPEG (image/jpeg) or PNG (image/png) scan',
    ],
    [
      'a GIF declared as a PNG',
      { contentType: 'image/png', body: Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1') },
      415, 'attachment.type-not-allowed',
      'the content is not a PDF, JPEG or PNG file: it is a GIF image; scan or convert the document to PDF, JPEG or PNG',
    ],
    [
      'a PNG declared as a PDF',
      { contentType: 'application/pdf', body: png() },
      422, 'attachment.type-mismatch',
      'the content is a PNG image but Content-Type says application/pdf; send it with Content-Type: image/png',
    ],
    [
      'a file without a declared type',
      { body: pdf() },
      415, 'attachment.type-not-allowed',
      'send the file with its type in Content-Type: application/pdf, image/jpeg or image/png',
    ],
    [
      'an empty file',
      { contentType: 'application/pdf', body: Buffer.alloc(0) },
      415, 'attachment.type-not-allowed',
      'the content is not a PDF, JPEG or PNG file: it is an empty file; scan or convert the document to PDF, JPEG or PNG',
    ],
  ])('%s', async (_name, file, status, code, detail) => {
    const res = await upload('receiver.hop-thinh', dossier.id, { documentId: 'declaration', ...file });
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body).toMatchObject({ code, status, detail, type: `https://motcua.dev/problems/${code}` });
  });

  it('a document the procedure does not list is refused, naming the ones it does', async () => {
    const res = await upload('receiver.hop-thinh', dossier.id, { documentId: 'passport', contentType: 'application/pdf', body: pdf() });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      code: 'request.invalid',
      detail: "documentId 'passport' is not a document of procedure 1.001193 version 1; use one of: declaration, birth-certificate, authorization, result (result: a result document)",
      accepted: ['declaration', 'birth-certificate', 'authorization', 'result'],
    });
    const missing = await upload('receiver.hop-thinh', dossier.id, { contentType: 'application/pdf', body: pdf() });
    expect(missing.body.detail).toBe('say which document the file is with ?documentId=…, one of: declaration, birth-certificate, authorization, result (result: a result document)');
  });

  it('a file name with a bidirectional control is refused: it would display as another name', async () => {
    const res = await upload('receiver.hop-thinh', dossier.id, { documentId: 'declaration', fileName: 'to-khai\u202Efdp.exe', contentType: 'application/pdf', body: pdf() });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      code: 'request.invalid',
      detail: 'the query parameter fileName contains the invisible bidirectional control U+202E, which can make text display as something else; remove it',
    });
  });

  // 20 MiB is the default limit (ATTACHMENT_MAX_BYTES).
  const limit = 20 * 1024 * 1024;
  const oversized = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(limit + 1 - 9, 0x20)]);

  it('a file over the limit with its length declared is refused before it is read', async () => {
    const res = await upload('receiver.hop-thinh', dossier.id, { documentId: 'declaration', contentType: 'application/pdf', body: oversized });
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({
      code: 'attachment.too-large',
      detail: 'the file is 20971521 bytes; the limit is 20971520 bytes (20 MiB): scan at a lower resolution or split the document into several files',
      limitBytes: limit,
      receivedBytes: limit + 1,
    });
  });

  it('a file over the limit sent without a length is refused when it passes the limit, and the rest is never read', async () => {
    const mib = Buffer.alloc(1024 * 1024, 0x20);
    mib.write('%PDF-1.4\n');
    const path = `/v1/dossiers/${dossier.id}/attachments?documentId=declaration`;
    const res = await sendEndlessUpload(system.url, path, { authorization: `Bearer ${await tokenOf('receiver.hop-thinh')}`, 'content-type': 'application/pdf' }, mib, 512 * 1024 * 1024);
    expect(res.status).toBe(413);
    expect(res.headers.connection).toBe('close');
    expect(res.body).toMatchObject({ code: 'attachment.too-large', limitBytes: limit, detail: 'the file is larger than the limit; the limit is 20971520 bytes (20 MiB): scan at a lower resolution or split the document into several files' });
    // 512 MiB were on offer: the server stopped reading once past 20 MiB (what is left is socket buffers).
    expect(res.sentBytes).toBeLessThan(64 * 1024 * 1024);
  });

  it('refusals leave no trace: no attachment, no event, no stored or half-written file', async () => {
    const receiver = await as('receiver.hop-thinh');
    expect((await receiver.get(`/v1/dossiers/${dossier.id}/attachments`)).body.items).toEqual([]);
    expect((await receiver.get(`/v1/dossiers/${dossier.id}/history`)).body.events.map((e: { type: string }) => e.type)).toEqual(['RECEIVED']);
    expect(await readdir(join(blobs().dir, 'tmp'))).toEqual([]);
    await expect(access(blobs().pathOf(sha256(oversized)))).rejects.toThrow('ENOENT');
  });
});

describe('a file damaged on disk', () => {
  it('is refused on read with the corruption error, and attaching the same scan again repairs it', async () => {
    const dossier = await fileBirth();
    const scan = png();
    const attached = await upload('receiver.hop-thinh', dossier.id, { documentId: 'authorization', fileName: 'uy-quyen.png', contentType: 'image/png', body: scan });
    const path = blobs().pathOf(attached.body.sha256);
    const tampered = Buffer.concat([scan.subarray(0, 100), Buffer.from('edited'), scan.subarray(106)]);
    await chmod(path, 0o644);
    await writeFile(path, tampered);

    const res = await download('specialist.hop-thinh', attached.body.href);
    expect(res.status).toBe(500);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(JSON.parse(res.bytes.toString())).toMatchObject({
      code: 'attachment.corrupt',
      reason: 'hash-mismatch',
      sha256: sha256(scan),
      actualSha256: sha256(tampered),
      detail: `the stored file of attachment ${attached.body.id} ('uy-quyen.png', dossier ${dossier.receiptCode}) no longer matches its SHA-256 ${sha256(scan)}: it now hashes to ${sha256(tampered)} (${tampered.length} bytes, ${scan.length} expected); restore the file from backup (or attach the document again); it is not served until its content matches`,
    });

    const again = await upload('receiver.hop-thinh', dossier.id, { documentId: 'authorization', contentType: 'image/png', body: scan });
    expect(again).toMatchObject({ status: 200, body: { id: attached.body.id } });
    const repaired = await download('specialist.hop-thinh', attached.body.href);
    expect(repaired.status).toBe(200);
    expect(repaired.bytes.equals(scan)).toBe(true);

    await rm(path);
    const missing = await download('specialist.hop-thinh', attached.body.href);
    expect(missing.status).toBe(500);
    expect(JSON.parse(missing.bytes.toString())).toMatchObject({
      code: 'attachment.corrupt',
      reason: 'missing',
      detail: `the stored file of attachment ${attached.body.id} ('uy-quyen.png', dossier ${dossier.receiptCode}) is missing from the file store; restore the file from backup (or attach the document again); it is not served until its content matches`,
    });
  });
});

describe('files travel with the dossier', () => {
  it('the Land Registration Office sees what the commune attached once it holds the dossier, and attaches too', async () => {
    const receiver = await as('receiver.hop-thinh');
    const created = await receiver.post('/v1/dossiers', {
      procedureCode: '1.012753',
      applicant: { fullName: 'Dương Văn Xuân', idNumber: '027070001313' },
      data: { applicant: { fullName: 'Dương Văn Xuân', idNumber: '027070001313' }, parcel: { commune: 'hop-thinh', sheet: 21, number: 102, areaM2: 312.4 } },
    });
    expect(created.body).toMatchObject({ receivingUnit: 'hop-thinh', competentUnit: 'hop-thinh', currentUnit: 'hop-thinh' });
    const id = created.body.id;
    const form = pdf();
    const application = await upload('receiver.hop-thinh', id, { documentId: 'application', fileName: 'don-dang-ky-04-DK.pdf', contentType: 'application/pdf', body: form });
    expect(application.status).toBe(201);

    // Not at the Land Registration Office yet (the commune of the parcel decides, Decree 151/2025): it sees nothing.
    expect((await download('specialist.vpdk-dat-dai', application.body.href)).status).toBe(404);
    const early = await upload('specialist.vpdk-dat-dai', id, { documentId: 'cadastral-extract', contentType: 'application/pdf', body: pdf() });
    expect(early.status).toBe(404);

    await receiver.post(`/v1/dossiers/${id}/events`, { type: 'ACCEPT' });
    const office = await as('specialist.vpdk-dat-dai');
    await expect.poll(async () => (await office.get(`/v1/dossiers/${id}`)).body.currentUnit, { timeout: 30_000 }).toBe('vpdk-dat-dai');

    // The handoff moved the dossier, not the file: same attachment, same bytes.
    const list = await office.get(`/v1/dossiers/${id}/attachments`);
    expect(list.body.items).toEqual([application.body]);
    expect((await download('specialist.vpdk-dat-dai', application.body.href)).bytes.equals(form)).toBe(true);
    const extract = await upload('specialist.vpdk-dat-dai', id, { documentId: 'cadastral-extract', contentType: 'application/pdf', body: pdf() });
    expect(extract.status).toBe(201);
    expect(extract.body).toMatchObject({ unit: 'vpdk-dat-dai', uploadedBy: { username: 'specialist.vpdk-dat-dai' } });
    // The receiving desk still sees everything and may still attach.
    expect((await receiver.get(`/v1/dossiers/${id}/attachments`)).body.items.map((a: { id: string }) => a.id)).toEqual([application.body.id, extract.body.id]);
    expect((await upload('receiver.hop-thinh', id, { documentId: 'land-origin-papers', contentType: 'image/jpeg', body: jpeg() })).status).toBe(201);
    const supervisor = await upload('supervisor.vpdk-dat-dai', id, { documentId: 'cadastral-extract', contentType: 'application/pdf', body: pdf() });
    expect(supervisor.body.detail).toBe(`only an officer (receiver, specialist, leader) of vpdk-dat-dai, the unit holding dossier ${created.body.receiptCode}, or of hop-thinh, which received it, may attach files to it; you are supervisor at vpdk-dat-dai`);
    // A third unit sees nothing.
    expect((await download('specialist.tu-son', application.body.href)).status).toBe(404);

    const history = await receiver.get(`/v1/dossiers/${id}/history`);
    expect(history.body.chainIntact).toBe(true);
    expect(history.body.events.filter((e: { type: string }) => e.type === 'ATTACHMENT_ADDED').map((e: any) => [e.unit, e.payload.documentId, e.payload.sha256])).toEqual([
      ['hop-thinh', 'application', sha256(form)],
      ['vpdk-dat-dai', 'cadastral-extract', extract.body.sha256],
      ['hop-thinh', 'land-origin-papers', expect.stringMatching(/^[0-9a-f]{64}$/)],
    ]);
  });
});
