import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../src/platform/clock.ts';
import { type TestApp, testApp } from './harness.ts';

const clock = fixedClock(new Date('2026-03-02T02:00:00Z'));
let t: TestApp;
beforeAll(async () => {
  t = await testApp({ clock, env: { LOGIN_MAX_FAILURES: '3', LOGIN_LOCK_MINUTES: '10', SESSION_IDLE_MINUTES: '30' } });
});
afterAll(() => t.close());

describe('staff sign-in', () => {
  it('signs a one-stop officer in and shows their roles per agency', async () => {
    const s = await t.login('motcua.tinh');
    const me = await t.app.inject({ url: '/api/v1/me', headers: { cookie: s.cookie } });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({
      username: 'motcua.tinh',
      fullName: 'Huỳnh Thị Mai',
      mustChangePassword: true,
      roles: [
        {
          agency: { identifier: '000.00.02.H05', name: 'Trung tâm Phục vụ hành chính công tỉnh Bạc Liêu' },
          roles: [{ role: 'one_stop_officer', name: 'Cán bộ tiếp nhận một cửa' }],
        },
      ],
    });
  });

  it('sets an HttpOnly, SameSite session cookie and stores only a hash of the token', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'chuyenvien.stp', password: 'congso-demo' },
    });
    const cookie = res.cookies.find((c) => c.name === 'congso_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Strict');
    const stored = await t.ctx.database.db.selectFrom('staff_session').select('token_hash').execute();
    expect(stored.map((r) => r.token_hash)).not.toContain(cookie.value);
  });

  it('answers a wrong password and an unknown user alike', async () => {
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'vanthu.stp', password: 'sai-mat-khau' },
    });
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'khong.ton.tai', password: 'sai-mat-khau' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().title).toBe(unknown.json().title);
    expect(wrong.headers['content-type']).toContain('application/problem+json');
  });

  it('locks an account after repeated failures, and the lock ends', async () => {
    const attempt = (password: string) =>
      t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'vanthu.tpbl', password } });
    for (let i = 0; i < 3; i++) expect((await attempt('sai')).statusCode).toBe(401);
    const locked = await attempt('congso-demo');
    expect(locked.statusCode).toBe(429);
    expect(locked.json().type).toMatch(/account-locked$/);
    clock.advance(11 * 60_000);
    expect((await attempt('congso-demo')).statusCode).toBe(200);
  });

  it('refuses a write without the CSRF token, accepts it with the token', async () => {
    const s = await t.login('lanhdao.p1');
    const without = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie: s.cookie } });
    expect(without.statusCode).toBe(403);
    const withToken = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: s.headers });
    expect(withToken.statusCode).toBe(204);
    const after = await t.app.inject({ url: '/api/v1/me', headers: { cookie: s.cookie } });
    expect(after.statusCode).toBe(401);
  });

  it('expires an idle session', async () => {
    const s = await t.login('baocao.tpbl');
    clock.advance(31 * 60_000);
    const me = await t.app.inject({ url: '/api/v1/me', headers: { cookie: s.cookie } });
    expect(me.statusCode).toBe(401);
    expect(me.json().detail).toBe('Phiên đăng nhập đã hết hạn.');
  });

  it('changes a password: checks the current one and the policy, signs out other sessions', async () => {
    const first = await t.login('chuyenvien.p1');
    const second = await t.login('chuyenvien.p1');
    const change = (payload: object) =>
      t.app.inject({ method: 'POST', url: '/api/v1/me/password', headers: second.headers, payload });
    const wrongCurrent = await change({ currentPassword: 'sai', newPassword: 'mot-mat-khau-dai-hon' });
    expect(wrongCurrent.json().errors).toEqual([
      { field: 'currentPassword', message: 'Mật khẩu hiện tại không đúng.' },
    ]);
    const tooShort = await change({ currentPassword: 'congso-demo', newPassword: 'ngan' });
    expect(tooShort.json().errors[0].field).toBe('newPassword');
    expect((await change({ currentPassword: 'congso-demo', newPassword: 'Bac-Lieu-2026-an-toan' })).statusCode).toBe(
      204,
    );
    expect((await t.app.inject({ url: '/api/v1/me', headers: { cookie: first.cookie } })).statusCode).toBe(401);
    const me = await t.app.inject({ url: '/api/v1/me', headers: { cookie: second.cookie } });
    expect(me.json().mustChangePassword).toBe(false);
    await t.login('chuyenvien.p1', 'Bac-Lieu-2026-an-toan');
  });
});
