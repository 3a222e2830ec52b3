// The channels a deployment delivers through, built once from its settings.
import type { Logger } from 'pino';
import { createEmailChannel } from './create-email-channel.ts';
import { createLogChannel } from './create-log-channel.ts';
import { createWebhookChannel } from './create-webhook-channel.ts';
import type { ChannelName, NotificationChannel, NotificationSettings } from './notification-channel.ts';

export function createNotificationChannels(settings: NotificationSettings, logger: Logger): Map<ChannelName, NotificationChannel> {
  const channels = new Map<ChannelName, NotificationChannel>();
  channels.set('email', settings.smtpUrl ? createEmailChannel(settings.smtpUrl, settings.mailFrom) : createLogChannel('email', logger));
  for (const name of ['sms', 'zalo'] as const) {
    const transport = settings[name];
    if (transport === 'log') channels.set(name, createLogChannel(name, logger));
    else if (transport !== 'off') channels.set(name, createWebhookChannel(name, transport));
  }
  return channels;
}
