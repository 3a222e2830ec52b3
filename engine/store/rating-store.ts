// Citizens' ratings of a returned dossier (table dossier_ratings, migration 0005): one per dossier.
import type { Database } from './create-database.ts';

export interface RatingRecord {
  dossierId: string;
  score: number;
  comment: string | null;
  ratedAt: Date;
}

/** Inserts the dossier's rating; false when it was already rated (the primary key refuses a second one). */
export async function insertRating(db: Database, rating: RatingRecord): Promise<boolean> {
  const rows = await db('dossier_ratings')
    .insert({ dossier_id: rating.dossierId, score: rating.score, comment: rating.comment, rated_at: rating.ratedAt })
    .onConflict('dossier_id')
    .ignore()
    .returning('dossier_id');
  return rows.length === 1;
}

export async function findRating(db: Database, dossierId: string): Promise<RatingRecord | null> {
  const row = (await db('dossier_ratings').where({ dossier_id: dossierId }).first()) as { dossier_id: string; score: number; comment: string | null; rated_at: Date } | undefined;
  return row ? { dossierId: row.dossier_id, score: row.score, comment: row.comment, ratedAt: row.rated_at } : null;
}
