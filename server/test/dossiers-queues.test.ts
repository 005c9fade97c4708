// Work queues, lists and public tracking: what waits on whom, filters and search, cursor pages, scope; the
// tracking secret given once at acceptance, the public timeline, and the same 404 for a wrong secret or code.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vnInstant } from '../src/modules/calendar/vn-time.ts';
import { fixedClock } from '../src/platform/clock.ts';
import { AGENCY, APPLICANT, Desk } from './dossiers-helpers.ts';
import { type TestApp, testApp } from './harness.ts';

const clock = fixedClock(new Date(vnInstant('2025-03-10', '08:00')));
let t: TestApp;
let desk: Desk;

async function list(username: string, query: string) {
  const res = await t.app.inject({
    method: 'GET',
    url: `/api/v1/dossiers?${query}`,
    headers: (await desk.as(username)).headers,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { items: { id: string; code: string | null; queue: string }[]; nextCursor: string | null };
}

async function counts(username: string) {
  const res = await t.app.inject({
    method: 'GET',
    url: '/api/v1/dossiers/queues',
    headers: (await desk.as(username)).headers,
  });
  expect(res.statusCode, res.body).toBe(200);
  return Object.fromEntries(res.json().items.map((q: { id: string; count: number }) => [q.id, q.count]));
}

const track = (code: string, secret: string, ip = '10.0.0.1') =>
  t.app.inject({
    method: 'GET',
    url: `/api/v1/public/dossiers/${encodeURIComponent(code)}?secret=${encodeURIComponent(secret)}`,
    remoteAddress: ip,
  });

let waiting: string;
let processing: string;
let signing: string;
let resolved: string;
let secret: string;
let code: string;

beforeAll(async () => {
  t = await testApp({ clock, env: { LOGIN_RATE_PER_MINUTE: '100000' } });
  desk = new Desk(t);
  await desk.procedure('9.930001', [[AGENCY.p1, 'commune-standard']], 1);
  const open = (name: string, phone: string) =>
    desk.open('motcua.p1', { procedureCode: '9.930001', applicant: { ...APPLICANT, name, phone } });
  waiting = (await open('Trần Văn Bình', '0912 345 678')).id;
  processing = (await open('Lê Thị Ánh', '0913 000 111')).id;
  const accepted = await desk.act('motcua.p1', processing, 'accept');
  secret = accepted.trackingSecret;
  code = accepted.code;
  signing = (await open('Phạm Đức Cường', '0914 000 222')).id;
  await desk.act('motcua.p1', signing, 'accept');
  await desk.act('chuyenvien.p1', signing, 'propose', { opinion: 'Đề nghị cấp.', documents: ['du-thao'] });
  resolved = (await open('Nguyễn Hữu Dũng', '0915 000 333')).id;
  await desk.act('motcua.p1', resolved, 'accept');
  await desk.act('chuyenvien.p1', resolved, 'propose', { opinion: 'Đề nghị cấp.', documents: ['du-thao'] });
  await desk.act('lanhdao.p1', resolved, 'sign', { signedDocumentId: 'ky-so-1' });
});
afterAll(() => t.close());

describe('work queues', () => {
  it('puts each dossier in the queue of the role its step waits on, at the agency where it is', async () => {
    expect((await list('motcua.p1', 'queue=receive')).items.map((i) => i.id)).toEqual([waiting]);
    expect((await list('motcua.p1', 'queue=return')).items.map((i) => i.id)).toEqual([resolved]);
    expect((await list('chuyenvien.p1', 'queue=process')).items.map((i) => i.id)).toEqual([processing]);
    expect((await list('lanhdao.p1', 'queue=sign')).items.map((i) => i.id)).toEqual([signing]);
    expect((await list('chuyenvien.p1', 'queue=receive')).items).toEqual([]);
    // A specialist of another agency sees none of them.
    expect((await list('chuyenvien.tpbl', 'queue=process')).items).toEqual([]);
    expect(await counts('motcua.p1')).toEqual({ receive: 1, process: 0, approve: 0, sign: 0, return: 1, overdue: 0 });
    expect(await counts('lanhdao.p1')).toMatchObject({ sign: 1 });
  });

  it('leaves a dossier assigned to one specialist out of another specialist’s queue', async () => {
    await desk.grant('chuyenvien.tpbl', 'specialist', AGENCY.p1);
    expect((await list('chuyenvien.tpbl', 'queue=process')).items.map((i) => i.id)).toEqual([processing]);
    await desk.act('lanhdao.p1', processing, 'assign', { assignee: await desk.staffId('chuyenvien.p1') });
    expect((await list('chuyenvien.tpbl', 'queue=process')).items).toEqual([]);
    expect((await list('chuyenvien.p1', 'queue=process')).items.map((i) => i.id)).toEqual([processing]);
  });

  it('lists what the reader’s scope reaches, with filters, search without diacritics and cursor pages', async () => {
    expect((await list('motcua.p1', '')).items).toHaveLength(4);
    expect((await list('chuyenvien.stp', '')).items).toHaveLength(0);
    expect((await list('lanhdao.tpbl', '')).items).toHaveLength(4); // the city's leader reads its communes
    expect((await list('motcua.p1', 'q=tran%20van%20binh')).items.map((i) => i.id)).toEqual([waiting]);
    expect((await list('motcua.p1', 'q=0913000111')).items.map((i) => i.id)).toEqual([processing]);
    expect((await list('motcua.p1', `q=${code.slice(-11)}`)).items.map((i) => i.id)).toEqual([processing]);
    expect((await list('motcua.p1', 'status=resolved')).items.map((i) => i.id)).toEqual([resolved]);
    expect((await list('motcua.p1', 'from=2025-03-10&to=2025-03-10')).items).toHaveLength(3);
    expect((await list('motcua.p1', 'from=2025-03-11')).items).toHaveLength(0);
    const seen: string[] = [];
    let cursor = '';
    for (let page = 0; page < 5; page++) {
      const got = await list('motcua.p1', `sort=received&limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...got.items.map((i) => i.id));
      if (!got.nextCursor) break;
      cursor = got.nextCursor;
    }
    expect(new Set(seen).size).toBe(4);
  });

  it('refuses a malformed cursor or date with 400 naming the field', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/dossiers?cursor=abc',
      headers: (await desk.as('motcua.p1')).headers,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe('cursor');
  });
});

describe('public tracking', () => {
  it('shows the status, the public timeline and the appointment to whoever has the code and the secret', async () => {
    expect(secret).toMatch(/^[0-9A-Z]{3}-[0-9A-Z]{3}-[0-9A-Z]{3}$/);
    const res = await track(code, secret.toLowerCase().replace(/-/g, ' '));
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ code, statusName: 'Đang giải quyết', appointment: expect.any(String) });
    expect(body.timeline.map((e: { action: string }) => e.action)).toEqual(['submit', 'accept']);
    expect(res.body).not.toContain('motcua.p1');
    expect(res.body).not.toContain('Tô Thị Thanh Thúy');
    const stored = await t.ctx.database.db
      .selectFrom('dossier')
      .select('tracking_secret_hash')
      .where('code', '=', code)
      .executeTakeFirstOrThrow();
    expect(stored.tracking_secret_hash).not.toContain(secret.replace(/-/g, ''));
  });

  it('answers a wrong secret and an unknown code with the same 404', async () => {
    const wrong = await track(code, 'AAA-AAA-AAA');
    const unknown = await track('000.02.11.H05-250310-9999', secret);
    expect(wrong.statusCode).toBe(404);
    expect(unknown.statusCode).toBe(404);
    const { instance: _a, requestId: _b, ...wrongBody } = wrong.json();
    const { instance: _c, requestId: _d, ...unknownBody } = unknown.json();
    expect(wrongBody).toEqual(unknownBody);
  });

  it('limits look-ups per address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) statuses.push((await track(code, 'AAA-AAA-AAA', '10.9.9.9')).statusCode);
    expect(statuses.at(-1)).toBe(429);
  });
});
