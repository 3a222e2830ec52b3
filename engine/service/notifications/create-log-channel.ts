// A channel that writes each message to the log instead of sending it: the
// default for SMS and Zalo until a provider adapter is configured, and for email
// without SMTP_URL. The message stays auditable in the notifications table.
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { ChannelName, NotificationChannel } from './notification-channel.ts';

export function createLogChannel(name: ChannelName, logger: Logger): NotificationChannel {
  return {
    name,
    transport: 'log',
    async send(message) {
      const id = `log-${randomUUID()}`;
      logger.info({ channel: name, to: message.to, subject: message.subject, messageId: id }, message.text);
      return id;
    },
    async close() {},
  };
}
