// The channels a deployment delivers through, built once from its settings.
import type { Logger } from 'pino';
import { createEmailChannel } from './create-email-channel.ts';
import { createLogChannel } from './create-log-channel.ts';
import type { ChannelName, NotificationChannel, NotificationSettings } from './notification-channel.ts';

export function createNotificationChannels(settings: NotificationSettings, logger: Logger): Map<ChannelName, NotificationChannel> {
  const channels = new Map<ChannelName, NotificationChannel>();
  channels.set('email', settings.smtpUrl ? createEmailChannel(settings.smtpUrl, settings.mailFrom) : createLogChannel('email', logger));
  if (settings.sms === 'log') channels.set('sms', createLogChannel('sms', logger));
  if (settings.zalo === 'log') channels.set('zalo', createLogChannel('zalo', logger));
  return channels;
}
