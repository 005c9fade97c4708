// Sending verification codes: the outbox handler of `applicant.verification_requested`.
//
// The event carries only the request's id. The handler makes the code itself, keeps its argon2id hash and sends
// it, so the code in clear exists only in this function's memory and in the message: never in the outbox, the job
// queue, the logs or a backup. Each attempt makes a new code and starts its lifetime, so a mail server that is
// down for hours delays the code but never delivers one that has already expired. A retry after a message that
// did leave (the server failed to confirm it) sends a second code that replaces the first: the newest one counts.
import { randomInt } from 'node:crypto';
import type { AppContext } from '../../platform/context.ts';
import type { EventHandler } from '../../platform/events/bus.ts';
import { createMailer, type Mail, type Mailer } from '../../platform/mail/mailer.ts';
import { loggingSmsStub, type SmsSender } from '../../platform/mail/sms.ts';
import { hashPassword } from '../access/password.ts';
import * as store from './store.ts';

export const VERIFICATION_TOPIC = 'applicant.verification_requested';
const CODE_TTL_MINUTES = 15;

export interface Senders {
  mail: Mailer;
  sms: SmsSender;
}

const newCode = () => String(randomInt(0, 1_000_000)).padStart(6, '0');

function verificationMail(to: string, code: string): Mail {
  return {
    to,
    subject: 'Mã xác minh tài khoản dịch vụ công',
    text: [
      'Xin chào,',
      '',
      `Mã xác minh tài khoản dịch vụ công của bạn là: ${code}`,
      '',
      `Mã có hiệu lực trong ${CODE_TTL_MINUTES} phút và chỉ dùng được một lần. Không đưa mã này cho bất kỳ ai, kể cả người tự xưng là cán bộ.`,
      'Nếu bạn không đăng ký tài khoản, hãy bỏ qua thư này.',
    ].join('\n'),
  };
}

const verificationSms = (code: string) =>
  `Mã xác minh dịch vụ công: ${code}. Hiệu lực ${CODE_TTL_MINUTES} phút. Không đưa mã cho bất kỳ ai.`;

/** Sends a fresh code for one request; a request already used or superseded by a newer one sends nothing. */
export async function deliverCode(ctx: AppContext, verificationId: string, senders: Senders): Promise<void> {
  const db = ctx.database.db;
  const request = await store.findVerification(db, verificationId);
  if (!request || request.used_at) return;
  const latest = await store.latestVerification(db, request.applicant_id, request.address);
  if (latest?.id !== request.id) return;
  const code = newCode();
  const expiresAt = new Date(ctx.clock.now().getTime() + CODE_TTL_MINUTES * 60_000);
  await store.setCode(db, request.id, await hashPassword(code), expiresAt);
  if (request.channel === 'email') await senders.mail.send(verificationMail(request.address, code));
  else await senders.sms.send(request.address, verificationSms(code));
  await store.markSent(db, request.id, ctx.clock.now());
}

export function verificationHandler(ctx: AppContext, senders?: Senders): EventHandler {
  const using = senders ?? { mail: createMailer(ctx.config, ctx.log), sms: loggingSmsStub(ctx.log) };
  return {
    name: 'applicant-verification',
    topics: [VERIFICATION_TOPIC],
    handle: (payload) => deliverCode(ctx, String(payload.verificationId), using),
  };
}
