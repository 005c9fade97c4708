// Text messages to mobile phones. The interface is what a carrier or SMS-gateway adapter implements; no adapter
// exists yet, so the only implementation is a stub that SENDS NOTHING: it logs that a message was due (never its
// text, which may hold a verification code) and resolves, so phone sign-ups cannot be verified until an adapter is
// added (docs/citizens.md).
import type { Logger } from 'pino';

export interface SmsSender {
  /** `to` in +84 form. Resolves once the gateway accepted the message. */
  send(to: string, text: string): Promise<void>;
}

export function loggingSmsStub(log: Logger): SmsSender {
  return {
    async send(to) {
      log.warn({ to: `${to.slice(0, 5)}…${to.slice(-3)}` }, 'tin nhắn SMS KHÔNG được gửi: chưa có nhà cung cấp SMS');
    },
  };
}
