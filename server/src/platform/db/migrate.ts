// Forward-only SQL migrations from server/migrations, shared by PGlite and PostgreSQL. Each file runs in its own
// transaction under an advisory lock, so several nodes starting at once apply each migration exactly once.
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { Database } from './connection.ts';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../../migrations/', import.meta.url));
const LOCK_KEY = 4_206_001; // any constant shared by all nodes

export interface MigrationFile {
  version: string;
  name: string;
  sql: string;
  checksum: string;
}

export async function readMigrations(dir = MIGRATIONS_DIR): Promise<MigrationFile[]> {
  const names = (await readdir(dir)).filter((n) => /^\d{4}_[\w-]+\.sql$/.test(n)).sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(`${dir}${name}`, 'utf8');
      return {
        version: name.slice(0, 4),
        name,
        sql,
        checksum: createHash('sha256').update(sql).digest('hex'),
      };
    }),
  );
}

export interface MigrationReport {
  applied: string[];
  alreadyApplied: number;
}

export async function migrate(database: Database, dir = MIGRATIONS_DIR): Promise<MigrationReport> {
  await sql`CREATE TABLE IF NOT EXISTS schema_migration (
    version text PRIMARY KEY, name text NOT NULL, checksum text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now())`.execute(database.db);
  const report: MigrationReport = { applied: [], alreadyApplied: 0 };
  for (const file of await readMigrations(dir)) {
    const outcome = await database.db.transaction().execute(async (trx) => {
      await sql`SELECT pg_advisory_xact_lock(${LOCK_KEY})`.execute(trx);
      const previous = await sql<{ checksum: string }>`
        SELECT checksum FROM schema_migration WHERE version = ${file.version}`.execute(trx);
      const checksum = previous.rows[0]?.checksum;
      if (checksum !== undefined) {
        if (checksum !== file.checksum) {
          throw new Error(`Migration ${file.name} was changed after it was applied; add a new migration instead.`);
        }
        return 'already';
      }
      await sql.raw(file.sql).execute(trx);
      await sql`INSERT INTO schema_migration (version, name, checksum)
        VALUES (${file.version}, ${file.name}, ${file.checksum})`.execute(trx);
      return 'applied';
    });
    if (outcome === 'applied') report.applied.push(file.name);
    else report.alreadyApplied++;
  }
  return report;
}
