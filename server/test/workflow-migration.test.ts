// Moving in-flight dossiers to the next version of their workflow: a dry run that changes nothing, refusal of a
// mapping that names unknown steps, the move itself (history entry, audit, event, replay across versions), work
// going on under the new version, a second run that finds nothing left, and the workflow owner's permission.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vnInstant } from '../src/modules/calendar/vn-time.ts';
import { storedHistory } from '../src/modules/dossiers/service.ts';
import { replay } from '../src/modules/workflow/reducer.ts';
import { fixedClock } from '../src/platform/clock.ts';
import { AGENCY, Desk } from './dossiers-helpers.ts';
import { type TestApp, testApp } from './harness.ts';

const clock = fixedClock(new Date(vnInstant('2025-03-10', '08:00')));
let t: TestApp;
let desk: Desk;
let waiting: string;
let processing: string;
let secret: string;
let code: string;

type Step = { id: string; name: string; actions: { to: string }[] };

/** Version 2 of the commune workflow: the specialist's step is renamed `thu_ly`, with a longer time allowed. */
async function publishVersion2() {
  const admin = await desk.as('admin');
  const v1 = await t.app.inject({
    method: 'GET',
    url: '/api/v1/workflows/commune-standard/versions/1',
    headers: admin.headers,
  });
  expect(v1.statusCode, v1.body).toBe(200);
  const definition = structuredClone(v1.json().definition) as { steps: Step[] } & Record<string, unknown>;
  for (const step of definition.steps) {
    if (step.id === 'processing') Object.assign(step, { id: 'thu_ly', name: 'Công chức chuyên môn thụ lý (3 ngày)' });
    for (const action of step.actions) if (action.to === 'processing') action.to = 'thu_ly';
  }
  const draft = await t.app.inject({
    method: 'PUT',
    url: '/api/v1/workflows/commune-standard/draft',
    headers: { ...admin.headers, 'if-match': '"0"' },
    payload: { definition },
  });
  expect(draft.statusCode, draft.body).toBe(200);
  const published = await t.app.inject({
    method: 'POST',
    url: '/api/v1/workflows/commune-standard/publish',
    headers: { ...admin.headers, 'if-match': `"${draft.json().revision}"` },
  });
  expect(published.statusCode, published.body).toBe(200);
}

async function migrate(username: string, body: Record<string, unknown>, expected = 200) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/workflows/commune-standard/migrations',
    headers: (await desk.as(username)).headers,
    payload: body,
  });
  expect(res.statusCode, res.body).toBe(expected);
  return res.json();
}

const versionOf = async (id: string) =>
  await t.ctx.database.db
    .selectFrom('dossier')
    .select(['workflow_version', 'step'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();

const FULL = { draft: 'draft', reception: 'reception', processing: 'thu_ly', signing: 'signing', result: 'result' };

beforeAll(async () => {
  t = await testApp({ clock, env: { LOGIN_RATE_PER_MINUTE: '100000' } });
  desk = new Desk(t);
  await desk.procedure('9.950001', [[AGENCY.p1, 'commune-standard']], 3);
  waiting = (await desk.open('motcua.p1', { procedureCode: '9.950001' })).id;
  processing = (await desk.open('motcua.p1', { procedureCode: '9.950001' })).id;
  const accepted = await desk.act('motcua.p1', processing, 'accept');
  secret = accepted.trackingSecret;
  code = accepted.code;
  await publishVersion2();
});
afterAll(() => t.close());

describe('moving in-flight dossiers to the next workflow version', () => {
  it('reports a dry run and changes nothing', async () => {
    const report = await migrate('admin', { fromVersion: 1, mapping: { reception: 'reception' } });
    expect(report.totals).toEqual({ moves: 1, blocked: 1, skipped: 0 });
    expect(report.moves).toEqual([{ dossierId: waiting, fromStep: 'reception', toStep: 'reception' }]);
    expect(report.blocked).toEqual([
      { dossierId: processing, step: 'processing', reason: 'Bước "processing" không có trong bảng ánh xạ.' },
    ]);
    expect(report.moved).toBe(0);
    expect(await versionOf(waiting)).toEqual({ workflow_version: 1, step: 'reception' });
  });

  it('refuses a mapping that names steps neither version has, naming the mapping entry', async () => {
    const problem = await migrate('admin', { fromVersion: 1, mapping: { processing: 'xu_ly' } }, 400);
    expect(problem.errors).toEqual([{ field: 'mapping.processing', message: 'Phiên bản 2 không có bước "xu_ly".' }]);
    const unpublished = await migrate('admin', { fromVersion: 2, mapping: {} }, 409);
    expect(unpublished.title).toContain('chưa được công bố');
  });

  it('lets only who manages the workflow move its dossiers', async () => {
    await migrate('quantri.tpbl', { fromVersion: 1, mapping: FULL, apply: true }, 403);
    await migrate('chuyenvien.p1', { fromVersion: 1, mapping: FULL, apply: true }, 403);
    expect(await versionOf(processing)).toEqual({ workflow_version: 1, step: 'processing' });
  });

  it('moves them, each with a history entry, an audit entry and an event; the replay crosses versions', async () => {
    const report = await migrate('admin', { fromVersion: 1, mapping: FULL, apply: true });
    expect(report.moved).toBe(2);
    expect(report.changed).toEqual([]);
    expect(await versionOf(processing)).toEqual({ workflow_version: 2, step: 'thu_ly' });
    const view = await desk.get('chuyenvien.p1', processing);
    expect(view.workflow).toEqual({ code: 'commune-standard', version: 2 });
    expect(view.history.at(-1)).toMatchObject({
      action: 'workflow.migrate',
      fromStep: 'processing',
      toStep: 'thu_ly',
      input: { toVersion: 2, step: 'thu_ly' },
    });
    for (const id of [waiting, processing]) {
      const { definitions, history, state } = await storedHistory(t.ctx, id);
      expect(definitions.map((d) => d.version)).toEqual([1, 2]);
      expect(replay(definitions, history)).toEqual(state);
      expect(await desk.topics(id)).toContain('dossier.workflow_migrated');
    }
    const audit = await t.ctx.database.db
      .selectFrom('audit_entry')
      .select('summary')
      .where('action', '=', 'dossier.workflow_migrated')
      .where('target_id', '=', processing)
      .execute();
    expect(audit.map((a) => a.summary)).toEqual([
      { code, fromVersion: 1, toVersion: 2, fromStep: 'processing', toStep: 'thu_ly' },
    ]);
    const tracked = await t.app.inject({ method: 'GET', url: `/api/v1/public/dossiers/${code}?secret=${secret}` });
    expect(tracked.json().timeline.map((e: { action: string }) => e.action)).not.toContain('workflow.migrate');
  });

  it('goes on under the new version, and a second run finds nothing left to move', async () => {
    const accepted = await desk.act('motcua.p1', waiting, 'accept');
    expect(accepted).toMatchObject({ step: 'thu_ly', stepName: 'Công chức chuyên môn thụ lý (3 ngày)' });
    const again = await migrate('admin', { fromVersion: 1, mapping: FULL, apply: true });
    expect(again.totals).toEqual({ moves: 0, blocked: 0, skipped: 0 });
    expect(again.moved).toBe(0);
  });
});
