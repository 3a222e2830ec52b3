// Notification and metrics settings of the process configuration.
import { describe, expect, it } from 'vitest';
import { isMotcuaError } from '../engine/motcua-error.ts';
import { parseConfig } from './config.ts';

function problemsOf(env: Record<string, string>): string[] {
  try {
    parseConfig(env);
  } catch (error) {
    if (isMotcuaError(error)) return error.details.problems as string[];
    throw error;
  }
  return [];
}

describe('notification and metrics configuration', () => {
  it('writes every channel to the log and lets only admins read metrics by default', () => {
    expect(parseConfig({})).toMatchObject({
      notifications: { smtpUrl: null, mailFrom: 'Một cửa <no-reply@motcua.local>', sms: 'log', zalo: 'log', maxAttempts: 5, retryDelayMs: 5000 },
      metricsToken: null,
    });
  });

  it('reads SMTP_URL, MAIL_FROM, the SMS and Zalo transports, retries and METRICS_TOKEN', () => {
    const config = parseConfig({
      SMTP_URL: 'smtps://motcua:secret@mail.bacninh.gov.vn:465',
      MAIL_FROM: 'Một cửa Bắc Ninh <no-reply@bacninh.gov.vn>',
      SMS_TRANSPORT: 'off',
      ZALO_TRANSPORT: 'https://zalo-gateway.bacninh.gov.vn/zns',
      NOTIFY_MAX_ATTEMPTS: '8',
      NOTIFY_RETRY_DELAY_MS: '2000',
      METRICS_TOKEN: 'f'.repeat(64),
    });
    expect(config.notifications).toEqual({ smtpUrl: 'smtps://motcua:secret@mail.bacninh.gov.vn:465', mailFrom: 'Một cửa Bắc Ninh <no-reply@bacninh.gov.vn>', sms: 'off', zalo: 'https://zalo-gateway.bacninh.gov.vn/zns', maxAttempts: 8, retryDelayMs: 2000 });
    expect(config.metricsToken).toBe('f'.repeat(64));
  });

  it('lists every bad setting at once', () => {
    expect(problemsOf({ SMTP_URL: 'http://mail.example.vn', MAIL_FROM: 'no address', SMS_TRANSPORT: 'viettel', NOTIFY_MAX_ATTEMPTS: '0', METRICS_TOKEN: 'short' })).toEqual([
      'SMTP_URL must start with smtp:// or smtps://',
      'SMS_TRANSPORT=viettel must be log, off, or the http(s) URL of a gateway (e.g. https://sms-gateway.bacninh.gov.vn/send)',
      'NOTIFY_MAX_ATTEMPTS=0 must be a whole number from 1 to 100',
      'MAIL_FROM=no address must hold an email address, e.g. "Một cửa Bắc Ninh <no-reply@bacninh.gov.vn>"',
      'METRICS_TOKEN must be at least 32 characters (it is 5); generate one with: openssl rand -hex 32',
    ]);
  });
});
