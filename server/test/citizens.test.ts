// Citizen and business accounts through HTTP: sign-up proved by a code that travels by real SMTP through the
// outbox, sign-in with lockout, sessions kept apart from staff sessions, profile with the identity-number and
// tax-code rules of DOMAIN.md §2, password change, rate limits.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventHandlers } from '../src/app.ts';
import { fixedClock } from '../src/platform/clock.ts';
import { EventBus } from '../src/platform/events/bus.ts';
import {
  APPLICANT_PASSWORD,
  applicantLogin,
  codeIn,
  type MailCatcher,
  sessionOf,
  startMailCatcher,
  until,
} from './citizens-helpers.ts';
import { type TestApp, testApp } from './harness.ts';

const MINUTE = 60_000;
const clock = fixedClock(new Date());
let t: TestApp;
let mail: MailCatcher;
let bus: EventBus;

beforeAll(async () => {
  mail = await startMailCatcher();
  t = await testApp({
    clock,
    env: { SMTP_URL: mail.url, LOGIN_RATE_PER_MINUTE: '10000', LOGIN_MAX_FAILURES: '3', LOGIN_LOCK_MINUTES: '15' },
  });
  // The application's own handlers, with short retry delays so a refusing mail server costs seconds, not minutes.
  const handlers = eventHandlers(t.ctx).map((h) => ({ ...h, retryDelaySeconds: 1 }));
  bus = new EventBus(t.ctx.database, handlers, { relayIntervalMs: 100, pollingIntervalSeconds: 0.5 });
  await bus.start();
});
afterAll(async () => {
  await bus.stop();
  await t.close();
  await mail.close();
});

let n = 0;
const newAddress = () => `cong.dan.${Date.now()}.${++n}@example.vn`;
const post = (url: string, payload: unknown, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url, payload: payload as object, headers });
const signUp = (login: string, extra: Record<string, unknown> = {}) =>
  post('/api/v1/applicant/signup', { kind: 'citizen', login, password: APPLICANT_PASSWORD, ...extra });
const verify = (login: string, code: string) => post('/api/v1/applicant/verify', { login, code });
const mailsTo = (address: string) => mail.received.filter((m) => m.to.includes(address));
const nthMail = (address: string, count: number) =>
  until(`mail ${count} to ${address}`, () => mailsTo(address).length >= count && mailsTo(address)[count - 1], 60);
/** The message of the newest request: an older request superseded before it left sends nothing. */
async function newestMail(address: string) {
  await until(`the newest code for ${address} to leave`, async () => {
    const newest = await t.ctx.database.db
      .selectFrom('applicant_verification')
      .select('sent_at')
      .where('address', '=', address)
      .orderBy('created_at', 'desc')
      .executeTakeFirst();
    return newest?.sent_at;
  });
  return mailsTo(address).at(-1) as { text: string };
}
const otherCode = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

/** A signed-in applicant whose code came by mail (the running bus sends it; the test reads it). */
async function proved(kind: 'citizen' | 'business' = 'citizen') {
  const login = newAddress();
  await signUp(login, { kind });
  const res = await verify(login, codeIn(await nthMail(login, 1)));
  if (res.statusCode !== 200) throw new Error(`verify: ${res.statusCode} ${res.body}`);
  return { login, session: sessionOf(res) };
}

