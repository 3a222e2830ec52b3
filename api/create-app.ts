// The Express application: JSON in, service call, JSON out. Health probes and
// login are public, connector callbacks are signed; everything under /v1 else
// needs a bearer token.
import express, { type Express } from 'express';
import { pinoHttp } from 'pino-http';
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
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
import { procedureRoutes } from './routes/procedure-routes.ts';
import { supervisionRoutes } from './routes/supervision-routes.ts';
import { authoringRoutes } from './routes/authoring-routes.ts';
import { problemHandler } from './send-problem.ts';

const consoleDir = fileURLToPath(new URL('./console/', import.meta.url));
// The board's charts: chart.js's standalone build, served from the installed package (no CDN).
const chartJs = join(dirname(createRequire(import.meta.url).resolve('chart.js')), 'chart.umd.min.js');

export interface Readiness {
  check(): Promise<Record<string, 'ok' | string>>;
}

export function createApp(ctx: ServiceContext, options: { logger: Logger; readiness: Readiness }): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use(pinoHttp({ logger: options.logger, genReqId: (req) => (req.headers['x-request-id'] as string) || randomUUID(), autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/readyz' } }));

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
  app.get('/vendor/chart.umd.min.js', (_req, res) => {
    res.sendFile(chartJs, { maxAge: '1d' });
  });

  // External systems' callbacks: signed, not bearer-authenticated, and read as raw bytes for the signature.
  app.use(connectorRoutes(ctx));
  app.use('/v1', express.json({ limit: '1mb', strict: true }));
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
  app.use(attachmentRoutes(ctx));
  app.use(deadLetterRoutes(ctx));
  app.use(supervisionRoutes(ctx));
  app.use('/v1', () => {
    throw new MotcuaError('request.not-found', 'no such endpoint; see the README for the API');
  });
  app.use(problemHandler);
  return app;
}
