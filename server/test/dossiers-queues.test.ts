// Work queues, lists and public tracking: what waits on whom, filters and search, cursor pages, scope; the
// tracking secret given once at acceptance, the public timeline, and the same 404 for a wrong secret or code.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vnInstant } from '../src/modules/calendar/vn-time.ts';
import { fixedClock } from '../src/platform/clock.ts';
import { AGENCY, APPLICANT, Desk } from './dossiers-helpers.ts';
import { type TestApp, testApp } from './harness.ts';
import { makePki } from './signing-fixtures.ts';

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
  await desk.signingKeys(await makePki(new Date('2024-01-01')), ['lanhdao.p1']);
  const open = (name: string, phone: string) =>
    desk.open('motcua.p1', { procedureCode: '9.930001', applicant: { ...APPLICANT, name, phone } });
  waiting = (await open('Trần Văn Bình', '0912 345 678')).id;
  processing = (await open('Lê Thị Ánh', '0913 000 111')).id;
  const accepted = await desk.act('motcua.p1', processing, 'accept');
  secret = accepted.trackingSecret;
  code = accepted.code;
  signing = (await open('Phạm Đức Cường', '0914 000 222')).id;
  await desk.act('motcua.p1', signing, 'accept');
  const draft = await desk.result('chuyenvien.p1', signing);
  await desk.act('chuyenvien.p1', signing, 'propose', { opinion: 'Đề nghị cấp.', documents: [draft] });
  resolved = (await open('Nguyễn Hữu Dũng', '0915 000 333')).id;
  await desk.act('motcua.p1', resolved, 'accept');
  const result = await desk.result('chuyenvien.p1', resolved);
  await desk.act('chuyenvien.p1', resolved, 'propose', { opinion: 'Đề nghị cấp.', documents: [result] });
  await desk.sign('lanhdao.p1', resolved, result);
  await desk.act('lanhdao.p1', resolved, 'sign', { signedDocumentId: result });
}, 120_000);
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

  it('re-issues a lost secret at the receiving desk once: the old one stops working, a replay does not repeat it', async () => {
    const reissue = async (username: string, key: string) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/dossiers/${processing}/tracking-secret`,
        headers: { ...(await desk.as(username)).headers, 'idempotency-key': key },
      });
    expect((await reissue('motcua.tpbl', randomUUID())).statusCode).toBe(403); // another unit's desk
    expect((await reissue('motcua.p1', randomUUID().slice(0, 4))).statusCode).toBe(400);
    const key = randomUUID();
    const first = await reissue('motcua.p1', key);
    expect(first.statusCode, first.body).toBe(200);
    const fresh = first.json().trackingSecret as string;
    expect(fresh).toMatch(/^[0-9A-Z]{3}-[0-9A-Z]{3}-[0-9A-Z]{3}$/);
    expect((await track(code, secret, '10.0.0.2')).statusCode).toBe(404);
    expect((await track(code, fresh, '10.0.0.2')).statusCode).toBe(200);
    const replay = await reissue('motcua.p1', key);
    expect(replay.statusCode).toBe(200);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json().trackingSecret).toBeUndefined();
    expect((await track(code, fresh, '10.0.0.2')).statusCode).toBe(200);
    const notYet = await reissue('motcua.p1', randomUUID());
    expect(notYet.statusCode).toBe(200); // same dossier, new key: another new secret
    const unreceived = await t.app.inject({
      method: 'POST',
      url: `/api/v1/dossiers/${waiting}/tracking-secret`,
      headers: { ...(await desk.as('motcua.p1')).headers, 'idempotency-key': randomUUID() },
    });
    expect(unreceived.statusCode).toBe(409);
    expect(unreceived.json().title).toContain('chưa được tiếp nhận');
    const audit = await t.ctx.database.db
      .selectFrom('audit_entry')
      .select(['action', 'summary'])
      .where('target_id', '=', processing)
      .where('action', '=', 'dossier.tracking_secret_reissued')
      .execute();
    expect(audit).toHaveLength(2);
    expect(JSON.stringify(audit)).not.toContain(fresh);
    secret = notYet.json().trackingSecret;
  });

  it('limits look-ups per address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) statuses.push((await track(code, 'AAA-AAA-AAA', '10.9.9.9')).statusCode);
    expect(statuses.at(-1)).toBe(429);
  });
});
