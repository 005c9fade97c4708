// Staff administration through the API: onboarding with a temporary password that must be changed, edits with
// If-Match, offboarding (deactivation ends sessions and blocks sign-in), password resets, each administrator
// within their scope, and audit entries that never hold a password.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEMPORARY_PASSWORD_DAYS } from '../src/modules/access/service.ts';
import { fixedClock } from '../src/platform/clock.ts';
import { type Session, type TestApp, testApp } from './harness.ts';

const clock = fixedClock(new Date('2026-03-02T02:00:00Z'));
let t: TestApp;
let admin: Session;
let stpAdmin: Session;
let tpblAdmin: Session;
const ids: Record<string, string> = {};
/** The staff member onboarded here, and the temporary password she was given. */
let hoaId = '';
let hoaPassword = '';

async function agencyId(identifier: string): Promise<string> {
  const res = await t.app.inject({ url: `/api/v1/agencies?q=${identifier}` });
  return res.json().items.find((a: { identifier: string }) => a.identifier === identifier).id;
}

const send = (method: 'GET' | 'POST' | 'PATCH', url: string, session: Session, payload?: object, headers = {}) =>
  t.app.inject({ method, url, headers: { ...session.headers, ...headers }, ...(payload ? { payload } : {}) });

const login = (username: string, password: string) =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });

async function staffId(username: string): Promise<string> {
  const res = await send('GET', `/api/v1/staff?q=${username}`, admin);
  return res.json().items.find((s: { username: string }) => s.username === username).id;
}

/** The staff member as the administrator reads them, with the ETag to edit them. */
async function read(id: string, session = stpAdmin) {
  const res = await send('GET', `/api/v1/staff/${id}`, session);
  expect(res.statusCode).toBe(200);
  return { body: res.json(), etag: res.headers.etag as string };
}

beforeAll(async () => {
  t = await testApp({ clock, env: { LOGIN_RATE_PER_MINUTE: '1000' } });
  admin = await t.login('admin');
  stpAdmin = await t.login('quantri.stp');
  tpblAdmin = await t.login('quantri.tpbl');
  ids.stp = await agencyId('000.00.03.H05');
  ids.tpbl = await agencyId('000.00.11.H05');
  const departments = await t.app.inject({ url: `/api/v1/agencies/${ids.stp}/departments` });
  ids.hctp = departments.json().find((d: { code: string }) => d.code === 'HCTP').id;
  ids.tpblDepartment = (await t.app.inject({ url: `/api/v1/agencies/${ids.tpbl}/departments` })).json()[0].id;
});
afterAll(() => t.close());

