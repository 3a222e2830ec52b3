// The process configuration, parsed once from the environment at start-up.
// Nothing else reads process.env. Every bad variable is listed at once.
import { isAbsolute, join } from 'node:path';
import { MotcuaError } from '../engine/motcua-error.ts';
import { defaultSharedDir } from './start-embedded-postgres.ts';
import { defaultDeadlineJobHorizonMs, defaultDeadlineSweepMs } from '../workers/deadline-sweep.ts';
import { defaultAttachmentMaxBytes } from '../engine/service/attachments/open-attachment-storage.ts';
import type { ConnectorEnv } from '../engine/service/connectors/connector-settings.ts';
import { defaultNotificationSettings, type ChannelTransport, type NotificationSettings } from '../engine/service/notifications/notification-channel.ts';

export interface Config {
  port: number;
  host: string;
  /** null: run an embedded PostgreSQL server under dataDir. */
  databaseUrl: string | null;
  queueBackend: 'postgres' | 'redis';
  redisUrl: string | null;
  /** Namespace of the queues in Redis, for deployments sharing one server. */
  queuePrefix: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  dataDir: string;
  /**
   * Run as root from a folder the embedded server's user (postgres) cannot enter
   * (a clone under /root): where its programs and data go instead, reached from
   * <dataDir>/pg by a symbolic link.
   */
  embeddedPgHome: string;
  /** Port of the embedded PostgreSQL server; null: any free port. */
  embeddedPgPort: number | null;
  proceduresDir: string;
  seedDemo: boolean;
  /** How often the outbox relay polls when not woken by a commit, in ms. */
  outboxPollMs: number;
  /** How often the deadline reconciler looks for deadlines no job recorded, in ms. */
  reconcileEveryMs: number;
  /** The longest a worker process's due sweep waits between looks for deadlines falling due, in ms. */
  deadlineSweepMs: number;
  /** A deadline due within this many ms of its relay also gets a delayed queue job, beside the sweep. */
  deadlineJobHorizonMs: number;
  /** all: API + workers in one process; api or worker: one half, for scale-out. */
  processRole: 'all' | 'api' | 'worker';
  /** Where attached files are stored (content-addressed); default <dataDir>/attachments. */
  attachmentsDir: string;
  /** The largest attached file accepted, in bytes. */
  attachmentMaxBytes: number;
  /** Connector URLs and shared secrets (CONNECTOR_<NAME>_URL, CONNECTOR_<NAME>_SECRET), keyed by connector name. */
  connectors: ConnectorEnv;
  /** First delay of the exponential backoff between attempts of a connector handoff, in ms. */
  connectorRetryDelayMs: number;
  /** The address external systems reach this deployment's API at (connector callbacks); null: http://localhost:<PORT>. */
  publicUrl: string | null;
  /** SMTP_URL, MAIL_FROM, SMS_TRANSPORT, ZALO_TRANSPORT, NOTIFY_MAX_ATTEMPTS, NOTIFY_RETRY_DELAY_MS. */
  notifications: NotificationSettings;
  /** METRICS_TOKEN: a bearer token that may read GET /metrics besides admins; null: admins only. */
  metricsToken: string | null;
}

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export function parseConfig(env: Record<string, string | undefined>): Config {
  const problems: string[] = [];
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) problems.push(`${name}=${raw} must be a whole number from ${min} to ${max}`);
    return value;
  };
  const oneOf = <T extends string>(name: string, allowed: readonly T[], fallback: T): T => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    if (!allowed.includes(raw as T)) problems.push(`${name}=${raw} must be one of ${allowed.join(', ')}`);
    return raw as T;
  };
  const url = (name: string, protocols: string[]): string | null => {
    const raw = env[name];
    if (raw === undefined || raw === '') return null;
    try {
      const parsed = new URL(raw);
      if (!protocols.includes(parsed.protocol)) problems.push(`${name} must start with ${protocols.map((p) => `${p}//`).join(' or ')}`);
    } catch {
      problems.push(`${name} is not a URL (e.g. ${protocols[0]}//user:password@host:port/db)`);
    }
    return raw;
  };

  const config: Config = {
    port: int('PORT', 3000, 0, 65535),
    host: env.HOST || '127.0.0.1',
    databaseUrl: url('DATABASE_URL', ['postgres:', 'postgresql:']),
    queueBackend: oneOf('QUEUE_BACKEND', ['postgres', 'redis'] as const, 'postgres'),
    redisUrl: url('REDIS_URL', ['redis:', 'rediss:']),
    queuePrefix: env.QUEUE_PREFIX || 'motcua',
    logLevel: oneOf('LOG_LEVEL', logLevels, 'info'),
    dataDir: env.DATA_DIR || '.data',
    embeddedPgHome: env.EMBEDDED_PG_HOME || defaultSharedDir,
    embeddedPgPort: env.EMBEDDED_PG_PORT ? int('EMBEDDED_PG_PORT', 0, 1, 65535) : null,
    proceduresDir: env.PROCEDURES_DIR || 'procedures',
    seedDemo: oneOf('SEED_DEMO', ['true', 'false'] as const, 'true') === 'true',
    outboxPollMs: int('OUTBOX_POLL_MS', 1000, 10, 60_000),
    reconcileEveryMs: int('RECONCILE_EVERY_MS', 60_000, 100, 86_400_000),
    deadlineSweepMs: int('DEADLINE_SWEEP_MS', defaultDeadlineSweepMs, 50, 3_600_000),
    deadlineJobHorizonMs: int('DEADLINE_JOB_HORIZON_MS', defaultDeadlineJobHorizonMs, 0, 366 * 86_400_000),
    processRole: oneOf('PROCESS_ROLE', ['all', 'api', 'worker'] as const, 'all'),
    attachmentsDir: env.ATTACHMENTS_DIR || join(env.DATA_DIR || '.data', 'attachments'),
    attachmentMaxBytes: int('ATTACHMENT_MAX_BYTES', defaultAttachmentMaxBytes, 1, 1024 * 1024 * 1024),
    connectors: parseConnectorEnv(env, problems),
    connectorRetryDelayMs: int('CONNECTOR_RETRY_DELAY_MS', 10_000, 1, 3_600_000),
    publicUrl: parsePublicUrl(env.PUBLIC_URL, problems),
    notifications: {
      smtpUrl: url('SMTP_URL', ['smtp:', 'smtps:']),
      mailFrom: env.MAIL_FROM || defaultNotificationSettings.mailFrom,
      sms: parseChannelTransport('SMS_TRANSPORT', env.SMS_TRANSPORT, problems),
      zalo: parseChannelTransport('ZALO_TRANSPORT', env.ZALO_TRANSPORT, problems),
      maxAttempts: int('NOTIFY_MAX_ATTEMPTS', defaultNotificationSettings.maxAttempts, 1, 100),
      retryDelayMs: int('NOTIFY_RETRY_DELAY_MS', defaultNotificationSettings.retryDelayMs, 1, 3_600_000),
    },
    metricsToken: env.METRICS_TOKEN || null,
  };
  if (config.notifications.mailFrom && !/[^\s@<]+@[^\s@>]+/.test(config.notifications.mailFrom)) problems.push(`MAIL_FROM=${config.notifications.mailFrom} must hold an email address, e.g. "Một cửa Bắc Ninh <no-reply@bacninh.gov.vn>"`);
  if (config.metricsToken !== null && config.metricsToken.length < metricsTokenMinLength) problems.push(`METRICS_TOKEN must be at least ${metricsTokenMinLength} characters (it is ${config.metricsToken.length}); generate one with: openssl rand -hex 32`);
  if (!isAbsolute(config.embeddedPgHome)) problems.push(`EMBEDDED_PG_HOME=${config.embeddedPgHome} must be an absolute path (e.g. ${defaultSharedDir})`);
  if (!/^[a-zA-Z0-9_-]{1,40}$/.test(config.queuePrefix)) problems.push(`QUEUE_PREFIX=${config.queuePrefix} must be 1-40 letters, digits, _ or -`);
  if (config.queueBackend === 'redis' && !config.redisUrl) problems.push('QUEUE_BACKEND=redis needs REDIS_URL, e.g. redis://127.0.0.1:6379');
  if (problems.length) throw new MotcuaError('config.invalid', `invalid configuration:\n  ${problems.join('\n  ')}`, { problems });
  return config;
}

