// `npm start`: the whole system in one process. Without DATABASE_URL it runs an
// embedded PostgreSQL server under ./.data, so a fresh clone needs nothing else.
// SIGINT or SIGTERM (Ctrl-C, kill, docker stop) drains and exits 0.
import { join, resolve } from 'node:path';
import { formatError } from './format-error.ts';
import { parseConfig } from './config.ts';
import { createLogger } from './create-logger.ts';
import { startEmbeddedPostgres, type EmbeddedServer } from './start-embedded-postgres.ts';
import { startSystem, type RunningSystem } from './start-system.ts';

async function main(): Promise<void> {
  const config = parseConfig(process.env);
  const logger = createLogger(config.logLevel);
  let embedded: EmbeddedServer | null = null;
  let system: RunningSystem | null = null;
  // Listening from the first moment: a signal during start-up stops what has started so far.
  let signal: NodeJS.Signals | null = null;
  let started = false;
  const onSignal = (received: NodeJS.Signals) => {
    // Ctrl-C reaches us twice (from the terminal and forwarded by npm); the first one counts.
    if (signal) return;
    signal = received;
    if (started) void stopAndExit(received);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const stopAndExit = async (received: NodeJS.Signals) => {
    // HTTP first (no new requests), then the relay and the workers, then the pools; the database last.
    await system?.stop();
    await embedded?.stop();
    const what = system ? ': HTTP, workers and outbox relay drained, connections closed' : ' during start-up';
    logger.info({ signal: received }, `stopped on ${received}${what}${embedded ? ', embedded PostgreSQL stopped' : ''}`);
    process.exit(0);
  };

  try {
    if (!config.databaseUrl) {
      logger.info({ dataDir: config.dataDir }, 'no DATABASE_URL: starting the embedded PostgreSQL server');
      embedded = await startEmbeddedPostgres({ dataDir: config.dataDir, port: config.embeddedPgPort, database: 'motcua', sharedDir: config.embeddedPgHome, log: (line) => logger.info({ component: 'embedded-postgres' }, line) });
    }
    const databaseUrl = config.databaseUrl ?? embedded!.url;
    if (!signal)
      system = await startSystem({
        databaseUrl,
        queue: config.queueBackend === 'redis' ? { kind: 'redis', url: config.redisUrl!, prefix: config.queuePrefix } : { kind: 'postgres', url: databaseUrl },
        proceduresDir: config.proceduresDir,
        seedDemo: config.seedDemo,
        port: config.port,
        host: config.host,
        outboxPollMs: config.outboxPollMs,
        reconcileEveryMs: config.reconcileEveryMs,
        deadlineSweepMs: config.deadlineSweepMs,
        deadlineJobHorizonMs: config.deadlineJobHorizonMs,
        attachments: { dir: config.attachmentsDir, maxBytes: config.attachmentMaxBytes },
        logger,
        http: config.processRole !== 'worker',
        workers: config.processRole !== 'api',
        connectors: { env: config.connectors, retryDelayMs: config.connectorRetryDelayMs, publicUrl: config.publicUrl ?? undefined },
        notifications: config.notifications,
        metricsToken: config.metricsToken,
      });
  } catch (error) {
    // Interrupted while starting (Ctrl-C also stops initdb): that is a stop, not a failure.
    if (!signal) {
      await embedded?.stop();
      throw error;
    }
  }
  if (signal) return stopAndExit(signal);
  started = true;
  const running = system!;
  const procedures = running.seed.procedures.map((p) => `${p.code} v${p.version}`).join(', ');
  if (config.processRole === 'worker') process.stdout.write(`\nmotcua workers are running (queues on ${config.queueBackend}); Ctrl-C stops them.\n`);
  else process.stdout.write(
    [
      '',
      `motcua is running at ${running.url}`,
      `  console:    ${running.url}/`,
      `  API:        ${running.url}/v1  (health: ${running.url}/readyz)`,
      `  API docs:   ${running.url}/docs  (OpenAPI 3.1: ${running.url}/openapi.json; metrics: ${running.url}/metrics)`,
      `  database:   ${embedded ? `embedded PostgreSQL (data in ${describeData(config.dataDir, embedded)})` : 'DATABASE_URL'}; queues on ${config.queueBackend}`,
      `  procedures: ${procedures}`,
      `  demo users: receiver.hop-thinh, specialist.hop-thinh, leader.hop-thinh, supervisor.bac-ninh, author.bac-ninh, admin, … (password: demo)`,
      '  Ctrl-C stops it.',
      '',
    ].join('\n'),
  );
}

/** `.data/pg`, or `.data/pg -> /var/lib/motcua/clusters/…` when the cluster lives where the server's user can reach it. */
function describeData(dataDir: string, embedded: EmbeddedServer): string {
  const shown = join(dataDir, 'pg');
  return resolve(shown) === embedded.databaseDir ? shown : `${shown} -> ${embedded.databaseDir}`;
}

main().catch((error: unknown) => {
  process.stderr.write(`motcua could not start:\n${formatError(error)}\n`);
  process.exit(1);
});
