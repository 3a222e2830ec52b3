// The API as its own process (server/main.ts, PROCESS_ROLE=api) on a free port,
// so a benchmark's client does not share its event loop. Resolves once it
// listens; stop() sends SIGTERM and waits for the exit.
import { spawn } from 'node:child_process';
import { findFreePort } from '../server/start-embedded-postgres.ts';

export async function startApi(databaseUrl: string): Promise<{ url: string; stop: () => Promise<void> }> {
  const port = await findFreePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, DATABASE_URL: databaseUrl, PROCESS_ROLE: 'api', PORT: String(port), LOG_LEVEL: 'warn', SEED_DEMO: 'true' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (c) => (output += c));
  child.stderr.on('data', (c) => (output += c));
  await new Promise<void>((resolve, reject) => {
    const timer = setInterval(() => {
      if (output.includes('motcua is running at')) {
        clearInterval(timer);
        resolve();
      } else if (child.exitCode !== null) {
        clearInterval(timer);
        reject(new Error(`the API did not start:\n${output}`));
      }
    }, 100);
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.on('exit', () => resolve());
      child.kill('SIGTERM');
    });
  return { url: `http://127.0.0.1:${port}`, stop };
}
