// Operational settings: who may read and change them, bad values, stale versions, the audit trail, and that a
// change takes effect — on the dossier codes, on the deadline job, and on a second node after the refresh interval.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { vnInstant } from '../src/modules/calendar/vn-time.ts';
import { markDeadlines } from '../src/modules/dossiers/deadline-job.ts';
import { REFRESH_MS, settingValue } from '../src/modules/settings/cache.ts';
import { fixedClock } from '../src/platform/clock.ts';
import { AGENCY, Desk } from './dossiers-helpers.ts';
import { contextOn, type Session, type TestApp, testApp } from './harness.ts';

const clock = fixedClock(new Date(vnInstant('2025-03-10', '08:00')));
let t: TestApp;
let desk: Desk;
let admin: Session;

beforeAll(async () => {
  t = await testApp({ clock, env: { LOGIN_RATE_PER_MINUTE: '100000' } });
  desk = new Desk(t);
  admin = await desk.as('admin');
  await desk.procedure('9.930001', [[AGENCY.p1, 'commune-standard']], 1);
});
afterAll(() => t.close());

const list = async (session = admin) =>
  t.app.inject({ method: 'GET', url: '/api/v1/settings', headers: session.headers });

async function current(key: string) {
  const items = (await list()).json().items as { key: string; version: number; value: unknown }[];
  return items.find((s) => s.key === key)!;
}

const put = (key: string, value: unknown, version: number | null, session = admin) =>
  t.app.inject({
    method: 'PUT',
    url: `/api/v1/settings/${key}`,
    headers: { ...session.headers, ...(version === null ? {} : { 'if-match': `"${version}"` }) },
    payload: { value },
  });

const reset = (key: string, version: number) =>
  t.app.inject({
    method: 'DELETE',
    url: `/api/v1/settings/${key}`,
    headers: { ...admin.headers, 'if-match': `"${version}"` },
  });

/** Changes a setting from whatever version it is at; answers the new version. */
async function change(key: string, value: unknown): Promise<number> {
  const res = await put(key, value, (await current(key)).version);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().version;
}

async function acceptOne() {
  const { id } = await desk.open('motcua.p1', { procedureCode: '9.930001' });
  return desk.act('motcua.p1', id, 'accept');
}

describe('reading the settings', () => {
  it('lists every setting with its effective value, default, source, wording in both languages and version', async () => {
    const res = await list();
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.refreshSeconds).toBe(REFRESH_MS / 1000);
    expect(body.items.map((s: { key: string }) => s.key)).toEqual([
      'dossier.dueSoonHours',
      'dossier.codePattern',
      'portal.notice',
    ]);
    expect(body.items[0]).toMatchObject({
      value: 8,
      default: 8,
      source: 'default',
      variable: 'DOSSIER_DUE_SOON_HOURS',
      version: 0,
      updatedBy: null,
      label: { vi: expect.stringMatching(/sắp đến hạn/), en: expect.stringMatching(/due soon/) },
      schema: { type: 'integer', minimum: 1, maximum: 400 },
    });
  });

  it('is for system administrators only: an agency administrator gets 403, a visitor 401', async () => {
    const agencyAdmin = await desk.as('quantri.stp');
    expect((await list(agencyAdmin)).statusCode).toBe(403);
    expect((await put('portal.notice', 'x', 0, agencyAdmin)).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/settings/process' })).statusCode).toBe(401);
  });

  it('shows the process configuration with its secrets masked', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/settings/process', headers: admin.headers });
    expect(res.statusCode).toBe(200);
    const key = res.json().find((v: { name: string }) => v.name === 'SIGNING_MASTER_KEY');
    expect(key).toMatchObject({ secret: true, value: '••••••' });
    expect(res.body).not.toContain(t.ctx.config.signingMasterKey.reveal().toString('hex'));
  });
});

