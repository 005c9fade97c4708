// What an integration test needs: its own database cloned from the template, an application built on it, and
// signed-in clients for the demo accounts.
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import pg from 'pg';
import pino from 'pino';
import { inject } from 'vitest';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { DEMO_PASSWORD } from '../src/modules/access/password.ts';
import { type Clock, systemClock } from '../src/platform/clock.ts';
import type { AppContext } from '../src/platform/context.ts';
import { type Database, openPglite, openPostgres } from '../src/platform/db/connection.ts';
import type { App } from '../src/platform/http/server.ts';
import { withDatabase } from './global-setup.ts';

export const isPostgres = () => inject('dbTemplate').engine === 'postgres';

/** A fresh database for one test file, with everything the template holds. */
export async function cloneDatabase(): Promise<Database & { url?: string }> {
  const template = inject('dbTemplate');
  if (template.engine === 'pglite') {
    const tar = await readFile(template.file);
    return openPglite({ loadDataDir: new Blob([tar]) });
  }
  const name = `${template.template}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: template.url });
  await admin.connect();
  try {
    // CREATE DATABASE … TEMPLATE refuses while another copy of the same template is being made: take turns.
    await admin.query('SELECT pg_advisory_lock(4206002)');
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template.template}`);
  } finally {
    await admin.end();
  }
  const url = withDatabase(template.url, name);
  return Object.assign(openPostgres({ url, poolSize: 10 }), { url });
}

export interface TestContextOptions {
  clock?: Clock;
  env?: Record<string, string>;
}

/** The application's context on a given database, with test settings. */
export function contextOn(database: Database, options: TestContextOptions = {}): AppContext {
  return {
    database,
    config: loadConfig({ CONGSO_ENV: 'test', ...options.env }),
    clock: options.clock ?? systemClock,
    log: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
  };
}

export async function testContext(options: TestContextOptions = {}): Promise<AppContext> {
  return contextOn(await cloneDatabase(), options);
}

export interface Session {
  cookie: string;
  csrfToken: string;
  headers: Record<string, string>;
}

export interface TestApp {
  app: App;
  ctx: AppContext;
  login(username: string, password?: string): Promise<Session>;
  close(): Promise<void>;
}

export async function testApp(options: TestContextOptions = {}): Promise<TestApp> {
  const ctx = await testContext(options);
  const app = await buildApp(ctx);
  await app.ready();
  return {
    app,
    ctx,
    async login(username, password = DEMO_PASSWORD) {
      const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
      if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
      const cookie = res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
      const csrfToken = res.json().csrfToken as string;
      return { cookie, csrfToken, headers: { cookie, 'x-csrf-token': csrfToken } };
    },
    async close() {
      await app.close();
      await ctx.database.close();
    },
  };
}

/** Asks until it holds; a database notice takes a moment to travel, so this waits for it instead of assuming a time. */
export async function eventually(ask: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await ask()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the change never showed');
}
