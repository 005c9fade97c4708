// Catalogue search at national scale: 6,000 procedures in a fresh database, GET /api/v1/procedures through HTTP
// (autocannon) against the same two SQL statements the route runs (page + facets), sent straight through the
// database driver with the same concurrency, in the same process and the same run. Prints p50/p99 latency and
// throughput of both and their ratios; the machines are shared, so only the ratios compare between runs.
//
//   cd server && npx tsx ../bench/catalog-search.ts                     # PGlite in memory
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx ../bench/catalog-search.ts
//   BENCH_SECONDS=10 BENCH_CONNECTIONS=10 BENCH_PROCEDURES=6000 …
import { randomBytes } from 'node:crypto';
import autocannon from 'autocannon';
import pg from 'pg';
import pino from 'pino';
import { buildApp } from '../server/src/app.ts';
import { loadConfig } from '../server/src/config.ts';
import { importCatalog } from '../server/src/modules/catalog/exchange.ts';
import { searchFilter } from '../server/src/modules/catalog/service.ts';
import { facetQuery, searchQuery } from '../server/src/modules/catalog/store.ts';
import { seedDemoOrg } from '../server/src/modules/org/demo.ts';
import { systemClock } from '../server/src/platform/clock.ts';
import type { AppContext } from '../server/src/platform/context.ts';
import { type Database, openPglite, openPostgres } from '../server/src/platform/db/connection.ts';
import { migrate } from '../server/src/platform/db/migrate.ts';
import { generateCatalog } from './catalog-generator.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 6);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 8);
const PROCEDURES = Number(process.env.BENCH_PROCEDURES ?? 6000);
const PAGE = 20;

/** What citizens type: plain and accented words, typos, a code, filters, and the plain list. */
const QUERIES = [
  'q=dang ky khai sinh',
  'q=dang ky khai sihn',
  'q=cap giay phep',
  'q=giấy phép xây dựng',
  'q=chung chi hanh nghe',
  'q=ho kinh doanh',
  'q=9.000001',
  'q=an toan thuc pham&level=province',
  'q=cap lai&onlineLevel=full',
  'field=HT',
  'applicant=enterprise&onlineLevel=full',
  'agency=000.02.11.H05',
  '',
];

interface Figures {
  p50: number;
  p99: number;
  rps: number;
}

async function openFresh(): Promise<{ database: Database; url?: string; drop(): Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const database = await openPglite({});
    return { database, drop: async () => {} };
  }
  const name = `congso_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const u = new URL(url);
  u.pathname = `/${name}`;
  const database = openPostgres({ url: u.toString(), poolSize: CONNECTIONS });
  return {
    database,
    url: u.toString(),
    async drop() {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;

/** Runs `once` from `CONNECTIONS` loops for SECONDS, cycling through the queries. */
async function closedLoop(once: (query: string) => Promise<void>): Promise<Figures> {
  const latencies: number[] = [];
  const end = performance.now() + SECONDS * 1000;
  let next = 0;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (performance.now() < end) {
        const query = QUERIES[next++ % QUERIES.length]!;
        const t0 = performance.now();
        await once(query);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  return { p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99), rps: latencies.length / SECONDS };
}

async function viaHttp(base: string): Promise<Figures> {
  const result = await autocannon({
    url: base,
    connections: CONNECTIONS,
    duration: SECONDS,
    requests: QUERIES.map((q) => ({ method: 'GET', path: `/api/v1/procedures?${encodeURI(q)}` })),
  });
  if (result.non2xx || result.errors) throw new Error(`${result.non2xx} non-2xx answers, ${result.errors} errors`);
  return { p50: result.latency.p50, p99: result.latency.p99, rps: result.requests.average };
}

/** The route's two statements, compiled once per query, sent through the bare driver. */
async function viaDriver(database: Database, url: string | undefined): Promise<Figures> {
  const compiled = new Map(
    QUERIES.map((q) => {
      const filter = searchFilter(Object.fromEntries(new URLSearchParams(q)));
      return [q, [searchQuery(filter, null, PAGE + 1).compile(database.db), facetQuery(filter).compile(database.db)]];
    }),
  );
  const pool = url ? new pg.Pool({ connectionString: url, max: CONNECTIONS }) : null;
  const pglite = 'pglite' in database ? (database as { pglite: import('@electric-sql/pglite').PGlite }).pglite : null;
  const run = (text: string, params: readonly unknown[]) =>
    pool ? pool.query(text, params as unknown[]) : pglite!.query(text, params as unknown[]);
  try {
    return await closedLoop(async (q) => {
      await Promise.all(compiled.get(q)!.map((c) => run(c.sql, c.parameters)));
    });
  } finally {
    await pool?.end();
  }
}

async function main() {
  const fresh = await openFresh();
  const ctx: AppContext = {
    database: fresh.database,
    config: loadConfig({ CONGSO_ENV: 'test' }),
    clock: systemClock,
    log: pino({ level: 'silent' }),
  };
  try {
    const t0 = performance.now();
    await migrate(ctx.database);
    await seedDemoOrg(ctx);
    const file = generateCatalog(PROCEDURES);
    const report = await importCatalog(ctx, { actor: null, requestId: null }, { format: 'json', data: file });
    const loadSeconds = (performance.now() - t0) / 1000;
    const app = await buildApp(ctx);
    const base = await app.listen({ host: '127.0.0.1', port: 0 });
    // Warm both paths (plans, caches) before measuring.
    for (const q of QUERIES) await fetch(`${base}/api/v1/procedures?${encodeURI(q)}`);
    const direct1 = await viaDriver(ctx.database, fresh.url);
    const http1 = await viaHttp(base);
    const direct2 = await viaDriver(ctx.database, fresh.url);
    const http2 = await viaHttp(base);
    await app.close();

    const engine = fresh.url ? 'PostgreSQL' : 'PGlite';
    const http = {
      p50: (http1.p50 + http2.p50) / 2,
      p99: (http1.p99 + http2.p99) / 2,
      rps: (http1.rps + http2.rps) / 2,
    };
    const direct = {
      p50: (direct1.p50 + direct2.p50) / 2,
      p99: (direct1.p99 + direct2.p99) / 2,
      rps: (direct1.rps + direct2.rps) / 2,
    };
    const row = (label: string, f: Figures) =>
      `  ${label.padEnd(34)} p50 ${f.p50.toFixed(2).padStart(7)} ms   p99 ${f.p99.toFixed(2).padStart(7)} ms   ${f.rps.toFixed(0).padStart(6)} req/s`;
    console.log(
      `congso catalogue search benchmark (${engine}; ${report.created.length} procedures; ${CONNECTIONS} connections, ` +
        `${SECONDS} s per run, 2 runs each; ${QUERIES.length} queries in turn)`,
    );
    console.log(`  generate + import + index:         ${loadSeconds.toFixed(1)} s`);
    console.log(row('GET /api/v1/procedures (HTTP):', http));
    console.log(row('same SQL through the driver:', direct));
    console.log(
      `  ratio HTTP / driver:               p50 ${(http.p50 / direct.p50).toFixed(2)}   p99 ${(http.p99 / direct.p99).toFixed(2)}   throughput ${(http.rps / direct.rps).toFixed(2)}`,
    );
  } finally {
    await ctx.database.close();
    await fresh.drop();
  }
}

await main();
