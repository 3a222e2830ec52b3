// The desk's worklist and claims.
//   GET  /v1/worklist?q=&procedure=&limit=      dossiers waiting on my unit and role, most urgent first
//   POST /v1/dossiers/:id/claim                  I take it
//   POST /v1/dossiers/:id/release                I (or a leader) give it back
//   POST /v1/dossiers/:id/assign {username}      a leader gives it to an officer of the unit
import { readIncludeParameter, readIntegerParameter } from '../input/read-parameters.ts';
import { Router, type Request } from 'express';
import { MotcuaError } from '../../engine/motcua-error.ts';
import { notFound } from '../../engine/service/advance-dossier.ts';
import type { ServiceContext } from '../../engine/service/service-context.ts';
import { changeClaim } from '../../engine/service/worklist/claim-dossier.ts';
import { listWaitingWork, listWaitingWorkWithFacet } from '../../engine/service/worklist/list-worklist.ts';
import { list, ref } from '../openapi/component-schemas.ts';
import type { OperationSpec } from '../openapi/operation-spec.ts';
import { principalOf } from '../require-principal.ts';
import { bodyValidator } from '../validate-body.ts';
import { isUuid } from '../../engine/service/is-uuid.ts';

const assignBody = {
  type: 'object',
  additionalProperties: false,
  required: ['username'],
  properties: { username: { type: 'string', minLength: 1, maxLength: 200, description: 'An active receiver, specialist or leader of the unit holding the dossier (400 otherwise).' } },
};
const parseAssign = bodyValidator<{ username: string }>(assignBody);

const id = { id: { description: 'The dossier id (a UUID).' } };
const worklistParts = ['procedureFacet'] as const;
const claimed = { 200: { description: 'Who holds the claim now (null: nobody)', schema: ref('ClaimState') } };
export const worklistOperations: OperationSpec[] = [
  {
    method: 'get', path: '/v1/worklist', operationId: 'getWorklist', tag: 'worklist', auth: 'bearer', summary: 'Dossiers waiting on my unit and role, most urgent first (overdue, at risk, earliest due), each with its actions and claim',
    query: {
      q: { description: 'A receipt code (or part of one) or an applicant name, accents optional: "nguyen van an" finds "Nguyễn Văn An" (at most 200 characters)', schema: { type: 'string', maxLength: 200 } },
      procedure: { description: 'Only this procedure code', schema: { type: 'string', maxLength: 200 } },
      limit: { description: 'At most this many (1–500, default 100)', schema: { type: 'integer', minimum: 1, maximum: 500 } },
      include: { description: `Comma-separated parts to embed: ${worklistParts.join(', ')} (400 naming the allowed ones for any other)`, schema: { type: 'string' } },
    },
    description: 'With `include=procedureFacet`, the answer also carries `included.procedureFacet`: each procedure with dossiers waiting on the caller that match `q` (whatever `procedure` is), with how many, by code — the choices of a procedure filter.',
    responses: { 200: { description: 'Waiting dossiers', schema: { allOf: [list(ref('WorklistItem')), { type: 'object', properties: { included: { type: 'object', additionalProperties: false, required: ['procedureFacet'], properties: { procedureFacet: { type: 'array', items: ref('ProcedureFacetEntry') } } } } }] } } }, errors: [400],
  },
  { method: 'post', path: '/v1/dossiers/:id/claim', operationId: 'claimDossier', tag: 'worklist', auth: 'bearer', summary: 'I take it: an officer of the holding unit claims the dossier (again: no change)', params: id, responses: claimed, errors: [403, 404, 409] },
  { method: 'post', path: '/v1/dossiers/:id/release', operationId: 'releaseDossier', tag: 'worklist', auth: 'bearer', summary: 'Give it back: the claimant, or a leader of the unit', params: id, responses: claimed, errors: [403, 404, 409] },
  { method: 'post', path: '/v1/dossiers/:id/assign', operationId: 'assignDossier', tag: 'worklist', auth: 'bearer', summary: "A leader gives the dossier to an officer of the unit", params: id, body: { schema: assignBody }, responses: claimed, errors: [400, 403, 404, 409] },
];

function dossierId(req: Request): string {
  const id = String(req.params.id);
  if (!isUuid(id)) throw notFound(id);
  return id;
}

function optionalText(value: unknown, name: string): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string' || value.length > 200) throw new MotcuaError('request.invalid', `${name} must be one text of at most 200 characters`);
  return value;
}

export function worklistRoutes(ctx: ServiceContext): Router {
  const router = Router();
  router.get('/v1/worklist', async (req, res) => {
    const limit = readIntegerParameter(req.query.limit, 'limit', { min: 1, max: 500, default: 100 });
    const include = readIncludeParameter(req.query.include, worklistParts);
    const query = { q: optionalText(req.query.q, 'q'), procedureCode: optionalText(req.query.procedure, 'procedure'), limit };
    if (!include.has('procedureFacet')) return void res.json({ items: await listWaitingWork(ctx, principalOf(res), query) });
    const { items, procedureFacet } = await listWaitingWorkWithFacet(ctx, principalOf(res), query);
    res.json({ items, included: { procedureFacet } });
  });
  router.post('/v1/dossiers/:id/claim', async (req, res) => {
    res.json(await changeClaim(ctx, principalOf(res), dossierId(req), { kind: 'claim' }));
  });
  router.post('/v1/dossiers/:id/release', async (req, res) => {
    res.json(await changeClaim(ctx, principalOf(res), dossierId(req), { kind: 'release' }));
  });
  router.post('/v1/dossiers/:id/assign', async (req, res) => {
    res.json(await changeClaim(ctx, principalOf(res), dossierId(req), { kind: 'assign', username: parseAssign(req.body).username }));
  });
  return router;
}
