// The real system, started by startTestSystem, with its connectors pointed at
// a local peer: the catalogue is copied to a temporary folder whose
// connectors.yaml has short timeouts and few attempts (the procedure files are
// the same, so the seed finds them already published), and the first backoff
// delay is a few milliseconds instead of production's seconds.
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConnectorEnv } from '../engine/service/connectors/connector-settings.ts';
import { startTestSystem, type TestSystem } from './start-test-system.ts';

export interface ConnectorTestOptions {
  queue: 'postgres' | 'redis';
  env: ConnectorEnv;
  /** connectors.yaml settings of national-business-registry. */
  timeoutMs: number;
  maxAttempts: number;
  retryDelayMs: number;
}

export async function startConnectorTestSystem(options: ConnectorTestOptions): Promise<TestSystem> {
  const proceduresDir = await mkdtemp(join(tmpdir(), 'motcua-connectors-'));
  await cp('procedures', proceduresDir, { recursive: true });
  await writeFile(
    join(proceduresDir, 'connectors.yaml'),
    [
      'connectors:',
      '  national-business-registry:',
      '    description: test double of the national business registration system',
      `    timeoutMs: ${options.timeoutMs}`,
      `    maxAttempts: ${options.maxAttempts}`,
      '    events: [RESULT_RECEIVED, REGISTRATION_REFUSED]',
      '',
    ].join('\n'),
  );
  return startTestSystem({
    queue: options.queue,
    proceduresDir,
    connectors: { env: options.env, retryDelayMs: options.retryDelayMs },
    cleanup: () => rm(proceduresDir, { recursive: true, force: true }),
  });
}
