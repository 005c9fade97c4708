// Builds the web app when stale and starts `congso start`, exactly as `npm start` does, on a fresh data directory
// and a free port, and waits for /health/ready. The browser tests then talk to it like a person would.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { makeSigningKit, type SigningKit, startMailSink } from './services.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    /** Where the app's mail lands, one JSON file a message (services.ts). */
    mailDir: string;
    signingKit: SigningKit;
  }
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function waitReady(url: string, child: ChildProcess, seconds: number): Promise<void> {
  const end = Date.now() + seconds * 1000;
  while (Date.now() < end) {
    if (child.exitCode !== null) throw new Error(`congso exited with ${child.exitCode}`);
    const ok = await fetch(`${url}/health/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('congso did not become ready');
}

/** Runs a Node script to its end, its output shown; fails on a non-zero exit. */
function runNode(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { ...options, stdio: 'inherit' });
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`node ${args.join(' ')} exited with ${code}`)),
    );
  });
}

export default async function setup(project: TestProject) {
  const dataDir = await mkdtemp(join(tmpdir(), 'congso-e2e-'));
  // Real mail (verification codes) and a trusted test root for signatures, as a province would configure them.
  const mail = await startMailSink(join(dataDir, 'mail'));
  const signingKit = await makeSigningKit(join(dataDir, 'signing'));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const server = new URL('../server/', import.meta.url).pathname;
  // Every journey signs in from 127.0.0.1, dozens of times a minute across the files, which the limit per address
  // (20 a minute by default, tested in server/test/citizens.test.ts) is there to refuse.
  const env = {
    ...process.env,
    DATA_DIR: dataDir,
    PUBLIC_URL: baseUrl,
    DATABASE_URL: '',
    LOG_LEVEL: 'warn',
    LOGIN_RATE_PER_MINUTE: '1000',
  };
  // What `npm start` does first, build the web app if it is missing or stale, side by side with the demo data (each
  // takes about a minute, on a core of its own). The demo data without the trust anchor: the demo signs its results
  // under a demo certification authority that is deliberately no anchor (signing/demo.ts), and once an anchor is set
  // such a signature no longer moves a dossier. `start` then finds the data seeded and only serves.
  await Promise.all([
    runNode([new URL('../web/scripts/build-if-stale.mjs', import.meta.url).pathname]),
    runNode(['--import', 'tsx', 'src/main.ts', 'seed'], { cwd: server, env }),
  ]);
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'start'], {
    cwd: server,
    env: { ...env, PORT: String(port), SMTP_URL: mail.url, TRUST_ANCHORS_DIR: signingKit.anchorsDir },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await waitReady(baseUrl, child, 120);
  project.provide('baseUrl', baseUrl);
  project.provide('mailDir', mail.dir);
  project.provide('signingKit', signingKit);
  return async () => {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    await mail.close();
    await rm(dataDir, { recursive: true, force: true });
  };
}
