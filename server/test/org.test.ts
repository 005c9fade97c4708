// The organisation registry through its API: scope of each administrator, the agency tree, optimistic
// concurrency, staff and role grants, and administrative units of both the three- and two-level structures.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, type TestApp, testApp } from './harness.ts';

let t: TestApp;
let admin: Session;
let stpAdmin: Session;
let tpblAdmin: Session;
const ids: Record<string, string> = {};

async function agencyId(identifier: string): Promise<string> {
  const res = await t.app.inject({ url: `/api/v1/agencies?q=${identifier}` });
  return res.json().items.find((a: { identifier: string }) => a.identifier === identifier).id;
}

beforeAll(async () => {
  t = await testApp();
  admin = await t.login('admin');
  stpAdmin = await t.login('quantri.stp');
  tpblAdmin = await t.login('quantri.tpbl');
  ids.ubnd = await agencyId('000.00.00.H05');
  ids.stp = await agencyId('000.00.03.H05');
  ids.tpbl = await agencyId('000.00.11.H05');
  ids.p1 = await agencyId('000.02.11.H05');
});
afterAll(() => t.close());

const send = (method: 'POST' | 'PATCH' | 'DELETE', url: string, session: Session, payload?: object, headers = {}) =>
  t.app.inject({ method, url, headers: { ...session.headers, ...headers }, ...(payload ? { payload } : {}) });

