// Outgoing mail. With SMTP_URL set, messages leave through nodemailer; without it (a developer's machine, tests
// that do not read mail) they are only logged, and production refuses to start that way (config.ts). The log
// names the recipient and subject, never the body: a body may hold a verification code.
import nodemailer from 'nodemailer';
import type { Logger } from 'pino';
import type { Config } from '../../config.ts';

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  /** Resolves once the server accepted the message; rejects otherwise, so the outbox handler retries. */
  send(mail: Mail): Promise<void>;
}

export function createMailer(config: Pick<Config, 'smtpUrl' | 'mailFrom'>, log: Logger): Mailer {
  if (!config.smtpUrl) {
    return {
      async send(mail) {
        log.warn({ to: mail.to, subject: mail.subject }, 'thư không được gửi: SMTP_URL chưa được đặt');
      },
    };
  }
  const transport = nodemailer.createTransport({
    url: config.smtpUrl.reveal().toString(),
    // A server that hangs must fail the attempt and leave the retry to the job queue.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  return {
    async send(mail) {
      await transport.sendMail({ from: config.mailFrom, ...mail });
    },
  };
}
