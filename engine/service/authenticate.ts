// Login with username and password → an opaque bearer token; token → principal.
// Tokens are random; only their SHA-256 is stored, with an expiry.
import { createHash, randomBytes } from 'node:crypto';
import { MotcuaError } from '../motcua-error.ts';
import { findUnit } from '../store/unit-store.ts';
import { findSessionUser, findUserByUsername, insertSession } from '../store/user-store.ts';
import { verifyPassword } from './password.ts';
import type { Principal } from './principal.ts';
import type { ServiceContext } from './service-context.ts';

const sessionHours = 12;

export async function login(ctx: ServiceContext, username: string, password: string): Promise<{ token: string; expiresAt: Date; principal: Principal }> {
  const user = await findUserByUsername(ctx.db, username);
  // Same error for unknown user and wrong password: no account enumeration.
  if (!user || !user.active || !(await verifyPassword(password, user.passwordHash)))
    throw new MotcuaError('auth.invalid-credentials', 'unknown username or wrong password; demo accounts are <role>.<unit id> with password demo (see the README)');
  const token = randomBytes(32).toString('base64url');
  const now = ctx.now();
  const expiresAt = new Date(now.getTime() + sessionHours * 3600_000);
  await insertSession(ctx.db, { tokenHash: hashToken(token), userId: user.id, createdAt: now, expiresAt });
  const unit = await findUnit(ctx.db, user.unitId);
  return { token, expiresAt, principal: { userId: user.id, username: user.username, role: user.role, unitId: user.unitId, unitLevel: unit!.level } };
}

// A verified token is trusted for a few seconds without asking the database
// again: every request authenticates, and the lookup would otherwise be a round
// trip on each. A deactivated account or expired session stops working within
// this window.
const cacheMs = 30_000;
const cacheLimit = 10_000;
const verified = new Map<string, { principal: Principal; until: number; expiresAt: number }>();

export async function authenticateToken(ctx: ServiceContext, token: string): Promise<Principal> {
  const tokenHash = hashToken(token);
  const now = ctx.now().getTime();
  const cached = verified.get(tokenHash);
  if (cached && cached.until > now && cached.expiresAt > now) return cached.principal;
  const session = await findSessionUser(ctx.db, tokenHash, ctx.now());
  if (!session) {
    verified.delete(tokenHash);
    throw new MotcuaError('auth.unauthenticated', 'the bearer token is unknown or expired; log in again with POST /v1/auth/login');
  }
  const { user, expiresAt } = session;
  const unit = await ctx.units.get(user.unitId);
  const principal: Principal = { userId: user.id, username: user.username, role: user.role, unitId: user.unitId, unitLevel: unit.level };
  if (verified.size >= cacheLimit) verified.clear();
  verified.set(tokenHash, { principal, until: now + cacheMs, expiresAt: expiresAt.getTime() });
  return principal;
}

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
