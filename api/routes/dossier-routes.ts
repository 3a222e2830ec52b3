// Dossiers: reception, reading, history, worklist, events.
import { Router, type Request, type Response } from 'express';
import { advanceDossier, notFound, type AdvanceCommand } from '../../engine/service/advance-dossier.ts';
import { getDossier, getHistory, listWorklist } from '../../engine/service/read-dossiers.ts';
import { readTimeByUnit } from '../../engine/service/read-time-by-unit.ts';
import { issueExtension, type ExtensionCommand } from '../../engine/service/issue-extension.ts';
import { receiveDossier, type ReceiveCommand } from '../../engine/service/receive-dossier.ts';
import type { ServiceContext } from '../../engine/service/service-context.ts';
import { readIdempotencyKey } from '../input/read-idempotency-key.ts';
import { readEnumParameter, readIntegerParameter } from '../input/read-parameters.ts';
import { principalOf } from '../require-principal.ts';
import { bodyValidator } from '../validate-body.ts';

const parseReceive = bodyValidator<ReceiveCommand>({
  type: 'object',
  additionalProperties: false,
  required: ['procedureCode', 'applicant', 'data'],
  properties: { procedureCode: { type: 'string', minLength: 1 }, applicant: { type: 'object' }, data: { type: 'object' }, returnUnit: { type: 'string', minLength: 1 } },
});

const parseEvent = bodyValidator<AdvanceCommand>({
  type: 'object',
  additionalProperties: false,
  required: ['type'],
  properties: {
    type: { type: 'string', pattern: '^[A-Z][A-Z0-9_]*$' },
    expectedVersion: { type: 'integer', minimum: 1 },
    comment: { type: 'string', maxLength: 4000 },
    data: { type: 'object' },
  },
});

const parseExtension = bodyValidator<ExtensionCommand>({
  type: 'object',
  additionalProperties: false,
  required: ['newDueDate', 'reason'],
  properties: { newDueDate: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' }, reason: { type: 'string', minLength: 1, maxLength: 2000 } },
});

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function dossierId(req: Request): string {
  const id = String(req.params.id);
  // Not a UUID cannot name a dossier: answer 404 without asking the database.
  if (!uuid.test(id)) throw notFound(id);
  return id;
}

function send(res: Response, result: { status: number; body: unknown; replayed: boolean }): void {
  if (result.replayed) res.set('Idempotent-Replayed', 'true');
  res.status(result.status).json(result.body);
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
    res.json(await getDossier(ctx, principalOf(res), dossierId(req)));
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
