// Dossiers: reception, reading, history, worklist, events.
import { Router, type Request, type Response } from 'express';
import { advanceDossier, notFound, type AdvanceCommand } from '../../engine/service/advance-dossier.ts';
import { getDossier, getHistory, listWorklist } from '../../engine/service/read-dossiers.ts';
import { readTimeByUnit } from '../../engine/service/read-time-by-unit.ts';
import { issueExtension, type ExtensionCommand } from '../../engine/service/issue-extension.ts';
import { receiveDossier, type ReceiveCommand } from '../../engine/service/receive-dossier.ts';
import type { ServiceContext } from '../../engine/service/service-context.ts';
import { readIdempotencyKey } from '../input/read-idempotency-key.ts';
import { readEnumParameter, readIncludeParameter, readIntegerParameter } from '../input/read-parameters.ts';
import { dossierParts, readDossierParts } from '../../engine/service/dossier-page/read-dossier-parts.ts';
import { list, ref } from '../openapi/component-schemas.ts';
import type { OperationSpec } from '../openapi/operation-spec.ts';
import { principalOf } from '../require-principal.ts';
import { bodyValidator } from '../validate-body.ts';
import { isUuid } from '../../engine/service/is-uuid.ts';

const receiveBody = {
  type: 'object',
  additionalProperties: false,
  required: ['procedureCode', 'applicant', 'data'],
  properties: {
    procedureCode: { type: 'string', minLength: 1 },
    applicant: { type: 'object', description: 'fullName, idNumber (12 digits), phone, email; checked against the applicant rules (422 naming each field).' },
    data: { type: 'object', description: "Checked against the procedure's dataSchema (422 naming each field)." },
    returnUnit: { type: 'string', minLength: 1 },
  },
};
const parseReceive = bodyValidator<ReceiveCommand>(receiveBody);

const eventBody = {
  type: 'object',
  additionalProperties: false,
  required: ['type'],
  properties: {
    type: { type: 'string', pattern: '^[A-Z][A-Z0-9_]*$' },
    expectedVersion: { type: 'integer', minimum: 1 },
    comment: { type: 'string', maxLength: 4000 },
    data: { type: 'object' },
  },
};
const parseEvent = bodyValidator<AdvanceCommand>(eventBody);

