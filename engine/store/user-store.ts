// Accounts and bearer sessions.
import type { Database } from './create-database.ts';
import type { UserRecord } from './records.ts';

interface UserRow { id: string; username: string; password_hash: string; role: string; unit_id: string; display_name: string; active: boolean }

const toRecord = (r: UserRow): UserRecord => ({ id: r.id, username: r.username, passwordHash: r.password_hash, role: r.role, unitId: r.unit_id, displayName: r.display_name, active: r.active });

export async function insertUsers(db: Database, users: Array<Omit<UserRecord, 'id' | 'active'>>): Promise<void> {
  if (users.length === 0) return;
  await db('users')
    .insert(users.map((u) => ({ username: u.username, password_hash: u.passwordHash, role: u.role, unit_id: u.unitId, display_name: u.displayName })))
    .onConflict('username')
    .ignore();
}

export async function findUserByUsername(db: Database, username: string): Promise<UserRecord | null> {
  const row = await db<UserRow>('users').where({ username }).first();
  return row ? toRecord(row) : null;
}

export async function countUsers(db: Database): Promise<number> {
  const row = await db('users').count<{ n: string }>({ n: '*' }).first();
  return Number(row?.n ?? 0);
}

export async function insertSession(db: Database, session: { tokenHash: string; userId: string; createdAt: Date; expiresAt: Date }): Promise<void> {
  await db('sessions').insert({ token_hash: session.tokenHash, user_id: session.userId, created_at: session.createdAt, expires_at: session.expiresAt });
}

export async function findSessionUser(db: Database, tokenHash: string, now: Date): Promise<{ user: UserRecord; expiresAt: Date } | null> {
  const row = (await db('sessions')
    .join('users', 'users.id', 'sessions.user_id')
    .where('sessions.token_hash', tokenHash)
    .andWhere('sessions.expires_at', '>', now)
    .andWhere('users.active', true)
    .first('users.*', 'sessions.expires_at as session_expires_at')) as (UserRow & { session_expires_at: Date }) | undefined;
  return row ? { user: toRecord(row), expiresAt: row.session_expires_at } : null;
}

/** Whether `unitId` has at least one active account with `role` (e.g. a receiving desk). */
export async function unitHasRole(db: Database, unitId: string, role: string): Promise<boolean> {
  const row = await db('users').where({ unit_id: unitId, role, active: true }).first('id');
  return row !== undefined;
}

export async function deleteSession(db: Database, tokenHash: string): Promise<boolean> {
  return (await db('sessions').where({ token_hash: tokenHash }).delete()) > 0;
}

/** Revokes every session of an account, but `keepTokenHash` (the caller's own, after a password change). */
export async function deleteSessionsOf(db: Database, userId: string, keepTokenHash: string | null = null): Promise<number> {
  const query = db('sessions').where({ user_id: userId });
  if (keepTokenHash) query.whereNot({ token_hash: keepTokenHash });
  return query.delete();
}

export async function updatePasswordHash(db: Database, userId: string, passwordHash: string): Promise<void> {
  await db('users').where({ id: userId }).update({ password_hash: passwordHash });
}

/** Enables or disables an account; null when there is no such username. */
export async function setUserActive(db: Database, username: string, active: boolean): Promise<UserRecord | null> {
  const [row] = (await db('users').where({ username }).update({ active }).returning('*')) as UserRow[];
  return row ? toRecord(row) : null;
}

export async function insertServiceUser(db: Database, user: { username: string; role: string; unitId: string; displayName: string }): Promise<string> {
  // '!' is no scrypt hash: the account cannot log in with a password.
  const [row] = (await db('users').insert({ username: user.username, password_hash: '!', role: user.role, unit_id: user.unitId, display_name: user.displayName }).returning('id')) as Array<{ id: string }>;
  return row!.id;
}

/** Usernames by user id, for showing who acted in a history; ids with no user are left out. */
export async function findUsernames(db: Database, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = (await db('users').whereIn('id', [...ids]).select('id', 'username')) as Array<{ id: string; username: string }>;
  return new Map(rows.map((r) => [r.id, r.username]));
}
