// Login with username and password → an opaque bearer token; token (or API
// key) → principal. Tokens are random; only their SHA-256 is stored, with an
// expiry. Server-side sessions, not signed tokens: logout, a password change
// and disabling an account take effect at once, in every process (README, "Sessions").
import { createHash, randomBytes } from 'node:crypto';
import { MotcuaError } from '../motcua-error.ts';
import { findLiveApiKey } from '../store/api-key-store.ts';
import { findSessionUser, findUserByUsername, insertSession } from '../store/user-store.ts';
import type { UserRecord } from '../store/records.ts';
import { ensureNotBlocked, loginPerAccount, loginPerAddress, recordFailure, type Attempt } from './accounts/rate-limits.ts';
import { dummyHash, verifyPassword } from './password.ts';
import { listUnitSubtree, type Principal } from './principal.ts';
import type { ServiceContext } from './service-context.ts';

const sessionHours = 12;
/** API keys start with this, so a log line or a leaked header tells what it is. */
export const apiKeyPrefix = 'mck_';

/** The one answer to a failed login, whatever failed: it says nothing about which accounts exist or what any password is. */
export const invalidCredentials = () => new MotcuaError('auth.invalid-credentials', 'unknown username or wrong password; check both and try again, or ask your administrator to reset the password');

/**
 * Checks a username and password. Unknown usernames, disabled accounts and wrong
 * passwords cost the same scrypt work and get the same error. Failures count
 * per account and per client address; a blocked key answers rate.limited
 * (429) before any password is hashed, even a right one.
 */
export async function verifyCredentials(ctx: ServiceContext, username: string, password: string, clientAddress: string): Promise<UserRecord> {
  const attempt: Attempt = [[loginPerAccount, username.toLowerCase()], [loginPerAddress, clientAddress]];
  await ensureNotBlocked(ctx.counters, attempt, 'logins');
  const user = await findUserByUsername(ctx.db, username);
  const matches = await verifyPassword(password, user?.passwordHash ?? (await dummyHash()));
  if (!user || !user.active || !matches) {
    await recordFailure(ctx.counters, attempt);
    throw invalidCredentials();
  }
  await ctx.counters.reset(loginPerAccount, username.toLowerCase());
  return user;
}

/** `clientAddress`: where the request came from, for the per-address limit ('in-process' for callers without one). */
export async function login(ctx: ServiceContext, username: string, password: string, clientAddress = 'in-process'): Promise<{ token: string; expiresAt: Date; principal: Principal }> {
  const user = await verifyCredentials(ctx, username, password, clientAddress);
  const token = randomBytes(32).toString('base64url');
  const now = ctx.now();
  const expiresAt = new Date(now.getTime() + sessionHours * 3600_000);
  await insertSession(ctx.db, { tokenHash: hashToken(token), userId: user.id, createdAt: now, expiresAt });
  return { token, expiresAt, principal: await toPrincipal(ctx, user.id, user.username, user.role, user.unitId) };
}

// A verified token is trusted for a couple of seconds without asking the
// database again: a burst of requests from one console costs one lookup. It is
// also the longest a revoked session, a disabled account or a revoked key keeps
// working in another process; this process forgets a token at its logout.
// The window is real time (Date.now), not the engine's clock: it bounds how long
// this process trusts a lookup, whatever time a test clock says it is.
const cacheMs = 2_000;
const cacheLimit = 10_000;
const verified = new Map<string, { principal: Principal; until: number; expiresAt: number }>();

/**
 * Bearer token or API key → principal. An API key with several roles acts in
 * `asRole` (the X-Motcua-Role header), by default its first role.
 */
export async function authenticateToken(ctx: ServiceContext, token: string, asRole: string | null = null): Promise<Principal> {
  // Keyed by the token itself, which this process holds anyway while it answers: a hit costs no hashing.
  const cacheKey = `${token}:${asRole ?? ''}`;
  const now = ctx.now().getTime();
  const cached = verified.get(cacheKey);
  if (cached && cached.until > Date.now() && cached.expiresAt > now) return cached.principal;
  verified.delete(cacheKey);
  const tokenHash = hashToken(token);
  let principal: Principal;
  let expiresAt = Infinity;
  if (token.startsWith(apiKeyPrefix)) {
    const key = await findLiveApiKey(ctx.db, tokenHash);
    if (!key) throw new MotcuaError('auth.unauthenticated', 'the API key is unknown or revoked; ask an administrator for a new one');
    const role = asRole ?? key.roles[0]!;
    if (!key.roles.includes(role)) throw new MotcuaError('auth.forbidden', `this API key may act as ${key.roles.join(' or ')}, not ${role}`, { roles: key.roles });
    principal = await toPrincipal(ctx, key.userId, key.name, role, key.unitId);
  } else {
    const session = await findSessionUser(ctx.db, tokenHash, ctx.now());
    if (!session) throw new MotcuaError('auth.unauthenticated', 'the bearer token is unknown, expired or logged out; log in again with POST /v1/auth/login');
    const { user } = session;
    principal = await toPrincipal(ctx, user.id, user.username, user.role, user.unitId);
    expiresAt = session.expiresAt.getTime();
  }
  if (verified.size >= cacheLimit) verified.clear();
  verified.set(cacheKey, { principal, until: Date.now() + cacheMs, expiresAt });
  return principal;
}

/** Forgets a token in this process at once (logout); other processes forget it within the cache time. */
export function forgetToken(token: string): void {
  for (const key of verified.keys()) if (key.startsWith(`${token}:`)) verified.delete(key);
}

/** Forgets every cached token of an account in this process (password changed, account disabled). */
export function forgetUser(userId: string): void {
  for (const [key, entry] of verified) if (entry.principal.userId === userId) verified.delete(key);
}

async function toPrincipal(ctx: ServiceContext, userId: string, username: string, role: string, unitId: string): Promise<Principal> {
  const unit = await ctx.units.get(unitId);
  const principal: Principal = { userId, username, role, unitId, unitLevel: unit.level };
  if (role === 'supervisor') principal.supervisedUnits = listUnitSubtree(await ctx.units.all(), unitId);
  return principal;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
