// The one interface every notification channel implements. A channel sends one
// message to one address and resolves with the provider's message id; it throws
// when the provider refused or could not be reached (the delivery is retried).
export const channelNames = ['email', 'sms', 'zalo'] as const;
export type ChannelName = (typeof channelNames)[number];

export interface OutgoingMessage {
  /** Stable across attempts of one delivery: lets a gateway drop a repeat. */
  key: string;
  /** An email address for `email`, a phone number for `sms` and `zalo`. */
  to: string;
  /** Shown as the email subject; SMS and Zalo send `text` only. */
  subject: string;
  text: string;
}

export interface NotificationChannel {
  readonly name: ChannelName;
  /** How the channel delivers: `smtp`, `log`, … (shown in logs and metrics). */
  readonly transport: string;
  send(message: OutgoingMessage): Promise<string>;
  close(): Promise<void>;
}

/** `log`: write messages to the log; `off`: no such notifications; a URL: POST them to that gateway (create-webhook-channel.ts). */
export type ChannelTransport = 'log' | 'off' | `http://${string}` | `https://${string}`;

/**
 * How a deployment delivers notifications. `smtpUrl` null: emails are written
 * to the log instead of sent.
 */
export interface NotificationSettings {
  smtpUrl: string | null;
  mailFrom: string;
  sms: ChannelTransport;
  zalo: ChannelTransport;
  /** Attempts of one delivery before it goes to the dead-letter list. */
  maxAttempts: number;
  /** First delay of the exponential backoff between attempts, in ms. */
  retryDelayMs: number;
}

export const defaultNotificationSettings: NotificationSettings = { smtpUrl: null, mailFrom: 'Một cửa <no-reply@motcua.local>', sms: 'log', zalo: 'log', maxAttempts: 5, retryDelayMs: 5000 };
