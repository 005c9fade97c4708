// The authorization matrix: every route of the application, as Fastify itself lists them, tried as an anonymous
// visitor and as each role. A new route fails this test until its expected outcome is written down here.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../src/platform/auth/roles.ts';
import { type Session, type TestApp, testApp } from './harness.ts';

const PUBLIC = 'public' as const;
const ANY_STAFF = 'any staff' as const;
type Expected = typeof PUBLIC | typeof ANY_STAFF | readonly Role[];

/** Who gets past the route's guard. Scope within an agency is tested with each module. */
const MATRIX: Record<string, Expected> = {
  'GET /': PUBLIC,
  'GET /health/live': PUBLIC,
  'GET /health/ready': PUBLIC,
  'GET /metrics': PUBLIC,
  'GET /api/openapi.json': PUBLIC,
  'GET /api/docs': PUBLIC,
  'GET /api/docs/json': PUBLIC,
  'GET /api/docs/yaml': PUBLIC,
  'GET /api/docs/static/*': PUBLIC,
  'GET /api/docs/static/index.html': PUBLIC,
  'GET /api/docs/static/swagger-initializer.js': PUBLIC,
  'POST /api/v1/auth/login': PUBLIC,
  'POST /api/v1/auth/logout': ANY_STAFF,
  'GET /api/v1/me': ANY_STAFF,
  'POST /api/v1/me/password': ANY_STAFF,
  'GET /api/v1/admin-units': PUBLIC,
  'POST /api/v1/admin-units': ['system_admin'],
  'GET /api/v1/agencies': PUBLIC,
  'GET /api/v1/agencies/:id': PUBLIC,
  'POST /api/v1/agencies': ['agency_admin', 'system_admin'],
  'PATCH /api/v1/agencies/:id': ['agency_admin', 'system_admin'],
  'GET /api/v1/agencies/:id/departments': PUBLIC,
  'POST /api/v1/agencies/:id/departments': ['agency_admin', 'system_admin'],
  'GET /api/v1/staff': ['department_head', 'agency_leader', 'agency_admin', 'system_admin'],
  'POST /api/v1/staff': ['agency_admin', 'system_admin'],
  'POST /api/v1/staff/:id/grants': ['agency_admin', 'system_admin'],
  'DELETE /api/v1/staff/:id/grants/:grantId': ['agency_admin', 'system_admin'],
  'GET /api/v1/audit': ['system_admin'],
  'POST /api/v1/dossiers': ['one_stop_officer'],
  'GET /api/v1/dossiers/:id': ANY_STAFF,
  'GET /api/v1/dossiers/:id/history': ANY_STAFF,
  'POST /api/v1/dossiers/:id/actions/:action': ROLES.filter((r) => r !== 'reporting_officer'),
  'GET /api/v1/signing/keys': ['agency_admin', 'system_admin'],
  'POST /api/v1/signing/keys': ['agency_admin', 'system_admin'],
  'POST /api/v1/signing/keys/:id/retire': ['agency_admin', 'system_admin'],
  'POST /api/v1/signing/sign': ANY_STAFF,
  'POST /api/v1/signatures/verify': PUBLIC,
  'GET /verify': PUBLIC,
  'POST /verify': PUBLIC,
  'GET /api/v1/workflows': PUBLIC,
  'GET /api/v1/workflows/:code': PUBLIC,
  'GET /api/v1/workflows/:code/versions/:version': PUBLIC,
  'GET /api/v1/workflows/:code/versions/:version/diagram.svg': PUBLIC,
  'GET /api/v1/workflows/:code/versions/:version/diagram.mmd': PUBLIC,
  'POST /api/v1/workflows/validate': ['agency_admin', 'system_admin'],
  'POST /api/v1/workflows': ['agency_admin', 'system_admin'],
  'PUT /api/v1/workflows/:code/draft': ['agency_admin', 'system_admin'],
  'POST /api/v1/workflows/:code/publish': ['agency_admin', 'system_admin'],
  'GET /api/v1/calendar/deadline': PUBLIC,
  'GET /api/v1/calendar/:year': PUBLIC,
  'GET /api/v1/calendars/:owner': PUBLIC,
  'PUT /api/v1/calendars/:owner/hours': ['agency_admin', 'system_admin'],
  'PUT /api/v1/calendars/:owner/years/:year/entries': ['agency_admin', 'system_admin'],
  'POST /api/v1/calendars/:owner/years/:year/confirm': ['agency_admin', 'system_admin'],
  'GET /api/v1/procedures': PUBLIC,
  'GET /api/v1/procedures/:code': PUBLIC,
  'POST /api/v1/procedures': ['agency_admin', 'system_admin'],
  'GET /api/v1/procedures/:code/versions': ['agency_admin', 'system_admin'],
  'PUT /api/v1/procedures/:code/draft': ['agency_admin', 'system_admin'],
  'DELETE /api/v1/procedures/:code/draft': ['agency_admin', 'system_admin'],
  'POST /api/v1/procedures/:code/publish': ['agency_admin', 'system_admin'],
  'POST /api/v1/catalog/templates': ['agency_admin', 'system_admin'],
  'GET /api/v1/catalog/templates/:sha256': PUBLIC,
  'GET /api/v1/catalog/export': ['agency_admin', 'system_admin'],
  'POST /api/v1/catalog/import': ['agency_admin', 'system_admin'],
};

