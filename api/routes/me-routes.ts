// Who the caller is, and the organisation.
import { Router } from 'express';
import type { ServiceContext } from '../../engine/service/service-context.ts';
import { readIncludeParameter } from '../input/read-parameters.ts';
import { list, ref } from '../openapi/component-schemas.ts';
import type { OperationSpec } from '../openapi/operation-spec.ts';
import { principalOf } from '../require-principal.ts';

/**
 * What GET /v1/me?include= may embed. The unit directory is reference data that
 * does not change within a session: a client that reads who it is once per
 * session can take the directory in the same answer and keep it, instead of a
 * further request on every page that names units.
 */
const meParts = ['units'] as const;

export const meOperations: OperationSpec[] = [
  {
    method: 'get', path: '/v1/me', operationId: 'getMe', tag: 'auth', auth: 'bearer', summary: 'Who you are: username, role and unit',
    description: 'With `include=units`, the answer also carries `included.units`: the items of GET /v1/units.',
    query: { include: { description: `Comma-separated parts to embed: ${meParts.join(', ')} (400 naming the allowed ones for any other)`, schema: { type: 'string' } } },
    responses: { 200: { description: 'The caller', schema: ref('Me') } }, errors: [400],
  },
  { method: 'get', path: '/v1/units', operationId: 'listUnits', tag: 'auth', auth: 'bearer', summary: 'The organisation: every unit with its code, level and parent', responses: { 200: { description: 'Units', schema: list(ref('Unit')) } }, errors: [] },
];

export function meRoutes(ctx: ServiceContext): Router {
  const router = Router();
  router.get('/v1/me', async (req, res) => {
    const include = readIncludeParameter(req.query.include, meParts);
    const p = principalOf(res);
    const unit = await ctx.units.get(p.unitId);
    const me = { username: p.username, role: p.role, unit: { id: unit.id, code: unit.code, level: unit.level, name: { vi: unit.nameVi, en: unit.nameEn } } };
    res.json(include.has('units') ? { ...me, included: { units: await listUnits(ctx) } } : me);
  });
  router.get('/v1/units', async (_req, res) => {
    res.json({ items: await listUnits(ctx) });
  });
  return router;
}

async function listUnits(ctx: ServiceContext) {
  return [...(await ctx.units.all()).values()].map((u) => ({ id: u.id, code: u.code, level: u.level, parent: u.parentId, name: { vi: u.nameVi, en: u.nameEn } }));
}
