// Dossiers at provincial scale: N generated dossiers (SQL generate_series), then through HTTP against a bare
// Fastify + pg route running the same statement in the same process and run:
// - public tracking (GET /api/v1/public/dossiers/{code}?secret=): throughput and p99, for 5,000 codes asked again and
//   again (as citizens re-check their dossiers: the answers come from each process's memory, NoticeCache), and
//   for codes each asked once (every answer read from the database);
// - the work queue (GET /api/v1/dossiers?queue=process): p95;
// - receipt (the accept action: code, history, audit, outbox, in one transaction) per second, against the same
//   writes in one bare transaction behind a bare route (both loaded from the same worker, as the issue measures).
// Also prints the work queue's plan (PostgreSQL: ordered scans of dossier_queue_by_due and dossier_assigned_by_due).
//
//   cd server && npx tsx ../bench/dossiers.ts                                   # PGlite in memory, 50,000 dossiers
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx ../bench/dossiers.ts   # 1,000,000
//   BENCH_DOSSIERS=200000 BENCH_SECONDS=10 BENCH_CONNECTIONS=10 …
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import Fastify from 'fastify';
import pg from 'pg';
import pino from 'pino';
import { buildApp } from '../server/src/app.ts';
import { loadConfig } from '../server/src/config.ts';
import { seedDemoCalendar } from '../server/src/modules/calendar/demo.ts';
import { DEMO_PROCEDURES, seedDemoCatalog } from '../server/src/modules/catalog/demo.ts';
import { seedDemoOrg } from '../server/src/modules/org/demo.ts';
import { seedDemoWorkflows } from '../server/src/modules/workflow/demo.ts';
import { systemClock } from '../server/src/platform/clock.ts';
import type { AppContext } from '../server/src/platform/context.ts';
import { type Database, openPglite, openPostgres } from '../server/src/platform/db/connection.ts';
import { migrate } from '../server/src/platform/db/migrate.ts';
import { EventBus } from '../server/src/platform/events/bus.ts';
import { httpLoad, type Figures as LoadFigures, type LoadRequest } from './http-load.ts';

const URL_ = process.env.DATABASE_URL;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 6);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 8);
const N = Number(process.env.BENCH_DOSSIERS ?? (URL_ ? 1_000_000 : 50_000));
const SECRET = 'K7Q4MZ9TD';
const P1 = '000.02.11.H05';

const LOAD = { seconds: SECONDS, connections: CONNECTIONS };

