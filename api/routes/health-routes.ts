// Liveness and readiness probes: public, never logged.
import { Router } from 'express';
import type { OperationSpec } from '../openapi/operation-spec.ts';

export interface Readiness {
  check(): Promise<Record<string, 'ok' | string>>;
}

const status = (values: string[]) => ({ type: 'object', required: ['status'], properties: { status: { type: 'string', enum: values }, checks: { type: 'object', additionalProperties: { type: 'string' } } } });
export const healthOperations: OperationSpec[] = [
  { method: 'get', path: '/healthz', operationId: 'getHealth', tag: 'operations', auth: 'none', summary: 'Liveness: the process answers', responses: { 200: { description: 'Alive', schema: status(['ok']) } }, errors: [] },
  {
    method: 'get', path: '/readyz', operationId: 'getReadiness', tag: 'operations', auth: 'none', summary: 'Readiness: database and queue reachable',
    responses: { 200: { description: 'Ready; every check ok', schema: status(['ready']) }, 503: { description: 'Not ready; the failing check says why', schema: status(['not-ready']) } }, errors: [],
  },
];

export function healthRoutes(readiness: Readiness): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const checks = await readiness.check();
    const ready = Object.values(checks).every((v) => v === 'ok');
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not-ready', checks });
  });
  return router;
}
