// The working calendar through HTTP: the public year view and deadlines (DOMAIN.md §5), bad input, and the
// administrators' edits: agency overrides, confirming a provisional year, conflicts, audit and If-Match.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OFFICIAL_SCHEDULES } from '../src/modules/calendar/holidays.ts';
import { eventually, type Session, type TestApp, testApp } from './harness.ts';

let t: TestApp;
let admin: Session;
let quantriStp: Session;
let stp: { id: string; identifier: string };
let ubnd: { id: string };

const agencyNamed = async (q: string) =>
  (await t.app.inject({ url: `/api/v1/agencies?q=${encodeURIComponent(q)}` })).json().items[0];

beforeAll(async () => {
  t = await testApp({ env: { LOGIN_RATE_PER_MINUTE: '10000' } });
  admin = await t.login('admin');
  quantriStp = await t.login('quantri.stp');
  stp = await agencyNamed('Sở Tư pháp');
  ubnd = await agencyNamed('000.00.00.H05');
});
afterAll(() => t.close());

const get = (url: string) => t.app.inject({ url });
const deadline = (query: Record<string, string>) => get(`/api/v1/calendar/deadline?${new URLSearchParams(query)}`);
const dueOf = async (start: string, amount: Record<string, string>, extra: Record<string, string> = {}) => {
  const res = await deadline({ start, channel: 'online', ...amount, ...extra });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { due: string; countingStart: string; provisional: boolean };
};

async function versionOf(owner: string): Promise<number> {
  return (await get(`/api/v1/calendars/${owner}`)).json().version;
}

function put(session: Session, url: string, version: number | null, payload: unknown) {
  const headers = { ...session.headers, ...(version === null ? {} : { 'if-match': `"${version}"` }) };
  return t.app.inject({ method: 'PUT', url, headers, payload: payload as object });
}

function confirm(session: Session, owner: string, year: number, version: number) {
  const headers = { ...session.headers, 'if-match': `"${version}"` };
  return t.app.inject({ method: 'POST', url: `/api/v1/calendars/${owner}/years/${year}/confirm`, headers });
}