describe('sign-up by e-mail', () => {
  it('sends a code by SMTP through the outbox; the code proves the address and signs in', async () => {
    const login = newAddress();
    const res = await signUp(login, { fullName: 'Nguyễn Văn An' });
    expect(res.statusCode).toBe(202);
    expect(res.json().message).toBe('Mã xác minh đang được gửi tới email đã đăng ký.');
    const message = await nthMail(login, 1);
    expect(message.subject).toBe('Mã xác minh tài khoản dịch vụ công');
    expect(message.text).toContain('Mã có hiệu lực trong 15 phút');
    const code = codeIn(message);

    const wrong = await verify(login, otherCode(code));
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors).toEqual([{ field: 'code', message: 'Mã xác minh không đúng (còn 4 lần thử).' }]);

    const ok = await verify(login, code);
    expect(ok.statusCode).toBe(200);
    const cookie = ok.cookies.find((c) => c.name === 'congso_applicant');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    const me = await t.app.inject({
      url: '/api/v1/applicant/me',
      headers: { cookie: `congso_applicant=${cookie?.value}` },
    });
    expect(me.statusCode).toBe(200);
    expect(me.headers.etag).toBe('"1"');
    expect(me.json()).toMatchObject({
      kind: 'citizen',
      email: login,
      emailVerified: true,
      fullName: 'Nguyễn Văn An',
      hasPassword: true,
      identityVerified: false,
    });
    expect((await verify(login, code)).json().title).toBe('Tài khoản đã được xác minh. Hãy đăng nhập.');

    // The code in clear was in the message only: not in the outbox, the job queue, or the verification row.
    const rows = await t.ctx.database.executeSql<{ text: string }>(
      `SELECT payload::text AS text FROM outbox UNION ALL SELECT data::text FROM pgboss.job
       UNION ALL SELECT coalesce(code_hash, '') FROM applicant_verification`,
    );
    expect(rows.rows.some((r) => r.text.includes(code))).toBe(false);
    const stored = await t.ctx.database.db
      .selectFrom('applicant_verification')
      .select(['code_hash', 'sent_at', 'used_at'])
      .where('address', '=', login)
      .executeTakeFirstOrThrow();
    expect(stored.code_hash).toMatch(/^\$argon2id\$/);
    expect(stored.sent_at).not.toBeNull();
    expect(stored.used_at).not.toBeNull();
  });

  it('still delivers the code when the mail server refuses it at first', async () => {
    mail.refuseNext(2);
    const login = newAddress();
    expect((await signUp(login)).statusCode).toBe(202);
    const message = await nthMail(login, 1);
    expect(mail.refused()).toBeGreaterThanOrEqual(2);
    expect((await verify(login, codeIn(message))).statusCode).toBe(200);
  });

  it('refuses an expired code, and after five wrong guesses even the right one', async () => {
    const login = newAddress();
    await signUp(login);
    const first = codeIn(await nthMail(login, 1));
    clock.advance(16 * MINUTE);
    expect((await verify(login, first)).json().errors[0].message).toBe('Mã xác minh đã hết hạn. Hãy yêu cầu mã mới.');

    expect((await post('/api/v1/applicant/verify/resend', { login })).statusCode).toBe(202);
    const second = codeIn(await nthMail(login, 2));
    for (let left = 4; left >= 0; left--) {
      const res = await verify(login, otherCode(second));
      expect(res.json().errors[0].message).toBe(
        left > 0 ? `Mã xác minh không đúng (còn ${left} lần thử).` : 'Mã xác minh không đúng. Hãy yêu cầu mã mới.',
      );
    }
    const blocked = await verify(login, second);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().title).toBe('Đã nhập sai mã xác minh quá số lần cho phép. Hãy yêu cầu mã mới.');
    expect((await verify(login, 'abc123')).json().errors[0]).toEqual({
      field: 'code',
      message: 'Mã xác minh gồm đúng 6 chữ số.',
    });
  });

  it('sends at most one new code a minute, and only the newest code counts', async () => {
    const login = newAddress();
    await signUp(login);
    const first = codeIn(await nthMail(login, 1));
    await post('/api/v1/applicant/verify/resend', { login });
    const requests = () =>
      t.ctx.database.db.selectFrom('applicant_verification').select('id').where('address', '=', login).execute();
    expect(await requests()).toHaveLength(1);
    clock.advance(MINUTE + 1000);
    await post('/api/v1/applicant/verify/resend', { login });
    expect(await requests()).toHaveLength(2);
    const second = codeIn(await nthMail(login, 2));
    if (second !== first) expect((await verify(login, first)).statusCode).toBe(400);
    expect((await verify(login, second)).statusCode).toBe(200);
    // Asking again for a proved address sends nothing and says nothing different.
    const again = await post('/api/v1/applicant/verify/resend', { login });
    expect(again.statusCode).toBe(202);
    expect(await requests()).toHaveLength(2);
  });

  it('lets a new sign-up take over an address nobody proved, never a proved one', async () => {
    const login = newAddress();
    await signUp(login, { password: 'mat-khau-cua-ke-la-mat' });
    clock.advance(1000);
    await signUp(login, { kind: 'business' });
    const code = codeIn(await newestMail(login));
    expect((await verify(login, code)).statusCode).toBe(200);
    const session = await applicantLogin(t, login);
    const me = await t.app.inject({ url: '/api/v1/applicant/me', headers: session.headers });
    expect(me.json().kind).toBe('business');
    const taken = await signUp(login);
    expect(taken.statusCode).toBe(409);
    expect(taken.json().title).toBe('Email này đã có tài khoản. Hãy đăng nhập.');
  });

  it('explains bad input in Vietnamese, naming the field', async () => {
    const cases: [Record<string, unknown>, string, string][] = [
      [{ login: 'nguyenvanan' }, 'login', 'Số điện thoại di động chỉ gồm chữ số, bắt đầu bằng 0 hoặc +84.'],
      [{ login: '0212345678' }, 'login', 'Số điện thoại di động có đầu số 021 không phải đầu số di động ở Việt Nam.'],
      [{ login: 'an@example' }, 'login', 'Email không đúng dạng (ví dụ: ten@example.vn).'],
      [{ password: 'ngan' }, 'password', 'Mật khẩu phải có ít nhất 10 ký tự.'],
      [{ kind: 'school' }, 'kind', 'Giá trị của trường "kind" không nằm trong các giá trị được chấp nhận.'],
    ];
    for (const [override, field, message] of cases) {
      const res = await post('/api/v1/applicant/signup', {
        kind: 'citizen',
        login: newAddress(),
        password: APPLICANT_PASSWORD,
        ...override,
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().errors).toEqual([{ field, message }]);
    }
  });
});

