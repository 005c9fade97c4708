// What the citizens tests share: a real SMTP server on loopback that keeps what it receives (and can refuse), a
// cookie jar for following redirects with fetch, and a signed-in applicant made through the public routes.
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { deliverCode, type Senders } from '../src/modules/citizens/verification.ts';
import type { Session, TestApp } from './harness.ts';
import { decodeMail } from './mail-decode.ts';

export interface ReceivedMail {
  to: string[];
  subject: string;
  text: string;
}

export interface MailCatcher {
  url: string;
  received: ReceivedMail[];
  /** The next `n` messages are refused with a temporary error (451), as a busy server does. */
  refuseNext(n: number): void;
  refused(): number;
  close(): Promise<void>;
}

export async function startMailCatcher(): Promise<MailCatcher> {
  const received: ReceivedMail[] = [];
  let toRefuse = 0;
  let refusedCount = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (toRefuse > 0) {
          toRefuse--;
          refusedCount++;
          return callback(Object.assign(new Error('Máy chủ thư đang bận, thử lại sau'), { responseCode: 451 }));
        }
        const to = session.envelope.rcptTo.map((r) => r.address);
        received.push({ to, ...decodeMail(Buffer.concat(chunks).toString('utf8')) });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    refuseNext: (n) => {
      toRefuse = n;
    },
    refused: () => refusedCount,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The six digits of a verification message. */
export function codeIn(mail: { text: string }): string {
  const code = /là: (\d{6})/.exec(mail.text)?.[1];
  if (!code) throw new Error(`no code in: ${mail.text}`);
  return code;
}

export async function until<T>(
  what: string,
  probe: () => Promise<T | undefined | false> | T | undefined | false,
  seconds = 30,
): Promise<T> {
  const end = Date.now() + seconds * 1000;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Browser cookies for one site, enough to follow a sign-in with fetch: name → value, expired ones dropped. */
export class CookieJar {
  readonly #cookies = new Map<string, string>();

  take(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const expired = attributes.some((a) => /^\s*(max-age=0|expires=thu, 01 jan 1970)/i.test(a));
      if (expired) this.#cookies.delete(name);
      else this.#cookies.set(name, pair.slice(at + 1).trim());
    }
  }

  get(name: string): string | undefined {
    return this.#cookies.get(name);
  }

  header(): string {
    return [...this.#cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

export const APPLICANT_PASSWORD = 'mat-khau-cua-nguoi-dan';

/** Senders that keep the codes in memory instead of sending them. */
export function capturingSenders(): Senders & { last(): string } {
  const texts: string[] = [];
  return {
    mail: { send: async (mail) => void texts.push(mail.text) },
    sms: { send: async (_to, text) => void texts.push(text) },
    last: () => /(\d{6})/.exec(texts.at(-1) ?? '')?.[1] ?? '',
  };
}

export async function applicantLogin(t: TestApp, login: string, password = APPLICANT_PASSWORD): Promise<Session> {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/applicant/login', payload: { login, password } });
  if (res.statusCode !== 200) throw new Error(`applicant login ${login}: ${res.statusCode} ${res.body}`);
  return sessionOf(res);
}

export function sessionOf(res: { cookies: { name: string; value: string }[]; json(): unknown }): Session {
  const cookie = res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const csrfToken = (res.json() as { csrfToken: string }).csrfToken;
  return { cookie, csrfToken, headers: { cookie, 'x-csrf-token': csrfToken } };
}

/** Signs up through the routes, delivers the code as the outbox handler does, and verifies: a signed-in applicant. */
export async function newApplicant(
  t: TestApp,
  kind: 'citizen' | 'business' = 'citizen',
): Promise<{ login: string; session: Session }> {
  const login = `nguoidan.${randomUUID().slice(0, 8)}@example.vn`;
  const signUp = await t.app.inject({
    method: 'POST',
    url: '/api/v1/applicant/signup',
    payload: { kind, login, password: APPLICANT_PASSWORD },
  });
  if (signUp.statusCode !== 202) throw new Error(`signup: ${signUp.statusCode} ${signUp.body}`);
  const request = await t.ctx.database.db
    .selectFrom('applicant_verification')
    .select('id')
    .where('address', '=', login)
    .executeTakeFirstOrThrow();
  const senders = capturingSenders();
  await deliverCode(t.ctx, request.id, senders);
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/applicant/verify',
    payload: { login, code: senders.last() },
  });
  if (res.statusCode !== 200) throw new Error(`verify: ${res.statusCode} ${res.body}`);
  return { login, session: sessionOf(res) };
}
