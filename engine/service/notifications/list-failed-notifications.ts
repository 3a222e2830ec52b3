// The notification dead-letter list: deliveries that spent every attempt,
// newest first, with the provider's last answer. Same audience as the connector
// dead-letter list: a unit's supervisors see their unit's dossiers, the
// province's supervisors and administrators see all.
import { listFailedDeliveries } from '../../store/notification-delivery-store.ts';
import { deadLetterScope } from '../connectors/list-dead-letters.ts';
import type { Principal } from '../principal.ts';
import type { ServiceContext } from '../service-context.ts';

export interface FailedNotificationView {
  id: number;
  dossierId: string;
  receiptCode: string;
  channel: string;
  address: string;
  subject: string;
  attempts: number;
  lastError: string | null;
  failedAt: string | null;
}

export async function listFailedNotifications(ctx: ServiceContext, principal: Principal, query: { limit: number }): Promise<FailedNotificationView[]> {
  const rows = await listFailedDeliveries(ctx.db, { units: deadLetterScope(principal, 'reading failed notifications'), limit: query.limit });
  return rows.map((d) => ({ id: d.id, dossierId: d.dossierId, receiptCode: d.receiptCode, channel: d.channel, address: d.address, subject: d.subject, attempts: d.attempts, lastError: d.lastError, failedAt: d.failedAt?.toISOString() ?? null }));
}