describe('sign-up by phone', () => {
  it('stores the number as +84 and hands the code to the SMS adapter, which does not send yet', async () => {
    const res = await signUp('0912 345 678');
    expect(res.statusCode).toBe(202);
    expect(res.json().message).toBe('Mã xác minh đang được gửi tới số điện thoại đã đăng ký.');
    const request = await until('the SMS stub to take the code', () =>
      t.ctx.database.db
        .selectFrom('applicant_verification')
        .select(['channel', 'sent_at'])
        .where('address', '=', '+84912345678')
        .where('sent_at', 'is not', null)
        .executeTakeFirst(),
    );
    expect(request.channel).toBe('phone');
    expect(mail.received.some((m) => m.to.some((to) => to.includes('912345678')))).toBe(false);
  });
});

describe('sign-in and sessions', () => {
  it('signs in with the proved address and password, and out again', async () => {
    const { login } = await proved();
    const session = await applicantLogin(t, login);
    const me = () => t.app.inject({ url: '/api/v1/applicant/me', headers: session.headers });
    expect((await me()).statusCode).toBe(200);
    expect((await post('/api/v1/applicant/logout', {}, session.headers)).statusCode).toBe(204);
    expect((await me()).statusCode).toBe(401);
  });

  it('gives one answer for an unknown address and a wrong password, and refuses an unproved account', async () => {
    const { login } = await proved();
    for (const attempt of [
      { login: newAddress(), password: APPLICANT_PASSWORD },
      { login, password: 'khong-phai-mat-khau' },
    ]) {
      const res = await post('/api/v1/applicant/login', attempt);
      expect(res.statusCode).toBe(401);
      expect(res.json().title).toBe('Email, số điện thoại hoặc mật khẩu không đúng.');
    }
    const unproved = newAddress();
    await signUp(unproved);
    const res = await post('/api/v1/applicant/login', { login: unproved, password: APPLICANT_PASSWORD });
    expect(res.statusCode).toBe(403);
    expect(res.json().title).toBe('Tài khoản chưa được xác minh. Hãy nhập mã xác minh đã gửi hoặc yêu cầu mã mới.');
  });

  it('locks an account after LOGIN_MAX_FAILURES wrong passwords, until LOGIN_LOCK_MINUTES pass', async () => {
    const { login } = await proved();
    for (let i = 0; i < 3; i++) await post('/api/v1/applicant/login', { login, password: 'sai-mat-khau-roi' });
    const locked = await post('/api/v1/applicant/login', { login, password: APPLICANT_PASSWORD });
    expect(locked.statusCode).toBe(429);
    expect(locked.json().title).toBe('Tài khoản tạm bị khoá do đăng nhập sai nhiều lần. Vui lòng thử lại sau.');
    clock.advance(16 * MINUTE);
    expect((await post('/api/v1/applicant/login', { login, password: APPLICANT_PASSWORD })).statusCode).toBe(200);
  });

  it('keeps staff and applicant sessions apart, and asks for the CSRF token on writes', async () => {
    const { session } = await proved();
    const staff = await t.login('motcua.tinh');
    expect((await t.app.inject({ url: '/api/v1/applicant/me', headers: staff.headers })).statusCode).toBe(401);
    expect((await t.app.inject({ url: '/api/v1/me', headers: session.headers })).statusCode).toBe(401);
    const noCsrf = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/applicant/me',
      headers: { cookie: session.cookie, 'if-match': '"1"' },
      payload: { fullName: 'Trần Thị Bình' },
    });
    expect(noCsrf.statusCode).toBe(403);
  });
});