/** One demo account per role (the demo data gives each of them exactly that role). */
const PERSONA: Record<Role, string> = {
  one_stop_officer: 'motcua.tinh',
  specialist: 'chuyenvien.stp',
  department_head: 'truongphong.stp',
  agency_leader: 'giamdoc.stp',
  clerk: 'vanthu.stp',
  reporting_officer: 'baocao.tinh',
  agency_admin: 'quantri.stp',
  system_admin: 'admin',
};

let t: TestApp;
const sessions = new Map<Role, Session>();

beforeAll(async () => {
  t = await testApp({ env: { LOGIN_RATE_PER_MINUTE: '10000' } });
  for (const role of ROLES) sessions.set(role, await t.login(PERSONA[role]));
});
afterAll(() => t.close());

const routes = () =>
  t.app.declaredRoutes.filter((r) => r.method !== 'HEAD').map((r) => ({ ...r, key: `${r.method} ${r.url}` }));

// A path with made-up ids and an empty body: past the guard it can only fail validation or find nothing, so the
// test changes nothing and any 401/403 comes from the guard.
const concrete = (url: string) => url.replace(/:\w+/g, () => randomUUID()).replace('*', 'index.css');

async function attempt(method: string, url: string, role?: Role) {
  // A write may end the session (logout does): writes get a session of their own.
  const session = role && (method === 'GET' ? sessions.get(role) : await t.login(PERSONA[role]));
  const res = await t.app.inject({
    method: method as 'GET',
    url: concrete(url),
    headers: session?.headers ?? {},
    ...(['POST', 'PUT', 'PATCH'].includes(method) ? { payload: {} } : {}),
  });
  return res.statusCode;
}

describe('authorization matrix', () => {
  it('lists every route of the application, with the access it declares', () => {
    const actual = Object.fromEntries(routes().map((r) => [r.key, r.access]));
    expect(Object.keys(actual).sort()).toEqual(Object.keys(MATRIX).sort());
  });

  it('lets through exactly the listed roles, and refuses anonymous visitors on non-public routes', async () => {
    const failures: string[] = [];
    for (const route of routes()) {
      const expected = MATRIX[route.key];
      if (!expected) continue; // reported by the test above
      const anonymous = await attempt(route.method, route.url);
      if (expected === PUBLIC ? [401, 403].includes(anonymous) : anonymous !== 401) {
        failures.push(`${route.key} as anonymous: ${anonymous}`);
      }
      for (const role of ROLES) {
        const status = await attempt(route.method, route.url, role);
        const allowed = expected === PUBLIC || expected === ANY_STAFF || expected.includes(role);
        const passed = status !== 401 && status !== 403;
        if (allowed !== passed) failures.push(`${route.key} as ${role}: ${status}`);
        if (status >= 500) failures.push(`${route.key} as ${role}: server error ${status}`);
      }
    }
    expect(failures).toEqual([]);
  });
});
