// `npm start`: the whole system in one process. Without DATABASE_URL it runs an
// embedded PostgreSQL server under ./.data, so a fresh clone needs nothing else.
import { formatError } from './format-error.ts';
import { parseConfig } from './config.ts';
import { createLogger } from './create-logger.ts';
import { startEmbeddedPostgres, type EmbeddedServer } from './start-embedded-postgres.ts';
import { startSystem } from './start-system.ts';

async function main(): Promise<void> {
  const config = parseConfig(process.env);
  const logger = createLogger(config.logLevel);
  let embedded: EmbeddedServer | null = null;
  if (!config.databaseUrl) {
    logger.info({ dataDir: config.dataDir }, 'no DATABASE_URL: starting the embedded PostgreSQL server');
    embedded = await startEmbeddedPostgres({ dataDir: config.dataDir, port: config.embeddedPgPort, database: 'motcua', log: (line) => logger.warn({ component: 'embedded-postgres' }, line) });
  }
  const databaseUrl = config.databaseUrl ?? embedded!.url;
  let system;
  try {
    system = await startSystem({
      databaseUrl,
      queue: config.queueBackend === 'redis' ? { kind: 'redis', url: config.redisUrl!, prefix: config.queuePrefix } : { kind: 'postgres', url: databaseUrl },
      proceduresDir: config.proceduresDir,
      seedDemo: config.seedDemo,
      port: config.port,
      host: config.host,
      outboxPollMs: config.outboxPollMs,
      attachments: { dir: config.attachmentsDir, maxBytes: config.attachmentMaxBytes },
      logger,
      http: config.processRole !== 'worker',
      workers: config.processRole !== 'api',
      connectors: { env: config.connectors, retryDelayMs: config.connectorRetryDelayMs, publicUrl: config.publicUrl ?? undefined },
      notifications: config.notifications,
      metricsToken: config.metricsToken,
    });
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
  const procedures = system.seed.procedures.map((p) => `${p.code} v${p.version}`).join(', ');
  if (config.processRole === 'worker') process.stdout.write(`\nmotcua workers are running (queues on ${config.queueBackend}); Ctrl-C stops them.\n`);
  else process.stdout.write(
    [
      '',
      `motcua is running at ${system.url}`,
      `  console:    ${system.url}/`,
      `  API:        ${system.url}/v1  (health: ${system.url}/readyz)`,
      `  API docs:   ${system.url}/docs  (OpenAPI 3.1: ${system.url}/openapi.json; metrics: ${system.url}/metrics)`,
      `  database:   ${embedded ? `embedded PostgreSQL (data in ${config.dataDir}/pg)` : 'DATABASE_URL'}; queues on ${config.queueBackend}`,
      `  procedures: ${procedures}`,
      `  demo users: receiver.hop-thinh, specialist.hop-thinh, leader.hop-thinh, supervisor.bac-ninh, author.bac-ninh, admin, … (password: demo)`,
      '  Ctrl-C stops it.',
      '',
    ].join('\n'),
  );

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: draining workers');
    await system.stop();
    await embedded?.stop();
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`motcua could not start:\n${formatError(error)}\n`);
  process.exit(1);
});
