// The authorization matrix: every route of the application, as Fastify itself lists them, tried as an anonymous
// visitor, as each role and as a signed-in citizen. A new route fails this test until its expected outcome is
// written down here.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../src/platform/auth/roles.ts';
import { applicantLogin, newApplicant } from './citizens-helpers.ts';
import { type Session, type TestApp, testApp } from './harness.ts';

const PUBLIC = 'public' as const;
const ANY_STAFF = 'any staff' as const;
/** Signed-in citizens and businesses only: staff get 401 like anonymous visitors, and they get 401 elsewhere. */
const APPLICANT = 'applicant' as const;
type Expected = typeof PUBLIC | typeof ANY_STAFF | typeof APPLICANT | readonly Role[];
type Persona = Role | typeof APPLICANT;

/** Who gets past the route's guard. Scope within an agency is tested with each module. */
const MATRIX: Record<string, Expected> = {
  'GET /assets/*': PUBLIC,
  'GET /*': PUBLIC,
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
  'GET /api/v1/staff/:id': ['department_head', 'agency_leader', 'agency_admin', 'system_admin'],
  'PATCH /api/v1/staff/:id': ['agency_admin', 'system_admin'],
  'POST /api/v1/staff/:id/password-reset': ['agency_admin', 'system_admin'],
  'POST /api/v1/staff/:id/grants': ['agency_admin', 'system_admin'],
  'DELETE /api/v1/staff/:id/grants/:grantId': ['agency_admin', 'system_admin'],
  'GET /api/v1/audit': ['system_admin'],
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
  'POST /api/v1/dossiers': ['one_stop_officer'],
  'GET /api/v1/dossiers': ANY_STAFF,
  'GET /api/v1/dossiers/queues': ANY_STAFF,
  'GET /api/v1/dossiers/dashboard': ANY_STAFF,
  'GET /api/v1/dossiers/logbook': ANY_STAFF,
  'GET /api/v1/dossiers/logbook.pdf': ANY_STAFF,
  'GET /api/v1/dossiers/logbook.xlsx': ANY_STAFF,
  'GET /api/v1/public/dossiers/:code': PUBLIC,
  'GET /api/v1/dossiers/:id': ANY_STAFF,
  'GET /api/v1/dossiers/:id/history': ANY_STAFF,
  'GET /api/v1/dossiers/:id/forms/:form.pdf': ANY_STAFF,
  'GET /api/v1/dossiers/:id/control-sheet': ANY_STAFF,
  'POST /api/v1/dossiers/:id/components': ROLES.filter((r) => r !== 'reporting_officer'),
  'GET /api/v1/dossiers/:id/components': ANY_STAFF,
  'GET /api/v1/dossiers/:id/components/files/:fileId': ANY_STAFF,
  'POST /api/v1/dossiers/:id/actions/:action': ROLES.filter((r) => r !== 'reporting_officer'),
  'POST /api/v1/dossiers/:id/tracking-secret': ['one_stop_officer'],
  'POST /api/v1/workflows/:code/migrations': ['agency_admin', 'system_admin'],
  'GET /api/v1/signing/keys': ['agency_admin', 'system_admin'],
  'POST /api/v1/signing/keys': ['agency_admin', 'system_admin'],
  'POST /api/v1/signing/keys/:id/retire': ['agency_admin', 'system_admin'],
  'POST /api/v1/signing/sign': ANY_STAFF,
  'POST /api/v1/signatures/verify': PUBLIC,
  'GET /api/v1/results/templates': ANY_STAFF,
  'GET /api/v1/results/fields': ANY_STAFF,
  'POST /api/v1/results/templates': ['agency_admin', 'system_admin'],
  'GET /api/v1/results/templates/:code/versions/:version': ANY_STAFF,
  'PUT /api/v1/results/templates/:code/versions/:version': ['agency_admin', 'system_admin'],
  'POST /api/v1/dossiers/:id/results': ROLES.filter((r) => r !== 'reporting_officer'),
  'GET /api/v1/dossiers/:id/results': ANY_STAFF,
  'GET /api/v1/dossiers/:id/results/:resultId/file': ANY_STAFF,
  'POST /api/v1/dossiers/:id/results/:resultId/sign': ROLES.filter((r) => r !== 'reporting_officer'),
  'GET /api/v1/applicant/dossiers/:id/results': APPLICANT,
  'GET /api/v1/applicant/dossiers/:id/results/:resultId/file': APPLICANT,
  'GET /verify': PUBLIC,
  'POST /verify': PUBLIC,
  'POST /api/v1/applicant/signup': PUBLIC,
  'POST /api/v1/applicant/verify': PUBLIC,
  'POST /api/v1/applicant/verify/resend': PUBLIC,
  'POST /api/v1/applicant/login': PUBLIC,
  'POST /api/v1/applicant/logout': APPLICANT,
  'GET /api/v1/applicant/me': APPLICANT,
  'PATCH /api/v1/applicant/me': APPLICANT,
  'POST /api/v1/applicant/me/password': APPLICANT,
  'GET /api/v1/applicant/oidc/start': PUBLIC,
  'GET /api/v1/applicant/oidc/callback': PUBLIC,
  'POST /api/v1/applicant/dossiers': APPLICANT,
  'GET /api/v1/applicant/dossiers': APPLICANT,
  'GET /api/v1/applicant/dossiers/:id': APPLICANT,
  'PATCH /api/v1/applicant/dossiers/:id': APPLICANT,
  'DELETE /api/v1/applicant/dossiers/:id': APPLICANT,
  'GET /api/v1/applicant/dossiers/:id/history': APPLICANT,
  'POST /api/v1/applicant/dossiers/:id/components': APPLICANT,
  'POST /api/v1/applicant/dossiers/:id/components/reuse': APPLICANT,
  'DELETE /api/v1/applicant/dossiers/:id/components/files/:fileId': APPLICANT,
  'GET /api/v1/applicant/dossiers/:id/components/files/:fileId': APPLICANT,
  'POST /api/v1/applicant/dossiers/:id/actions/:action': APPLICANT,
  'GET /api/v1/applicant/dossiers/:id/forms/01.pdf': APPLICANT,
  'PUT /api/v1/applicant/dossiers/:id/rating': APPLICANT,
  'GET /api/v1/applicant/documents': APPLICANT,
  'GET /api/v1/settings': ['system_admin'],
  'PUT /api/v1/settings/:key': ['system_admin'],
  'DELETE /api/v1/settings/:key': ['system_admin'],
  'GET /api/v1/settings/process': ['system_admin'],
  'GET /api/v1/portal/notice': PUBLIC,
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
const sessions = new Map<Persona, Session>();
let applicant: string;

beforeAll(async () => {
  t = await testApp({ env: { LOGIN_RATE_PER_MINUTE: '10000' } });
  for (const role of ROLES) sessions.set(role, await t.login(PERSONA[role]));
  const citizen = await newApplicant(t);
  applicant = citizen.login;
  sessions.set(APPLICANT, citizen.session);
});
afterAll(() => t.close());

const routes = () =>
  t.app.declaredRoutes.filter((r) => r.method !== 'HEAD').map((r) => ({ ...r, key: `${r.method} ${r.url}` }));

// A path with made-up ids and an empty body: past the guard it can only fail validation or find nothing, so the
// test changes nothing and any 401/403 comes from the guard.
const concrete = (url: string) => url.replace(/:\w+/g, () => randomUUID()).replace('*', 'index.css');

const signIn = (persona: Persona) => (persona === APPLICANT ? applicantLogin(t, applicant) : t.login(PERSONA[persona]));

async function attempt(method: string, url: string, persona?: Persona) {
  // A write may end the session (logout does): writes get a session of their own.
  const session = persona && (method === 'GET' ? sessions.get(persona) : await signIn(persona));
  const res = await t.app.inject({
    method: method as 'GET',
    url: concrete(url),
    headers: session?.headers ?? {},
    ...(['POST', 'PUT', 'PATCH'].includes(method) ? { payload: {} } : {}),
  });
  return res.statusCode;
}

function lets(expected: Expected, persona: Persona): boolean {
  if (expected === PUBLIC) return true;
  if (expected === APPLICANT || persona === APPLICANT) return expected === persona;
  return expected === ANY_STAFF || expected.includes(persona);
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
      for (const persona of [...ROLES, APPLICANT]) {
        const status = await attempt(route.method, route.url, persona);
        const allowed = lets(expected, persona);
        const passed = status !== 401 && status !== 403;
        if (allowed !== passed) failures.push(`${route.key} as ${persona}: ${status}`);
        // Staff and citizens hold different cookies: to the other side's routes each is simply not signed in.
        const otherSide = (expected === APPLICANT) !== (persona === APPLICANT);
        if (!allowed && otherSide && status !== 401) failures.push(`${route.key} as ${persona}: ${status}, not 401`);
        if (status >= 500) failures.push(`${route.key} as ${persona}: server error ${status}`);
      }
    }
    expect(failures).toEqual([]);
  });
});
