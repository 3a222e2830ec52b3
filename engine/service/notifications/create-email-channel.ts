// Email through nodemailer's SMTP transport (SMTP_URL, e.g.
// smtps://user:password@mail.example.gov.vn:465). Plain text, UTF-8: the
// Vietnamese subject is MIME-encoded by nodemailer.
import nodemailer from 'nodemailer';
import type { NotificationChannel } from './notification-channel.ts';

export function createEmailChannel(smtpUrl: string, from: string): NotificationChannel {
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    name: 'email',
    transport: 'smtp',
    async send(message) {
      const info = await transport.sendMail({ from, to: message.to, subject: message.subject, text: message.text });
      return String(info.messageId);
    },
    async close() {
      transport.close();
    },
  };
}