describe('GET /api/v1/calendar/{year}', () => {
  it.each([2024, 2025, 2026])('DOMAIN.md §5: the official schedule %i is seeded exactly', async (year) => {
    const body = (await get(`/api/v1/calendar/${year}`)).json();
    const official = OFFICIAL_SCHEDULES.find((s) => s.year === year)!;
    expect(body).toMatchObject({ year, status: 'official', provisional: false });
    expect(
      body.entries.map(({ date, kind, name, legalNote }: Record<string, string>) => ({ date, kind, name, legalNote })),
    ).toEqual(official.entries);
    expect(
      body.entries.every((e: { provisional: boolean; source: string }) => !e.provisional && e.source === 'province'),
    ).toBe(true);
  });

  it('DOMAIN.md §5 2025: the make-up Saturday 26/04 is listed as a make-up day with its swapped day off 02/05', async () => {
    const { entries } = (await get('/api/v1/calendar/2025')).json();
    expect(entries.find((e: { date: string }) => e.date === '2025-04-26')).toMatchObject({
      kind: 'make_up',
      dayOff: false,
      weekday: 6,
    });
    expect(entries.find((e: { date: string }) => e.date === '2025-05-02')).toMatchObject({
      kind: 'swap',
      dayOff: true,
    });
  });

  it("lists the statutory holidays' own dates even on a weekend (Hùng Kings 2026 is Sunday 26/04)", async () => {
    const { statutoryHolidays } = (await get('/api/v1/calendar/2026')).json();
    expect(statutoryHolidays.map((h: { key: string; date: string }) => [h.key, h.date])).toEqual([
      ['new_year', '2026-01-01'],
      ['tet', '2026-02-17'],
      ['hung_kings', '2026-04-26'],
      ['victory_day', '2026-04-30'],
      ['labour_day', '2026-05-01'],
      ['national_day', '2026-09-02'],
    ]);
    expect(statutoryHolidays[2].weekday).toBe(0);
  });

  it('DOMAIN.md §5 later years: 2027 is provisional (seeded) with Hùng Kings day Friday 16/04/2027', async () => {
    const body = (await get('/api/v1/calendar/2027')).json();
    expect(body).toMatchObject({ status: 'provisional', provisional: true });
    expect(body.entries.find((e: { date: string }) => e.date === '2027-04-16')).toMatchObject({
      kind: 'holiday',
      name: 'Giỗ Tổ Hùng Vương',
      provisional: true,
    });
    expect(body.entries.filter((e: { dayOff: boolean }) => e.dayOff)).toHaveLength(11);
  });

  it('generates a provisional year that is not stored, and answers any year from 1900 to 2199', async () => {
    const y2040 = (await get('/api/v1/calendar/2040')).json();
    expect(y2040).toMatchObject({ status: 'provisional', provisional: true });
    expect(y2040.entries.filter((e: { dayOff: boolean }) => e.dayOff)).toHaveLength(11);
    for (const year of [1900, 2199]) {
      const res = await get(`/api/v1/calendar/${year}`);
      expect(res.statusCode).toBe(200);
      expect(res.json().statutoryHolidays).toHaveLength(6);
    }
    // Tết 1985 in Vietnam (UTC+7) is 21/01, a month before China's (DOMAIN.md §5: never a Chinese calendar).
    const tet1985 = (await get('/api/v1/calendar/1985')).json().statutoryHolidays[1];
    expect(tet1985.date).toBe('1985-01-21');
  });

  it.each([
    ['1899', 'year'],
    ['2200', 'year'],
    ['abc', 'year'],
    ['2025?agency=000.99.99.H05', 'agency'],
  ])('refuses /calendar/%s with a 400 naming "%s"', async (path, field) => {
    const res = await get(`/api/v1/calendar/${path}`);
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.json().errors[0].field).toBe(field);
  });
});

