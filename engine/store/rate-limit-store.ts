// Counters of failed attempts (logins, tracking guesses), shared by every API
// process: rate-limiter-flexible with its counters in PostgreSQL (table
// rate_limits, migration 0007) or, with QUEUE_BACKEND=redis, in Redis. The
// library speaks to the store itself; this module is where it is wired.
import { createHash } from 'node:crypto';
import { Redis } from 'ioredis';
import { RateLimiterPostgres, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Database } from './create-database.ts';

export type CounterBackend = { kind: 'postgres'; db: Database } | { kind: 'redis'; url: string; prefix: string };

/** A counter: at most `points` failures per key within `durationSeconds` (a fixed window from the first failure). */
export interface CounterSpec {
  name: string;
  points: number;
  durationSeconds: number;
}

export interface CounterStore {
  /** Milliseconds until the key may try again; 0 while it has attempts left. */
  blockedFor(counter: CounterSpec, key: string): Promise<number>;
  /** Counts one failure. */
  hit(counter: CounterSpec, key: string): Promise<void>;
  /** Forgets the key's failures (after a success). */
  reset(counter: CounterSpec, key: string): Promise<void>;
  close(): Promise<void>;
}

export function openCounterStore(backend: CounterBackend): CounterStore {
  const redis = backend.kind === 'redis' ? new Redis(backend.url, { maxRetriesPerRequest: 2, enableOfflineQueue: true }) : null;
  const limiters = new Map<string, RateLimiterAbstract>();
  // PostgreSQL rows do not expire by themselves: clearExpiredByTimeout deletes those expired an hour ago, every 5 minutes.
  const limiter = (c: CounterSpec): RateLimiterAbstract => {
    let l = limiters.get(c.name);
    if (!l) {
      const common = { keyPrefix: c.name, points: c.points, duration: c.durationSeconds };
      l = redis
        ? new RateLimiterRedis({ ...common, storeClient: redis, keyPrefix: `${(backend as { prefix: string }).prefix}:rl:${c.name}` })
        : new RateLimiterPostgres({ ...common, storeClient: (backend as { db: Database }).db, storeType: 'knex', tableName: 'rate_limits', tableCreated: true, clearExpiredByTimeout: true });
      limiters.set(c.name, l);
    }
    return l;
  };
  // Keys are hashed: the table holds no usernames or client addresses, and every key fits its column.
  const keyOf = (key: string) => createHash('sha256').update(key).digest('hex');
  return {
    async blockedFor(c, key) {
      const res = await limiter(c).get(keyOf(key));
      return res && res.consumedPoints >= c.points ? Math.max(1, res.msBeforeNext) : 0;
    },
    async hit(c, key) {
      try {
        await limiter(c).consume(keyOf(key), 1);
      } catch (error) {
        // Over the limit already: the counter still counts; blockedFor answers the next attempt.
        if (!(error instanceof RateLimiterRes)) throw error;
      }
    },
    async reset(c, key) {
      await limiter(c).delete(keyOf(key));
    },
    async close() {
      redis?.disconnect();
    },
  };
}
