// Public tracking answered from each process's memory (platform/db/notice-cache.ts): a repeated look-up does not go
// to the database, a change made in this process is seen at once, one made by another process as soon as the
// database's notice arrives, and nothing is served from memory while notices may be missed.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { openPostgres } from '../src/platform/db/connection.ts';
import type { App } from '../src/platform/http/server.ts';
import { AGENCY, APPLICANT, Desk } from './dossiers-helpers.ts';
import { contextOn, eventually, isPostgres, type TestApp, testApp } from './harness.ts';

let t: TestApp;
let desk: Desk;
let other: App; // a second server process on the same database
let closeOther: () => Promise<void>;
let code: string;
let secret: string;
let dossierId: string;

const track = (app: App, s = secret) =>
  app.inject({ method: 'GET', url: `/api/v1/public/dossiers/${encodeURIComponent(code)}?secret=${s}` });

/** Changes what tracking shows behind the application's back: no new version, so no notice. */
const renameQuietly = (name: string) =>
  t.ctx.database.db.updateTable('dossier').set({ procedure_name: name }).where('id', '=', dossierId).execute();

async function reissue(): Promise<string> {
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/v1/dossiers/${dossierId}/tracking-secret`,
    headers: { ...(await desk.as('motcua.p1')).headers, 'idempotency-key': randomUUID() },
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().trackingSecret;
}

beforeAll(async () => {
  t = await testApp({ env: { LOGIN_RATE_PER_MINUTE: '100000', TRACKING_RATE_PER_MINUTE: '100000' } });
  desk = new Desk(t);
  await desk.procedure('9.930002', [[AGENCY.p1, 'commune-standard']], 1);
  const opened = await desk.open('motcua.p1', { procedureCode: '9.930002', applicant: APPLICANT });
  dossierId = opened.id;
  const accepted = await desk.act('motcua.p1', dossierId, 'accept');
  code = accepted.code;
  secret = accepted.trackingSecret;
  // On PostgreSQL the other process has its own pool and its own listening connection, as another server would.
  const url = (t.ctx.database as { url?: string }).url;
  const database = url && isPostgres() ? openPostgres({ url, poolSize: 2 }) : t.ctx.database;
  other = await buildApp(contextOn(database, { env: { TRACKING_RATE_PER_MINUTE: '100000' } }));
  await other.ready();
  closeOther = async () => {
    await other.close();
    if (database !== t.ctx.database) await database.close();
  };
}, 120_000);
afterAll(async () => {
  await closeOther();
  await t.close();
});

describe('public tracking from memory', () => {
  it('answers a repeated look-up without reading the database again', async () => {
    const first = await track(t.app);
    expect(first.statusCode, first.body).toBe(200);
    await renameQuietly('Tên đổi ngầm');
    const again = await track(t.app);
    expect(again.json().procedure.name).toBe(first.json().procedure.name);
  });

  it('refuses a re-issued secret at once in the process that re-issued it', async () => {
    expect((await track(t.app)).statusCode).toBe(200);
    const fresh = await reissue();
    expect((await track(t.app)).statusCode).toBe(404);
    expect((await track(t.app, fresh)).statusCode).toBe(200);
    expect((await track(t.app, fresh)).json().procedure.name).toBe('Tên đổi ngầm');
    secret = fresh;
  });

  it('hears a change made by another process through the database', async () => {
    expect((await track(other)).statusCode).toBe(200);
    const fresh = await reissue();
    await eventually(async () => (await track(other)).statusCode === 404);
    expect((await track(other, fresh)).statusCode).toBe(200);
    secret = fresh;
  });

  it.runIf(isPostgres())('listens on one connection a process, for tracking and calendars alike', async () => {
    const listening = async () =>
      (
        await t.ctx.database.executeSql<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_stat_activity
         WHERE application_name = 'congso-listen' AND datname = current_database()`,
        )
      ).rows[0]!.n;
    expect((await track(other)).statusCode).toBe(200);
    // This process and the other: one each, though each listens on two channels.
    await eventually(async () => (await listening()) === 2);
    expect(await listening()).toBe(2);
  });

  it.runIf(isPostgres())(
    'serves nothing from memory while its listening connection is lost, then caches again',
    async () => {
      expect((await track(other)).statusCode).toBe(200);
      await renameQuietly('Tên khi mất kết nối');
      // The notices of a lost connection are gone: the process must stop trusting what it kept.
      await t.ctx.database.executeSql(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
       WHERE application_name = 'congso-listen' AND datname = current_database()`,
      );
      await eventually(async () => (await track(other)).json().procedure.name === 'Tên khi mất kết nối');
      // Listening again (the process reconnects by itself), it keeps answers again: a quiet rename goes unseen.
      await eventually(async () => {
        const before = (await track(other)).json().procedure.name;
        await renameQuietly(`Tên ${randomUUID()}`);
        return (await track(other)).json().procedure.name === before;
      });
    },
  );
});
