// Foundation benchmark: time to ready with an existing data directory, memory after start and under load, and
// the throughput of an authenticated GET /api/v1/me as a ratio to a bare Fastify route serving the same JSON,
// both measured on this machine in this run (the machines are shared and noisy: compare ratios, not seconds).
//
//   cd server && npx tsx ../bench/foundation.ts            # PGlite, as `npm start`
//   DATABASE_URL=postgres://… npx tsx ../bench/foundation.ts
//   BENCH_SECONDS=20 BENCH_CONNECTIONS=20 …                # longer or wider load
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';

const SERVER_DIR = new URL('../server/', import.meta.url).pathname;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);

function start(args: string[], env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, args, {
    cwd: SERVER_DIR,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

async function waitFor(url: string, child: ChildProcess, seconds = 120): Promise<number> {
  const t0 = performance.now();
  while (performance.now() - t0 < seconds * 1000) {
    if (child.exitCode !== null) throw new Error(`process exited with ${child.exitCode}`);
    const ok = await fetch(url).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return performance.now() - t0;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`${url} not ready`);
}

async function rssMiB(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
}

async function load(url: string, headers: Record<string, string> = {}) {
  const result = await autocannon({ url, headers, connections: CONNECTIONS, duration: SECONDS });
  if (result.non2xx || result.errors) throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 };
}

const BARE_SERVER = `
import Fastify from 'fastify';
const body = JSON.parse(process.env.BODY);
const app = Fastify();
app.get('/me', async () => body);
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
`;

async function main() {
  const dataDir = await mkdtemp(join(tmpdir(), 'congso-bench-'));
  const env = { DATA_DIR: dataDir, PORT: '3901', PUBLIC_URL: 'http://127.0.0.1:3901' };
  const base = 'http://127.0.0.1:3901';
  try {
    // First start: creates, migrates and seeds the data directory (not measured).
    const first = start(['--import', 'tsx', 'src/main.ts', 'start'], env);
    const firstReady = await waitFor(`${base}/health/ready`, first);
    await stop(first);

    const congso = start(['--import', 'tsx', 'src/main.ts', 'start'], env);
    const readyMs = await waitFor(`${base}/health/ready`, congso);
    const rssAfterStart = await rssMiB(congso.pid!);
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'motcua.tinh', password: 'congso-demo' }),
    });
    const cookie = login.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const me = await (await fetch(`${base}/api/v1/me`, { headers: { cookie } })).text();

    const bare = spawn(process.execPath, ['--input-type=module', '-e', BARE_SERVER], {
      cwd: SERVER_DIR,
      env: { ...process.env, PORT: '3902', BODY: me },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    await waitFor('http://127.0.0.1:3902/me', bare);

    // Alternate the two so that a noisy neighbour hurts both alike.
    const bareRun1 = await load('http://127.0.0.1:3902/me');
    const meRun1 = await load(`${base}/api/v1/me`, { cookie });
    const bareRun2 = await load('http://127.0.0.1:3902/me');
    const meRun2 = await load(`${base}/api/v1/me`, { cookie });
    const rssAfterLoad = await rssMiB(congso.pid!);
    await stop(bare);
    await stop(congso);

    const avg = (a: number, b: number) => (a + b) / 2;
    const meRps = avg(meRun1.rps, meRun2.rps);
    const bareRps = avg(bareRun1.rps, bareRun2.rps);
    const engine = process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite';
    console.log(
      `congso foundation benchmark (${engine}; ${CONNECTIONS} connections, ${SECONDS} s per run, 2 runs each)`,
    );
    console.log(`  first start (create, migrate, seed):     ${(firstReady / 1000).toFixed(2)} s`);
    console.log(`  time to ready, existing data directory:   ${(readyMs / 1000).toFixed(2)} s`);
    console.log(`  memory (RSS) after start:                 ${rssAfterStart.toFixed(0)} MiB`);
    console.log(`  memory (RSS) after the load:              ${rssAfterLoad.toFixed(0)} MiB`);
    console.log(
      `  GET /api/v1/me (session + grants):        ${meRps.toFixed(0)} req/s  p50 ${meRun2.p50} ms  p99 ${meRun2.p99} ms`,
    );
    console.log(
      `  bare Fastify route, same JSON:            ${bareRps.toFixed(0)} req/s  p50 ${bareRun2.p50} ms  p99 ${bareRun2.p99} ms`,
    );
    console.log(`  ratio congso / bare:                      ${(meRps / bareRps).toFixed(3)}`);
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