describe('profile', () => {
  const unitId = async (code: string) =>
    (await t.ctx.database.db.selectFrom('admin_unit').select('id').where('code', '=', code).executeTakeFirstOrThrow())
      .id;
  const patch = (headers: Record<string, string>, version: number | null, payload: object) =>
    t.app.inject({
      method: 'PATCH',
      url: '/api/v1/applicant/me',
      headers: version === null ? headers : { ...headers, 'if-match': `"${version}"` },
      payload,
    });

  it('refuses a wrong identity number, tax code and address together, each with its field', async () => {
    const { session } = await proved('business');
    const res = await patch(session.headers, 1, {
      identityNumber: '003205012345',
      taxCode: '0100109107',
      address: { line: 'Số 1 đường Trần Phú', adminUnitId: await unitId('954') },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([
      {
        field: 'identityNumber',
        message:
          'Số định danh cá nhân bắt đầu bằng 003, không phải mã tỉnh nơi đăng ký khai sinh trong danh mục của Bộ Công an.',
      },
      { field: 'taxCode', message: 'Mã số thuế 0100109107 sai chữ số kiểm tra (chữ số thứ 10).' },
      {
        field: 'address.adminUnitId',
        message: 'Địa chỉ: đơn vị hành chính cấp xã không tồn tại hoặc không còn hiệu lực.',
      },
    ]);
  });

  it('refuses a birth year in the future and a commune abolished on 01/07/2025', async () => {
    const { session } = await proved();
    const nextYear = (new Date().getFullYear() + 1) % 100;
    const future = await patch(session.headers, 1, {
      identityNumber: `0952${String(nextYear).padStart(2, '0')}012345`,
    });
    expect(future.json().errors[0].message).toMatch(/^Số định danh cá nhân cho năm sinh \d{4}, sau năm hiện tại/);
    const abolished = await patch(session.headers, 1, {
      address: { line: 'Khóm 1', adminUnitId: await unitId('31813') },
    });
    expect(abolished.json().errors[0].field).toBe('address.adminUnitId');
    const businessName = await patch(session.headers, 1, { businessName: 'Công ty TNHH Một thành viên' });
    expect(businessName.json().errors[0].message).toBe('Tên doanh nghiệp chỉ dùng cho tài khoản doanh nghiệp.');
  });

  it('saves a valid profile against the version read, and refuses a stale one', async () => {
    const { session } = await proved('business');
    expect((await patch(session.headers, null, { fullName: 'Lê Văn Cường' })).json().errors[0].field).toBe('If-Match');
    const res = await patch(session.headers, 1, {
      fullName: 'Lê Văn Cường',
      identityNumber: '095 2 05 012345',
      taxCode: '0100109106001',
      businessName: 'Công ty TNHH Thủy sản Bạc Liêu',
      address: { line: 'Số 12 đường Hai Bà Trưng', adminUnitId: await unitId('32501') },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers.etag).toBe('"2"');
    expect(res.json()).toMatchObject({
      fullName: 'Lê Văn Cường',
      identityNumber: '095205012345',
      taxCode: '0100109106-001',
      businessName: 'Công ty TNHH Thủy sản Bạc Liêu',
      address: { line: 'Số 12 đường Hai Bà Trưng', adminUnit: { code: '32501', name: 'Phường Bạc Liêu' } },
      version: 2,
    });
    expect((await patch(session.headers, 1, { fullName: 'Lê Văn C' })).statusCode).toBe(412);
    const cleared = await patch(session.headers, 2, { taxCode: null, address: null });
    expect(cleared.json()).toMatchObject({ taxCode: null, address: null, version: 3 });
  });
});

describe('password change', () => {
  it('checks the current password and the policy, and signs out the other sessions', async () => {
    const { login, session } = await proved();
    const other = await applicantLogin(t, login);
    const change = (body: object) => post('/api/v1/applicant/me/password', body, session.headers);
    expect(
      (await change({ currentPassword: 'khong-dung-dau', newPassword: 'mat-khau-moi-rat-dai' })).json().errors,
    ).toEqual([{ field: 'currentPassword', message: 'Mật khẩu hiện tại không đúng.' }]);
    expect((await change({ currentPassword: APPLICANT_PASSWORD, newPassword: `x${login}` })).json().errors).toEqual([
      { field: 'newPassword', message: 'Mật khẩu không được chứa tên đăng nhập.' },
    ]);
    expect(
      (await change({ currentPassword: APPLICANT_PASSWORD, newPassword: 'mat-khau-moi-rat-dai' })).statusCode,
    ).toBe(204);
    expect((await t.app.inject({ url: '/api/v1/applicant/me', headers: other.headers })).statusCode).toBe(401);
    expect((await t.app.inject({ url: '/api/v1/applicant/me', headers: session.headers })).statusCode).toBe(200);
    expect((await applicantLogin(t, login, 'mat-khau-moi-rat-dai')).csrfToken).toBeTruthy();
  });
});

describe('rate limits', () => {
  it('limits sign-up, code verification and sign-in per address and minute', async () => {
    const limited = await testApp({ env: { LOGIN_RATE_PER_MINUTE: '2' } });
    try {
      for (const [url, body] of [
        ['/api/v1/applicant/signup', { kind: 'citizen', login: 'x', password: 'y' }],
        ['/api/v1/applicant/verify', { login: 'x', code: '1' }],
        ['/api/v1/applicant/login', { login: 'x', password: 'y' }],
      ] as const) {
        const statuses = [];
        for (let i = 0; i < 3; i++)
          statuses.push((await limited.app.inject({ method: 'POST', url, payload: body })).statusCode);
        expect(statuses, url).toEqual([400, 400, 429]);
      }
    } finally {
      await limited.close();
    }
  });
});
