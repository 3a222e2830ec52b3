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
import { apiKeyRoles, createApiKey, listKeys, revokeKey } from '../../engine/service/accounts/manage-api-keys.ts';
import { changePassword, logout, minPasswordLength, setAccountActive } from '../../engine/service/accounts/manage-sessions.ts';
import { login } from '../../engine/service/authenticate.ts';
import type { ServiceContext } from '../../engine/service/service-context.ts';
import { principalOf, requirePrincipal, tokenOf } from '../require-principal.ts';
import { list, ref } from '../openapi/component-schemas.ts';
import type { OperationSpec } from '../openapi/operation-spec.ts';
import { bodyValidator } from '../validate-body.ts';

const loginBody = {
  type: 'object',
  additionalProperties: false,
  required: ['username', 'password'],
  properties: { username: { type: 'string', minLength: 1, maxLength: 200 }, password: { type: 'string', minLength: 1, maxLength: 200 } },
};
const parseLogin = bodyValidator<{ username: string; password: string }>(loginBody);

const passwordChangeBody = {
  type: 'object',
  additionalProperties: false,
  required: ['currentPassword', 'newPassword'],
  properties: {
    currentPassword: { type: 'string', minLength: 1, maxLength: 200 },
    newPassword: { type: 'string', minLength: 1, maxLength: 200, description: `At least ${minPasswordLength} characters, not the current one (422 otherwise).` },
  },
};
const parsePasswordChange = bodyValidator<{ currentPassword: string; newPassword: string }>(passwordChangeBody);

const apiKeyBody = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'unit', 'roles'],
  properties: {
    name: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{1,60}$', description: 'Never reused, even once revoked; the key acts as the account apikey.<name>.' },
    unit: { type: 'string', minLength: 1, description: 'The unit the key acts for (404 if unknown).' },
    roles: { type: 'array', minItems: 1, maxItems: 4, items: { type: 'string' }, description: `Among ${apiKeyRoles.join(', ')} (400 otherwise); a key with several picks one per request with X-Motcua-Role.` },
  },
};
const parseApiKey = bodyValidator<{ name: string; unit: string; roles: string[] }>(apiKeyBody);

const username = { username: { description: 'The account, e.g. receiver.hop-thinh' } };
const limited = 'Failed attempts are limited per account and per client address: 429 with Retry-After.';
export const accountOperations: OperationSpec[] = [
  { method: 'post', path: '/v1/auth/login', operationId: 'login', tag: 'auth', auth: 'none', summary: 'Log in: a bearer token for the other calls', description: limited, body: { schema: loginBody }, responses: { 200: { description: 'The session', schema: ref('Session') } }, errors: [400, 401, 429] },
  { method: 'post', path: '/v1/auth/logout', operationId: 'logout', tag: 'auth', auth: 'bearer', summary: 'End this session now, in every API process', responses: { 204: { description: 'The token no longer works' } }, errors: [] },
  {
    method: 'post', path: '/v1/me/password', operationId: 'changePassword', tag: 'auth', auth: 'bearer', summary: "Change your password: the account's other sessions end",
    description: `A wrong current password answers 401 and counts as a failed login. ${limited}`,
    body: { schema: passwordChangeBody }, responses: { 200: { description: 'Changed', schema: ref('PasswordChanged') } }, errors: [400, 422, 429],
  },
  { method: 'post', path: '/v1/admin/users/:username/disable', operationId: 'disableAccount', tag: 'accounts', auth: 'bearer', summary: 'Admin: disable an account — its sessions and API keys stop, it cannot log in', params: username, responses: { 200: { description: 'Disabled', schema: ref('AccountState') } }, errors: [400, 403, 404] },
  { method: 'post', path: '/v1/admin/users/:username/enable', operationId: 'enableAccount', tag: 'accounts', auth: 'bearer', summary: 'Admin: enable an account again', params: username, responses: { 200: { description: 'Enabled', schema: ref('AccountState') } }, errors: [403, 404] },
  {
    method: 'post', path: '/v1/admin/api-keys', operationId: 'createApiKey', tag: 'accounts', auth: 'bearer', summary: 'Admin: an API key for an integration, scoped to a unit and roles — the secret is shown once',
    body: { schema: apiKeyBody }, responses: { 201: { description: 'Created', schema: ref('NewApiKey'), headers: { Location: { description: 'The key' } } } }, errors: [400, 403, 404, 409],
  },
  { method: 'get', path: '/v1/admin/api-keys', operationId: 'listApiKeys', tag: 'accounts', auth: 'bearer', summary: 'Admin: every API key, revoked ones too, never their secret', responses: { 200: { description: 'API keys', schema: list(ref('ApiKey')) } }, errors: [403] },
  { method: 'delete', path: '/v1/admin/api-keys/:id', operationId: 'revokeApiKey', tag: 'accounts', auth: 'bearer', summary: 'Admin: revoke an API key, now', params: { id: { description: 'The key id (a UUID)', schema: { type: 'string', format: 'uuid' } } }, responses: { 200: { description: 'Revoked', schema: ref('ApiKey') } }, errors: [403, 404] },
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