describe('changing a setting', () => {
  it('refuses a bad value with 400 naming the field and the setting in Vietnamese', async () => {
    const hours = await put('dossier.dueSoonHours', 'tám', 0);
    expect(hours.statusCode).toBe(400);
    expect(hours.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(hours.json().errors).toEqual([
      { field: 'value', message: 'Số giờ làm việc báo “sắp đến hạn” phải là một số nguyên.' },
    ]);
    const pattern = await put('dossier.codePattern', '{yyyy}-{seq:4}', 0);
    expect(pattern.json()).toMatchObject({
      status: 400,
      title: 'Mẫu mã hồ sơ cần {unit} (mã định danh nơi tiếp nhận).',
    });
    const missing = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/settings/portal.notice',
      headers: { ...admin.headers, 'if-match': '"0"' },
      payload: {},
    });
    expect(missing.json().errors[0].field).toBe('value');
    expect((await put('portal.notice', 'x', null)).json().errors[0].field).toBe('If-Match');
    expect((await put('dossier.nothing', 1, 0)).statusCode).toBe(404);
  });

  it('refuses a stale version with 412, and keeps the value the first writer saved', async () => {
    const { version } = await current('portal.notice');
    expect((await put('portal.notice', 'Bản thứ nhất', version)).statusCode).toBe(200);
    const stale = await put('portal.notice', 'Bản thứ hai', version);
    expect(stale.statusCode).toBe(412);
    expect(stale.json().type).toBe('https://congso.vn/problems/stale-version');
    expect((await reset('portal.notice', version)).statusCode).toBe(412);
    expect((await current('portal.notice')).value).toBe('Bản thứ nhất');
  });

  it('audits each change and each reset, with the values before and after', async () => {
    await change('dossier.dueSoonHours', 12);
    const res = await reset('dossier.dueSoonHours', (await current('dossier.dueSoonHours')).version);
    expect(res.json()).toMatchObject({ value: 8, source: 'default', updatedBy: expect.stringMatching(/^admin/) });
    const entries = await t.ctx.database.db
      .selectFrom('audit_entry')
      .select(['action', 'target_id', 'summary', 'actor_label'])
      .where('target_type', '=', 'setting')
      .where('target_id', '=', 'dossier.dueSoonHours')
      .orderBy('seq')
      .execute();
    expect(entries.map((e) => [e.action, e.summary.from, e.summary.to])).toEqual([
      ['settings.changed', 8, 12],
      ['settings.reset', 12, 8],
    ]);
    expect(entries[0]!.actor_label).toMatch(/^admin/);
  });
});

describe('a change takes effect', () => {
  it('numbers the next accepted dossier with the new code pattern, and with the default after a reset', async () => {
    const version = await change('dossier.codePattern', '{unit}/{yyyy}/{seq:6}');
    expect((await acceptOne()).code).toMatch(/^000\.02\.11\.H05\/2025\/\d{6}$/);
    expect((await reset('dossier.codePattern', version)).statusCode).toBe(200);
    expect((await acceptOne()).code).toMatch(/^000\.02\.11\.H05-250310-\d{4}$/);
  });

  it('gives the deadline job the due soon threshold of the setting', async () => {
    clock.set(new Date(vnInstant('2025-03-10', '08:00')));
    const version = await change('dossier.dueSoonHours', 4);
    const accepted = await acceptOne(); // due the next morning: 8 working hours
    expect(accepted.dueState).toBe('on_time');
    const dueState = async () => (await desk.get('motcua.p1', accepted.id)).dueState;
    // 4 working hours left: "due soon" under the default of 8, not under the setting's 4.
    await markDeadlines(t.ctx, new Date(vnInstant('2025-03-10', '13:00')));
    expect(await dueState()).toBe('on_time');
    await markDeadlines(t.ctx, new Date(vnInstant('2025-03-10', '16:00')));
    expect(await dueState()).toBe('due_soon');
    await reset('dossier.dueSoonHours', version);
  });

  it('reaches a second node on the same database within the refresh interval, and this node at once', async () => {
    const other = contextOn(t.ctx.database, { clock, env: { LOGIN_RATE_PER_MINUTE: '100000' } });
    const otherApp = await buildApp(other);
    try {
      const notice = async (app = t.app) => (await app.inject({ method: 'GET', url: '/api/v1/portal/notice' })).json();
      await change('portal.notice', '');
      expect(await notice(otherApp)).toEqual({ text: null });
      await change('portal.notice', '  Bộ phận một cửa nghỉ chiều thứ Sáu.  ');
      expect(await notice()).toEqual({ text: 'Bộ phận một cửa nghỉ chiều thứ Sáu.' });
      clock.advance(REFRESH_MS - 1);
      expect(await notice(otherApp)).toEqual({ text: null });
      clock.advance(1);
      expect(await notice(otherApp)).toEqual({ text: 'Bộ phận một cửa nghỉ chiều thứ Sáu.' });
    } finally {
      await otherApp.close();
    }
  });

  it('answers from its cache until the interval ends, and prefers the default to a value no longer valid', async () => {
    const other = contextOn(t.ctx.database, { clock });
    const stored = (value: number) =>
      t.ctx.database.db
        .updateTable('setting')
        .set({ value: JSON.stringify(value) })
        .where('key', '=', 'dossier.dueSoonHours')
        .execute();
    expect(await settingValue(other, 'dossier.dueSoonHours')).toBe(8);
    await stored(9); // behind the application's back: no node is told
    expect(await settingValue(other, 'dossier.dueSoonHours')).toBe(8);
    clock.advance(REFRESH_MS);
    expect(await settingValue(other, 'dossier.dueSoonHours')).toBe(9);
    await stored(9000);
    clock.advance(REFRESH_MS);
    expect(await settingValue(other, 'dossier.dueSoonHours')).toBe(8);
  });
});
