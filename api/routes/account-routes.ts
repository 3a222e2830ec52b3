// Accounts: login and logout, the caller's password, and the administrator's
// accounts and API keys.
//   POST   /v1/auth/login                        {username, password} → {token, expiresAt, user}
//   POST   /v1/auth/logout                       ends this session now → 204
//   POST   /v1/me/password                       {currentPassword, newPassword} → ends the account's other sessions
//   POST   /v1/admin/users/:username/disable     admin: sessions end, the account cannot log in
//   POST   /v1/admin/users/:username/enable      admin
//   POST   /v1/admin/api-keys                    admin: {name, unit, roles} → 201 with the key, shown once
//   GET    /v1/admin/api-keys                    admin: the keys, never their secret
//   DELETE /v1/admin/api-keys/:id                admin: revoke
import { Router, type Request, type Response } from 'express';
import { createApiKey, listKeys, revokeKey } from '../../engine/service/accounts/manage-api-keys.ts';
import { changePassword, logout, setAccountActive } from '../../engine/service/accounts/manage-sessions.ts';
import { login } from '../../engine/service/authenticate.ts';
import type { ServiceContext } from '../../engine/service/service-context.ts';
import { principalOf, requirePrincipal, tokenOf } from '../require-principal.ts';
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

const parsePasswordChange = bodyValidator<{ currentPassword: string; newPassword: string }>({
  type: 'object',
  additionalProperties: false,
  required: ['currentPassword', 'newPassword'],
  properties: { currentPassword: { type: 'string', minLength: 1, maxLength: 200 }, newPassword: { type: 'string', minLength: 1, maxLength: 200 } },
});

const parseApiKey = bodyValidator<{ name: string; unit: string; roles: string[] }>({
  type: 'object',
  additionalProperties: false,
  required: ['name', 'unit', 'roles'],
  properties: {
    name: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{1,60}$' },
    unit: { type: 'string', minLength: 1 },
    roles: { type: 'array', minItems: 1, maxItems: 4, items: { type: 'string' } },
  },
});

export const accountOperations: OperationSpec[] = [
  { method: 'post', path: '/v1/auth/login', operationId: 'login', tag: 'auth', auth: 'none', summary: 'Log in: a bearer token for the other calls', body: { schema: loginBody }, responses: { 200: { description: 'The session', schema: ref('Session') } }, errors: [400, 401, 429] },
];

/** The client's address as the rate limits count it: behind the loopback proxy, the forwarded one. */
function clientAddress(req: Request): string {
  return req.ip ?? req.socket.remoteAddress ?? 'unknown';
}

export function accountRoutes(ctx: ServiceContext): Router {
  const router = Router();
  const authenticated = requirePrincipal(ctx);
  router.post('/v1/auth/login', async (req, res) => {
    const body = parseLogin(req.body);
    const session = await login(ctx, body.username, body.password, clientAddress(req));
    res.json({ token: session.token, expiresAt: session.expiresAt.toISOString(), user: { username: session.principal.username, role: session.principal.role, unit: session.principal.unitId } });
  });
  router.post('/v1/auth/logout', authenticated, async (_req, res) => {
    await logout(ctx, tokenOf(res));
    res.status(204).end();
  });
  router.post('/v1/me/password', authenticated, async (req, res) => {
    res.json(await changePassword(ctx, principalOf(res), tokenOf(res), parsePasswordChange(req.body), clientAddress(req)));
  });
  const setActive = (active: boolean) => async (req: Request, res: Response) => {
    res.json(await setAccountActive(ctx, principalOf(res), String(req.params.username), active));
  };
  router.post('/v1/admin/users/:username/disable', authenticated, setActive(false));
  router.post('/v1/admin/users/:username/enable', authenticated, setActive(true));
  router.post('/v1/admin/api-keys', authenticated, async (req, res) => {
    const created = await createApiKey(ctx, principalOf(res), parseApiKey(req.body));
    res.location(`/v1/admin/api-keys/${created.id}`).status(201).json(created);
  });
  router.get('/v1/admin/api-keys', authenticated, async (_req, res) => {
    res.json({ items: await listKeys(ctx, principalOf(res)) });
  });
  router.delete('/v1/admin/api-keys/:id', authenticated, async (req, res) => {
    res.json(await revokeKey(ctx, principalOf(res), String(req.params.id)));
  });
  return router;
}