describe('GET /api/v1/calendar/deadline', () => {
  it('DOMAIN.md §5 Tết 2025: 5 working days from Friday 24/01/2025 10:00 are due Friday 07/02/2025 10:00', async () => {
    expect(await dueOf('2025-01-24T10:00:00+07:00', { days: '5' })).toEqual({
      due: '2025-02-07T10:00:00+07:00',
      countingStart: '2025-01-24T10:00:00+07:00',
      provisional: false,
      agencyId: null,
    });
    // The same instant written in UTC.
    expect((await dueOf('2025-01-24T03:00:00Z', { days: '5' })).due).toBe('2025-02-07T10:00:00+07:00');
  });

  it('DOMAIN.md §5 Tết 2026: 3 working days from Friday 13/02/2026 14:00 are due Wednesday 25/02/2026 14:00', async () => {
    expect((await dueOf('2026-02-13T14:00:00+07:00', { days: '3' })).due).toBe('2026-02-25T14:00:00+07:00');
    expect((await dueOf('2026-02-13T15:00:00+07:00', { hours: '16' })).due).toBe('2026-02-24T15:00:00+07:00');
  });

  it('DOMAIN.md §5 2025: the make-up Saturday 26/04 counts; 30/4, 1/5 and the swapped 2/5 do not', async () => {
    const dues = [];
    for (const days of ['1', '2', '3', '4']) dues.push((await dueOf('2025-04-25T10:00:00+07:00', { days })).due);
    expect(dues).toEqual([
      '2025-04-26T10:00:00+07:00',
      '2025-04-28T10:00:00+07:00',
      '2025-04-29T10:00:00+07:00',
      '2025-05-05T10:00:00+07:00',
    ]);
  });

  it('DOMAIN.md §5 provisional 2027: Hùng Kings day Friday 16/04/2027 is skipped, and the answer says it is provisional', async () => {
    expect(await dueOf('2027-04-15T10:00:00+07:00', { days: '1' })).toMatchObject({
      due: '2027-04-19T10:00:00+07:00',
      provisional: true,
    });
  });

  it('DOMAIN.md §4 paper cut-off 15:00: a desk dossier at 15:00 counts from the next working day, online does not', async () => {
    const desk = await dueOf('2025-03-10T15:00:00+07:00', { days: '1' }, { channel: 'desk' });
    expect(desk).toMatchObject({ countingStart: '2025-03-11T07:00:00+07:00', due: '2025-03-12T07:00:00+07:00' });
    const early = await dueOf('2025-03-10T14:59:00+07:00', { days: '1' }, { channel: 'post' });
    expect(early.countingStart).toBe('2025-03-10T14:59:00+07:00');
    const online = await dueOf('2025-03-10T16:30:00+07:00', { days: '1' });
    expect(online.due).toBe('2025-03-11T16:30:00+07:00');
  });

  it('takes the agency by id or by its QCVN 102 identifier', async () => {
    const byId = await dueOf('2025-01-24T10:00:00+07:00', { days: '5' }, { agency: stp.id });
    const byCode = await dueOf('2025-01-24T10:00:00+07:00', { days: '5' }, { agency: stp.identifier });
    expect(byId).toEqual(byCode);
  });

  it.each([
    [{ start: '2025-01-20T10:00:00', days: '1' }, 'start'], // no offset
    [{ start: '20/01/2025 10:00', days: '1' }, 'start'],
    [{ start: '2025-02-30T10:00:00+07:00', days: '1' }, 'start'],
    [{ start: '1999-12-31T10:00:00+07:00', days: '1' }, 'start'], // outside the index 2000–2099
    [{ days: '1' }, 'start'],
    [{ start: '2025-01-20T10:00:00Z', days: '-1' }, 'days'],
    [{ start: '2025-01-20T10:00:00Z', days: '2601' }, 'days'], // over 10 years of working days
    [{ start: '2025-01-20T10:00:00Z', days: 'năm' }, 'days'],
    [{ start: '2025-01-20T10:00:00Z', hours: '20801' }, 'hours'],
    [{ start: '2025-01-20T10:00:00Z', hours: '-0.5' }, 'hours'],
    [{ start: '2025-01-20T10:00:00Z', days: '1', hours: '8' }, 'days'], // days xor hours
    [{ start: '2025-01-20T10:00:00Z' }, 'days'],
    [{ start: '2099-12-20T10:00:00Z', days: '100' }, 'days'], // due beyond 2099
    [{ start: '2025-01-20T10:00:00Z', days: '1', agency: '000.99.99.H05' }, 'agency'],
    [{ start: '2025-01-20T10:00:00Z', days: '1', agency: '7b1e4a52-0c1f-4a8e-9d7e-1f0e2c3d4b5a' }, 'agency'],
    [{ start: '2025-01-20T10:00:00Z', days: '1', channel: 'fax' }, 'channel'],
  ])('refuses %j with a 400 naming "%s"', async (query, field) => {
    const res = await deadline({ channel: 'online', ...query });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.json().errors[0].field).toBe(field);
    expect(res.json().title).toMatch(/\p{L}/u);
  });
});

