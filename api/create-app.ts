// The Express application: JSON in, service call, JSON out. Health probes and
// login are public, connector callbacks are signed; everything under /v1 else
// needs a bearer token. All input enters through api/input/ (size, depth,
// UTF-8, NUL, NFC, parameter ranges), so a route added here gets it for free.
import express, { type Express } from 'express';
import type helmet from 'helmet';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import type { ServiceContext } from '../engine/service/service-context.ts';
import { MotcuaError } from '../engine/motcua-error.ts';
import type { Queue } from 'bullmq';
import { createMetrics } from './metrics/create-metrics.ts';
import { apiOperations } from './openapi/api-operations.ts';
import { accessLog } from './access-log.ts';
import { staticHeaders } from './static-headers.ts';
import { requirePrincipal } from './require-principal.ts';
import { attachmentRoutes } from './routes/attachment-routes.ts';
import { accountRoutes } from './routes/account-routes.ts';
import { connectorRoutes } from './routes/connector-routes.ts';
import { deadLetterRoutes } from './routes/dead-letter-routes.ts';
import { healthRoutes, type Readiness } from './routes/health-routes.ts';
import { meRoutes } from './routes/me-routes.ts';
import { metricsRoutes } from './routes/metrics-routes.ts';
import { openApiRoutes } from './routes/openapi-routes.ts';
import { dossierRoutes } from './routes/dossier-routes.ts';
import { notificationRoutes } from './routes/notification-routes.ts';
import { formRoutes, formStylesheetRoutes } from './routes/form-routes.ts';
import { procedureRoutes } from './routes/procedure-routes.ts';
import { publicRoutes } from './routes/public-routes.ts';
import { supervisionRoutes } from './routes/supervision-routes.ts';
import { authoringRoutes } from './routes/authoring-routes.ts';
import { worklistRoutes } from './routes/worklist-routes.ts';
import { problemHandler } from './send-problem.ts';
import { checkPath } from './input/check-path.ts';
import { parseQueryString } from './input/parse-query-string.ts';
import { readJsonBody } from './input/read-json-body.ts';

const consoleDir = fileURLToPath(new URL('./console/', import.meta.url));
// The board's charts: chart.js's standalone build, served from the installed package (no CDN).
const chartJs = join(dirname(createRequire(import.meta.url).resolve('chart.js')), 'chart.umd.min.js');

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
  app.set('query parser', parseQueryString);
  app.use(accessLog(options.logger));
  app.use(staticHeaders(securityHeaders));

  const metrics = createMetrics(ctx, options.metrics?.queues ?? null);
  app.use(metrics.timeRequests);
  app.use(healthRoutes(options.readiness));
  app.use(metricsRoutes(ctx, metrics, options.metrics?.token ?? null));
  app.use(openApiRoutes(apiOperations));

  // The web console: static files, no build step; it talks to the same /v1 API.
  // Not for /v1: a GET there would cost a file-system lookup per API request.
  const consoleFiles = express.static(consoleDir, { index: 'index.html', maxAge: '5m' });
  app.use((req, res, next) => (req.path.startsWith('/v1/') ? next() : consoleFiles(req, res, next)));
  app.get('/vendor/chart.umd.min.js', (_req, res) => {
    res.sendFile(chartJs, { maxAge: '1d' });
  });
  app.use(formStylesheetRoutes());

  // External systems' callbacks: signed, not bearer-authenticated, and read as raw bytes for the signature.
  app.use('/v1', checkPath);
  app.use(connectorRoutes(ctx));
  app.use('/v1', readJsonBody);
  app.use(accountRoutes(ctx));
  // Citizens' tracking: no account, a receipt code and check digits instead.
  app.use(publicRoutes(ctx));
  app.use('/v1', requirePrincipal(ctx));
  app.use(meRoutes(ctx));
  app.use(procedureRoutes(ctx));
  app.use(authoringRoutes(ctx));
  app.use(dossierRoutes(ctx));
  app.use(worklistRoutes(ctx));
  app.use(formRoutes(ctx));
  app.use(attachmentRoutes(ctx));
  app.use(deadLetterRoutes(ctx));
  app.use(notificationRoutes(ctx));
  app.use(supervisionRoutes(ctx));
  app.use('/v1', () => {
    throw new MotcuaError('request.not-found', 'no such endpoint; see the README for the API');
  });
  app.use(problemHandler);
  return app;
}

/**
 * Helmet's headers with a Content-Security-Policy the console passes: it loads
 * only its own scripts and styles (no inline script or style, no eval), talks
 * only to this API, and may not be framed (clickjacking on counter computers).
 * No upgrade-insecure-requests: a center may serve the console over plain HTTP
 * on its own network.
 */
export const securityHeaders: Parameters<typeof helmet>[0] = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      fontSrc: ["'self'"],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
  },
  frameguard: { action: 'deny' },
  // HSTS pins browsers to HTTPS for a year: the TLS-terminating proxy's decision, not this process's.
  strictTransportSecurity: false,
};
