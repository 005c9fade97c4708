// The leaders' dashboard: dossiers received in the period by status, overdue dossiers still running, returned
// results early / on time / late by resolving agency and week; within the reader's scope only; periods checked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vnInstant } from '../src/modules/calendar/vn-time.ts';
import { markDeadlines } from '../src/modules/dossiers/deadline-job.ts';
import { fixedClock } from '../src/platform/clock.ts';
import { AGENCY, Desk } from './dossiers-helpers.ts';
import { type TestApp, testApp } from './harness.ts';

const clock = fixedClock(new Date(vnInstant('2025-03-10', '08:00')));
let t: TestApp;
let desk: Desk;
let running: string;

async function board(username: string, query: string, expected = 200) {
  const res = await t.app.inject({
    method: 'GET',
    url: `/api/v1/dossiers/dashboard?${query}`,
    headers: (await desk.as(username)).headers,
  });
  expect(res.statusCode, res.body).toBe(expected);
  return res.json();
}

beforeAll(async () => {
  t = await testApp({ clock, env: { LOGIN_RATE_PER_MINUTE: '100000' } });
  desk = new Desk(t);
  await desk.procedure('9.930005', [[AGENCY.p1, 'commune-standard']], 1);
  const open = async () => (await desk.open('motcua.p1', { procedureCode: '9.930005' })).id as string;
  await open(); // waiting at the desk: not received, not counted
  running = (await open()) as string;
  await desk.act('motcua.p1', running, 'accept');
  const returned = await open();
  await desk.act('motcua.p1', returned, 'accept');
  // Returning a result needs a signed result document (module results); the aggregation only reads the row, so
  // this dossier is given its return directly: late, on Wednesday 12 March in Vietnam.
  await t.ctx.database.db
    .updateTable('dossier')
    .set({ status: 'returned', returned_at: new Date(vnInstant('2025-03-12', '10:00')), outcome: 'late' })
    .where('id', '=', returned)
    .execute();
  clock.set(new Date(vnInstant('2025-03-20', '08:00')));
  await markDeadlines(t.ctx, clock.now());
  desk.forgetSessions();
});
afterAll(() => t?.close());

describe('dashboard', () => {
  it('counts by status, lists the overdue and groups returns by agency and week', async () => {
    const answer = await board('lanhdao.p1', 'from=2025-03-01&to=2025-03-31');
    expect(answer.granularity).toBe('week');
    expect(answer.byStatus).toEqual([
      { status: 'processing', name: 'Đang giải quyết', count: 1 },
      { status: 'returned', name: 'Đã trả kết quả', count: 1 },
    ]);
    expect(answer.overdue.more).toBe(false);
    expect(answer.overdue.items.map((d: { id: string }) => d.id)).toEqual([running]);
    expect(answer.overdue.items[0].agencyName).toBe('Ủy ban nhân dân Phường 1, thành phố Bạc Liêu');
    expect(answer.onTime).toEqual([
      {
        agencyId: await desk.agencyId(AGENCY.p1),
        agencyName: 'Ủy ban nhân dân Phường 1, thành phố Bạc Liêu',
        periods: [{ period: '2025-03-10', early: 0, onTime: 0, late: 1 }],
      },
    ]);
  });

  it('groups by month over a longer period, and narrows to an agency', async () => {
    const year = await board('lanhdao.p1', 'from=2025-01-01&to=2025-12-31');
    expect(year.granularity).toBe('month');
    expect(year.onTime[0].periods).toEqual([{ period: '2025-03-01', early: 0, onTime: 0, late: 1 }]);
    const elsewhere = await board(
      'lanhdao.p1',
      `from=2025-03-01&to=2025-03-31&agency=${await desk.agencyId(AGENCY.stp)}`,
    );
    expect(elsewhere.byStatus).toEqual([]);
    expect(elsewhere.onTime).toEqual([]);
  });

  it('shows nothing outside the reader scope', async () => {
    const centre = await board('motcua.tinh', 'from=2025-03-01&to=2025-03-31');
    expect(centre).toMatchObject({ byStatus: [], overdue: { items: [] }, onTime: [] });
    const province = await board('lanhdao.tinh', 'from=2025-03-01&to=2025-03-31');
    expect(province.overdue.items.map((d: { id: string }) => d.id)).toEqual([running]);
  });

  it('refuses a period backwards or longer than a year, naming the field', async () => {
    const backwards = await board('lanhdao.p1', 'from=2025-03-31&to=2025-03-01', 400);
    expect(backwards.errors).toEqual([{ field: 'to', message: 'Ngày kết thúc phải từ ngày bắt đầu trở đi.' }]);
    const long = await board('lanhdao.p1', 'from=2024-01-01&to=2025-03-01', 400);
    expect(long.errors[0].field).toBe('to');
    const missing = await board('lanhdao.p1', 'from=2025-03-01', 400);
    expect(missing.title).toMatch(/to/);
  });
});
