// Prometheus metrics (prom-client), one registry per app so several systems in
// one process (tests) do not mix. Request latency is measured here; everything
// else is read at scrape time: transitions and recorded deadlines from the
// audit trail (every process's, since this one started), queue counts from
// BullMQ, the outbox backlog and overdue dossiers from PostgreSQL.
import type { Queue } from 'bullmq';
import type { NextFunction, Request, Response } from 'express';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { ServiceContext } from '../../engine/service/service-context.ts';
import { countEventsSince, countOverdueByUnit, lastEventId, readOutboxBacklog } from '../../engine/store/metrics-store.ts';

/**
 * Audit events that record something other than a transition of the state
 * machine (engine/service: due dates, pauses, overdue passings, files, form 04,
 * version migrations). Every other event type is the event a transition took.
 */
export const bookkeepingEvents = new Set(['DUE_DATE_CHANGED', 'CLOCK_PAUSED', 'OVERDUE', 'ATTACHMENT_ADDED', 'EXTENSION_ISSUED', 'MIGRATED']);

export interface Metrics {
  contentType: string;
  /** Reads what is read at scrape time, then renders every metric in the Prometheus text format. */
  scrape(): Promise<string>;
  /** Express middleware timing every request, labelled by its route pattern. */
  timeRequests(req: Request, res: Response, next: NextFunction): void;
}

/**
 * `queues` null: a registry that is never scraped (an app built without a
 * system, in tests); otherwise the audit-trail counters start counting now,
 * not at the first scrape.
 */
export function createMetrics(ctx: ServiceContext, queues: Record<string, Queue> | null): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'motcua_process_' });
  const latency = new Histogram({
    name: 'motcua_http_request_duration_seconds',
    help: 'HTTP request latency by method, route pattern and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const transitions = new Counter({ name: 'motcua_transitions_total', help: 'Dossier transitions committed since this process started, by procedure and event (RECEIVED: a new dossier)', labelNames: ['procedure', 'event'], registers: [registry] });
  const deadlines = new Counter({ name: 'motcua_deadlines_recorded_total', help: 'Deadline passings recorded (OVERDUE events) since this process started, by procedure and scope (step or statutory)', labelNames: ['procedure', 'scope'], registers: [registry] });

  // One pass over new audit events per scrape, however many metrics read it.
  // Ids are taken at insert and become visible at commit, so an event whose
  // transaction commits after a scrape that saw a later id is not counted: a
  // rare undercount of one event, never a double count.
  let cursor: number | null = null;
  // Events committed after this point are counted. A failure here (database not
  // reachable yet) leaves the cursor unset; the first scrape sets it instead.
  let pending: Promise<void> = queues
    ? lastEventId(ctx.db).then(
        (id) => void (cursor ??= id),
        () => undefined,
      )
    : Promise.resolve();
  const readEvents = async () => {
    if (cursor === null) cursor = await lastEventId(ctx.db);
    const { counts, lastId } = await countEventsSince(ctx.db, cursor);
    cursor = lastId;
    for (const c of counts) {
      if (c.type === 'OVERDUE') deadlines.inc({ procedure: c.procedure, scope: c.scope ?? 'statutory' }, c.count);
      else if (!bookkeepingEvents.has(c.type)) transitions.inc({ procedure: c.procedure, event: c.type }, c.count);
    }
  };
  const queueDepth = new Gauge({ name: 'motcua_queue_depth', help: 'Jobs waiting or running, per queue', labelNames: ['queue'], registers: [registry] });
  const queueDelayed = new Gauge({ name: 'motcua_queue_delayed_jobs', help: 'Jobs waiting for their time (deadlines, retries with backoff), per queue', labelNames: ['queue'], registers: [registry] });
  const queueFailed = new Gauge({ name: 'motcua_queue_failed_jobs', help: 'Jobs that failed for good and are kept for inspection, per queue', labelNames: ['queue'], registers: [registry] });
  const outboxPending = new Gauge({ name: 'motcua_outbox_pending_rows', help: 'Committed effects not yet relayed to the queues', registers: [registry] });
  const outboxLag = new Gauge({ name: 'motcua_outbox_lag_seconds', help: 'Age of the oldest effect not yet relayed (0: none waiting)', registers: [registry] });
  const overdue = new Gauge({ name: 'motcua_dossiers_overdue', help: 'Open dossiers past their statutory due date with the clock running, by the unit holding them', labelNames: ['unit'], registers: [registry] });

  const refresh = async () => {
    await readEvents();
    for (const [key, queue] of Object.entries(queues ?? {})) {
      const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'failed', 'prioritized', 'waiting-children');
      const name = queue.name ?? key;
      queueDepth.set({ queue: name }, (counts.waiting ?? 0) + (counts.active ?? 0) + (counts.prioritized ?? 0) + (counts['waiting-children'] ?? 0));
      queueDelayed.set({ queue: name }, counts.delayed ?? 0);
      queueFailed.set({ queue: name }, counts.failed ?? 0);
    }
    const now = ctx.now();
    const backlog = await readOutboxBacklog(ctx.db);
    outboxPending.set(backlog.pending);
    outboxLag.set(backlog.oldest ? Math.max(0, (now.getTime() - backlog.oldest.getTime()) / 1000) : 0);
    const byUnit = await countOverdueByUnit(ctx.db, now);
    for (const unit of (await ctx.units.all()).keys()) overdue.set({ unit }, byUnit.get(unit) ?? 0);
  };

  return {
    contentType: registry.contentType,
    async scrape() {
      // Serialized: two scrapes at once would count the same audit events twice.
      const run = (pending = pending.then(refresh, refresh));
      await run;
      return registry.metrics();
    },
    timeRequests(req, res, next) {
      const end = latency.startTimer();
      res.on('finish', () => {
        // The route pattern, never the raw URL: ids would make a series per dossier.
        const route = req.route ? `${req.baseUrl}${String((req.route as { path: string }).path)}` : 'unmatched';
        end({ method: req.method, route, status: String(res.statusCode) });
      });
      next();
    },
  };
}
