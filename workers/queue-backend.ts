// BullMQ on either backend: its built-in PostgreSQL backend (schema `bullmq` in
// the application's database; the default) or Redis. Everything else in
// workers/ asks this module for queues and workers and never cares which.
import { createPostgresBackend, Queue, Worker, type Processor, type WorkerOptions } from 'bullmq';
import { Redis } from 'ioredis';

export type QueueBackendConfig = { kind: 'postgres'; url: string } | { kind: 'redis'; url: string; prefix?: string };

export const queueNames = {
  notify: 'motcua-notify',
  deliver: 'motcua-notify-deliver',
  deadline: 'motcua-deadline',
  handoff: 'motcua-handoff',
  connector: 'motcua-connector',
} as const;

// A hash tag keeps every key of every queue in one Redis Cluster slot, as BullMQ requires.
// The prefix separates deployments (and test runs) sharing one Redis.
function redisPrefix(backend: { prefix?: string }): string {
  return `{${backend.prefix ?? 'motcua'}}`;
}

export function createQueue(name: string, backend: QueueBackendConfig): Queue {
  if (backend.kind === 'postgres') return new Queue(name, { connection: { connectionString: backend.url, max: 2 } }, createPostgresBackend) as unknown as Queue;
  return new Queue(name, { connection: new Redis(backend.url, { maxRetriesPerRequest: null }), prefix: redisPrefix(backend) });
}

// Our jobs are short database transactions: a job whose worker died is taken up
// again after 15 s rather than BullMQ's default 30 s lock plus 30 s check.
const recovery: Partial<WorkerOptions> = { lockDuration: 15_000, stalledInterval: 5_000 };

export function createWorker<T>(name: string, processor: Processor<T>, backend: QueueBackendConfig, overrides: Partial<WorkerOptions> = {}): Worker<T> {
  const options = { ...recovery, ...overrides };
  if (backend.kind === 'postgres')
    return new Worker(name, processor, { ...options, connection: { connectionString: backend.url, max: 2 } }, createPostgresBackend) as unknown as Worker<T>;
  return new Worker(name, processor, { ...options, connection: new Redis(backend.url, { maxRetriesPerRequest: null }), prefix: redisPrefix(backend) });
}
