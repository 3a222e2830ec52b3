// POST /v1/auth/login → bearer token.
import { Router } from 'express';
import { login } from '../../engine/service/authenticate.ts';
import type { ServiceContext } from '../../engine/service/service-context.ts';
import { ref } from '../openapi/component-schemas.ts';
import type { OperationSpec } from '../openapi/operation-spec.ts';
import { bodyValidator } from '../validate-body.ts';

const loginBody = {
  type: 'object',
  additionalProperties: false,
  required: ['username', 'password'],
  properties: { username: { type: 'string', minLength: 1, maxLength: 200 }, password: { type: 'string', minLength: 1, maxLength: 200 } },
};
const parseLogin = bodyValidator<{ username: string; password: string }>(loginBody);

export const authOperations: OperationSpec[] = [
  { method: 'post', path: '/v1/auth/login', operationId: 'login', tag: 'auth', auth: 'none', summary: 'Log in: a bearer token for the other calls', body: { schema: loginBody }, responses: { 200: { description: 'The session', schema: ref('Session') } }, errors: [400, 401] },
];

export function authRoutes(ctx: ServiceContext): Router {
  const router = Router();
  router.post('/v1/auth/login', async (req, res) => {
    const body = parseLogin(req.body);
    const session = await login(ctx, body.username, body.password);
    res.json({ token: session.token, expiresAt: session.expiresAt.toISOString(), user: { username: session.principal.username, role: session.principal.role, unit: session.principal.unitId } });
  });
  return router;
}
