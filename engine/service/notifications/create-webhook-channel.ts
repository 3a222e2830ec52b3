// SMS or Zalo through an HTTP gateway the deployment runs or rents: each message
// is POSTed as JSON `{channel, to, subject, text}` with `Idempotency-Key:
// notification-<delivery id>` (the same on every attempt, so the gateway can
// drop a repeat). A 2xx answer is delivery; anything else, or no answer within
// 10 s, throws and the delivery is retried.
import type { ChannelName, NotificationChannel } from './notification-channel.ts';

export function createWebhookChannel(name: ChannelName, url: string): NotificationChannel {
  return {
    name,
    transport: 'webhook',
    async send(message) {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': `notification-${message.key}` },
        body: JSON.stringify({ channel: name, to: message.to, subject: message.subject, text: message.text }),
        signal: AbortSignal.timeout(10_000),
      });
      const answer = await res.text();
      if (!res.ok) throw new Error(`the ${name} gateway ${new URL(url).host} answered ${res.status}: ${answer.slice(0, 200)}`);
      return res.headers.get('x-message-id') ?? `${name}-${message.key}`;
    },
    async close() {},
  };
}
