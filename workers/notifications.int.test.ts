// Every status change reaches the applicant on every channel they can be
// reached on: email through a real SMTP server (started here), SMS and Zalo
// through their log transport or an HTTP gateway; a delivery the provider keeps
// refusing is retried and then listed as a dead letter.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../test/api-client.ts';
import { birthRegistration } from '../test/birth-registration.ts';
import { startMailServer, type MailServer } from '../test/start-mail-server.ts';
import { startTestSystem, type TestSystem } from '../test/start-test-system.ts';

function withEmail(email: string) {
  const body = birthRegistration();
  return { ...body, applicant: { ...body.applicant, email } };
}

describe('notifications', () => {
  let mail: MailServer;
  let system: TestSystem;
  let receiver: ApiClient;
  beforeAll(async () => {
    mail = await startMailServer({ reject: (to) => to.startsWith('bounce') });
    system = await startTestSystem({
      notifications: { smtpUrl: mail.url, mailFrom: 'Một cửa Hợp Thịnh <motcua@hopthinh.bacninh.gov.vn>', sms: 'log', zalo: 'log', maxAttempts: 2, retryDelayMs: 50 },
    });
    receiver = await ApiClient.login(system.url, 'receiver.hop-thinh');
  }, 120_000);
  afterAll(async () => {
    await system?.close();
    await mail?.close();
  });

  it('emails the applicant in Vietnamese at each status change, with the receipt code and the procedure’s citizen text', async () => {
    const created = await receiver.post('/v1/dossiers', withEmail('an.nguyen@example.vn'));
    expect(created.status).toBe(201);
    const code = created.body.receiptCode as string;
    expect((await receiver.post(`/v1/dossiers/${created.body.id}/events`, { type: 'ACCEPT' })).status).toBe(200);

    await expect.poll(() => mail.messages.filter((m) => m.to[0] === 'an.nguyen@example.vn').length, { timeout: 30_000 }).toBe(2);
    const mine = mail.messages.filter((m) => m.to[0] === 'an.nguyen@example.vn').sort((a, b) => a.text.length - b.text.length || a.subject.localeCompare(b.subject));
    expect(mine.map((m) => m.subject).sort()).toEqual([`Hồ sơ ${code}: Hồ sơ mới tiếp nhận`, `Hồ sơ ${code}: Đang xử lý`]);
    expect(mine.every((m) => m.from === 'motcua@hopthinh.bacninh.gov.vn')).toBe(true);
    const accepted = mine.find((m) => m.subject.endsWith('Đang xử lý'))!;
    expect(accepted.text).toBe(
      [
        'Kính gửi ông/bà Nguyễn Văn An,',
        '',
        `Hồ sơ có mã ${code} của ông/bà: Đang xử lý.`,
        'Trạng thái hồ sơ: Đang xử lý.',
        '',
        `Ông/bà có thể tra cứu hồ sơ bằng mã ${code} tại Bộ phận Một cửa nơi nộp hồ sơ.`,
        'Thư này được gửi tự động, xin vui lòng không trả lời.',
      ].join('\n'),
    );

    // One delivery per channel and status change, each sent once.
    await expect
      .poll(
        async () =>
          await system.db('notification_deliveries as d').join('notifications as n', 'n.id', 'd.notification_id').where('n.dossier_id', created.body.id).orderBy('d.id').select('d.channel', 'd.address', 'd.status', 'd.attempts'),
        { timeout: 30_000 },
      )
      .toEqual(
        [1, 2].flatMap(() => [
          { channel: 'email', address: 'an.nguyen@example.vn', status: 'sent', attempts: 1 },
          { channel: 'sms', address: '0912345678', status: 'sent', attempts: 1 },
          { channel: 'zalo', address: '0912345678', status: 'sent', attempts: 1 },
        ]),
      );
  });

  it('retries a refused email, then lists it as a dead letter while SMS and Zalo still go out', async () => {
    const created = await receiver.post('/v1/dossiers', withEmail('bounce@example.vn'));
    expect(created.status).toBe(201);
    const admin = await ApiClient.login(system.url, 'admin');
    await expect.poll(async () => (await admin.get('/v1/notifications/dead-letters')).body.items.length, { timeout: 30_000 }).toBe(1);
    const letters = await admin.get('/v1/notifications/dead-letters');
    expect(letters.status).toBe(200);
    const [letter] = letters.body.items;
    expect({ ...letter, id: undefined, failedAt: undefined, lastError: undefined }).toEqual({
      id: undefined,
      dossierId: created.body.id,
      receiptCode: created.body.receiptCode,
      channel: 'email',
      address: 'bounce@example.vn',
      subject: `Hồ sơ ${created.body.receiptCode}: Hồ sơ mới tiếp nhận`,
      attempts: 2,
      failedAt: undefined,
      lastError: undefined,
    });
    expect(letter.lastError).toContain('550');
    expect(mail.messages.filter((m) => m.to.includes('bounce@example.vn'))).toEqual([]);
    const others = await system.db('notification_deliveries as d').join('notifications as n', 'n.id', 'd.notification_id').where('n.dossier_id', created.body.id).whereNot('d.channel', 'email').orderBy('d.id').select('d.channel', 'd.status');
    expect(others).toEqual([{ channel: 'sms', status: 'sent' }, { channel: 'zalo', status: 'sent' }]);

    // A receiver is not the audience of the dead-letter list.
    expect((await receiver.get('/v1/notifications/dead-letters')).status).toBe(403);
  });

  it('refuses an applicant email that is not an address, naming the field', async () => {
    const refused = await receiver.post('/v1/dossiers', withEmail('an at example'));
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([{ path: '/applicant/email', message: 'must be an email address such as an@example.vn' }]);
  });
});