describe('agencies', () => {
  it('lists the demo province page by page with a cursor, each agency once', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await t.app.inject({ url: `/api/v1/agencies?limit=7${cursor ? `&cursor=${cursor}` : ''}` });
      const page: { items: { id: string }[]; nextCursor: string | null } = res.json();
      seen.push(...page.items.map((a) => a.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.length).toBeGreaterThanOrEqual(28);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('validates the QCVN 102 identifier', async () => {
    const res = await send('POST', '/api/v1/agencies', tpblAdmin, {
      identifier: '000.05.00.H05',
      name: 'Ủy ban nhân dân Phường 5',
      kind: 'peoples_committee',
      parentId: ids.tpbl,
      validFrom: '2021-01-01',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe('identifier');
  });

  it('lets an agency administrator add an agency below their own, and nowhere else', async () => {
    const payload = {
      identifier: '000.05.11.H05',
      name: 'Ủy ban nhân dân Phường 5, thành phố Bạc Liêu',
      kind: 'peoples_committee',
      parentId: ids.tpbl,
      validFrom: '2021-01-01',
    };
    const refused = await send('POST', '/api/v1/agencies', stpAdmin, payload);
    expect(refused.statusCode).toBe(403);
    const created = await send('POST', '/api/v1/agencies', tpblAdmin, payload);
    expect(created.statusCode).toBe(201);
    ids.p5 = created.json().id;
    const duplicate = await send('POST', '/api/v1/agencies', tpblAdmin, payload);
    expect(duplicate.statusCode).toBe(409);
    // The new ward sits in the tree: the city's administrator may now add departments to it.
    const dep = await send('POST', `/api/v1/agencies/${ids.p5}/departments`, tpblAdmin, {
      code: 'VP',
      name: 'Văn phòng',
    });
    expect(dep.statusCode).toBe(201);
    const events = await t.ctx.database.db
      .selectFrom('outbox')
      .select('payload')
      .where('topic', '=', 'org.agency_created')
      .execute();
    expect(events.map((e) => e.payload.identifier)).toContain('000.05.11.H05');
  });

  it('keeps edits safe with If-Match: a stale version gets 412, not a lost update', async () => {
    const current = await t.app.inject({ url: `/api/v1/agencies/${ids.p1}` });
    const etag = current.headers.etag as string;
    const first = await send(
      'PATCH',
      `/api/v1/agencies/${ids.p1}`,
      tpblAdmin,
      { phone: '0291 3822 001' },
      { 'if-match': etag },
    );
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ phone: '0291 3822 001', version: 2 });
    const stale = await send(
      'PATCH',
      `/api/v1/agencies/${ids.p1}`,
      tpblAdmin,
      { phone: '0291 3822 002' },
      { 'if-match': etag },
    );
    expect(stale.statusCode).toBe(412);
    const missing = await send('PATCH', `/api/v1/agencies/${ids.p1}`, tpblAdmin, { phone: '0291 3822 002' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors[0].field).toBe('If-Match');
  });
});

describe('staff and roles', () => {
  it('creates staff within scope with a temporary password, refuses a duplicate username', async () => {
    // The administrator no longer chooses a password: the server answers a temporary one (staff-admin.test.ts).
    const base = { username: 'chuyenvien2.stp', fullName: 'Nguyễn Thị Lan', agencyId: ids.stp };
    const outside = await send('POST', '/api/v1/staff', stpAdmin, { ...base, agencyId: ids.tpbl });
    expect(outside.statusCode).toBe(403);
    const created = await send('POST', '/api/v1/staff', stpAdmin, base);
    expect(created.statusCode).toBe(201);
    ids.lan = created.json().id;
    ids.lanPassword = created.json().temporaryPassword;
    const again = await send('POST', '/api/v1/staff', stpAdmin, base);
    expect(again.statusCode).toBe(409);
  });

  it('grants and revokes a role; only a system administrator grants system_admin', async () => {
    const grant = await send('POST', `/api/v1/staff/${ids.lan}/grants`, stpAdmin, {
      role: 'specialist',
      agencyId: ids.stp,
    });
    expect(grant.statusCode).toBe(201);
    const escalate = await send('POST', `/api/v1/staff/${ids.lan}/grants`, stpAdmin, {
      role: 'system_admin',
      agencyId: ids.stp,
    });
    expect(escalate.statusCode).toBe(403);
    const lan = await t.login('chuyenvien2.stp', ids.lanPassword);
    const me = await t.app.inject({ url: '/api/v1/me', headers: { cookie: lan.cookie } });
    expect(me.json().roles[0].roles).toEqual([{ role: 'specialist', name: 'Chuyên viên thụ lý' }]);
    const revoke = await send('DELETE', `/api/v1/staff/${ids.lan}/grants/${grant.json().id}`, stpAdmin);
    expect(revoke.statusCode).toBe(204);
    const after = await t.app.inject({ url: '/api/v1/me', headers: { cookie: lan.cookie } });
    expect(after.json().roles).toEqual([]);
  });

  it('filters the staff list by scope in SQL: each administrator sees only their subtree', async () => {
    const list = async (s: Session) => {
      const res = await t.app.inject({ url: '/api/v1/staff?limit=200', headers: { cookie: s.cookie } });
      return res.json().items.map((x: { username: string }) => x.username) as string[];
    };
    const stp = await list(stpAdmin);
    expect(stp).toContain('giamdoc.stp');
    expect(stp).not.toContain('motcua.tpbl');
    const tpbl = await list(tpblAdmin);
    expect(tpbl).toEqual(expect.arrayContaining(['lanhdao.tpbl', 'motcua.p1', 'lanhdao.p1']));
    expect(tpbl).not.toContain('giamdoc.stp');
    const all = await list(admin);
    expect(all).toEqual(expect.arrayContaining(['giamdoc.stp', 'motcua.p1', 'admin']));
    const head = await t.login('truongphong.stp');
    expect(await list(head)).toEqual(expect.arrayContaining(['chuyenvien.stp', 'truongphong.stp']));
  });
});

describe('administrative units', () => {
  it('holds the three-level structure until 1 July 2025 and the two-level one after', async () => {
    const at = async (date: string) => {
      const res = await t.app.inject({ url: `/api/v1/admin-units?level=province&at=${date}` });
      return res.json().items.map((u: { name: string }) => u.name);
    };
    expect(await at('2021-06-01')).toEqual(['Tỉnh Bạc Liêu', 'Tỉnh Cà Mau']);
    expect(await at('2025-07-01')).toEqual(['Tỉnh Cà Mau']);
    const districts = await t.app.inject({ url: '/api/v1/admin-units?level=district&at=2025-07-01' });
    expect(districts.json().items).toEqual([]);
  });

  it('refuses a commune without a parent unit', async () => {
    const res = await send('POST', '/api/v1/admin-units', admin, {
      code: '32599',
      name: 'Xã Thử Nghiệm',
      level: 'commune',
      kind: 'xã',
      validFrom: '2025-07-01',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe('parentId');
  });
});
