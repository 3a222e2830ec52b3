// API keys for integrations: created by an administrator for one unit and one
// or more roles, shown once, stored as a SHA-256, revocable. Each key acts as a
// service account (username `apikey.<name>`, no password) so its actions carry
// an actor in the audit trail.
import { randomBytes, randomUUID } from 'node:crypto';
import { MotcuaError } from '../../motcua-error.ts';
import { findApiKeyByName, insertApiKey, listApiKeys, revokeApiKey, type ApiKeyRecord } from '../../store/api-key-store.ts';
import { insertServiceUser } from '../../store/user-store.ts';
import { apiKeyPrefix, hashToken } from '../authenticate.ts';
import type { Principal } from '../principal.ts';
import type { ServiceContext } from '../service-context.ts';
import { requireAdmin } from './manage-sessions.ts';
import { isUuid } from '../is-uuid.ts';

/** Roles a key may hold: the officers' and supervisors'. Never admin or author: a key does not manage accounts or publish procedures. */
export const apiKeyRoles = ['receiver', 'specialist', 'leader', 'supervisor'];

export interface ApiKeyView {
  id: string;
  name: string;
  unit: string;
  roles: string[];
  createdAt: string;
  revokedAt: string | null;
}

const toView = (k: ApiKeyRecord): ApiKeyView => ({ id: k.id, name: k.name, unit: k.unitId, roles: k.roles, createdAt: k.createdAt.toISOString(), revokedAt: k.revokedAt?.toISOString() ?? null });

export async function createApiKey(ctx: ServiceContext, principal: Principal, command: { name: string; unit: string; roles: string[] }): Promise<ApiKeyView & { key: string }> {
  requireAdmin(principal, 'creating an API key');
  await ctx.units.get(command.unit);
  const unknown = command.roles.filter((r) => !apiKeyRoles.includes(r));
  if (unknown.length) throw new MotcuaError('request.invalid', `an API key may hold the roles ${apiKeyRoles.join(', ')}; not ${unknown.join(', ')}`, { roles: unknown });
  if (await findApiKeyByName(ctx.db, command.name)) throw new MotcuaError('api-key.duplicate', `an API key named '${command.name}' exists (names are never reused, even revoked); choose another name`, { name: command.name });
  const key = `${apiKeyPrefix}${randomBytes(32).toString('base64url')}`;
  const record: ApiKeyRecord = { id: randomUUID(), name: command.name, userId: '', unitId: command.unit, roles: [...new Set(command.roles)], createdBy: principal.userId, createdAt: ctx.now(), revokedAt: null };
  await ctx.db.transaction(async (trx) => {
    record.userId = await insertServiceUser(trx, { username: `apikey.${command.name}`, role: record.roles[0]!, unitId: command.unit, displayName: `API key ${command.name}` });
    await insertApiKey(trx, { ...record, keyHash: hashToken(key) });
  });
  return { ...toView(record), key };
}

export async function listKeys(ctx: ServiceContext, principal: Principal): Promise<ApiKeyView[]> {
  requireAdmin(principal, 'listing API keys');
  return (await listApiKeys(ctx.db)).map(toView);
}

export async function revokeKey(ctx: ServiceContext, principal: Principal, id: string): Promise<ApiKeyView> {
  requireAdmin(principal, 'revoking an API key');
  // Not a UUID names no key, and PostgreSQL would refuse it as a uuid: answer 404 without asking.
  const revoked = isUuid(id) ? await revokeApiKey(ctx.db, id, ctx.now()) : null;
  if (!revoked) throw new MotcuaError('api-key.not-found', `no API key with id '${id}'; GET /v1/admin/api-keys lists them`, { id });
  return toView(revoked);
}
