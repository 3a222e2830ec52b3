// The citizen's key to a dossier: its receipt code and the last four digits of
// the applicant's phone. An unknown code and wrong digits are one answer (same
// error, same work), and failures count per code and per client address, so
// neither the codes in use nor the digits can be found by trying.
import { timingSafeEqual } from 'node:crypto';
import { MotcuaError } from '../../motcua-error.ts';
import { findDossierByReceiptCode } from '../../store/dossier-store.ts';
import type { DossierRecord } from '../../store/records.ts';
import { ensureNotBlocked, recordFailure, trackingPerAddress, trackingPerCode, type Attempt } from '../accounts/rate-limits.ts';
import type { ServiceContext } from '../service-context.ts';

export interface TrackingKey {
  receiptCode: string;
  /** The last four digits of the applicant's phone number. */
  check: string;
  clientAddress: string;
}

export const trackingNotFound = () =>
  new MotcuaError('tracking.not-found', 'no dossier matches this receipt code and these check digits; check the code on your receipt (form 01) and send the last four digits of the phone number given at reception');

export async function findTrackedDossier(ctx: ServiceContext, key: TrackingKey): Promise<DossierRecord> {
  const attempt: Attempt = [[trackingPerCode, key.receiptCode.toUpperCase()], [trackingPerAddress, key.clientAddress]];
  await ensureNotBlocked(ctx.counters, attempt, 'tracking checks');
  const dossier = await findDossierByReceiptCode(ctx.db, key.receiptCode);
  // An unknown code compares against a value no check can equal, so both failures take the same path.
  const expected = dossier ? lastFourDigits(dossier.applicant.phone) : null;
  const matches = timingSafeEqual(Buffer.from((expected ?? 'xxxx').padStart(4, 'x')), Buffer.from(key.check.padStart(4, 'y').slice(0, 4))) && expected !== null;
  if (!dossier || !matches) {
    await recordFailure(ctx.counters, attempt);
    throw trackingNotFound();
  }
  return dossier;
}

function lastFourDigits(phone: unknown): string | null {
  if (typeof phone !== 'string') return null;
  const digits = phone.replace(/\D/g, '');
  return digits.length >= 4 ? digits.slice(-4) : null;
}