describe('an SMS gateway over HTTP', () => {
  const received: Array<{ key: string | undefined; body: unknown }> = [];
  let gateway: Server;
  let system: TestSystem;
  beforeAll(async () => {
    // The gateway is busy on the first attempt of each message and accepts the second.
    gateway = createServer((req, res) => {
      let text = '';
      req.on('data', (c: Buffer) => (text += c.toString('utf8')));
      req.on('end', () => {
        const key = req.headers['idempotency-key'] as string | undefined;
        const seen = received.some((r) => r.key === key);
        received.push({ key, body: JSON.parse(text) });
        res.writeHead(seen ? 200 : 503, { 'content-type': 'application/json', 'x-message-id': `gw-${received.length}` }).end(seen ? '{"ok":true}' : '{"error":"busy"}');
      });
    });
    await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}/sms` as const;
    system = await startTestSystem({ notifications: { smtpUrl: null, mailFrom: 'motcua@example.vn', sms: url, zalo: 'off', maxAttempts: 3, retryDelayMs: 50 } });
  }, 120_000);
  afterAll(async () => {
    await system?.close();
    await new Promise<void>((resolve) => (gateway ? gateway.close(() => resolve()) : resolve()));
  });

  it('posts each message with a stable idempotency key, retries a busy gateway, and sends nothing on a channel that is off', async () => {
    const receiver = await ApiClient.login(system.url, 'receiver.hop-thinh');
    const created = await receiver.post('/v1/dossiers', birthRegistration());
    expect(created.status).toBe(201);
    await expect
      .poll(async () => await system.db('notification_deliveries as d').join('notifications as n', 'n.id', 'd.notification_id').where('n.dossier_id', created.body.id).select('d.channel', 'd.status', 'd.attempts', 'd.provider_message_id'), { timeout: 30_000 })
      .toEqual([{ channel: 'sms', status: 'sent', attempts: 2, provider_message_id: 'gw-2' }]);
    const [delivery] = await system.db('notification_deliveries').pluck('id');
    expect(received).toEqual([1, 2].map(() => ({ key: `notification-${delivery}`, body: { channel: 'sms', to: '0912345678', subject: `Hồ sơ ${created.body.receiptCode}: Hồ sơ mới tiếp nhận`, text: `Hồ sơ ${created.body.receiptCode}: Hồ sơ mới tiếp nhận. Trạng thái: Mới đăng ký.` } })));
  });
});