describe('agency overrides', () => {
  const traditionDay = {
    date: '2025-08-28',
    kind: 'holiday',
    name: 'Ngày Truyền thống ngành Tư pháp (ví dụ)',
    legalNote: 'Quyết định của Giám đốc Sở Tư pháp (dữ liệu minh họa)',
  };

  it('an agency without its own calendar uses the province one (version 0)', async () => {
    const body = (await get(`/api/v1/calendars/${stp.id}`)).json();
    expect(body).toMatchObject({ agencyId: stp.id, calendarId: null, version: 0, ownHours: false, isProvince: false });
    expect(body.hours.weekly[1]).toEqual([
      { start: '07:00', end: '11:00' },
      { start: '13:00', end: '17:00' },
    ]);
    expect(body.hours.paperCutOff).toBe('15:00');
  });

  it("quantri.stp adds a day off for Sở Tư pháp: its deadlines change, the province's do not", async () => {
    const res = await put(quantriStp, `/api/v1/calendars/${stp.id}/years/2025/entries`, 0, { entries: [traditionDay] });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ version: 1, ownHours: false });
    expect(res.headers.etag).toBe('"1"');
    const start = '2025-08-27T10:00:00+07:00';
    expect((await dueOf(start, { days: '1' }, { agency: stp.id })).due).toBe('2025-08-29T10:00:00+07:00');
    expect((await dueOf(start, { days: '1' })).due).toBe('2025-08-28T10:00:00+07:00');
    const year = (await get(`/api/v1/calendar/2025?agency=${stp.identifier}`)).json();
    expect(year.entries.find((e: { date: string }) => e.date === '2025-08-28')).toMatchObject({
      source: 'agency',
      sourceAgencyId: stp.id,
      provisional: false,
    });
    // The province's entries still apply to the agency.
    expect(year.entries.find((e: { date: string }) => e.date === '2025-04-26')).toMatchObject({ source: 'province' });
  });

  it("quantri.stp sets Sở Tư pháp's hours to 07:30–11:30, 13:30–17:00 with a 16:00 cut-off", async () => {
    const week = [
      { start: '07:30', end: '11:30' },
      { start: '13:30', end: '17:00' },
    ];
    const hours = { weekly: [[], week, week, week, week, week, []], makeUpDay: week, paperCutOff: '16:00' };
    const res = await put(quantriStp, `/api/v1/calendars/${stp.id}/hours`, 1, hours);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ version: 2, ownHours: true, hours });
    const agency = { agency: stp.id };
    expect((await dueOf('2025-03-10T06:00:00+07:00', { hours: '1' }, agency)).due).toBe('2025-03-10T08:30:00+07:00');
    expect((await dueOf('2025-03-10T06:00:00+07:00', { hours: '1' })).due).toBe('2025-03-10T08:00:00+07:00');
    const desk = await dueOf('2025-03-10T15:30:00+07:00', { days: '1' }, { ...agency, channel: 'desk' });
    expect(desk.countingStart).toBe('2025-03-10T15:30:00+07:00'); // before its own 16:00 cut-off
  });

  it('refuses the province calendar, and other agencies, to quantri.stp', async () => {
    const entries = { entries: [] };
    const province = await put(
      quantriStp,
      '/api/v1/calendars/province/years/2028/entries',
      await versionOf('province'),
      entries,
    );
    expect(province.statusCode).toBe(403);
    const viaAgency = await put(
      quantriStp,
      `/api/v1/calendars/${ubnd.id}/years/2028/entries`,
      await versionOf(ubnd.id),
      entries,
    );
    expect(viaAgency.statusCode).toBe(403);
    const sxd = await agencyNamed('Sở Xây dựng');
    expect((await put(quantriStp, `/api/v1/calendars/${sxd.id}/years/2028/entries`, 0, entries)).statusCode).toBe(403);
    const hours = (await get('/api/v1/calendars/province')).json().hours;
    expect(
      (await put(quantriStp, '/api/v1/calendars/province/hours', await versionOf('province'), hours)).statusCode,
    ).toBe(403);
  });

  it('writes audit entries naming the administrator', async () => {
    const entries = await t.ctx.database.db
      .selectFrom('audit_entry')
      .selectAll()
      .where('target_type', '=', 'calendar')
      .where('actor_label', 'like', 'quantri.stp%')
      .orderBy('seq')
      .execute();
    expect(entries.map((e) => e.action)).toEqual(['calendar.year_entries_replaced', 'calendar.hours_updated']);
    expect(entries[0]!.summary).toMatchObject({ agencyId: stp.id, year: 2025, entries: [traditionDay] });
    expect(entries[0]!.request_id).toBeTruthy();
  });
});

