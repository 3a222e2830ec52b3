// API keys of integrations: hashed, scoped to a unit and roles, revocable.
import type { Database } from './create-database.ts';

export interface ApiKeyRecord {
  id: string;
  name: string;
  userId: string;
  unitId: string;
  roles: string[];
  createdBy: string;
  createdAt: Date;
  revokedAt: Date | null;
}

interface ApiKeyRow { id: string; name: string; key_hash: string; user_id: string; unit_id: string; roles: string[]; created_by: string; created_at: Date; revoked_at: Date | null }

const toRecord = (r: ApiKeyRow): ApiKeyRecord => ({ id: r.id, name: r.name, userId: r.user_id, unitId: r.unit_id, roles: r.roles, createdBy: r.created_by, createdAt: r.created_at, revokedAt: r.revoked_at });

export async function insertApiKey(db: Database, key: Omit<ApiKeyRecord, 'revokedAt'> & { keyHash: string }): Promise<void> {
  await db('api_keys').insert({ id: key.id, name: key.name, key_hash: key.keyHash, user_id: key.userId, unit_id: key.unitId, roles: JSON.stringify(key.roles), created_by: key.createdBy, created_at: key.createdAt });
}

export async function findApiKeyByName(db: Database, name: string): Promise<ApiKeyRecord | null> {
  const row = (await db('api_keys').where({ name }).first()) as ApiKeyRow | undefined;
  return row ? toRecord(row) : null;
}

/** A live key by its hash, with its service account still active. */
export async function findLiveApiKey(db: Database, keyHash: string): Promise<ApiKeyRecord | null> {
  const row = (await db('api_keys')
    .join('users', 'users.id', 'api_keys.user_id')
    .where('api_keys.key_hash', keyHash)
    .whereNull('api_keys.revoked_at')
    .andWhere('users.active', true)
    .first('api_keys.*')) as ApiKeyRow | undefined;
  return row ? toRecord(row) : null;
}

export async function listApiKeys(db: Database): Promise<ApiKeyRecord[]> {
  return ((await db('api_keys').orderBy('created_at')) as ApiKeyRow[]).map(toRecord);
}

export async function revokeApiKey(db: Database, id: string, at: Date): Promise<ApiKeyRecord | null> {
  const [row] = (await db('api_keys').where({ id }).update({ revoked_at: db.raw('coalesce(revoked_at, ?)', [at]) }).returning('*')) as ApiKeyRow[];
  return row ? toRecord(row) : null;
}
