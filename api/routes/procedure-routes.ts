// The catalogue of published procedures, and each one's diagram.
import { Router } from 'express';
import { listPublishedProcedures, readProcedureDiagram, readProcedureVersions, readPublishedProcedure } from '../../engine/service/procedures/read-published-procedures.ts';
import { readIncludeParameter, readIntegerParameter } from '../input/read-parameters.ts';
import type { ServiceContext } from '../../engine/service/service-context.ts';
import { list, ref } from '../openapi/component-schemas.ts';
import type { OperationSpec } from '../openapi/operation-spec.ts';

/** What GET /v1/procedures/:code?include= may embed: each part is what its own endpoint answers, under the same rule. */
const procedureParts = ['versions', 'diagram'] as const;

export const procedureOperations: OperationSpec[] = [
  { method: 'get', path: '/v1/procedures', operationId: 'listProcedures', tag: 'procedures', auth: 'bearer', summary: 'Published procedures, latest version of each', responses: { 200: { description: 'Procedures', schema: list(ref('ProcedureSummary')) } }, errors: [] },
  {
    method: 'get', path: '/v1/procedures/:code/diagram.svg', operationId: 'getProcedureDiagram', tag: 'procedures', auth: 'bearer', summary: "The procedure's states and transitions as an SVG diagram",
    params: { code: { description: 'National procedure code, e.g. 1.001193' } },
    query: { version: { description: 'This version, a draft too (default: the latest published)', schema: { type: 'integer', minimum: 1 } } },
    responses: { 200: { description: 'The diagram', contentType: 'image/svg+xml', schema: { type: 'string' }, headers: { 'Cache-Control': { description: 'private, no-cache' } } } }, errors: [400, 404],
  },
  {
    method: 'get', path: '/v1/procedures/:code', operationId: 'getProcedure', tag: 'procedures', auth: 'bearer', summary: 'One procedure with its data schema, documents and states',
    description: 'With `include`, the answer also carries `included`, one member per name: `versions` (the items of GET /v1/procedures/:code/versions), `diagram` (the SVG document of GET /v1/procedures/:code/diagram.svg, as text).',
    params: { code: { description: 'National procedure code, e.g. 1.001193' } },
    query: { include: { description: `Comma-separated parts to embed: ${procedureParts.join(', ')} (400 naming the allowed ones for any other)`, schema: { type: 'string' } } },
    responses: { 200: { description: 'The latest published version', schema: ref('Procedure') } }, errors: [400, 404],
  },
];

export function procedureRoutes(ctx: ServiceContext): Router {
  const router = Router();
  router.get('/v1/procedures', async (_req, res) => {
    res.json({ items: await listPublishedProcedures(ctx) });
  });
  router.get('/v1/procedures/:code', async (req, res) => {
    const include = readIncludeParameter(req.query.include, procedureParts);
    const code = req.params.code;
    const procedure = await readPublishedProcedure(ctx, code);
    if (include.size === 0) return void res.json(procedure);
    const [versions, diagram] = await Promise.all([include.has('versions') ? readProcedureVersions(ctx, code) : undefined, include.has('diagram') ? readProcedureDiagram(ctx, code) : undefined]);
    res.json({ ...procedure, included: { ...(versions && { versions }), ...(diagram !== undefined && { diagram }) } });
  });
  // The diagram of the latest published version, or of ?version= (a draft too, for its author).
  router.get('/v1/procedures/:code/diagram.svg', async (req, res) => {
    const version = req.query.version === undefined ? undefined : readIntegerParameter(req.query.version, 'version', { min: 1 });
    res.type('image/svg+xml').set('Cache-Control', 'private, no-cache').send(await readProcedureDiagram(ctx, req.params.code, version));
  });
  return router;
}
