// Sends one planned delivery through its channel. A failed attempt throws so
// BullMQ retries it with exponential backoff; the last attempt marks the
// delivery `failed`, which puts it on the dead-letter list
// (GET /v1/notifications/dead-letters). A delivery already sent is not sent again.
import type { Job } from 'bullmq';
import type { Logger } from 'pino';
import type { Database } from '../engine/store/create-database.ts';
import { getDelivery, markDeliveryAttemptFailed, markDeliverySent } from '../engine/store/notification-delivery-store.ts';
import type { ChannelName, NotificationChannel } from '../engine/service/notifications/notification-channel.ts';

export interface DeliveryJob {
  deliveryId: number;
}

export function createNotificationDeliveryProcessor(db: Database, channels: ReadonlyMap<ChannelName, NotificationChannel>, now: () => Date, logger: Logger) {
  return async (job: Job<DeliveryJob>): Promise<void> => {
    const delivery = await getDelivery(db, job.data.deliveryId);
    if (!delivery || delivery.status !== 'pending') return;
    const attempt = job.attemptsMade + 1;
    const attempts = job.opts.attempts ?? 1;
    const log = logger.child({ jobId: job.id, deliveryId: delivery.id, dossierId: delivery.dossierId, channel: delivery.channel });
    const channel = channels.get(delivery.channel as ChannelName);
    try {
      if (!channel) throw new Error(`channel ${delivery.channel} is switched off in this deployment`);
      const messageId = await channel.send({ key: String(delivery.id), to: delivery.address, subject: delivery.subject, text: delivery.body });
      await markDeliverySent(db, delivery.id, messageId, attempt, now());
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const final = attempt >= attempts;
      await markDeliveryAttemptFailed(db, delivery.id, message, attempt, final, now());
      if (final) log.error({ attempt, attempts, err: error }, 'notification gave up: it is in the dead-letter list (GET /v1/notifications/dead-letters)');
      else log.warn({ attempt, attempts, err: error }, 'notification failed; retried with backoff');
      throw error;
    }
  };
}
