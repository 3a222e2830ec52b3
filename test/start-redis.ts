// A private redis-server for the run when no TEST_REDIS_URL is given and the
// binary is on PATH; null when there is neither. The fault suite starts its own,
// on a port and data folder it chooses, so it can stop, restart and flush it:
// with a data folder the server keeps its data across a stop (append-only file).
import { spawn, spawnSync } from 'node:child_process';
import { createConnection } from 'node:net';
import { findFreePort } from '../server/start-embedded-postgres.ts';

export interface RedisServer {
  url: string;
  stop(): Promise<void>;
}

export async function startRedis(options: { port?: number; dataDir?: string } = {}): Promise<RedisServer | null> {
  if (spawnSync('redis-server', ['--version']).status !== 0) return null;
  const port = options.port ?? (await findFreePort());
  const persistence = options.dataDir ? ['--dir', options.dataDir, '--appendonly', 'yes', '--appendfsync', 'always'] : ['--appendonly', 'no'];
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', ...persistence], { stdio: 'ignore' });
  for (let i = 0; i < 100; i++) {
    if (await answers(port)) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    },
  };
}

function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' }, () => {
      socket.end();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}
