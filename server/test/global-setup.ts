// Builds one migrated and seeded template database per test run; each test file then starts from a copy of it
// (a PGlite data-directory dump, or CREATE DATABASE … TEMPLATE on PostgreSQL) instead of migrating again.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { type Database, openPglite, openPostgres } from '../src/platform/db/connection.ts';
import { prepareTemplate } from './template.ts';

export type DbTemplate = { engine: 'pglite'; file: string } | { engine: 'postgres'; url: string; template: string };

declare module 'vitest' {
  export interface ProvidedContext {
    dbTemplate: DbTemplate;
  }
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export default async function setup(project: TestProject) {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const template = `congso_tpl_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${template}`);
    const database: Database = openPostgres({ url: withDatabase(url, template), poolSize: 2 });
    await prepareTemplate(database);
    await database.close();
    project.provide('dbTemplate', { engine: 'postgres', url, template });
    return async () => {
      const clones = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [
        `${template}%`,
      ]);
      for (const { datname } of clones.rows) await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
      await admin.end();
    };
  }
  const dir = await mkdtemp(join(tmpdir(), 'congso-test-'));
  const database = await openPglite({});
  await prepareTemplate(database);
  const dump = await database.pglite.dumpDataDir('none');
  const file = join(dir, 'template.tar');
  await writeFile(file, Buffer.from(await dump.arrayBuffer()));
  await database.close();
  project.provide('dbTemplate', { engine: 'pglite', file });
  return async () => {
    await rm(dir, { recursive: true, force: true });
  };
}
