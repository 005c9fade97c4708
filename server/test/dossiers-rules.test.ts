// Bad input and concurrency: two officers at once, retried requests, closed dossiers, e-forms that fail their
// schema, scope, stale versions; the deadline job; and on PostgreSQL, codes under many concurrent receipts.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { vnInstant } from '../src/modules/calendar/vn-time.ts';
import { markDeadlines } from '../src/modules/dossiers/deadline-job.ts';
import { fixedClock } from '../src/platform/clock.ts';
import { openPostgres } from '../src/platform/db/connection.ts';
import { AGENCY, Desk, EFORM } from './dossiers-helpers.ts';
import { contextOn, isPostgres, type TestApp, testApp } from './harness.ts';

const clock = fixedClock(new Date(vnInstant('2025-03-10', '08:00')));
let t: TestApp;
let desk: Desk;

beforeAll(async () => {
  t = await testApp({ clock, env: { LOGIN_RATE_PER_MINUTE: '100000', DOSSIER_DUE_SOON_HOURS: '4' } });
  desk = new Desk(t);
  await desk.procedure('9.920001', [[AGENCY.p1, 'commune-standard']], 1);
  await desk.procedure('9.920002', [[AGENCY.p1, null]]);
  // A second officer at the commune's desk.
  await desk.grant('motcua.tpbl', 'one_stop_officer', AGENCY.p1);
});
afterAll(() => t.close());

const open = () => desk.open('motcua.p1', { procedureCode: '9.920001' });

