// The applicant rates the handling of their dossier once, after the result is
// returned (status 10): 1–5 and an optional comment, through the tracking key.
// Counted in the Decision 766/QĐ-TTg satisfaction indicator.
import { MotcuaError } from '../../motcua-error.ts';
import { insertRating } from '../../store/rating-store.ts';
import type { ServiceContext } from '../service-context.ts';
import { findTrackedDossier, type TrackingKey } from './find-tracked-dossier.ts';

export async function rateDossier(ctx: ServiceContext, key: TrackingKey, command: { score: number; comment?: string }): Promise<{ receiptCode: string; score: number; comment: string | null; ratedAt: string }> {
  const dossier = await findTrackedDossier(ctx, key);
  if (dossier.statusCode !== 10)
    throw new MotcuaError('rating.not-allowed', `a dossier can be rated once its result is returned (status 10); this one is at status ${dossier.statusCode}`, { statusCode: dossier.statusCode });
  const ratedAt = ctx.now();
  const comment = command.comment?.trim() || null;
  if (!(await insertRating(ctx.db, { dossierId: dossier.id, score: command.score, comment, ratedAt })))
    throw new MotcuaError('rating.exists', `dossier ${dossier.receiptCode} has already been rated; a dossier is rated once`);
  return { receiptCode: dossier.receiptCode, score: command.score, comment, ratedAt: ratedAt.toISOString() };
}