describe('onboarding', () => {
  it('creates an account with roles and a temporary password answered once, never stored or audited', async () => {
    const res = await send('POST', '/api/v1/staff', stpAdmin, {
      username: 'Chuyenvien3.STP',
      fullName: 'Phan Thị Hoa',
      position: 'Chuyên viên',
      agencyId: ids.stp,
      departmentId: ids.hctp,
      roles: ['specialist', 'clerk'],
    });
    expect(res.statusCode).toBe(201);
    expect(res.headers['cache-control']).toBe('no-store');
    const created = res.json();
    hoaId = created.id;
    hoaPassword = created.temporaryPassword;
    expect(created).toMatchObject({ username: 'chuyenvien3.stp', departmentId: ids.hctp, active: true, version: 1 });
    expect(created.grants.map((g: { role: string }) => g.role).sort()).toEqual(['clerk', 'specialist']);
    expect(created.temporaryPassword).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    expect(new Date(created.temporaryPasswordUntil).getTime() - clock.now().getTime()).toBe(
      TEMPORARY_PASSWORD_DAYS * 86_400_000,
    );
    const stored = await t.ctx.database.db
      .selectFrom('staff')
      .select('password_hash')
      .where('id', '=', hoaId)
      .executeTakeFirstOrThrow();
    expect(stored.password_hash).not.toContain(created.temporaryPassword);
    const audit = await t.ctx.database.db
      .selectFrom('audit_entry')
      .select(['action', 'summary'])
      .where('target_id', '=', hoaId)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['org.staff_created']);
    expect(JSON.stringify(audit)).not.toContain(created.temporaryPassword);
    // Nor is it in what the administrator reads afterwards.
    expect(JSON.stringify((await read(hoaId)).body)).not.toContain(created.temporaryPassword);
  });

  it('forces the new person to choose a password before anything else', async () => {
    const res = await login('chuyenvien3.stp', hoaPassword);
    expect(res.statusCode).toBe(200);
    expect(res.json().passwordChangeRequired).toBe(true);
    const cookie = res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const headers = { cookie, 'x-csrf-token': res.json().csrfToken };
    const me = await t.app.inject({ url: '/api/v1/me', headers });
    expect(me.json()).toMatchObject({ passwordChangeRequired: true, mustChangePassword: true });
    const queue = await t.app.inject({ url: '/api/v1/dossiers/queues', headers });
    expect(queue.statusCode).toBe(403);
    expect(queue.json()).toMatchObject({
      type: 'https://congso.vn/problems/password-change-required',
      title: 'Bạn cần đổi mật khẩu tạm trước khi tiếp tục làm việc.',
    });
    const change = (newPassword: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/me/password',
        headers,
        payload: { currentPassword: hoaPassword, newPassword },
      });
    const same = await change(hoaPassword);
    expect(same.json().errors).toEqual([
      { field: 'newPassword', message: 'Mật khẩu mới phải khác mật khẩu hiện tại.' },
    ]);
    expect((await change('Hoa-Bac-Lieu-2026')).statusCode).toBe(204);
    expect((await t.app.inject({ url: '/api/v1/dossiers/queues', headers })).statusCode).toBe(200);
    expect((await t.app.inject({ url: '/api/v1/me', headers })).json().passwordChangeRequired).toBe(false);
    expect((await read(hoaId)).body.temporaryPasswordUntil).toBeNull();
  });

  it('refuses a duplicate username (409), a department of another agency and an unknown role (400)', async () => {
    const base = { username: 'chuyenvien3.stp', fullName: 'Trùng Tên', agencyId: ids.stp };
    const duplicate = await send('POST', '/api/v1/staff', stpAdmin, base);
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().title).toBe('Tên đăng nhập "chuyenvien3.stp" đã được dùng.');
    const department = await send('POST', '/api/v1/staff', stpAdmin, {
      ...base,
      username: 'khac.stp',
      departmentId: ids.tpblDepartment,
    });
    expect(department.statusCode).toBe(400);
    expect(department.json().errors[0].field).toBe('departmentId');
    const role = await send('POST', '/api/v1/staff', stpAdmin, { ...base, username: 'khac.stp', roles: ['vua'] });
    expect(role.statusCode).toBe(400);
    const password = await send('POST', '/api/v1/staff', stpAdmin, { ...base, username: 'khac.stp', password: 'x' });
    expect(password.statusCode).toBe(400);
    const escalate = await send('POST', '/api/v1/staff', stpAdmin, {
      ...base,
      username: 'khac.stp',
      roles: ['system_admin'],
    });
    expect(escalate.statusCode).toBe(403);
  });

  it('refuses a duplicate department code (409) and names a bad one (400)', async () => {
    const created = await send('POST', `/api/v1/agencies/${ids.stp}/departments`, stpAdmin, {
      code: 'PBGDPL',
      name: 'Phòng Phổ biến, giáo dục pháp luật',
    });
    expect(created.statusCode).toBe(201);
    const again = await send('POST', `/api/v1/agencies/${ids.stp}/departments`, stpAdmin, {
      code: 'PBGDPL',
      name: 'Trùng mã',
    });
    expect(again.statusCode).toBe(409);
    const bad = await send('POST', `/api/v1/agencies/${ids.stp}/departments`, stpAdmin, { code: 'có dấu', name: 'X' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('code');
  });
});

