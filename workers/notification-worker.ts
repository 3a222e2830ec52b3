// Records the notification of each status change for the applicant (Decree
// 224/2026: status changes pushed in real time). Idempotent per outbox row.
import type { Job } from 'bullmq';
import type { Database } from '../engine/store/create-database.ts';
import { insertNotification } from '../engine/store/notification-store.ts';
import type { OutboxJob } from './outbox-relay.ts';

export function createNotificationProcessor(db: Database, now: () => Date) {
  return async (job: Job<OutboxJob>): Promise<void> => {
    const { outboxId, dossierId, payload } = job.data;
    if (!dossierId) return;
    const text = payload.text as { vi: string; en: string } | null;
    const receipt = String(payload.receiptCode);
    const code = String(payload.statusCode);
    if (payload.recipient === 'applicant') {
      await insertNotification(db, {
        outboxId,
        dossierId,
        recipient: String(payload.contact),
        channel: String(payload.channel),
        messageVi: `Hồ sơ ${receipt}: ${text?.vi ?? `trạng thái ${code}`}`,
        messageEn: `Dossier ${receipt}: ${text?.en ?? `status ${code}`}`,
        createdAt: now(),
      });
      return;
    }
    // Officers and supervisors read theirs in the console.
    await insertNotification(db, { outboxId, dossierId, recipient: String(payload.recipient), channel: 'console', messageVi: text?.vi ?? receipt, messageEn: text?.en ?? receipt, createdAt: now() });
  };
}
