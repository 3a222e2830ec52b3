// GET /metrics: Prometheus text format. Readable with METRICS_TOKEN (for the
// scraper, configured in the environment) or an administrator's bearer token;
// nobody else: the numbers describe the whole province.
import { Router, type Request } from 'express';
import { timingSafeEqual } from 'node:crypto';
import { authenticateToken } from '../../engine/service/authenticate.ts';
import type { ServiceContext } from '../../engine/service/service-context.ts';
import { MotcuaError } from '../../engine/motcua-error.ts';
import type { Metrics } from '../metrics/create-metrics.ts';
import type { OperationSpec } from '../openapi/operation-spec.ts';

export const metricsOperations: OperationSpec[] = [
  {
    method: 'get', path: '/metrics', operationId: 'getMetrics', tag: 'operations', auth: 'bearer', summary: 'Prometheus metrics (METRICS_TOKEN or an admin token)',
    description: 'Request latency by route pattern; transitions by procedure and event; deadline passings recorded; queue depth, delayed and failed jobs per queue; outbox backlog and lag; open overdue dossiers per unit.',
    responses: { 200: { description: 'Prometheus text exposition format 0.0.4', contentType: 'text/plain', schema: { type: 'string' } } }, errors: [403],
  },
];

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

async function requireScraper(ctx: ServiceContext, req: Request, metricsToken: string | null): Promise<void> {
  const match = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '');
  if (!match) throw new MotcuaError('auth.unauthenticated', 'send Authorization: Bearer <METRICS_TOKEN>, or an admin token from POST /v1/auth/login');
  if (metricsToken !== null && sameSecret(match[1]!, metricsToken)) return;
  const principal = await authenticateToken(ctx, match[1]!);
  if (principal.role !== 'admin') throw new MotcuaError('auth.forbidden', `reading metrics needs the role admin or METRICS_TOKEN; you are ${principal.role} at ${principal.unitId}`, { role: principal.role });
}

export function metricsRoutes(ctx: ServiceContext, metrics: Metrics, metricsToken: string | null): Router {
  const router = Router();
  router.get('/metrics', async (req, res) => {
    await requireScraper(ctx, req, metricsToken);
    res.set('Cache-Control', 'no-store').type(metrics.contentType).send(await metrics.scrape());
  });
  return router;
}
