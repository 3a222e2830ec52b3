// The catalogue of published procedures, and each one's diagram.
import { Router } from 'express';
import type { CompiledProcedure } from '../../engine/definition/compiled-procedure.ts';
import { renderSvg } from '../../engine/definition/render-svg.ts';
import { readIntegerParameter } from '../input/read-parameters.ts';
import type { ServiceContext } from '../../engine/service/service-context.ts';
import { listLatestPublished } from '../../engine/store/procedure-store.ts';
import type { ProcedureVersionRecord } from '../../engine/store/records.ts';
import { list, ref } from '../openapi/component-schemas.ts';
import type { OperationSpec } from '../openapi/operation-spec.ts';

export const procedureOperations: OperationSpec[] = [
  { method: 'get', path: '/v1/procedures', operationId: 'listProcedures', tag: 'procedures', auth: 'bearer', summary: 'Published procedures, latest version of each', responses: { 200: { description: 'Procedures', schema: list(ref('ProcedureSummary')) } }, errors: [] },
  {
    method: 'get', path: '/v1/procedures/:code/diagram.svg', operationId: 'getProcedureDiagram', tag: 'procedures', auth: 'bearer', summary: "The procedure's states and transitions as an SVG diagram",
    params: { code: { description: 'National procedure code, e.g. 1.001193' } },
    query: { version: { description: 'This version, a draft too (default: the latest published)', schema: { type: 'integer', minimum: 1 } } },
    responses: { 200: { description: 'The diagram', contentType: 'image/svg+xml', schema: { type: 'string' }, headers: { 'Cache-Control': { description: 'private, no-cache' } } } }, errors: [400, 404],
  },
  { method: 'get', path: '/v1/procedures/:code', operationId: 'getProcedure', tag: 'procedures', auth: 'bearer', summary: 'One procedure with its data schema, documents and states', params: { code: { description: 'National procedure code, e.g. 1.001193' } }, responses: { 200: { description: 'The latest published version', schema: ref('Procedure') } }, errors: [404] },
];

export function procedureRoutes(ctx: ServiceContext): Router {
  const router = Router();
  router.get('/v1/procedures', async (_req, res) => {
    const records = await listLatestPublished(ctx.db);
    const items = [];
    for (const r of records) items.push(summarize(r, await ctx.procedures.get(r.code, r.version)));
    res.json({ items });
  });
  router.get('/v1/procedures/:code', async (req, res) => {
    const { record, procedure } = await ctx.procedures.latest(req.params.code);
    res.json({ ...summarize(record, procedure), dataSchema: procedure.source.data, documents: procedure.source.documents ?? [], roles: procedure.source.roles, legalBasis: procedure.source.legalBasis ?? [], fees: procedure.source.fees ?? [], states: describeStates(procedure) });
  });
  // The diagram of the latest published version, or of ?version= (a draft too, for its author).
  router.get('/v1/procedures/:code/diagram.svg', async (req, res) => {
    const procedure = req.query.version === undefined ? (await ctx.procedures.latest(req.params.code)).procedure : await ctx.procedures.get(req.params.code, readIntegerParameter(req.query.version, 'version', { min: 1 }));
    res.type('image/svg+xml').set('Cache-Control', 'private, no-cache').send(renderSvg(procedure));
  });
  return router;
}

function summarize(r: ProcedureVersionRecord, p: CompiledProcedure) {
  const s = p.source;
  return { code: r.code, version: r.version, name: s.name, sector: s.sector ?? null, level: s.level, processingTime: s.processingTime, borderless: s.borderless ?? true, checksum: r.checksum, publishedAt: r.publishedAt?.toISOString() ?? null };
}

function describeStates(p: CompiledProcedure) {
  return [...p.states.values()].map((s) => ({
    name: s.name, title: s.title, parent: s.parent, kind: s.kind, status: s.status, citizenText: s.citizenText, budget: s.budget, clock: s.clock, outcome: s.outcome,
    events: s.transitions.filter((t) => t.event).map((t) => ({ type: t.event, label: t.label, target: t.target, roles: t.roles, requires: t.requires, form: t.form })),
  }));
}
