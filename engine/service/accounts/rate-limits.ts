// The limits on guessing: failed logins per account and per client address,
// failed tracking checks per receipt code and per client address. Counted in a
// store every API process shares (rate-limit-store.ts). An attempt while a key
// is blocked is refused before any work is done (no password hashed, no dossier read).
import { MotcuaError } from '../../motcua-error.ts';
import type { CounterSpec, CounterStore } from '../../store/rate-limit-store.ts';

export const loginPerAccount: CounterSpec = { name: 'login-account', points: 10, durationSeconds: 15 * 60 };
// A commune center's officers share one address behind its NAT: generous, but bounded.
export const loginPerAddress: CounterSpec = { name: 'login-address', points: 50, durationSeconds: 15 * 60 };
// Four check digits are 10,000 guesses: 5 per code per 15 minutes makes a guess a 1-in-2,000 chance a day.
export const trackingPerCode: CounterSpec = { name: 'tracking-code', points: 5, durationSeconds: 15 * 60 };
export const trackingPerAddress: CounterSpec = { name: 'tracking-address', points: 30, durationSeconds: 15 * 60 };

export type Attempt = Array<[CounterSpec, string]>;

/** Throws rate.limited (429, Retry-After) when any of the attempt's keys is blocked. */
export async function ensureNotBlocked(store: CounterStore, attempt: Attempt, what: string): Promise<void> {
  const waits = await Promise.all(attempt.map(([c, key]) => store.blockedFor(c, key)));
  const wait = Math.max(...waits);
  if (wait > 0) {
    const retryAfterSeconds = Math.ceil(wait / 1000);
    throw new MotcuaError('rate.limited', `too many failed ${what}; try again in ${retryAfterSeconds} seconds`, { retryAfterSeconds });
  }
}

export async function recordFailure(store: CounterStore, attempt: Attempt): Promise<void> {
  await Promise.all(attempt.map(([c, key]) => store.hit(c, key)));
}
