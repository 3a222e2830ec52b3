// The notification dead-letter list, for supervisors and admins:
//   GET /v1/notifications/dead-letters   ?limit= (1–500, default 100)
import { Router } from 'express';
import { listFailedNotifications } from '../../engine/service/notifications/list-failed-notifications.ts';
import type { ServiceContext } from '../../engine/service/service-context.ts';
import { MotcuaError } from '../../engine/motcua-error.ts';
import { principalOf } from '../require-principal.ts';

export function notificationRoutes(ctx: ServiceContext): Router {
  const router = Router();
  router.get('/v1/notifications/dead-letters', async (req, res) => {
    const limit = req.query.limit === undefined ? 100 : Number(req.query.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw new MotcuaError('request.invalid', 'limit must be a whole number from 1 to 500');
    res.json({ items: await listFailedNotifications(ctx, principalOf(res), { limit }) });
  });
  return router;
}