describe('province calendar administration', () => {
  it('confirms a provisional year: the flag goes, who and when are kept, and confirming again is refused', async () => {
    const version = await versionOf('province');
    const res = await confirm(admin, 'province', 2027, version);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().version).toBe(version + 1);
    expect(res.json().years.find((y: { year: number }) => y.year === 2027)).toMatchObject({
      status: 'confirmed',
      confirmedBy: 'Nguyễn Văn Quản',
    });
    const year = (await get('/api/v1/calendar/2027')).json();
    expect(year).toMatchObject({ status: 'confirmed', provisional: false, confirmedBy: 'Nguyễn Văn Quản' });
    expect(year.entries.every((e: { provisional: boolean }) => !e.provisional)).toBe(true);
    expect((await dueOf('2027-04-15T10:00:00+07:00', { days: '1' })).provisional).toBe(false);
    expect((await confirm(admin, 'province', 2027, version + 1)).statusCode).toBe(409);
    expect((await confirm(admin, 'province', 2025, version + 1)).statusCode).toBe(409); // official
  });

  it('confirms a year that was only generated by storing its provisional schedule', async () => {
    const before = (await get('/api/v1/calendar/2035')).json();
    const res = await confirm(admin, 'province', 2035, await versionOf('province'));
    expect(res.statusCode, res.body).toBe(200);
    const after = (await get('/api/v1/calendar/2035')).json();
    expect(after.status).toBe('confirmed');
    expect(after.entries.map((e: { date: string }) => e.date)).toEqual(
      before.entries.map((e: { date: string }) => e.date),
    );
  });

  it('editing a provisional year confirms it: a swap announced for 2029 moves the deadlines', async () => {
    const provisional = (await get('/api/v1/calendar/2029')).json();
    const entries = [
      ...provisional.entries.map(({ date, kind, name, legalNote }: Record<string, string>) => ({
        date,
        kind,
        name,
        legalNote,
      })),
      {
        date: '2029-04-27',
        kind: 'swap',
        name: 'Nghỉ hoán đổi (làm bù thứ Bảy 21/04/2029)',
        legalNote: 'Thông báo (ví dụ)',
      },
      { date: '2029-04-21', kind: 'make_up', name: 'Làm bù cho ngày nghỉ 27/04/2029', legalNote: 'Thông báo (ví dụ)' },
    ];
    // Provisional: Monday 23/04/2029 is Hùng Kings day (10/3 lunar), so Friday + 1 day is Tuesday.
    const before = await dueOf('2029-04-20T10:00:00+07:00', { days: '1' });
    expect(before).toMatchObject({ due: '2029-04-24T10:00:00+07:00', provisional: true });
    const res = await put(admin, '/api/v1/calendars/province/years/2029/entries', await versionOf('province'), {
      entries,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().years.find((y: { year: number }) => y.year === 2029)).toMatchObject({ status: 'confirmed' });
    expect(await dueOf('2029-04-20T10:00:00+07:00', { days: '1' })).toMatchObject({
      due: '2029-04-21T10:00:00+07:00',
      provisional: false,
    });
  });

  it('refuses conflicting entries (a date both off and make-up), naming the entry', async () => {
    const version = await versionOf('province');
    const entries = [
      { date: '2028-04-22', kind: 'make_up', name: 'Làm bù', legalNote: '' },
      { date: '2028-04-22', kind: 'holiday', name: 'Nghỉ lễ', legalNote: '' },
      { date: '2028-04-24', kind: 'make_up', name: 'Làm bù thứ Hai', legalNote: '' },
      { date: '2027-12-31', kind: 'holiday', name: 'Năm khác', legalNote: '' },
    ];
    const res = await put(admin, '/api/v1/calendars/province/years/2028/entries', version, { entries });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual([
      'entries.1',
      'entries.2.kind',
      'entries.3.date',
    ]);
    expect(res.json().errors[0].message).toBe(
      'Ngày 22/04/2028 vừa là ngày nghỉ vừa là ngày làm bù: "Làm bù" và "Nghỉ lễ"',
    );
    expect(await versionOf('province')).toBe(version); // nothing written
    const hours = (await get('/api/v1/calendars/province')).json().hours;
    const overlapping = {
      ...hours,
      weekly: hours.weekly.map((d: unknown[], i: number) =>
        i === 1
          ? [
              { start: '07:00', end: '12:00' },
              { start: '11:00', end: '17:00' },
            ]
          : d,
      ),
    };
    const bad = await put(admin, '/api/v1/calendars/province/hours', version, overlapping);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('weekly.1');
  });

  it('refuses a stale If-Match with 412, and a missing one with 400', async () => {
    const version = await versionOf('province');
    const hours = (await get('/api/v1/calendars/province')).json().hours;
    const [a, b] = await Promise.all([
      put(admin, '/api/v1/calendars/province/hours', version, hours),
      put(admin, '/api/v1/calendars/province/hours', version, hours),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 412]);
    const stale = await put(admin, '/api/v1/calendars/province/hours', version, hours);
    expect(stale.statusCode).toBe(412);
    expect(stale.json().type).toMatch(/stale-version/);
    const missing = await put(admin, '/api/v1/calendars/province/hours', null, hours);
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors[0].field).toBe('If-Match');
  });

  it('records every province change in the audit log', async () => {
    const actions = await t.ctx.database.db
      .selectFrom('audit_entry')
      .select(['action', 'actor_label'])
      .where('target_type', '=', 'calendar')
      .where('actor_label', 'like', 'admin %')
      .orderBy('seq')
      .execute();
    expect(actions.map((a) => a.action)).toEqual([
      'calendar.year_confirmed',
      'calendar.year_confirmed',
      'calendar.year_entries_replaced',
      'calendar.hours_updated',
    ]);
  });
});