describe('concurrency', () => {
  it('two officers accepting the same dossier at once: one wins, the other gets 409 with the reason', async () => {
    const { id } = await open();
    const results = await Promise.all([
      desk.actRaw('motcua.p1', id, 'accept', {}),
      desk.actRaw('motcua.tpbl', id, 'accept', {}),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const refused = results.find((r) => r.statusCode === 409)!.json();
    expect(refused.title).toMatch(/không thực hiện được khi hồ sơ ở bước/);
    const dossier = await desk.get('motcua.p1', id);
    expect(dossier.history.map((h: { action: string }) => h.action)).toEqual(['submit', 'accept']);
  });

  it('refuses with 409 an action sent with a version (If-Match) the dossier no longer has', async () => {
    const { id, version } = await open();
    await desk.act('motcua.p1', id, 'add_opinion', { opinion: 'Đã kiểm tra thành phần.' });
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/dossiers/${id}/actions/accept`,
      headers: { ...(await desk.as('motcua.p1')).headers, 'idempotency-key': randomUUID(), 'if-match': `"${version}"` },
      payload: {},
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().type).toBe('https://congso.vn/problems/stale-version');
  });
});

describe('idempotency', () => {
  it('answers a repeated request with the first answer and changes nothing', async () => {
    const { id } = await open();
    const key = randomUUID();
    const first = await desk.actRaw('motcua.p1', id, 'accept', {}, key);
    const again = await desk.actRaw('motcua.p1', id, 'accept', {}, key);
    expect(first.statusCode).toBe(200);
    expect(again.statusCode).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    // The tracking secret is answered once: the stored answer keeps only what a replay may show.
    const { trackingSecret, ...stored } = first.json();
    expect(trackingSecret).toMatch(/^[0-9A-Z]{3}-[0-9A-Z]{3}-[0-9A-Z]{3}$/);
    expect(again.json()).toEqual(stored);
    const dossier = await desk.get('motcua.p1', id);
    expect(dossier.history).toHaveLength(2);
    expect(await desk.audits(id)).toEqual(['dossier.opened', 'dossier.submit', 'dossier.accept']);
  });

  it('refuses the same key for a different request with 422', async () => {
    const { id } = await open();
    const key = randomUUID();
    await desk.actRaw('motcua.p1', id, 'add_opinion', { opinion: 'Một' }, key);
    const other = await desk.actRaw('motcua.p1', id, 'add_opinion', { opinion: 'Hai' }, key);
    expect(other.statusCode).toBe(422);
    expect(other.json().errors[0].field).toBe('Idempotency-Key');
  });

  it('needs the Idempotency-Key header on every action', async () => {
    const { id } = await open();
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/dossiers/${id}/actions/accept`,
      headers: (await desk.as('motcua.p1')).headers,
      payload: {},
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe('idempotency-key');
  });

  it('keeps nothing of a refused action, so the same key may be sent again once the action is allowed', async () => {
    const { id } = await open();
    const key = randomUUID();
    const proposal = { opinion: 'Đủ điều kiện.', documents: [await desk.result('chuyenvien.p1', id)] };
    expect((await desk.actRaw('chuyenvien.p1', id, 'propose', proposal, key)).statusCode).toBe(409);
    expect((await desk.get('motcua.p1', id)).version).toBe(2);
    await desk.act('motcua.p1', id, 'accept');
    const retried = await desk.actRaw('chuyenvien.p1', id, 'propose', proposal, key);
    expect(retried.statusCode).toBe(200);
    expect(retried.json().step).toBe('signing');
  });
});

describe('bad input', () => {
  it('answers 404 for a dossier that does not exist, keeping nothing of the key', async () => {
    const key = randomUUID();
    const missing = await desk.actRaw('motcua.p1', randomUUID(), 'accept', {}, key);
    expect(missing.statusCode).toBe(404);
    const { id } = await open();
    expect((await desk.actRaw('motcua.p1', id, 'accept', {}, key)).statusCode).toBe(200);
  });

  it('refuses an e-form that fails the procedure schema, naming each field with its title', async () => {
    const res = await desk.open(
      'motcua.p1',
      { procedureCode: '9.920001', eform: { hoTen: '', soDinhDanh: '123' } },
      400,
    );
    expect(res.errors).toEqual([
      {
        field: 'eform.hoTen',
        message: 'Trường "eform.hoTen" phải có ít nhất 1 ký tự (Họ, chữ đệm và tên người yêu cầu).',
      },
      { field: 'eform.soDinhDanh', message: 'Trường "eform.soDinhDanh" không đúng định dạng (Số định danh cá nhân).' },
    ]);
    const missing = await desk.open('motcua.p1', { procedureCode: '9.920001', eform: { hoTen: 'A' } }, 400);
    expect(missing.errors[0]).toMatchObject({ field: 'eform.soDinhDanh' });
  });

  it('refuses a procedure not offered at the desk, and one without a workflow there', async () => {
    const elsewhere = await desk.open('motcua.tinh', { procedureCode: '9.920001' }, 400);
    expect(elsewhere.errors[0].field).toBe('procedureCode');
    const unassigned = await desk.open('motcua.p1', { procedureCode: '9.920002' }, 409);
    expect(unassigned.title).toMatch(/chưa được gắn quy trình/);
  });

  it('names the missing input of an action, and refuses an assignee from another agency', async () => {
    const { id } = await open();
    await desk.act('motcua.p1', id, 'accept');
    const draft = await desk.result('chuyenvien.p1', id);
    const noOpinion = await desk.act('chuyenvien.p1', id, 'propose', { documents: [draft] }, 400);
    expect(noOpinion.errors[0]).toEqual({ field: 'opinion', message: 'Cần nhập ý kiến xử lý.' });
    const outsider = await desk.act(
      'lanhdao.p1',
      id,
      'assign',
      { assignee: await desk.staffId('chuyenvien.stp') },
      400,
    );
    expect(outsider.errors[0].field).toBe('assignee');
    const badDate = await desk.act('lanhdao.p1', id, 'extend', { reason: 'x', newDate: '14/03/2025' }, 400);
    expect(badDate.errors[0].field).toBe('newDate');
  });

  it('keeps staff of other agencies out: 403 on reading and acting', async () => {
    const { id } = await open();
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/dossiers/${id}`,
      headers: (await desk.as('chuyenvien.stp')).headers,
    });
    expect(res.statusCode).toBe(403);
    await desk.act('chuyenvien.stp', id, 'add_opinion', { opinion: 'x' }, 403);
    // The city's reporting officer reads the dossiers of the communes below it, and takes no action.
    expect((await desk.get('baocao.tpbl', id)).availableActions).toEqual([]);
  });
});

describe('the deadline job', () => {
  it('marks due soon, then overdue, announcing each once (threshold 4 working hours)', async () => {
    clock.set(new Date(vnInstant('2025-03-10', '08:00')));
    const { id } = await open();
    const accepted = await desk.act('motcua.p1', id, 'accept');
    expect(accepted).toMatchObject({
      dueAt: new Date(vnInstant('2025-03-11', '08:00')).toISOString(),
      dueState: 'on_time',
    });
    const dueTopics = async () =>
      (await desk.topics(id)).filter((x) => x === 'dossier.due_soon' || x === 'dossier.overdue');

    await markDeadlines(t.ctx, new Date(vnInstant('2025-03-10', '13:00')));
    expect((await desk.get('motcua.p1', id)).dueState).toBe('on_time');
    await markDeadlines(t.ctx, new Date(vnInstant('2025-03-10', '15:00')));
    await markDeadlines(t.ctx, new Date(vnInstant('2025-03-10', '16:00')));
    expect((await desk.get('motcua.p1', id)).dueState).toBe('due_soon');
    expect(await dueTopics()).toEqual(['dossier.due_soon']);
    await markDeadlines(t.ctx, new Date(vnInstant('2025-03-11', '09:00')));
    await markDeadlines(t.ctx, new Date(vnInstant('2025-03-11', '10:00')));
    expect((await desk.get('motcua.p1', id)).dueState).toBe('overdue');
    expect(await dueTopics()).toEqual(['dossier.due_soon', 'dossier.overdue']);
  });
});

describe.runIf(isPostgres())('codes under load (PostgreSQL, two server processes)', () => {
  it('gives 200 concurrent receipts at one desk 200 distinct consecutive codes', async () => {
    clock.set(new Date(vnInstant('2025-03-12', '09:00')));
    desk.forgetSessions();
    const ids: string[] = [];
    for (let i = 0; i < 200; i++)
      ids.push((await desk.open('motcua.p1', { procedureCode: '9.920001', eform: EFORM })).id);
    // Two server processes on the same database, each with its own pool, large enough that requests wait on the
    // counter row inside PostgreSQL rather than for a connection.
    const url = (t.ctx.database as { url?: string }).url!;
    const nodes = [0, 1].map(() =>
      // The 200 requests queue for 60 connections behind one counter row: on a loaded machine some wait longer than
      // the default 5 s for a connection, which would answer 503. This test is about codes, not about overload.
      contextOn(openPostgres({ url, poolSize: 30, connectionTimeoutMs: 120_000 }), {
        clock,
        env: { LOGIN_RATE_PER_MINUTE: '100000' },
      }),
    );
    const apps = await Promise.all(nodes.map((node) => buildApp(node)));
    try {
      const session = await desk.as('motcua.p1');
      const results = await Promise.all(
        ids.map((id, i) =>
          apps[i % 2]!.inject({
            method: 'POST',
            url: `/api/v1/dossiers/${id}/actions/accept`,
            headers: { ...session.headers, 'idempotency-key': randomUUID() },
            payload: {},
          }),
        ),
      );
      expect(results.map((r) => r.statusCode)).toEqual(ids.map(() => 200));
      const codes = results.map((r) => r.json().code as string).sort();
      const expected = Array.from({ length: 200 }, (_, i) => `000.02.11.H05-250312-${String(i + 1).padStart(4, '0')}`);
      expect(codes).toEqual(expected);
    } finally {
      for (const app of apps) await app.close();
      for (const node of nodes) await node.database.close();
    }
  });
});
