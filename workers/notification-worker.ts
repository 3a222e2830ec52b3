// Records the notification of each status change for the applicant (Decree
// 224/2026: status changes pushed in real time), then fans it out: one delivery
// job per channel the applicant can be reached on. Idempotent per outbox row:
// a job run twice records once, plans once, and enqueues the same job ids.
import type { Job, Queue } from 'bullmq';
import type { Database } from '../engine/store/create-database.ts';
import { insertNotification } from '../engine/store/notification-store.ts';
import { planNotificationDeliveries } from '../engine/store/notification-delivery-store.ts';
import type { ChannelName, NotificationSettings } from '../engine/service/notifications/notification-channel.ts';
import { planDeliveries } from '../engine/service/notifications/plan-deliveries.ts';
import type { OutboxJob } from './outbox-relay.ts';

export interface NotificationFanOut {
  /** The queue of per-channel deliveries (workers/notification-delivery-worker.ts). */
  deliveries: Queue;
  channels: ReadonlySet<ChannelName>;
  settings: Pick<NotificationSettings, 'maxAttempts' | 'retryDelayMs'>;
}

export const deliveryJobName = 'deliver';

export function deliveryJobId(deliveryId: number): string {
  return `delivery-${deliveryId}`;
}

export function createNotificationProcessor(db: Database, now: () => Date, fanOut: NotificationFanOut) {
  return async (job: Job<OutboxJob>): Promise<void> => {
    const { outboxId, dossierId, payload } = job.data;
    if (!dossierId) return;
    const text = payload.text as { vi: string; en: string } | null;
    const receipt = String(payload.receiptCode);
    const code = String(payload.statusCode);
    if (payload.recipient !== 'applicant') {
      // Officers and supervisors read theirs in the console.
      await insertNotification(db, { outboxId, dossierId, recipient: String(payload.recipient), channel: 'console', messageVi: text?.vi ?? receipt, messageEn: text?.en ?? receipt, createdAt: now() });
      return;
    }
    await insertNotification(db, {
      outboxId,
      dossierId,
      recipient: String(payload.contact),
      channel: String(payload.channel),
      messageVi: `Hồ sơ ${receipt}: ${text?.vi ?? `trạng thái ${code}`}`,
      messageEn: `Dossier ${receipt}: ${text?.en ?? `status ${code}`}`,
      createdAt: now(),
    });
    // Rows written before email and Zalo existed carry only `contact` (the phone when channel is sms).
    const phone = typeof payload.phone === 'string' ? payload.phone : payload.channel === 'sms' ? String(payload.contact) : null;
    const planned = planDeliveries(
      { receiptCode: receipt, statusCode: Number(payload.statusCode), text, fullName: typeof payload.fullName === 'string' ? payload.fullName : null, phone, email: typeof payload.email === 'string' ? payload.email : null },
      fanOut.channels,
    );
    const pending = await planNotificationDeliveries(db, outboxId, planned, now());
    if (pending.length === 0) return;
    await fanOut.deliveries.addBulk(
      pending.map((id) => ({
        name: deliveryJobName,
        data: { deliveryId: id },
        opts: { jobId: deliveryJobId(id), attempts: fanOut.settings.maxAttempts, backoff: { type: 'exponential', delay: fanOut.settings.retryDelayMs }, removeOnComplete: { age: 24 * 3600 }, removeOnFail: { age: 30 * 24 * 3600 } },
      })),
    );
  };
}
