// Notifications to applicants and officers. One row per outbox effect at most:
// a job delivered twice still notifies once.
import type { Database } from './create-database.ts';

export interface NotificationRecord {
  id: number;
  outboxId: number;
  dossierId: string;
  recipient: string;
  channel: string;
  messageVi: string;
  messageEn: string;
  createdAt: Date;
}

export async function insertNotification(db: Database, n: Omit<NotificationRecord, 'id'>): Promise<boolean> {
  const rows = await db('notifications')
    .insert({ outbox_id: n.outboxId, dossier_id: n.dossierId, recipient: n.recipient, channel: n.channel, message_vi: n.messageVi, message_en: n.messageEn, created_at: n.createdAt })
    .onConflict('outbox_id')
    .ignore()
    .returning('id');
  return rows.length === 1;
}

export async function listNotifications(db: Database, dossierId: string): Promise<NotificationRecord[]> {
  const rows = (await db('notifications').where({ dossier_id: dossierId }).orderBy('id')) as Array<{
    id: number; outbox_id: number; dossier_id: string; recipient: string; channel: string; message_vi: string; message_en: string; created_at: Date;
  }>;
  return rows.map((r) => ({ id: r.id, outboxId: r.outbox_id, dossierId: r.dossier_id, recipient: r.recipient, channel: r.channel, messageVi: r.message_vi, messageEn: r.message_en, createdAt: r.created_at }));
}
