// The notification dead-letter list, for supervisors and admins:
//   GET /v1/notifications/dead-letters   ?limit= (1–500, default 100)
import { Router } from 'express';
import { listFailedNotifications } from '../../engine/service/notifications/list-failed-notifications.ts';
import type { ServiceContext } from '../../engine/service/service-context.ts';
import { MotcuaError } from '../../engine/motcua-error.ts';
import { list, ref } from '../openapi/component-schemas.ts';
import type { OperationSpec } from '../openapi/operation-spec.ts';
import { principalOf } from '../require-principal.ts';

export const notificationOperations: OperationSpec[] = [
  {
    method: 'get', path: '/v1/notifications/dead-letters', operationId: 'listFailedNotifications', tag: 'notifications', auth: 'bearer', summary: 'Notifications that spent every attempt, newest first (supervisors, admin)',
    query: { limit: { description: '1–500, default 100', schema: { type: 'integer', minimum: 1, maximum: 500 } } },
    responses: { 200: { description: 'Failed deliveries', schema: list(ref('FailedNotification')) } }, errors: [400, 403],
  },
];

export function notificationRoutes(ctx: ServiceContext): Router {
  const router = Router();
  router.get('/v1/notifications/dead-letters', async (req, res) => {
    const limit = req.query.limit === undefined ? 100 : Number(req.query.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw new MotcuaError('request.invalid', 'limit must be a whole number from 1 to 500');
    res.json({ items: await listFailedNotifications(ctx, principalOf(res), { limit }) });
  });
  return router;
}
