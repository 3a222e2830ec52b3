// GET /metrics after real work: exact counter values for transitions, deadline
// passings, request latency by route pattern, failed jobs per queue, outbox lag
// and overdue dossiers per unit; and who may read it.
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reconcileDeadlines } from '../engine/service/mark-overdue.ts';
import { ApiClient } from '../test/api-client.ts';
import { birthRegistration } from '../test/birth-registration.ts';
import { startMailServer, type MailServer } from '../test/start-mail-server.ts';
import { startTestSystem, type TestSystem } from '../test/start-test-system.ts';

const metricsToken = 'scrape-token-0123456789abcdef0123456789';

/** The sample lines of the exposition whose name starts with `prefix`, without HELP and TYPE lines. */
function samples(text: string, prefix: string): string[] {
  return text.split('\n').filter((line) => line.startsWith(prefix));
}

describe('GET /metrics', () => {
  let mail: MailServer;
  let system: TestSystem;
  let receiver: ApiClient;
  const scrape = async () => {
    const res = await fetch(`${system.url}/metrics`, { headers: { authorization: `Bearer ${metricsToken}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    return res.text();
  };
  beforeAll(async () => {
    // Every email refused, and one attempt only: each status change leaves one failed delivery job.
    mail = await startMailServer({ reject: () => true });
    system = await startTestSystem({ metricsToken, notifications: { smtpUrl: mail.url, mailFrom: 'motcua@example.vn', sms: 'off', zalo: 'off', maxAttempts: 1, retryDelayMs: 10 } });
    receiver = await ApiClient.login(system.url, 'receiver.hop-thinh');
  }, 120_000);
  afterAll(async () => {
    await system?.close();
    await mail?.close();
  });

  // The first scrape comes after the work: counting starts when the process starts, not at the first scrape.
  it('counts transitions by procedure and event, and times requests by route pattern', async () => {
    const body = birthRegistration();
    const created = await receiver.post('/v1/dossiers', { ...body, applicant: { ...body.applicant, email: 'an@example.vn' } });
    expect(created.status).toBe(201);
    expect((await receiver.post(`/v1/dossiers/${created.body.id}/events`, { type: 'ACCEPT' })).status).toBe(200);
    expect((await receiver.get(`/v1/dossiers/${created.body.id}`)).status).toBe(200);

    const text = await scrape();
    expect(samples(text, 'motcua_transitions_total')).toEqual(['motcua_transitions_total{procedure="1.001193",event="RECEIVED"} 1', 'motcua_transitions_total{procedure="1.001193",event="ACCEPT"} 1']);
    expect(samples(text, 'motcua_http_request_duration_seconds_count{method="POST",route="/v1/dossiers')).toEqual([
      'motcua_http_request_duration_seconds_count{method="POST",route="/v1/dossiers",status="201"} 1',
      'motcua_http_request_duration_seconds_count{method="POST",route="/v1/dossiers/:id/events",status="200"} 1',
    ]);
    expect(samples(text, 'motcua_http_request_duration_seconds_count{method="GET",route="/v1/dossiers/:id"')).toEqual(['motcua_http_request_duration_seconds_count{method="GET",route="/v1/dossiers/:id",status="200"} 1']);

    // Both status changes end as a delivery job that failed for good.
    await expect.poll(async () => samples(await scrape(), 'motcua_queue_failed_jobs'), { timeout: 30_000 }).toEqual([
      'motcua_queue_failed_jobs{queue="motcua-notify"} 0',
      'motcua_queue_failed_jobs{queue="motcua-notify-deliver"} 2',
      'motcua_queue_failed_jobs{queue="motcua-deadline"} 0',
      'motcua_queue_failed_jobs{queue="motcua-handoff"} 0',
      'motcua_queue_failed_jobs{queue="motcua-connector"} 0',
      'motcua_queue_failed_jobs{queue="motcua-reports"} 0',
    ]);
    expect(samples(await scrape(), 'motcua_transitions_total')).toEqual(['motcua_transitions_total{procedure="1.001193",event="RECEIVED"} 1', 'motcua_transitions_total{procedure="1.001193",event="ACCEPT"} 1']);
  });

  it('is for the scraper (METRICS_TOKEN) and admins only', async () => {
    const anonymous = await fetch(`${system.url}/metrics`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
    expect((await receiver.get('/metrics')).status).toBe(403);
    const admin = await ApiClient.login(system.url, 'admin');
    expect((await admin.get('/metrics')).status).toBe(200);
  });

  it('reports the outbox lag while the relay is stopped, and overdue dossiers per unit once their due time passed', async () => {
    await system.relay.stop();
    const created = await receiver.post('/v1/dossiers', birthRegistration());
    expect((await receiver.post(`/v1/dossiers/${created.body.id}/events`, { type: 'ACCEPT' })).status).toBe(200);
    system.clock.advance(30_000);
    const lagging = await scrape();
    expect(samples(lagging, 'motcua_outbox_lag_seconds')).toEqual(['motcua_outbox_lag_seconds 30']);
    // Two notices (received, accepted) and the statutory deadline that ACCEPT started.
    expect(samples(lagging, 'motcua_outbox_pending_rows')).toEqual(['motcua_outbox_pending_rows 3']);
    expect(samples(lagging, 'motcua_transitions_total')).toEqual(['motcua_transitions_total{procedure="1.001193",event="RECEIVED"} 2', 'motcua_transitions_total{procedure="1.001193",event="ACCEPT"} 2']);

    // Same-day procedures received at 09:00 are due at the end of the day; the next morning both are overdue.
    system.clock.set('2026-03-03T09:00:00+07:00');
    const overdue = await scrape();
    expect(samples(overdue, 'motcua_dossiers_overdue{unit="hop-thinh"}')).toEqual(['motcua_dossiers_overdue{unit="hop-thinh"} 2']);
    expect(samples(overdue, 'motcua_dossiers_overdue{unit="kinh-bac"}')).toEqual(['motcua_dossiers_overdue{unit="kinh-bac"} 0']);
    expect(samples(overdue, 'motcua_deadlines_recorded_total')).toEqual([]);

    await reconcileDeadlines(system.ctx, pino({ level: 'silent' }));
    expect(samples(await scrape(), 'motcua_deadlines_recorded_total')).toEqual(['motcua_deadlines_recorded_total{procedure="1.001193",scope="statutory"} 2']);
  });
});