describe('the calendar chain kept in memory (migration 0017)', () => {
  it('is read again when the database says a calendar changed, and not before', async () => {
    // A commune without a calendar of its own, whose chain is the province's alone until another node gives it one.
    const { rows } = await t.ctx.database.executeSql<{ id: string; identifier: string }>(
      `SELECT a.id, a.identifier FROM agency a WHERE a.parent_id IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM calendar c JOIN agency_closure ac ON ac.ancestor_id = c.agency_id
                         WHERE ac.descendant_id = a.id AND NOT c.is_province)
       ORDER BY a.identifier LIMIT 1`,
    );
    const commune = rows[0]!;
    const due = async () =>
      (await dueOf('2026-03-02T08:00:00+07:00', { days: '1' }, { agency: commune.identifier })).due;
    const before = await due();
    // Another node's change, made without its notice: this process keeps the chain it read.
    const sql = (text: string) => t.ctx.database.executeSql(text);
    await sql('ALTER TABLE calendar DISABLE TRIGGER calendar_change_notice');
    await sql(`INSERT INTO calendar (id, agency_id, name) VALUES ('${commune.id}', '${commune.id}', 'Lịch riêng')`);
    await sql(`INSERT INTO calendar_entry (calendar_id, date, kind, name, legal_note)
               VALUES ('${commune.id}', '${before.slice(0, 10)}', 'holiday', 'Nghỉ riêng', 'kiểm thử')`);
    await sql('ALTER TABLE calendar ENABLE TRIGGER calendar_change_notice');
    expect(await due()).toBe(before);
    // The notice every change to calendar sends at commit: the chain is read again, with the commune's day off.
    await sql('NOTIFY calendar_changed');
    await eventually(async () => (await due()) !== before);
    expect((await due()).slice(0, 10) > before.slice(0, 10)).toBe(true);
  });
});
