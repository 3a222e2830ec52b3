// The document and the app cannot drift: every route under /v1 has a documented
// operation (a route added without one fails here, naming it), and every
// documented operation is served.
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import type { ServiceContext } from '../../engine/service/service-context.ts';
import { createApp } from '../create-app.ts';
import { apiOperations } from './api-operations.ts';
import { buildOpenApiDocument } from './build-openapi-document.ts';
import { listExpressRoutes } from './list-express-routes.ts';

// Building the app touches no service: every route reads the context only when called.
const app = createApp({} as ServiceContext, { logger: pino({ level: 'silent' }), readiness: { check: async () => ({}) } });
const served = listExpressRoutes(app);
const documented = apiOperations.map((o) => `${o.method.toUpperCase()} ${o.path}`);

describe('OpenAPI coverage', () => {
  it('documents every route under /v1', () => {
    const v1 = served.filter((r) => r.split(' ')[1]!.startsWith('/v1'));
    expect(v1.length).toBeGreaterThan(20);
    expect(v1.filter((r) => !documented.includes(r))).toEqual([]);
  });

  it('serves every documented operation', () => {
    expect(documented.filter((r) => !served.includes(r))).toEqual([]);
  });

  it('names each operation once and answers errors as problem+json', () => {
    const document = buildOpenApiDocument(apiOperations, { version: 'test' });
    const operations = Object.values(document.paths).flatMap((item) => Object.values(item)) as Array<{ operationId: string; responses: Record<string, { $ref?: string }> }>;
    expect(operations).toHaveLength(apiOperations.length);
    expect(new Set(operations.map((o) => o.operationId)).size).toBe(operations.length);
    for (const o of operations) {
      const errors = Object.entries(o.responses).filter(([status]) => status === 'default' || Number(status) >= 400);
      expect(errors.map(([, r]) => r.$ref?.startsWith('#/components/responses/Problem'))).not.toContain(false);
      expect(o.responses.default).toEqual({ $ref: '#/components/responses/ProblemDefault' });
    }
    const responses = (document.components as { responses: Record<string, { content: Record<string, unknown> }> }).responses;
    expect(Object.values(responses).map((r) => Object.keys(r.content))).toEqual(Object.values(responses).map(() => ['application/problem+json']));
  });
});