async function openFresh(): Promise<{ database: Database; url?: string; drop(): Promise<void> }> {
  if (!URL_) return { database: await openPglite({}), drop: async () => {} };
  const name = `congso_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: URL_ });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const u = new URL(URL_);
  u.pathname = `/${name}`;
  return {
    database: openPostgres({ url: u.toString(), poolSize: CONNECTIONS + 2 }),
    url: u.toString(),
    async drop() {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

/** Raw SQL through the same connection the app uses (PGlite) or a pool of its own (PostgreSQL). */
function runner(database: Database, url: string | undefined) {
  const pool = url ? new pg.Pool({ connectionString: url, max: CONNECTIONS }) : null;
  pool?.on('error', () => {}); // DROP DATABASE … WITH (FORCE) at the end ends idle clients
  const pglite = 'pglite' in database ? (database as { pglite: import('@electric-sql/pglite').PGlite }).pglite : null;
  return {
    query: async (text: string, params: unknown[] = []) =>
      (pool ? await pool.query(text, params) : await pglite!.query(text, params)).rows as Record<string, unknown>[],
    async transaction(
      work: (q: (text: string, params?: unknown[]) => Promise<Record<string, unknown>[]>) => Promise<void>,
    ) {
      if (pglite) {
        await pglite.transaction(async (tx) => work(async (t, p = []) => (await tx.query(t, p)).rows as never));
        return;
      }
      const client = await pool!.connect();
      try {
        await client.query('BEGIN');
        await work(async (t, p = []) => (await client.query(t, p)).rows);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      } finally {
        client.release();
      }
    },
    end: async () => pool?.end(),
  };
}
type Runner = ReturnType<typeof runner>;

/** A copy of a demo procedure offered at the commune with the commune-standard workflow, published. */
async function offerWithWorkflow(base: string, admin: Record<string, string>) {
  const { code: _c, validFrom: _v, ...content } = DEMO_PROCEDURES[0]!;
  const headers = { ...admin, 'content-type': 'application/json' };
  const created = await fetch(`${base}/api/v1/procedures`, {
    method: 'POST',
    headers,
    body: JSON.stringify({
      ...content,
      code: '9.990001',
      receiptChannels: ['desk', 'online', 'post'],
      eform: { schema: { type: 'object' }, ui: {} },
      offerings: [{ agency: P1, workflow: 'commune-standard' }],
    }),
  });
  if (created.status !== 201) throw new Error(`procedure: ${created.status} ${await created.text()}`);
  const { revision } = (await created.json()) as { revision: number };
  const published = await fetch(`${base}/api/v1/procedures/9.990001/publish`, {
    method: 'POST',
    headers: { ...headers, 'if-match': `"${revision}"` },
    body: JSON.stringify({ validFrom: '2024-01-01' }),
  });
  if (published.status !== 200) throw new Error(`publish: ${published.status} ${await published.text()}`);
  return '9.990001';
}

/**
 * N dossiers cloned from one real one, spread over every agency, status and date: a tenth wait for receipt (no
 * code), the rest have a code whose tracking secret is SECRET.
 */
async function generate(sql: Runner, templateId: string) {
  const t0 = performance.now();
  await sql.query(
    `WITH a AS (SELECT array_agg(id ORDER BY identifier) ids FROM agency),
          s AS (SELECT ARRAY['waiting_receipt','processing','processing','processing','resolved','returned','supplement_requested','processing','processing','returned'] st)
     INSERT INTO dossier (code, receiving_unit_id, resolving_agency_id, current_agency_id, agency_ids,
       procedure_version_id, procedure_code, procedure_name, workflow_code, workflow_version, channel, applicant,
       applicant_name, applicant_identity, applicant_phone, eform, state, status, step, step_role, step_queue,
       clock_phase, opened_at, received_at, schedule, due_at, original_due_at, due_state, tracking_secret_hash)
     SELECT CASE WHEN i % 10 = 0 THEN NULL ELSE 'BENCH-' || i END,
       ag, ag, ag, ARRAY[ag], t.procedure_version_id, t.procedure_code, t.procedure_name, t.workflow_code,
       t.workflow_version, t.channel, t.applicant, 'Nguyễn Văn ' || i, lpad(i::text, 12, '0'), '0900' || i,
       t.eform, t.state, st.s, CASE st.s WHEN 'waiting_receipt' THEN 'reception' WHEN 'resolved' THEN 'result' ELSE 'processing' END,
       CASE st.s WHEN 'processing' THEN 'specialist' WHEN 'returned' THEN NULL ELSE 'one_stop_officer' END,
       CASE st.s WHEN 'waiting_receipt' THEN 'receive' WHEN 'processing' THEN 'process' WHEN 'resolved' THEN 'return' END,
       'running', now() - (i % 365) * interval '1 day', now() - (i % 365) * interval '1 day', t.schedule,
       now() + ((i % 40) - 10) * interval '1 day', now() + ((i % 40) - 10) * interval '1 day',
       CASE WHEN i % 40 < 10 THEN 'overdue' ELSE 'on_time' END,
       CASE WHEN i % 10 = 0 THEN NULL ELSE encode(sha256(convert_to('BENCH-' || i || E'\\n' || $2, 'UTF8')), 'hex') END
     FROM generate_series(1, $3::int) i, a, s, dossier t,
       LATERAL (SELECT a.ids[1 + i % array_length(a.ids, 1)] ag) g,
       LATERAL (SELECT s.st[1 + i % 10] s) st
     WHERE t.id = $1`,
    [templateId, SECRET, N],
  );
  // Dossiers waiting at the commune's desk for the receipt run: copies of the template, which waits there.
  await sql.query(
    `INSERT INTO dossier (receiving_unit_id, resolving_agency_id, current_agency_id, agency_ids, procedure_version_id,
       procedure_code, procedure_name, workflow_code, workflow_version, channel, applicant, applicant_name, eform,
       state, status, step, step_role, step_queue, clock_phase, opened_at, schedule)
     SELECT receiving_unit_id, resolving_agency_id, current_agency_id, agency_ids, procedure_version_id,
       procedure_code, procedure_name, workflow_code, workflow_version, channel, applicant, applicant_name, eform,
       state, status, step, step_role, step_queue, clock_phase, opened_at, schedule
     FROM dossier, generate_series(1, 20000) WHERE id = $1`,
    [templateId],
  );
  await sql.query('ANALYZE dossier');
  // The generator's writes are flushed now, not by a checkpoint in the middle of a measurement.
  if (URL_) await sql.query('CHECKPOINT');
  return (performance.now() - t0) / 1000;
}

/** The bare baseline: Fastify routes running the same reads straight through the driver. */
async function bareServer(sql: Runner, p1: string) {
  const app = Fastify();
  app.get('/track/:code', async (request, reply) => {
    const { code } = request.params as { code: string };
    const [row] = await sql.query('SELECT * FROM dossier WHERE code = $1', [code]);
    if (!row) return reply.code(404).send({});
    const events = await sql.query('SELECT at, action FROM dossier_event WHERE dossier_id = $1 ORDER BY seq', [row.id]);
    return { code, status: row.status, events };
  });
  app.post('/receipt/:id', async (request) => {
    await bareReceipt(sql, (request.params as { id: string }).id, p1);
    return { ok: true };
  });
  app.get('/queue', async () =>
    sql.query(
      `SELECT id, code, status, due_at FROM dossier WHERE current_agency_id = $1 AND status = 'processing'
       AND step_queue = 'process' ORDER BY coalesce(due_at, 'infinity'), id LIMIT 51`,
      [p1],
    ),
  );
  return { app, base: await app.listen({ host: '127.0.0.1', port: 0 }) };
}

const hash = (code: string) => createHash('sha256').update(`${code}\n${SECRET}`).digest('hex');

/** The receipt's writes in one bare transaction: counter, history row, row update, outbox, audit entry. */
async function bareReceipt(sql: Runner, id: string, unit: string) {
  await sql.transaction(async (q) => {
    await q('SELECT id FROM dossier WHERE id = $1 FOR UPDATE', [id]);
    const [c] = await q(
      `INSERT INTO dossier_code_counter (unit_id, period, last) VALUES ($1, 'bare', 1)
       ON CONFLICT (unit_id, period) DO UPDATE SET last = dossier_code_counter.last + 1 RETURNING last`,
      [unit],
    );
    const code = `BARE-${c!.last}`;
    await q(
      `INSERT INTO dossier_event (dossier_id, seq, at, actor, action, input, from_step, to_step, effects)
       VALUES ($1, 100, now(), '{}', 'accept', '{}', 'reception', 'processing', '[]')`,
      [id],
    );
    await q(
      `UPDATE dossier SET code = $2, tracking_secret_hash = $3, status = 'processing', version = version + 1 WHERE id = $1`,
      [id, code, hash(code)],
    );
    await q(`INSERT INTO outbox (topic, payload) VALUES ('dossier.received', $1)`, [JSON.stringify({ id, code })]);
    // The chain's head, locked until commit, as platform/audit/audit.ts does.
    const [head] = await q('SELECT seq, hash FROM audit_chain_head WHERE id = 1 FOR UPDATE');
    const seq = Number(head!.seq) + 1;
    const entryHash = createHash('sha256').update(`${head!.hash}${seq}${id}`).digest('hex');
    await q(
      `WITH entry AS (INSERT INTO audit_entry (seq, at, actor_label, action, target_type, target_id, summary, prev_hash, hash)
         VALUES ($1, now(), 'bench', 'dossier.accept', 'dossier', $2, '{}', $3, $4))
       UPDATE audit_chain_head SET seq = $1, hash = $4 WHERE id = 1`,
      [seq, id, head!.hash, entryHash],
    );
  });
}

const fmtLoad = (f: LoadFigures) => `${f.rps.toFixed(0)}/s, p97.5 ${f.p97_5.toFixed(1)} ms, p99 ${f.p99.toFixed(1)} ms`;

async function main() {
  const fresh = await openFresh();
  const config = loadConfig({ CONGSO_ENV: 'test', TRACKING_RATE_PER_MINUTE: '1000000', LOGIN_RATE_PER_MINUTE: '1000' });
  const ctx: AppContext = { database: fresh.database, config, clock: systemClock, log: pino({ level: 'silent' }) };
  const sql = runner(fresh.database, fresh.url);
  try {
    await migrate(ctx.database);
    await EventBus.install(ctx.database);
    for (const seed of [seedDemoOrg, seedDemoWorkflows, seedDemoCatalog, seedDemoCalendar]) await seed(ctx);
    const app = await buildApp(ctx);
    const base = await app.listen({ host: '127.0.0.1', port: 0 });
    const login = async (username: string) => {
      const res = await fetch(`${base}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: process.env.DEMO_PASSWORD ?? 'congso-demo' }),
      });
      if (!res.ok) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
      const cookie = res.headers
        .getSetCookie()
        .map((c) => c.split(';')[0])
        .join('; ');
      const csrf = (await res.json()) as { csrfToken?: string };
      return { cookie, ...(csrf.csrfToken ? { 'x-csrf-token': csrf.csrfToken } : {}) };
    };
    const procedureCode = await offerWithWorkflow(base, await login('admin'));
    const desk = await login('motcua.p1');
    const open = async () => {
      const res = await fetch(`${base}/api/v1/dossiers`, {
        method: 'POST',
        headers: { ...desk, 'content-type': 'application/json' },
        body: JSON.stringify({
          procedureCode,
          channel: 'desk',
          applicant: { name: 'Nguyễn Thị Lan', identityNumber: '095187000123' },
          eform: {},
        }),
      });
      if (res.status !== 201) throw new Error(`open: ${res.status} ${await res.text()}`);
      return ((await res.json()) as { id: string }).id;
    };
    const templateId = await open();
    const generated = await generate(sql, templateId);
    console.log(
      `${N.toLocaleString('en')} dossiers generated in ${generated.toFixed(1)} s (${URL_ ? 'PostgreSQL' : 'PGlite'})`,
    );

    const [p1] = await sql.query('SELECT id FROM agency WHERE identifier = $1', [P1]);
    const p1Id = p1!.id as string;
    const bare = await bareServer(sql, p1Id);
    // Codes of dossiers that have one (every tenth has none): 5,000 asked again and again, and codes asked once each.
    const randomCode = () =>
      `BENCH-${1 + Math.floor(Math.random() * N)}`.replace(/-(\d*0)$/, (_m, d) => `-${Number(d) - 1}`);
    const hot = Array.from({ length: 5000 }, randomCode);
    const asked = new Set(hot);
    const once = [...new Set(Array.from({ length: 300_000 }, randomCode))].filter((c) => !asked.has(c));
    const halfOnce = Math.floor(once.length / 2);
    const paths = (codes: string[], path: (code: string) => string): LoadRequest[] =>
      codes.map((c) => ({ path: path(c) }));
    const congsoPath = (c: string) => `/api/v1/public/dossiers/${c}?secret=${SECRET}`;
    const barePath = (c: string) => `/track/${c}`;

    // Public tracking, after a short run that is not counted (the JIT compiles the hot paths of both servers).
    await httpLoad(base, paths(hot, congsoPath), { ...LOAD, seconds: 2 });
    await httpLoad(bare.base, paths(hot, barePath), { ...LOAD, seconds: 2 });
    const trackHttp = await httpLoad(base, paths(hot, congsoPath), LOAD);
    const trackBare = await httpLoad(bare.base, paths(hot, barePath), LOAD);
    const coldHttp = await httpLoad(base, paths(once.slice(0, halfOnce), congsoPath), { ...LOAD, sequence: true });
    const coldBare = await httpLoad(bare.base, paths(once.slice(halfOnce), barePath), { ...LOAD, sequence: true });
    // Work queue of the commune's specialist.
    const specialist = await login('chuyenvien.p1');
    const queueHttp = await httpLoad(
      base,
      [{ path: '/api/v1/dossiers?queue=process', headers: { cookie: specialist.cookie } }],
      LOAD,
    );
    const queueBare = await httpLoad(bare.base, [{ path: '/queue' }], LOAD);
    // The work queue's statement as list.ts builds it for one agency and the assignee branch.
    const branch = (where: string) => `(SELECT d.id, coalesce(d.due_at, 'infinity'::timestamptz) AS sort_at
      FROM dossier d WHERE ${where} ORDER BY coalesce(d.due_at, 'infinity'::timestamptz), d.id LIMIT 51)`;
    const plan = await sql.query(
      `EXPLAIN SELECT u.* FROM (${branch(
        `d.current_agency_id = $1::uuid AND d.step_queue = 'process' AND (d.step_role IS NULL OR d.step_role = ANY('{specialist}'))
         AND (d.assignee_id IS NULL OR d.assignee_id = $2::uuid)`,
      )} UNION ${branch(`d.assignee_id = $2::uuid AND d.step_queue = 'process'`)}) u ORDER BY u.sort_at, u.id LIMIT 51`,
      [p1Id, randomUUID()],
    );
    // Receipt: dossiers waiting at the commune's desk, accepted one by one through HTTP, then bare.
    const waiting = (
      await sql.query(
        `SELECT id FROM dossier WHERE current_agency_id = $1 AND status = 'waiting_receipt' AND id <> $2 AND applicant_name = 'Nguyễn Thị Lan' LIMIT 20000`,
        [p1Id, templateId],
      )
    ).map((r) => r.id as string);
    const half = Math.floor(waiting.length / 2);
    const receiptHttp = await httpLoad(
      base,
      waiting.slice(0, half).map((id) => ({
        method: 'POST',
        path: `/api/v1/dossiers/${id}/actions/accept`,
        headers: { ...desk, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
        body: '{}',
      })),
      { ...LOAD, sequence: true },
    );
    const receiptBare = await httpLoad(
      bare.base,
      waiting.slice(half).map((id) => ({ method: 'POST', path: `/receipt/${id}` })),
      { ...LOAD, sequence: true },
    );

    const trackingLine = (label: string, http: LoadFigures, bareFigures: LoadFigures) =>
      `${label}${fmtLoad(http)}  | bare ${fmtLoad(bareFigures)}  | throughput ratio ${(http.rps / bareFigures.rps).toFixed(2)}, p99 ratio ${(http.p99 / bareFigures.p99).toFixed(2)}`;
    console.log(trackingLine('public tracking, 5,000 codes again and again  ', trackHttp, trackBare));
    const repeated = Math.max(coldHttp.rps, coldBare.rps) * SECONDS > halfOnce;
    console.log(
      trackingLine('public tracking, each code asked once         ', coldHttp, coldBare) +
        (repeated ? `  (only ${halfOnce} codes for each: some asked twice, BENCH_DOSSIERS too small)` : ''),
    );
    console.log(
      `work queue        ${fmtLoad(queueHttp)}  | bare ${fmtLoad(queueBare)}  | p97.5 ratio ${(queueHttp.p97_5 / queueBare.p97_5).toFixed(2)} (p97.5 bounds p95)`,
    );
    console.log(
      `receipt (accept)  ${fmtLoad(receiptHttp)}  | bare ${fmtLoad(receiptBare)}  | throughput ratio ${(receiptHttp.rps / receiptBare.rps).toFixed(2)}`,
    );
    console.log('work queue plan:');
    for (const row of plan) console.log(`  ${row['QUERY PLAN']}`);
    await bare.app.close();
    await app.close();
  } finally {
    await sql.end();
    await ctx.database.close();
    await fresh.drop();
  }
}

await main();