describe('scope', () => {
  it('keeps an agency administrator to the staff of their own agency', async () => {
    const lan = await staffId('chuyenvien.tpbl');
    const { etag } = await read(lan, tpblAdmin);
    expect((await send('GET', `/api/v1/staff/${lan}`, stpAdmin)).statusCode).toBe(403);
    const edit = await send(
      'PATCH',
      `/api/v1/staff/${lan}`,
      stpAdmin,
      { phone: '0291 3000 000' },
      { 'if-match': etag },
    );
    expect(edit.statusCode).toBe(403);
    expect((await send('POST', `/api/v1/staff/${lan}/password-reset`, stpAdmin)).statusCode).toBe(403);
    const missing = await send('GET', '/api/v1/staff/00000000-0000-4000-8000-000000000000', stpAdmin);
    expect(missing.statusCode).toBe(404);
  });

  it('lets nobody but a system administrator take over an account holding a role beyond their scope', async () => {
    // The system administrator gets a role at the Department of Justice: its administrator may not reset them.
    const adminId = await staffId('admin');
    const grant = await send('POST', `/api/v1/staff/${adminId}/grants`, admin, {
      role: 'specialist',
      agencyId: ids.stp,
    });
    expect(grant.statusCode).toBe(201);
    const truongphong = await staffId('truongphong.stp');
    const elsewhere = await send('POST', `/api/v1/staff/${truongphong}/grants`, admin, {
      role: 'specialist',
      agencyId: ids.tpbl,
    });
    expect(elsewhere.statusCode).toBe(201);
    const reset = await send('POST', `/api/v1/staff/${truongphong}/password-reset`, stpAdmin);
    expect(reset.statusCode).toBe(403);
    const { etag } = await read(truongphong);
    const lock = await send('PATCH', `/api/v1/staff/${truongphong}`, stpAdmin, { active: false }, { 'if-match': etag });
    expect(lock.statusCode).toBe(403);
  });
});

describe('edits and offboarding', () => {
  it('edits with If-Match: a stale version gets 412, a missing one 400, bad fields are named', async () => {
    const { etag } = await read(hoaId);
    const first = await send(
      'PATCH',
      `/api/v1/staff/${hoaId}`,
      stpAdmin,
      { position: 'Phó Trưởng phòng', phone: '0291 3822 111', departmentId: null },
      { 'if-match': etag },
    );
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ position: 'Phó Trưởng phòng', departmentId: null, version: 2 });
    expect(first.headers.etag).toBe('"2"');
    const stale = await send('PATCH', `/api/v1/staff/${hoaId}`, stpAdmin, { position: 'X' }, { 'if-match': etag });
    expect(stale.statusCode).toBe(412);
    const missing = await send('PATCH', `/api/v1/staff/${hoaId}`, stpAdmin, { position: 'X' });
    expect(missing.json().errors[0].field).toBe('If-Match');
    const bad = await send(
      'PATCH',
      `/api/v1/staff/${hoaId}`,
      stpAdmin,
      { email: 'không-phải-thư' },
      { 'if-match': '"2"' },
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('email');
    const audit = await t.ctx.database.db
      .selectFrom('audit_entry')
      .select(['action', 'summary'])
      .where('target_id', '=', hoaId)
      .where('action', '=', 'org.staff_updated')
      .executeTakeFirstOrThrow();
    expect(audit.summary).toMatchObject({
      before: { position: 'Chuyên viên', departmentId: ids.hctp },
      after: { position: 'Phó Trưởng phòng', departmentId: null },
    });
  });

  it('deactivates: every session ends at once, sign-in is refused; reactivating revives no session', async () => {
    // Three sessions: these two and the one in which the temporary password was changed.
    const hoa = await t.login('chuyenvien3.stp', 'Hoa-Bac-Lieu-2026');
    const other = await t.login('chuyenvien3.stp', 'Hoa-Bac-Lieu-2026');
    expect((await t.app.inject({ url: '/api/v1/me', headers: hoa.headers })).statusCode).toBe(200);
    const { etag } = await read(hoaId);
    const off = await send('PATCH', `/api/v1/staff/${hoaId}`, stpAdmin, { active: false }, { 'if-match': etag });
    expect(off.statusCode).toBe(200);
    expect(off.json().active).toBe(false);
    for (const s of [hoa, other]) {
      expect((await t.app.inject({ url: '/api/v1/me', headers: s.headers })).statusCode).toBe(401);
    }
    expect((await login('chuyenvien3.stp', 'Hoa-Bac-Lieu-2026')).statusCode).toBe(401);
    const entry = await t.ctx.database.db
      .selectFrom('audit_entry')
      .select('summary')
      .where('target_id', '=', hoaId)
      .where('action', '=', 'org.staff_deactivated')
      .executeTakeFirstOrThrow();
    expect(entry.summary).toMatchObject({ after: { active: false }, sessionsEnded: 3 });

    const on = await send(
      'PATCH',
      `/api/v1/staff/${hoaId}`,
      stpAdmin,
      { active: true },
      { 'if-match': off.headers.etag },
    );
    expect(on.json().active).toBe(true);
    expect((await t.app.inject({ url: '/api/v1/me', headers: hoa.headers })).statusCode).toBe(401);
    expect((await login('chuyenvien3.stp', 'Hoa-Bac-Lieu-2026')).statusCode).toBe(200);
  });

  it('refuses to let an administrator lock themselves out', async () => {
    const me = await staffId('quantri.stp');
    const { etag } = await read(me);
    const res = await send('PATCH', `/api/v1/staff/${me}`, stpAdmin, { active: false }, { 'if-match': etag });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([
      { field: 'active', message: 'Bạn không thể tự khoá tài khoản của chính mình.' },
    ]);
  });
});

