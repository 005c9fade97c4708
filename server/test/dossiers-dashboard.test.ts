// The leaders' dashboard: dossiers received in the period by status, overdue dossiers still running, returned
// results early / on time / late by resolving agency, by handling department and week; within the reader's scope
// only; periods checked. Then the list's drill-down filters: the dossiers behind one figure.
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
/** At the city: returned early after its specialist (Phòng Tư pháp) acted, and on time with no department acting. */
let handled: string;
let unhandled: string;

async function board(username: string, query: string, expected = 200) {
  const res = await t.app.inject({
    method: 'GET',
    url: `/api/v1/dossiers/dashboard?${query}`,
    headers: (await desk.as(username)).headers,
  });
  expect(res.statusCode, res.body).toBe(expected);
  return res.json();
}

/**
 * Returning a result needs a signed result document (module results); the aggregation only reads the row, so a
 * dossier is given its return directly.
 */
async function returnDirectly(id: string, day: string, outcome: 'early' | 'on_time' | 'late') {
  await t.ctx.database.db
    .updateTable('dossier')
    .set({
      status: 'returned',
      returned_at: new Date(vnInstant(day, '10:00')),
      outcome,
      clock_phase: 'stopped',
      due_state: null,
    })
    .where('id', '=', id)
    .execute();
}

beforeAll(async () => {
  t = await testApp({ clock, env: { LOGIN_RATE_PER_MINUTE: '100000' } });
  desk = new Desk(t);
  await desk.procedure('9.930005', [[AGENCY.p1, 'commune-standard']], 1);
  await desk.procedure('9.930006', [[AGENCY.tpbl, 'commune-standard']], 1);
  const open = async () => (await desk.open('motcua.p1', { procedureCode: '9.930005' })).id as string;
  await open(); // waiting at the desk: not received, not counted
  running = (await open()) as string;
  await desk.act('motcua.p1', running, 'accept');
  const returned = await open();
  await desk.act('motcua.p1', returned, 'accept');
  await returnDirectly(returned, '2025-03-12', 'late'); // Wednesday 12 March in Vietnam
  const city = await desk.agencyId(AGENCY.tpbl);
  const atCity = async () => {
    const { id } = await desk.open('motcua.tpbl', { procedureCode: '9.930006', receivingUnitId: city });
    await desk.act('motcua.tpbl', id, 'accept');
    return id as string;
  };
  handled = await atCity();
  await desk.act('chuyenvien.tpbl', handled, 'add_opinion', { opinion: 'Đủ điều kiện.' });
  await returnDirectly(handled, '2025-03-13', 'early');
  unhandled = await atCity();
  await returnDirectly(unhandled, '2025-03-04', 'on_time');
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
        total: { early: 0, onTime: 0, late: 1, rate: 0 },
        periods: [
          { period: '2025-03-10', from: '2025-03-10', to: '2025-03-16', early: 0, onTime: 0, late: 1, rate: 0 },
        ],
      },
    ]);
    expect(answer.byDepartment).toEqual([
      {
        agencyId: await desk.agencyId(AGENCY.p1),
        agencyName: 'Ủy ban nhân dân Phường 1, thành phố Bạc Liêu',
        departments: [{ departmentId: null, departmentName: 'Không xác định', ...answer.onTime[0] }].map(
          ({ agencyId: _id, agencyName: _name, ...department }) => department,
        ),
      },
    ]);
  });

  it('groups by month over a longer period, and narrows to an agency', async () => {
    const year = await board('lanhdao.p1', 'from=2025-01-01&to=2025-12-31');
    expect(year.granularity).toBe('month');
    expect(year.onTime[0].periods).toEqual([
      { period: '2025-03-01', from: '2025-03-01', to: '2025-03-31', early: 0, onTime: 0, late: 1, rate: 0 },
    ]);
    const monthly = await board('lanhdao.p1', 'from=2025-03-05&to=2025-03-20&granularity=month');
    expect(monthly.granularity).toBe('month');
    expect(monthly.onTime[0].periods[0]).toMatchObject({ period: '2025-03-01', from: '2025-03-05', to: '2025-03-20' });
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
    const granularity = await board('lanhdao.p1', 'from=2025-03-01&to=2025-03-31&granularity=day', 400);
    expect(granularity.title).toMatch(/granularity/);
  });
});

