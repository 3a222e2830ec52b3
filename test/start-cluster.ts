// A scaled-out deployment in separate processes (server/main.ts with
// PROCESS_ROLE=api / worker) against one database and one queue backend, for
// the fault and scale-out suites: processes can be killed with SIGKILL and
// started again, and every process's output (dead ones included) is kept for
// failure messages.
import { findFreePort } from '../server/start-embedded-postgres.ts';
import { spawnServer, type ServerProcess } from './spawn-server.ts';

export type Backend = { kind: 'postgres' } | { kind: 'redis'; url: string; prefix: string };

export interface Cluster {
  apis: ServerProcess[];
  workers: ServerProcess[];
  /** Starts (or restarts, on the same port) API process `index`. */
  startApi(index: number): Promise<ServerProcess>;
  /** Starts (or restarts) worker process `index`. */
  startWorker(index: number): Promise<ServerProcess>;
  /** The last lines each process wrote, for a failure message. */
  logs(): string;
  stop(): Promise<void>;
}

export async function startCluster(databaseUrl: string, backend: Backend, size = { apis: 2, workers: 2 }): Promise<Cluster> {
  const env: Record<string, string> = { DATABASE_URL: databaseUrl, OUTBOX_POLL_MS: '200', RECONCILE_EVERY_MS: '1000', LOG_LEVEL: 'warn' };
  if (backend.kind === 'redis') Object.assign(env, { QUEUE_BACKEND: 'redis', REDIS_URL: backend.url, QUEUE_PREFIX: backend.prefix });
  const ports = await Promise.all(Array.from({ length: size.apis }, () => findFreePort()));
  const all: Array<{ name: string; process: ServerProcess }> = [];
  const cluster: Cluster = {
    apis: [],
    workers: [],
    startApi: async (index) => {
      const p = await spawnServer({ ...env, PROCESS_ROLE: 'api', PORT: String(ports[index]) }, 'motcua is running at');
      all.push({ name: `api ${index}`, process: p });
      cluster.apis[index] = p;
      return p;
    },
    startWorker: async (index) => {
      const p = await spawnServer({ ...env, PROCESS_ROLE: 'worker', PORT: '0' }, 'motcua workers are running');
      all.push({ name: `worker ${index}`, process: p });
      cluster.workers[index] = p;
      return p;
    },
    logs: () => all.map(({ name, process }) => `--- ${name} (pid ${process.child.pid}, ${process.child.exitCode ?? process.child.signalCode ?? 'running'}):\n${process.output().slice(-3000)}`).join('\n'),
    stop: async () => {
      for (const { process } of all) await process.kill('SIGKILL');
    },
  };
  // One at a time: each process checks migrations and the seed when it starts.
  for (let i = 0; i < size.apis; i++) await cluster.startApi(i);
  for (let i = 0; i < size.workers; i++) await cluster.startWorker(i);
  return cluster;
}
