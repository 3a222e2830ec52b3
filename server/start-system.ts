// The composition root: database, catalogue, services, queues, workers and the
// HTTP server, wired once. `npm start` and the tests both start the system
// through here, so what the tests run is what production runs.
import type { Queue, Worker } from 'bullmq';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '../api/create-app.ts';
import { createCalendarFromTexts, type WorkCalendar } from '../engine/calendar/index.ts';
import { calendarNames, readCatalogue } from '../engine/files/read-catalogue.ts';
import { openAttachmentStorage } from '../engine/service/attachments/open-attachment-storage.ts';
import type { ConnectorEnv } from '../engine/service/connectors/connector-settings.ts';
import { parseConnectors } from '../engine/service/connectors/parse-connectors.ts';
import { missingConnectorSetting, resolveConnectors } from '../engine/service/connectors/resolve-connectors.ts';
import { parseProvince } from '../engine/service/parse-province.ts';
import { ProcedureRegistry } from '../engine/service/procedure-registry.ts';
import { seedCatalogue, type SeedResult } from '../engine/service/seed-catalogue.ts';
import type { ServiceContext } from '../engine/service/service-context.ts';
import { UnitDirectory } from '../engine/service/unit-directory.ts';
import { createDatabase, type Database } from '../engine/store/create-database.ts';
import { migrateDatabase } from '../engine/store/migrate-database.ts';
import { openCounterStore } from '../engine/store/rate-limit-store.ts';
import { createNotificationProcessor } from '../workers/notification-worker.ts';
import { createNotificationDeliveryProcessor } from '../workers/notification-delivery-worker.ts';
import { createNotificationChannels } from '../engine/service/notifications/create-notification-channels.ts';
import { defaultNotificationSettings, type NotificationSettings } from '../engine/service/notifications/notification-channel.ts';
import { OutboxRelay } from '../workers/outbox-relay.ts';
import { createQueue, createWorker, queueNames, type QueueBackendConfig } from '../workers/queue-backend.ts';
import { createDeadlineProcessor, reconcileJobName } from '../workers/deadline-worker.ts';
import { DeadlineSweep, defaultDeadlineJobHorizonMs, defaultDeadlineSweepMs } from '../workers/deadline-sweep.ts';
import { createHandoffProcessor } from '../workers/handoff-worker.ts';
import { connectorQueueName, createConnectorDispatch, createConnectorProcessor } from '../workers/connector-worker.ts';
import { createReportProcessor, reportQueueName, scheduleReports } from '../workers/report-worker.ts';
import type { Logger } from './create-logger.ts';

/** How long a stop waits for HTTP requests in flight before cutting their connections, in ms. */
const httpDrainMs = 10_000;

export interface SystemOptions {
  databaseUrl: string;
  queue: QueueBackendConfig;
  proceduresDir: string;
  seedDemo: boolean;
  port: number;
  host: string;
  outboxPollMs: number;
  /** Where attached files are stored and the largest accepted; default: a temporary directory removed at stop. */
  attachments?: { dir: string; maxBytes: number };
  logger: Logger;
  now?: () => Date;
  /** Run the HTTP server (false: workers only). */
  http?: boolean;
  /** Run the queue workers (false: API only). */
  workers?: boolean;
  /** How often the deadline reconciler runs, in ms. */
  reconcileEveryMs?: number;
  /** The longest the due sweep waits between looks for deadlines falling due, in ms (default defaultDeadlineSweepMs). */
  deadlineSweepMs?: number;
  /** A deadline due within this many ms of its relay also gets a delayed queue job (default defaultDeadlineJobHorizonMs). */
  deadlineJobHorizonMs?: number;
  /**
   * External connectors: URLs and secrets from the environment; the first
   * backoff delay between attempts (default 10 s); the address external systems
   * call back (default: this server's URL, or http://localhost:<port> without one).
   */
  connectors?: { env?: ConnectorEnv; retryDelayMs?: number; publicUrl?: string };
  /** How applicants are notified (SMTP, SMS, Zalo); default: every channel written to the log. */
  notifications?: NotificationSettings;
  /** A bearer token that may scrape GET /metrics besides admins (METRICS_TOKEN); null or unset: admins only. */
  metricsToken?: string | null;
}

export interface RunningSystem {
  url: string;
  ctx: ServiceContext;
  db: Database;
  calendar: WorkCalendar;
  relay: OutboxRelay;
  queues: Record<string, Queue>;
  seed: SeedResult;
  stop(): Promise<void>;
}

