// The Express application: JSON in, service call, JSON out. Health probes and
// login are public, connector callbacks are signed; everything under /v1 else
// needs a bearer token.
import express, { type Express } from 'express';
import { pinoHttp } from 'pino-http';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import type { ServiceContext } from '../engine/service/service-context.ts';
import { MotcuaError } from '../engine/motcua-error.ts';
import type { Queue } from 'bullmq';
import { createMetrics } from './metrics/create-metrics.ts';
import { apiOperations } from './openapi/api-operations.ts';
import { requirePrincipal } from './require-principal.ts';
import { attachmentRoutes } from './routes/attachment-routes.ts';
import { authRoutes } from './routes/auth-routes.ts';
import { connectorRoutes } from './routes/connector-routes.ts';
import { deadLetterRoutes } from './routes/dead-letter-routes.ts';
import { healthRoutes, type Readiness } from './routes/health-routes.ts';
import { meRoutes } from './routes/me-routes.ts';
import { metricsRoutes } from './routes/metrics-routes.ts';
import { openApiRoutes } from './routes/openapi-routes.ts';
import { dossierRoutes } from './routes/dossier-routes.ts';
import { notificationRoutes } from './routes/notification-routes.ts';
import { procedureRoutes } from './routes/procedure-routes.ts';
import { authoringRoutes } from './routes/authoring-routes.ts';
import { problemHandler } from './send-problem.ts';

const consoleDir = fileURLToPath(new URL('./console/', import.meta.url));

export type { Readiness };

export interface AppOptions {
  logger: Logger;
  readiness: Readiness;
  /** The queues GET /metrics reports on, and METRICS_TOKEN (null: admins only). */
  metrics?: { queues: Record<string, Queue>; token: string | null };
}

export function createApp(ctx: ServiceContext, options: AppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use(pinoHttp({ logger: options.logger, genReqId: (req) => (req.headers['x-request-id'] as string) || randomUUID(), autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/readyz' } }));

  const metrics = createMetrics(ctx, options.metrics?.queues ?? null);
  app.use(metrics.timeRequests);
  app.use(healthRoutes(options.readiness));
  app.use(metricsRoutes(ctx, metrics, options.metrics?.token ?? null));
  app.use(openApiRoutes(apiOperations));

  // The web console: static files, no build step; it talks to the same /v1 API.
  app.use(express.static(consoleDir, { index: 'index.html', maxAge: '5m' }));

  // External systems' callbacks: signed, not bearer-authenticated, and read as raw bytes for the signature.
  app.use(connectorRoutes(ctx));
  app.use('/v1', express.json({ limit: '1mb', strict: true }));
  app.use(authRoutes(ctx));
  app.use('/v1', requirePrincipal(ctx));
  app.use(meRoutes(ctx));
  app.use(procedureRoutes(ctx));
  app.use(authoringRoutes(ctx));
  app.use(dossierRoutes(ctx));
  app.use(attachmentRoutes(ctx));
  app.use(deadLetterRoutes(ctx));
  app.use(notificationRoutes(ctx));
  app.use('/v1', () => {
    throw new MotcuaError('request.not-found', 'no such endpoint; see the README for the API');
  });
  app.use(problemHandler);
  return app;
}