describe('password reset', () => {
  it('replaces the password with a temporary one: sessions end, a lock is lifted, a change is required', async () => {
    const session = await t.login('chuyenvien3.stp', 'Hoa-Bac-Lieu-2026');
    for (let i = 0; i < 5; i++) await login('chuyenvien3.stp', 'sai-mat-khau');
    expect((await login('chuyenvien3.stp', 'Hoa-Bac-Lieu-2026')).statusCode).toBe(429);

    const res = await send('POST', `/api/v1/staff/${hoaId}/password-reset`, stpAdmin);
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const { temporaryPassword } = res.json();
    expect((await t.app.inject({ url: '/api/v1/me', headers: session.headers })).statusCode).toBe(401);
    expect((await login('chuyenvien3.stp', 'Hoa-Bac-Lieu-2026')).statusCode).toBe(401);
    const fresh = await login('chuyenvien3.stp', temporaryPassword);
    expect(fresh.statusCode).toBe(200);
    expect(fresh.json().passwordChangeRequired).toBe(true);

    const audit = await t.ctx.database.db
      .selectFrom('audit_entry')
      .select(['actor_label', 'summary'])
      .where('target_id', '=', hoaId)
      .where('action', '=', 'org.staff_password_reset')
      .executeTakeFirstOrThrow();
    expect(audit.actor_label).toContain('quantri.stp');
    expect(JSON.stringify(audit)).not.toContain(temporaryPassword);
  });

  it("is not for one's own account", async () => {
    const me = await staffId('quantri.stp');
    expect((await send('POST', `/api/v1/staff/${me}/password-reset`, stpAdmin)).statusCode).toBe(403);
  });
  it('lets a temporary password expire unused', async () => {
    const res = await send('POST', `/api/v1/staff/${hoaId}/password-reset`, stpAdmin);
    clock.advance((TEMPORARY_PASSWORD_DAYS * 24 + 1) * 3_600_000);
    const late = await login('chuyenvien3.stp', res.json().temporaryPassword);
    expect(late.statusCode).toBe(401);
    expect(late.json().type).toMatch(/temporary-password-expired$/);
  });
});
