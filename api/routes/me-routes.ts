// Who the caller is, and the organisation.
import { Router } from 'express';
import type { ServiceContext } from '../../engine/service/service-context.ts';
import { list, ref } from '../openapi/component-schemas.ts';
import type { OperationSpec } from '../openapi/operation-spec.ts';
import { principalOf } from '../require-principal.ts';

export const meOperations: OperationSpec[] = [
  { method: 'get', path: '/v1/me', operationId: 'getMe', tag: 'auth', auth: 'bearer', summary: 'Who you are: username, role and unit', responses: { 200: { description: 'The caller', schema: ref('Me') } }, errors: [] },
  { method: 'get', path: '/v1/units', operationId: 'listUnits', tag: 'auth', auth: 'bearer', summary: 'The organisation: every unit with its code, level and parent', responses: { 200: { description: 'Units', schema: list(ref('Unit')) } }, errors: [] },
];

export function meRoutes(ctx: ServiceContext): Router {
  const router = Router();
  router.get('/v1/me', async (_req, res) => {
    const p = principalOf(res);
    const unit = await ctx.units.get(p.unitId);
    res.json({ username: p.username, role: p.role, unit: { id: unit.id, code: unit.code, level: unit.level, name: { vi: unit.nameVi, en: unit.nameEn } } });
  });
  router.get('/v1/units', async (_req, res) => {
    const units = [...(await ctx.units.all()).values()];
    res.json({ items: units.map((u) => ({ id: u.id, code: u.code, level: u.level, parent: u.parentId, name: { vi: u.nameVi, en: u.nameEn } })) });
  });
  return router;
}