export async function startSystem(options: SystemOptions): Promise<RunningSystem> {
  const now = options.now ?? (() => new Date());
  const log = options.logger;
  const catalogue = await readCatalogue(options.proceduresDir);
  const calendar = createCalendarFromTexts(catalogue.calendars.map((c) => ({ fileName: c.file, text: c.text })));
  const province = parseProvince(catalogue.province);
  const calendars = calendarNames(catalogue.calendars);
  const connectorSettings = resolveConnectors(catalogue.connectors ? parseConnectors(catalogue.connectors) : [], options.connectors?.env ?? {});
  const connectorNames = new Set(connectorSettings.keys());
  for (const settings of connectorSettings.values()) {
    const missing = missingConnectorSetting(settings);
    if (missing) log.warn({ connector: settings.name }, `${missing}; until then its handoffs go to the dead-letter list`);
  }

  const db = createDatabase(options.databaseUrl);
  const closers: Array<() => Promise<unknown>> = [() => db.destroy()];
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    for (const close of closers.reverse()) await close().catch((error: unknown) => log.error({ err: error }, 'error while stopping'));
  };
  // BullMQ re-throws an 'error' nobody listens to and prints it to stderr. A connection lost
  // while running is worth a warning (BullMQ reconnects); one ended by our own stop is not.
  const listenForErrors = (emitter: Pick<NodeJS.EventEmitter, 'on'>, name: string) =>
    emitter.on('error', (error: Error) => {
      if (!stopping) log.warn({ err: error, queue: name }, 'queue connection error; BullMQ retries');
    });
  try {
    await migrateDatabase(db, options.databaseUrl);
    const seed = await seedCatalogue(db, { province, procedures: catalogue.procedures, calendars, connectors: connectorNames, seedDemoUsers: options.seedDemo, now: now() });
    const units = new UnitDirectory(db);
    const procedures = new ProcedureRegistry(db, async () => ({ units: new Set((await units.all()).keys()), calendars, connectors: connectorNames }));
    await units.all();
    await procedures.warm();

    const queues: Record<string, Queue> = {
      notify: createQueue(queueNames.notify, options.queue),
      deliver: createQueue(queueNames.deliver, options.queue),
      deadline: createQueue(queueNames.deadline, options.queue),
      handoff: createQueue(queueNames.handoff, options.queue),
      connector: createQueue(connectorQueueName, options.queue),
      reports: createQueue(reportQueueName, options.queue),
    };
    for (const [name, queue] of Object.entries(queues)) listenForErrors(queue, name);
    closers.push(() => Promise.all(Object.values(queues).map((q) => q.close())));
    const relay = new OutboxRelay(db, queues, { pollMs: options.outboxPollMs, batch: 1000, logger: log.child({ component: 'outbox-relay' }), now, deadlineJobHorizonMs: options.deadlineJobHorizonMs ?? defaultDeadlineJobHorizonMs });
    const attachments = await openAttachmentStorage(options.attachments, now());
    closers.push(attachments.close);
    // Set once the server listens, unless configured: worker-only processes assume the API on this host.
    let publicUrl = options.connectors?.publicUrl ?? `http://localhost:${options.port}`;
    const connectors = {
      settings: connectorSettings,
      callbackUrl: (name: string) => `${publicUrl}/v1/connectors/${name}/callback`,
      dispatch: createConnectorDispatch(queues.connector!, connectorSettings, options.connectors?.retryDelayMs ?? 10_000),
    };
    // Counters live where the queues live: Redis when the deployment has it, else the database.
    const counters = openCounterStore(options.queue.kind === 'redis' ? { kind: 'redis', url: options.queue.url, prefix: options.queue.prefix ?? 'motcua' } : { kind: 'postgres', db });
    closers.push(() => counters.close());
    const ctx: ServiceContext = { db, procedures, units, calendar, now, outboxWritten: () => relay.notify(), attachments: attachments.settings, connectors, counters };

    if (options.workers !== false) {
      const notifications = options.notifications ?? defaultNotificationSettings;
      const channels = createNotificationChannels(notifications, log.child({ component: 'notifications' }));
      closers.push(() => Promise.all([...channels.values()].map((c) => c.close())));
      const fanOut = { deliveries: queues.deliver!, channels: new Set(channels.keys()), settings: notifications };
      const workers: Worker[] = [
        createWorker(queueNames.notify, createNotificationProcessor(db, now, fanOut), options.queue, { concurrency: 8 }),
        createWorker(queueNames.deliver, createNotificationDeliveryProcessor(db, channels, now, log.child({ component: 'notification-delivery' })), options.queue, { concurrency: 8 }),
        createWorker(queueNames.deadline, createDeadlineProcessor(ctx, log.child({ component: 'deadline-worker' })), options.queue, { concurrency: 8 }),
        createWorker(queueNames.handoff, createHandoffProcessor(ctx, log.child({ component: 'handoff-worker' })), options.queue, { concurrency: 8 }),
        createWorker(connectorQueueName, createConnectorProcessor(ctx, log.child({ component: 'connector-worker' })), options.queue, { concurrency: 8 }),
        createWorker(reportQueueName, createReportProcessor(ctx, log.child({ component: 'report-worker' })), options.queue, { concurrency: 1 }),
      ];
      for (const w of workers) listenForErrors(w, w.name);
      for (const w of workers)
        w.on('failed', (job, error) => {
          const final = job !== undefined && job.attemptsMade >= (job.opts.attempts ?? 1);
          log.warn({ jobId: job?.id, queue: w.name, attemptsMade: job?.attemptsMade, err: error }, final ? 'job failed for good; the reconciler or a dead letter takes it from here' : 'job failed; BullMQ retries it with backoff');
        });
      closers.push(() => Promise.all(workers.map((w) => w.close())));
      // The reconciler: a repeatable job that records every deadline a lost job missed.
      const reconcileEveryMs = options.reconcileEveryMs ?? 60_000;
      const scheduleReconciler = () => queues.deadline!.upsertJobScheduler(reconcileJobName, { every: reconcileEveryMs }, { name: reconcileJobName, data: {} });
      await scheduleReconciler();
      // A wiped queue store (Redis FLUSHDB, a lost Redis without persistence) takes the schedule
      // with it; each worker process puts it back when it is gone. Never re-upserted while it
      // exists: an upsert moves the next run, and repeated upserts would keep it from running.
      const keepReconcilerScheduled = setInterval(() => {
        void queues
          .deadline!.getJobScheduler(reconcileJobName)
          .then((found) => (found || stopping ? undefined : scheduleReconciler().then(() => log.warn('the reconciler schedule was gone from the queue store; scheduled it again'))))
          .catch((error: unknown) => {
            if (!stopping) log.warn({ err: error }, 'could not check the reconciler schedule; trying again later');
          });
      }, reconcileEveryMs);
      closers.push(async () => clearInterval(keepReconcilerScheduled));
      await scheduleReports(queues.reports!);
      // Deadlines falling due are recorded from PostgreSQL by each worker process, at the pace due
      // (workers/deadline-sweep.ts); delayed jobs and the reconciler are the second and third line.
      const sweep = new DeadlineSweep(ctx, { everyMs: options.deadlineSweepMs ?? defaultDeadlineSweepMs, logger: log.child({ component: 'deadline-sweep' }) });
      sweep.start();
      closers.push(() => sweep.stop());
      // Drain what a previous run committed but never relayed, before serving.
      await relay.drain();
      relay.start();
      closers.push(() => relay.stop());
    }

    let url = '';
    if (options.http !== false) {
      const app = createApp(ctx, {
        logger: log,
        metrics: { queues, token: options.metricsToken ?? null },
        readiness: {
          check: async () => {
            const checks: Record<string, string> = {};
            try {
              await db.raw('SELECT 1');
              checks.database = 'ok';
            } catch (error) {
              checks.database = error instanceof Error ? error.message : 'unreachable';
            }
            try {
              await queues.notify!.getJobCounts('waiting');
              checks.queue = 'ok';
            } catch (error) {
              checks.queue = error instanceof Error ? error.message : 'unreachable';
            }
            return checks;
          },
        },
      });
      const server: Server = await new Promise((resolve, reject) => {
        const s = app.listen(options.port, options.host, () => resolve(s));
        s.on('error', reject);
      });
      closers.push(
        () =>
          new Promise<void>((resolve) => {
            // Idle keep-alive connections close at once; requests in flight finish, unless stalled past the grace period.
            const cut = setTimeout(() => server.closeAllConnections(), httpDrainMs);
            server.close(() => {
              clearTimeout(cut);
              resolve();
            });
          }),
      );
      const address = server.address() as AddressInfo;
      url = `http://${options.host === '0.0.0.0' ? '127.0.0.1' : options.host}:${address.port}`;
      if (!options.connectors?.publicUrl) publicUrl = url;
    }
    return { url, ctx, db, calendar, relay, queues, seed, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
