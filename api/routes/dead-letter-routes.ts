// The dead-letter list of connector handoffs, for supervisors and admins:
//   GET  /v1/dead-letters              ?status=open (default) | resolved | all, ?limit= (1–500, default 100)
//   POST /v1/dead-letters/:id/retry    resolve the letter and send the handoff again → 202
import { Router } from 'express';
import { listDeadLetters } from '../../engine/service/connectors/list-dead-letters.ts';
import { retryDeadLetter } from '../../engine/service/connectors/retry-dead-letter.ts';
import type { ServiceContext } from '../../engine/service/service-context.ts';
import { MotcuaError } from '../../engine/motcua-error.ts';
import { list, ref } from '../openapi/component-schemas.ts';
import type { OperationSpec } from '../openapi/operation-spec.ts';
import { principalOf } from '../require-principal.ts';
import { readEnumParameter, readIntegerParameter } from '../input/read-parameters.ts';

const statuses = ['open', 'resolved', 'all'] as const;

export const deadLetterOperations: OperationSpec[] = [
  {
    method: 'get', path: '/v1/dead-letters', operationId: 'listDeadLetters', tag: 'connectors', auth: 'bearer', summary: 'Connector handoffs that never got through, newest first',
    query: { status: { description: 'open (default), resolved or all', schema: { type: 'string', enum: [...statuses] } }, limit: { description: '1–500, default 100', schema: { type: 'integer', minimum: 1, maximum: 500 } } },
    responses: { 200: { description: 'Letters', schema: list(ref('DeadLetter')) } }, errors: [400, 403],
  },
  { method: 'post', path: '/v1/dead-letters/:id/retry', operationId: 'retryDeadLetter', tag: 'connectors', auth: 'bearer', summary: 'Resolve a letter and send its handoff again', params: { id: { description: 'The letter id', schema: { type: 'string', pattern: '^[0-9]+$' } } }, responses: { 202: { description: 'The resolved letter with its retryJobId', schema: ref('DeadLetter') } }, errors: [403, 404, 409] },
];

export function deadLetterRoutes(ctx: ServiceContext): Router {
  const router = Router();
  router.get('/v1/dead-letters', async (req, res) => {
    res.json({ items: await listDeadLetters(ctx, principalOf(res), { status: readEnumParameter(req.query.status, 'status', statuses, 'open'), limit: readIntegerParameter(req.query.limit, 'limit', { min: 1, max: 500, default: 100 }) }) });
  });
  router.post('/v1/dead-letters/:id/retry', async (req, res) => {
    const id = /^[0-9]{1,15}$/.test(req.params.id) ? Number(req.params.id) : NaN;
    // Not a positive whole number (within bigint) cannot name a letter: answer 404 without asking the database.
    if (!Number.isSafeInteger(id) || id < 1) throw new MotcuaError('dead-letter.not-found', `no dead letter ${String(req.params.id)}; ids are whole numbers from GET /v1/dead-letters`, { id: req.params.id });
    res.status(202).json(await retryDeadLetter(ctx, principalOf(res), id));
  });
  return router;
}
