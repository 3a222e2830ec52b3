// POST /v1/auth/login → bearer token.
import { Router } from 'express';
import { login } from '../../engine/service/authenticate.ts';
import type { ServiceContext } from '../../engine/service/service-context.ts';
import { bodyValidator } from '../validate-body.ts';

const parseLogin = bodyValidator<{ username: string; password: string }>({
  type: 'object',
  additionalProperties: false,
  required: ['username', 'password'],
  properties: { username: { type: 'string', minLength: 1, maxLength: 200 }, password: { type: 'string', minLength: 1, maxLength: 200 } },
});

export function authRoutes(ctx: ServiceContext): Router {
  const router = Router();
  router.post('/v1/auth/login', async (req, res) => {
    const body = parseLogin(req.body);
    const session = await login(ctx, body.username, body.password);
    res.json({ token: session.token, expiresAt: session.expiresAt.toISOString(), user: { username: session.principal.username, role: session.principal.role, unit: session.principal.unitId } });
  });
  return router;
}
