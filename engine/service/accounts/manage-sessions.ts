// Ending sessions: logout, a password change (every other session of the
// account ends), an administrator disabling or enabling an account.
import { MotcuaError } from '../../motcua-error.ts';
import { deleteSession, deleteSessionsOf, setUserActive, updatePasswordHash } from '../../store/user-store.ts';
import { forgetToken, forgetUser, hashToken, verifyCredentials } from '../authenticate.ts';
import { hashPassword } from '../password.ts';
import type { Principal } from '../principal.ts';
import type { ServiceContext } from '../service-context.ts';

/** Shortest password accepted by a change: NIST SP 800-63B §3.1.1.2 asks at least 8. */
export const minPasswordLength = 10;

export async function logout(ctx: ServiceContext, token: string): Promise<void> {
  await deleteSession(ctx.db, hashToken(token));
  forgetToken(token);
}

/**
 * The caller changes their own password, proving the current one (a wrong one
 * counts as a failed login). Every other session of the account ends; the
 * caller's own stays.
 */
export async function changePassword(ctx: ServiceContext, principal: Principal, token: string, command: { currentPassword: string; newPassword: string }, clientAddress: string): Promise<{ sessionsEnded: number }> {
  if (command.newPassword.length < minPasswordLength)
    throw new MotcuaError('auth.password-too-weak', `the new password has ${command.newPassword.length} characters; use at least ${minPasswordLength}`, { minLength: minPasswordLength });
  if (command.newPassword === command.currentPassword) throw new MotcuaError('auth.password-too-weak', 'the new password is the current one; choose another');
  const user = await verifyCredentials(ctx, principal.username, command.currentPassword, clientAddress);
  const passwordHash = await hashPassword(command.newPassword);
  const result = await ctx.db.transaction(async (trx) => {
    await updatePasswordHash(trx, user.id, passwordHash);
    return { sessionsEnded: await deleteSessionsOf(trx, user.id, hashToken(token)) };
  });
  forgetUser(user.id);
  return result;
}

/** An administrator disables (every session ends, API keys stop) or enables an account. */
export async function setAccountActive(ctx: ServiceContext, principal: Principal, username: string, active: boolean): Promise<{ username: string; active: boolean; sessionsEnded: number }> {
  requireAdmin(principal, active ? 'enabling an account' : 'disabling an account');
  if (username === principal.username && !active) throw new MotcuaError('request.invalid', 'an administrator cannot disable their own account; ask another administrator');
  const result = await ctx.db.transaction(async (trx) => {
    const user = await setUserActive(trx, username, active);
    if (!user) throw new MotcuaError('account.not-found', `no account '${username}'`, { username });
    const sessionsEnded = active ? 0 : await deleteSessionsOf(trx, user.id);
    return { userId: user.id, sessionsEnded };
  });
  forgetUser(result.userId);
  return { username, active, sessionsEnded: result.sessionsEnded };
}

export function requireAdmin(principal: Principal, action: string): void {
  if (principal.role !== 'admin') throw new MotcuaError('auth.forbidden', `${action} needs the role admin; you are ${principal.role} at ${principal.unitId}`, { role: principal.role });
}
