// Redis-backend tests run against a real Redis. Without one they are skipped
// with a loud line (see global-setup) — except in CI, where that is a failure.
import { describe, inject, it } from 'vitest';

export function describeWithRedis(name: string, body: () => void): void {
  if (inject('redisUrl')) {
    describe(name, body);
  } else if (process.env.CI === 'true') {
    describe(name, () => {
      it('needs a Redis server in CI', () => {
        throw new Error('no Redis: set TEST_REDIS_URL or put redis-server on PATH (.ci/run installs it)');
      });
    });
  } else {
    describe.skip(`${name} (SKIPPED: no Redis on this machine)`, body);
  }
}
