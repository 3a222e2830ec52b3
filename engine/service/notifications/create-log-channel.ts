// A channel that writes each message to the log instead of sending it: the
// default for SMS and Zalo until a provider adapter is configured, and for email
// without SMTP_URL. The message stays auditable in the notifications table.
//
// Logs travel further than the database (shipped, kept, read by operators), so
// the log line carries no personal data: the address is masked and the text —
// which greets the applicant by name — is left out (Decree 13/2023/NĐ-CP:
// personal data processed only for its purpose).
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { ChannelName, NotificationChannel } from './notification-channel.ts';

export function createLogChannel(name: ChannelName, logger: Logger): NotificationChannel {
  return {
    name,
    transport: 'log',
    async send(message) {
      const id = `log-${randomUUID()}`;
      logger.info({ channel: name, to: maskAddress(message.to), subject: message.subject, messageId: id }, `notification by ${name} written to the log instead of sent (no ${name} provider configured)`);
      return id;
    },
    async close() {},
  };
}

/** "0912345678" → "******5678"; "an@example.vn" → "a***@example.vn": enough to tell deliveries apart, not to contact anyone. */
export function maskAddress(address: string): string {
  const at = address.indexOf('@');
  if (at > 0) return `${address[0]}***${address.slice(at)}`;
  return address.length <= 4 ? '****' : `${'*'.repeat(address.length - 4)}${address.slice(-4)}`;
}
