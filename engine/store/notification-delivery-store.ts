// Rows of notification_deliveries: one per notification and channel. Planning
// is safe to repeat (unique per notification and channel); a delivery is sent
// at most once it is marked `sent`, and `failed` rows are the dead-letter list.
import type { Database } from './create-database.ts';

export interface DeliveryRecord {
  id: number;
  notificationId: number;
  dossierId: string;
  receiptCode: string;
  channel: string;
  address: string;
  subject: string;
  body: string;
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  lastError: string | null;
  providerMessageId: string | null;
  createdAt: Date;
  sentAt: Date | null;
  failedAt: Date | null;
}

interface DeliveryRow {
  id: string; notification_id: string; dossier_id: string; receipt_code: string; channel: string; address: string; subject: string; body: string;
  status: DeliveryRecord['status']; attempts: number; last_error: string | null; provider_message_id: string | null; created_at: Date; sent_at: Date | null; failed_at: Date | null;
}

const toRecord = (r: DeliveryRow): DeliveryRecord => ({
  id: Number(r.id), notificationId: Number(r.notification_id), dossierId: r.dossier_id, receiptCode: r.receipt_code, channel: r.channel, address: r.address, subject: r.subject, body: r.body,
  status: r.status, attempts: r.attempts, lastError: r.last_error, providerMessageId: r.provider_message_id, createdAt: r.created_at, sentAt: r.sent_at, failedAt: r.failed_at,
});

function selectDeliveries(db: Database) {
  return db('notification_deliveries as d')
    .join('notifications as n', 'n.id', 'd.notification_id')
    .join('dossiers as s', 's.id', 'n.dossier_id')
    .select('d.*', 'n.dossier_id', 's.receipt_code');
}

/**
 * Plans the deliveries of the notification written for `outboxId` (once per
 * channel) and returns the ids of those still pending, including any planned
 * by an earlier run of the same job.
 */
export async function planNotificationDeliveries(db: Database, outboxId: number, deliveries: Array<{ channel: string; address: string; subject: string; body: string }>, at: Date): Promise<number[]> {
  const notification = (await db('notifications').where({ outbox_id: outboxId }).first('id')) as { id: string } | undefined;
  if (!notification) return [];
  if (deliveries.length > 0)
    await db('notification_deliveries')
      .insert(deliveries.map((d) => ({ notification_id: notification.id, channel: d.channel, address: d.address, subject: d.subject, body: d.body, status: 'pending', created_at: at })))
      .onConflict(['notification_id', 'channel'])
      .ignore();
  const rows = (await db('notification_deliveries').where({ notification_id: notification.id, status: 'pending' }).orderBy('id').pluck('id')) as string[];
  return rows.map(Number);
}

export async function getDelivery(db: Database, id: number): Promise<DeliveryRecord | null> {
  const row = (await selectDeliveries(db).where('d.id', id).first()) as DeliveryRow | undefined;
  return row ? toRecord(row) : null;
}

export async function markDeliverySent(db: Database, id: number, providerMessageId: string, attempts: number, at: Date): Promise<void> {
  await db('notification_deliveries').where({ id, status: 'pending' }).update({ status: 'sent', provider_message_id: providerMessageId, attempts, sent_at: at, last_error: null });
}

/** Records a failed attempt; `final` moves the delivery to the dead-letter list. */
export async function markDeliveryAttemptFailed(db: Database, id: number, error: string, attempts: number, final: boolean, at: Date): Promise<void> {
  await db('notification_deliveries')
    .where({ id, status: 'pending' })
    .update({ attempts, last_error: error, ...(final ? { status: 'failed', failed_at: at } : {}) });
}

/** Deliveries that gave up, newest first; `units` null: every unit, else dossiers received, decided, held or returned there. */
export async function listFailedDeliveries(db: Database, query: { units: string[] | null; limit: number }): Promise<DeliveryRecord[]> {
  const q = selectDeliveries(db).where('d.status', 'failed').orderBy('d.failed_at', 'desc').orderBy('d.id', 'desc').limit(query.limit);
  if (query.units)
    q.where((w) => w.whereIn('s.receiving_unit', query.units!).orWhereIn('s.competent_unit', query.units!).orWhereIn('s.current_unit', query.units!).orWhereIn('s.return_unit', query.units!));
  return ((await q) as DeliveryRow[]).map(toRecord);
}