describe('by handling department', () => {
  const named = (answer: { byDepartment: { agencyName: string; departments: { departmentName: string }[] }[] }) =>
    answer.byDepartment.map((a) => [a.agencyName, a.departments.map((d) => d.departmentName)]);

  it('splits each agency of the leader’s subtree by the department that handled its dossiers', async () => {
    const answer = await board('lanhdao.tpbl', 'from=2025-03-01&to=2025-03-31');
    expect(named(answer)).toEqual([
      ['Ủy ban nhân dân Phường 1, thành phố Bạc Liêu', ['Không xác định']],
      ['Ủy ban nhân dân thành phố Bạc Liêu', ['Phòng Tư pháp', 'Không xác định']],
    ]);
    const [, city] = answer.byDepartment;
    expect(city.departments.map((d: { total: unknown }) => d.total)).toEqual([
      { early: 1, onTime: 0, late: 0, rate: 1 },
      { early: 0, onTime: 1, late: 0, rate: 1 },
    ]);
    // Every returned dossier has a department or none: the departments add up to the agency.
    const agency = answer.onTime.find((s: { agencyId: string }) => s.agencyId === city.agencyId);
    expect(agency.total).toEqual({ early: 1, onTime: 1, late: 0, rate: 1 });
  });

  it('never shows a leader the departments of an agency outside their scope', async () => {
    expect(named(await board('lanhdao.p1', 'from=2025-03-01&to=2025-03-31'))).toEqual([
      ['Ủy ban nhân dân Phường 1, thành phố Bạc Liêu', ['Không xác định']],
    ]);
    expect(named(await board('giamdoc.stp', 'from=2025-03-01&to=2025-03-31'))).toEqual([]);
  });
});

describe('drilling down into the list', () => {
  async function list(username: string, query: Record<string, string>, expected = 200) {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/dossiers?${new URLSearchParams(query)}`,
      headers: (await desk.as(username)).headers,
    });
    expect(res.statusCode, res.body).toBe(expected);
    return res.json();
  }
  const ids = (page: { items: { id: string }[] }) => page.items.map((d) => d.id).sort();

  it('lists the dossiers behind a department’s bar, a period and an outcome', async () => {
    const city = await desk.agencyId(AGENCY.tpbl);
    const answer = await board('lanhdao.tpbl', 'from=2025-03-01&to=2025-03-31');
    const [justice, none] = answer.byDepartment[1].departments;
    const week = justice.periods[0];
    expect(week).toMatchObject({ from: '2025-03-10', to: '2025-03-16', early: 1 });
    const behind = await list('lanhdao.tpbl', {
      resolvingAgency: city,
      department: justice.departmentId,
      returnedFrom: week.from,
      returnedTo: week.to,
      outcome: 'early',
    });
    expect(ids(behind)).toEqual([handled]);
    const noDepartment = {
      resolvingAgency: city,
      department: 'none',
      returnedFrom: '2025-03-01',
      returnedTo: '2025-03-31',
    };
    expect(none.departmentId).toBeNull();
    expect(ids(await list('lanhdao.tpbl', noDepartment))).toEqual([unhandled]);
    expect(ids(await list('lanhdao.tpbl', { ...noDepartment, outcome: 'late' }))).toEqual([]);
    // The whole subtree, as the status and overdue figures of a dashboard narrowed to the city count it.
    const subtree = await list('lanhdao.tpbl', { agency: city, returnedFrom: '2025-03-01', returnedTo: '2025-03-31' });
    expect(subtree.items).toHaveLength(3);
    expect(ids(await list('lanhdao.tpbl', { agency: city, overdue: 'true' }))).toEqual([running]);
  });

  it('keeps to the reader’s scope and names a bad filter', async () => {
    const department = (await board('lanhdao.tpbl', 'from=2025-03-01&to=2025-03-31')).byDepartment[1].departments[0];
    expect((await list('lanhdao.p1', { department: department.departmentId })).items).toEqual([]);
    const bad = await list('lanhdao.tpbl', { department: 'phong-tu-phap' }, 400);
    expect(bad.title).toMatch(/department/);
    const date = await list('lanhdao.tpbl', { returnedFrom: '2025-02-30' }, 400);
    expect(date.errors).toEqual([{ field: 'returnedFrom', message: 'Ngày phải có dạng YYYY-MM-DD.' }]);
    const outcome = await list('lanhdao.tpbl', { outcome: 'soon' }, 400);
    expect(outcome.title).toMatch(/outcome/);
  });
});
