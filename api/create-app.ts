// The Express application: JSON in, service call, JSON out. Health probes and
// login are public, connector callbacks are signed; everything under /v1 else
// needs a bearer token. All input enters through api/input/ (size, depth,
// UTF-8, NUL, NFC, parameter ranges), so a route added here gets it for free.
import express, { type Express } from 'express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import type { ServiceContext } from '../engine/service/service-context.ts';
import { MotcuaError } from '../engine/motcua-error.ts';
import { principalOf, requirePrincipal } from './require-principal.ts';
import { attachmentRoutes } from './routes/attachment-routes.ts';
import { authRoutes } from './routes/auth-routes.ts';
import { connectorRoutes } from './routes/connector-routes.ts';
import { deadLetterRoutes } from './routes/dead-letter-routes.ts';
import { dossierRoutes } from './routes/dossier-routes.ts';
import { formRoutes, formStylesheetRoutes } from './routes/form-routes.ts';
import { procedureRoutes } from './routes/procedure-routes.ts';
import { authoringRoutes } from './routes/authoring-routes.ts';
import { problemHandler } from './send-problem.ts';
import { checkPath } from './input/check-path.ts';
import { parseQueryString } from './input/parse-query-string.ts';
import { readJsonBody } from './input/read-json-body.ts';
import { assignRequestId } from './input/request-id.ts';

const consoleDir = fileURLToPath(new URL('./console/', import.meta.url));

export interface Readiness {
  check(): Promise<Record<string, 'ok' | string>>;
}

export function createApp(ctx: ServiceContext, options: { logger: Logger; readiness: Readiness }): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.set('query parser', parseQueryString);
  app.use(pinoHttp({ logger: options.logger, genReqId: assignRequestId, autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/readyz' } }));
  app.use(helmet(securityHeaders));

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    const checks = await options.readiness.check();
    const ready = Object.values(checks).every((v) => v === 'ok');
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not-ready', checks });
  });

  // The web console: static files, no build step; it talks to the same /v1 API.
  app.use(express.static(consoleDir, { index: 'index.html', maxAge: '5m' }));
  app.use(formStylesheetRoutes());

  // External systems' callbacks: signed, not bearer-authenticated, and read as raw bytes for the signature.
  app.use('/v1', checkPath);
  app.use(connectorRoutes(ctx));
  app.use('/v1', readJsonBody);
  app.use(authRoutes(ctx));
  app.use('/v1', requirePrincipal(ctx));
  app.get('/v1/me', async (_req, res) => {
    const p = principalOf(res);
    const unit = await ctx.units.get(p.unitId);
    res.json({ username: p.username, role: p.role, unit: { id: unit.id, code: unit.code, level: unit.level, name: { vi: unit.nameVi, en: unit.nameEn } } });
  });
  app.get('/v1/units', async (_req, res) => {
    const units = [...(await ctx.units.all()).values()];
    res.json({ items: units.map((u) => ({ id: u.id, code: u.code, level: u.level, parent: u.parentId, name: { vi: u.nameVi, en: u.nameEn } })) });
  });
  app.use(procedureRoutes(ctx));
  app.use(authoringRoutes(ctx));
  app.use(dossierRoutes(ctx));
  app.use(formRoutes(ctx));
  app.use(attachmentRoutes(ctx));
  app.use(deadLetterRoutes(ctx));
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
const securityHeaders: Parameters<typeof helmet>[0] = {
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
