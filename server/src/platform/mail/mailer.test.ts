// Without a mail server or an SMS gateway nothing is sent, and what is logged instead never holds the text: a
// verification code must not reach the logs.
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { createMailer } from './mailer.ts';
import { loggingSmsStub } from './sms.ts';

function capturedLog() {
  const lines: string[] = [];
  return { log: pino({ level: 'info' }, { write: (line: string) => void lines.push(line) }), lines };
}

describe('mail and SMS without a server', () => {
  it('logs the recipient and subject of a mail, not its body', async () => {
    const { log, lines } = capturedLog();
    const mailer = createMailer({ smtpUrl: undefined, mailFrom: 'no-reply@localhost' }, log);
    await mailer.send({ to: 'nguoidan@example.vn', subject: 'Mã xác minh', text: 'Mã của bạn là: 123456' });
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({
      to: 'nguoidan@example.vn',
      subject: 'Mã xác minh',
      msg: 'thư không được gửi: SMTP_URL chưa được đặt',
    });
    expect(lines[0]).not.toContain('123456');
  });

  it('says an SMS was not sent, with the number masked and without the text', async () => {
    const { log, lines } = capturedLog();
    await loggingSmsStub(log).send('+84912345678', 'Mã xác minh dịch vụ công: 654321');
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({ to: '+8491…678' });
    expect(lines[0]).toMatch(/KHÔNG được gửi/);
    expect(lines[0]).not.toMatch(/654321|912345678/);
  });
});
