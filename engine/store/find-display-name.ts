// An officer's name as printed on the forms they issue.
import type { Database } from './create-database.ts';

/** The user's display name, or null for an unknown id. */
export async function findDisplayName(db: Database, userId: string): Promise<string | null> {
  const row = (await db('users').select('display_name').where({ id: userId }).first()) as { display_name: string } | undefined;
  return row?.display_name ?? null;
}
