// BullMQ on either backend: its built-in PostgreSQL backend (schema `bullmq` in
// the application's database; the default) or Redis. Everything else in
// workers/ asks this module for queues and workers and never cares which.
import { createPostgresBackend, Queue, Worker, type Processor, type WorkerOptions } from 'bullmq';
import { Redis } from 'ioredis';

export type QueueBackendConfig = { kind: 'postgres'; url: string } | { kind: 'redis'; url: string };

export const queueNames = {
  notify: 'motcua-notify',
  deadline: 'motcua-deadline',
} as const;

// A hash tag keeps every key of every queue in one Redis Cluster slot, as BullMQ requires.
const redisPrefix = '{motcua}';

export function createQueue(name: string, backend: QueueBackendConfig): Queue {
  if (backend.kind === 'postgres') return new Queue(name, { connection: { connectionString: backend.url, max: 4 } }, createPostgresBackend) as unknown as Queue;
  return new Queue(name, { connection: new Redis(backend.url, { maxRetriesPerRequest: null }), prefix: redisPrefix });
}

export function createWorker<T>(name: string, processor: Processor<T>, backend: QueueBackendConfig, options: Partial<WorkerOptions> = {}): Worker<T> {
  if (backend.kind === 'postgres')
    return new Worker(name, processor, { ...options, connection: { connectionString: backend.url, max: 4 } }, createPostgresBackend) as unknown as Worker<T>;
  return new Worker(name, processor, { ...options, connection: new Redis(backend.url, { maxRetriesPerRequest: null }), prefix: redisPrefix });
}