/** SMS_TRANSPORT, ZALO_TRANSPORT: log (default), off, or the http(s) URL of a gateway that takes the messages. */
function parseChannelTransport(name: string, raw: string | undefined, problems: string[]): ChannelTransport {
  if (raw === undefined || raw === '' || raw === 'log') return 'log';
  if (raw === 'off') return 'off';
  try {
    const parsed = new URL(raw);
    if (parsed.protocol === 'http:' || parsed.protocol === 'https:') return raw as ChannelTransport;
  } catch {
    // reported below
  }
  problems.push(`${name}=${raw} must be log, off, or the http(s) URL of a gateway (e.g. https://sms-gateway.bacninh.gov.vn/send)`);
  return 'log';
}

/** A scrape token shorter than this is guessable. */
export const metricsTokenMinLength = 32;

const connectorSetting = /^CONNECTOR_([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*)_(URL|SECRET)$/;
/** An HMAC key shorter than this is guessable; `openssl rand -hex 32` gives 64 characters. */
export const connectorSecretMinLength = 32;

/**
 * CONNECTOR_<NAME>_URL and CONNECTOR_<NAME>_SECRET, keyed by connector name
 * (LAND_REGISTRY → land-registry). Which names exist is the catalogue's to say
 * (procedures/connectors.yaml, checked at start-up); here only the shape. Any
 * other CONNECTOR_ variable is a typo and reported. Secrets are never echoed.
 */
function parseConnectorEnv(env: Record<string, string | undefined>, problems: string[]): ConnectorEnv {
  const connectors: ConnectorEnv = {};
  for (const [variable, raw] of Object.entries(env).sort(([a], [b]) => a.localeCompare(b))) {
    if (!variable.startsWith('CONNECTOR_') || variable === 'CONNECTOR_RETRY_DELAY_MS' || raw === undefined || raw === '') continue;
    const match = connectorSetting.exec(variable);
    if (!match) {
      problems.push(`${variable} is not a connector setting; set CONNECTOR_<NAME>_URL or CONNECTOR_<NAME>_SECRET, NAME being the connector's name in upper case with - as _ (e.g. CONNECTOR_NATIONAL_BUSINESS_REGISTRY_SECRET)`);
      continue;
    }
    const name = match[1]!.toLowerCase().replace(/_/g, '-');
    const entry = (connectors[name] ??= {});
    if (match[2] === 'SECRET') {
      if (raw.length < connectorSecretMinLength) problems.push(`${variable} must be at least ${connectorSecretMinLength} characters (it is ${raw.length}); generate one with: openssl rand -hex 32`);
      entry.secret = raw;
      continue;
    }
    try {
      const parsed = new URL(raw);
      if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') problems.push(`${variable} must start with http:// or https://`);
    } catch {
      problems.push(`${variable} is not a URL (e.g. https://registry.example.gov.vn/motcua/handoffs)`);
    }
    entry.url = raw;
  }
  return connectors;
}

/** PUBLIC_URL without a trailing slash: callback URLs are built by appending /v1/…. */
function parsePublicUrl(raw: string | undefined, problems: string[]): string | null {
  if (raw === undefined || raw === '') return null;
  try {
    const parsed = new URL(raw);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') problems.push('PUBLIC_URL must start with http:// or https://');
  } catch {
    problems.push(`PUBLIC_URL=${raw} is not a URL (e.g. https://motcua.bacninh.gov.vn)`);
  }
  return raw.replace(/\/+$/, '');
}
