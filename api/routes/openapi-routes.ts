// The API described: GET /openapi.json (OpenAPI 3.1, built once from the
// operations the routes files declare) and GET /docs, Swagger UI served from the
// swagger-ui-dist package (no CDN). The page runs under a strict Content
// Security Policy: no inline script; its start-up is a file of its own.
import express, { Router } from 'express';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildOpenApiDocument, type OpenApiDocument } from '../openapi/build-openapi-document.ts';
import type { OperationSpec } from '../openapi/operation-spec.ts';

const docsDir = fileURLToPath(new URL('../openapi/docs/', import.meta.url));
const swaggerUiDir = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
const packageVersion = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/** Scripts and styles only from this server; Swagger UI sets inline style attributes, hence style-src 'unsafe-inline'. */
export const docsContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

export const openApiOperations: OperationSpec[] = [
  { method: 'get', path: '/openapi.json', operationId: 'getOpenApiDocument', tag: 'operations', auth: 'none', summary: 'This OpenAPI 3.1 document', responses: { 200: { description: 'The document', schema: { type: 'object', required: ['openapi', 'paths'] } } }, errors: [] },
];

export function openApiRoutes(operations: readonly OperationSpec[]): Router {
  let document: OpenApiDocument | null = null;
  const router = Router();
  router.get('/openapi.json', (_req, res) => {
    document ??= buildOpenApiDocument(operations, { version: packageVersion });
    res.set('Cache-Control', 'no-cache').json(document);
  });
  router.use('/docs', (_req, res, next) => {
    res.set('Content-Security-Policy', docsContentSecurityPolicy);
    next();
  });
  router.use('/docs', express.static(docsDir, { index: 'index.html', maxAge: '5m' }));
  router.use('/docs', express.static(swaggerUiDir, { index: false, maxAge: '1h' }));
  return router;
}

/** The document, for tools (npm run lint:openapi) and tests. */
export function openApiDocument(operations: readonly OperationSpec[]): OpenApiDocument {
  return buildOpenApiDocument(operations, { version: packageVersion });
}
