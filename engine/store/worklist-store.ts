// The worklist's candidate rows and the claims on dossiers (table dossier_claims, migration 0007).
import type { Database } from './create-database.ts';
import { toDossierRecord, type DossierRow } from './dossier-store.ts';
import type { DossierRecord } from './records.ts';

export interface ClaimRecord {
  dossierId: string;
  userId: string;
  username: string;
  claimedAt: Date;
}

export interface WorklistCandidatesQuery {
  /** The unit whose desk the dossiers wait at (held now). */
  unit: string;
  /** Receipt code or applicant name, already folded (foldForSearch) for the name. */
  search?: { text: string; folded: string };
  procedureCode?: string;
  limit: number;
}

/** Open dossiers held by the unit, with their claim, earliest due first. */
export async function listWorklistCandidates(db: Database, q: WorklistCandidatesQuery): Promise<Array<{ dossier: DossierRecord; claim: ClaimRecord | null }>> {
  const query = db('dossiers as d')
    .leftJoin('dossier_claims as c', 'c.dossier_id', 'd.id')
    .select('d.*', 'c.user_id as claim_user_id', 'c.username as claim_username', 'c.claimed_at as claim_claimed_at')
    .where('d.current_unit', q.unit)
    .whereNull('d.closed_at');
  if (q.procedureCode) query.andWhere('d.procedure_code', q.procedureCode);
  if (q.search) {
    const like = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query.andWhere((w) => w.whereILike('d.receipt_code', like(q.search!.text)).orWhereLike('d.applicant_search', like(q.search!.folded)));
  }
  const rows = (await query.orderByRaw('d.due_at ASC NULLS LAST, d.received_at ASC').limit(q.limit)) as Array<DossierRow & { claim_user_id: string | null; claim_username: string | null; claim_claimed_at: Date | null }>;
  return rows.map((r) => ({
    dossier: toDossierRecord(r),
    claim: r.claim_user_id ? { dossierId: r.id, userId: r.claim_user_id, username: r.claim_username!, claimedAt: r.claim_claimed_at! } : null,
  }));
}

export async function findClaim(db: Database, dossierId: string): Promise<ClaimRecord | null> {
  const row = (await db('dossier_claims').where({ dossier_id: dossierId }).first()) as { dossier_id: string; user_id: string; username: string; claimed_at: Date } | undefined;
  return row ? { dossierId: row.dossier_id, userId: row.user_id, username: row.username, claimedAt: row.claimed_at } : null;
}

export async function upsertClaim(db: Database, claim: ClaimRecord): Promise<void> {
  await db('dossier_claims')
    .insert({ dossier_id: claim.dossierId, user_id: claim.userId, username: claim.username, claimed_at: claim.claimedAt })
    .onConflict('dossier_id')
    .merge();
}

export async function deleteClaim(db: Database, dossierId: string): Promise<void> {
  await db('dossier_claims').where({ dossier_id: dossierId }).delete();
}