const extensionBody = {
  type: 'object',
  additionalProperties: false,
  required: ['newDueDate', 'reason'],
  properties: { newDueDate: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' }, reason: { type: 'string', minLength: 1, maxLength: 2000 } },
};
const parseExtension = bodyValidator<ExtensionCommand>(extensionBody);

const id = { id: { description: 'The dossier id (a UUID).' } };
const dossier = { description: 'The dossier', schema: ref('Dossier') };
export const dossierOperations: OperationSpec[] = [
  { method: 'post', path: '/v1/dossiers', operationId: 'receiveDossier', tag: 'dossiers', auth: 'bearer', idempotent: true, summary: "Receive a dossier at the caller's unit", body: { schema: receiveBody }, responses: { 200: { description: 'A replay of the first answer (Idempotency-Key)', schema: ref('Dossier') }, 201: { ...dossier, headers: { Location: { description: 'The new dossier' } } } }, errors: [400, 403, 404, 409, 422] },
  {
    method: 'get', path: '/v1/dossiers', operationId: 'listDossiers', tag: 'dossiers', auth: 'bearer', summary: "The caller's worklist, most urgent first",
    query: {
      closed: { description: 'true: closed dossiers too', schema: { type: 'string', enum: ['true', 'false'] } },
      due: { description: 'Only overdue or at-risk dossiers', schema: { type: 'string', enum: ['overdue', 'at-risk'] } },
      limit: { description: 'At most this many (1–500, default 100)', schema: { type: 'integer', minimum: 1, maximum: 500 } },
    },
    responses: { 200: { description: 'Dossiers', schema: list(ref('Dossier')) } }, errors: [400, 403],
  },
  {
    method: 'get', path: '/v1/dossiers/:id', operationId: 'getDossier', tag: 'dossiers', auth: 'bearer', summary: 'One dossier, with derived overdue and atRisk',
    description:
      'With `include`, the answer also carries `included`, one member per name, each exactly what its own endpoint answers and under the same read rule: `history` (GET …/history), `attachments` (GET …/attachments), `timeByUnit` (GET …/time-by-unit), `forms` (GET …/forms), `procedure` (as GET /v1/procedures/:procedureCode shows a version, for the version the dossier follows: `procedureVersion`). A dossier the caller may not read is 404, whatever is included.',
    params: id,
    query: { include: { description: `Comma-separated parts to embed: ${dossierParts.join(', ')} (400 naming the allowed ones for any other)`, schema: { type: 'string' } } },
    responses: { 200: { description: 'The dossier', schema: ref('DossierWithParts') } }, errors: [400, 404],
  },
  { method: 'get', path: '/v1/dossiers/:id/history', operationId: 'getDossierHistory', tag: 'dossiers', auth: 'bearer', summary: 'The hash-chained audit trail', params: id, responses: { 200: { description: 'Every event, and whether the chain is intact', schema: ref('History') } }, errors: [404] },
  { method: 'post', path: '/v1/dossiers/:id/extension', operationId: 'issueExtension', tag: 'dossiers', auth: 'bearer', summary: 'Form 04: apology and a new due date, once', params: id, body: { schema: extensionBody }, responses: { 200: dossier }, errors: [400, 403, 404, 409, 422] },
  { method: 'get', path: '/v1/dossiers/:id/time-by-unit', operationId: 'getTimeByUnit', tag: 'dossiers', auth: 'bearer', summary: 'Working time per state visit and per unit', params: id, responses: { 200: { description: 'Visits and totals', schema: ref('TimeByUnit') } }, errors: [404] },
  { method: 'post', path: '/v1/dossiers/:id/events', operationId: 'advanceDossier', tag: 'dossiers', auth: 'bearer', idempotent: true, summary: 'Advance the dossier with an event', params: id, body: { schema: eventBody }, responses: { 200: dossier }, errors: [400, 403, 404, 409, 422] },
];

function dossierId(req: Request): string {
  const id = String(req.params.id);
  // Not a UUID cannot name a dossier: answer 404 without asking the database.
  if (!isUuid(id)) throw notFound(id);
  return id;
}

/**
 * A write's answer, serialized once and sent with the headers in one write.
 * Not res.json: it would also hash the body for an ETag, which no client
 * revalidates a POST answer against.
 */
function send(res: Response, result: { status: number; body: unknown; replayed: boolean }): void {
  if (result.replayed) res.setHeader('Idempotent-Replayed', 'true');
  const json = JSON.stringify(result.body);
  res.statusCode = result.status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(json));
  res.end(json);
}

export function dossierRoutes(ctx: ServiceContext): Router {
  const router = Router();
  router.post('/v1/dossiers', async (req, res) => {
    const result = await receiveDossier(ctx, principalOf(res), parseReceive(req.body), readIdempotencyKey(req));
    const body = result.body as { id: string };
    res.location(`/v1/dossiers/${body.id}`);
    send(res, result);
  });
  router.get('/v1/dossiers', async (req, res) => {
    const limit = readIntegerParameter(req.query.limit, 'limit', { min: 1, max: 500, default: 100 });
    const due = req.query.due === undefined ? undefined : readEnumParameter(req.query.due, 'due', ['overdue', 'at-risk'] as const);
    const includeClosed = readEnumParameter(req.query.closed, 'closed', ['true', 'false'] as const, 'false') === 'true';
    const items = await listWorklist(ctx, principalOf(res), { includeClosed, limit, due });
    res.json({ items });
  });
  router.get('/v1/dossiers/:id', async (req, res) => {
    const include = readIncludeParameter(req.query.include, dossierParts);
    const id = dossierId(req);
    const principal = principalOf(res);
    const dossier = await getDossier(ctx, principal, id);
    if (include.size === 0) return void res.json(dossier);
    res.json({ ...dossier, included: await readDossierParts(ctx, principal, id, { code: dossier.procedureCode, version: dossier.procedureVersion }, include) });
  });
  router.get('/v1/dossiers/:id/history', async (req, res) => {
    res.json(await getHistory(ctx, principalOf(res), dossierId(req)));
  });
  // Form 04: apology and a new appointment date, once per dossier.
  router.post('/v1/dossiers/:id/extension', async (req, res) => {
    const id = dossierId(req);
    res.json(await issueExtension(ctx, principalOf(res), id, parseExtension(req.body)));
  });
  router.get('/v1/dossiers/:id/time-by-unit', async (req, res) => {
    res.json(await readTimeByUnit(ctx, principalOf(res), dossierId(req)));
  });
  router.post('/v1/dossiers/:id/events', async (req, res) => {
    const id = dossierId(req);
    send(res, await advanceDossier(ctx, principalOf(res), id, parseEvent(req.body), readIdempotencyKey(req)));
  });
  return router;
}
