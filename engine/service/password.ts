// Password hashing with scrypt (memory-hard, in Node's standard library).
// Stored as scrypt$N$r$p$salt$hash so the cost can be raised later.
//
// Each derivation takes 16 MiB and tens of milliseconds of a CPU core on the
// libuv thread pool. Unbounded, 40 parallel logins occupy every core and every
// pool thread and starve all other requests; so derivations wait in a queue and
// at most one per spare core (up to 4) runs at once, leaving a core to the event loop.
import { availableParallelism } from 'node:os';
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { limitConcurrency } from './accounts/limit-concurrency.ts';

const N = 16384;
const r = 8;
const p = 1;
const keyLength = 32;

const scryptSlots = limitConcurrency(Math.max(1, Math.min(4, availableParallelism() - 1)));

function derive(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return scryptSlots.run(() => new Promise((resolve, reject) => scrypt(password, salt, keyLength, { ...options, maxmem: 64 * 1024 * 1024 }, (error, key) => (error ? reject(error) : resolve(key)))));
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, { N, r, p });
  return `scrypt$${N}$${r}$${p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

/** True when `password` matches `stored`. A stored value that is no scrypt hash (an API key's service account) matches nothing, after the same work. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, rr, pp, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !rr || !pp || !salt || !hash) {
    await verifyPassword(password, await dummyHash());
    return false;
  }
  const expected = Buffer.from(hash, 'base64url');
  const key = await derive(password, Buffer.from(salt, 'base64url'), { N: Number(n), r: Number(rr), p: Number(pp) });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

let dummy: Promise<string> | null = null;

/** A hash of a random password, made once per process: unknown usernames are checked against it, so they cost what a wrong password costs. */
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword(randomBytes(24).toString('base64url'));
  return dummy;
}
