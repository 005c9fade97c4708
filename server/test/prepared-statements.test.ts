// On PostgreSQL a statement with parameters is prepared once per connection (connection.ts), then only bound and
// run; a script of several statements without parameters still runs as one (migrations need it).
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/platform/db/connection.ts';
import { cloneDatabase, isPostgres } from './harness.ts';

describe.runIf(isPostgres())('prepared statements on PostgreSQL', () => {
  let database: Database;
  beforeAll(async () => {
    database = await cloneDatabase();
  });
  afterAll(async () => database?.close());

  it('prepares a statement with parameters once on a connection and answers each run with its own values', async () => {
    const text = 'SELECT $1::int + 1 AS n';
    const seen = await database.db.connection().execute(async (db) => {
      const answers: number[] = [];
      for (const n of [1, 2, 3]) {
        answers.push((await sql<{ n: number }>`SELECT ${n}::int + 1 AS n`.execute(db)).rows[0]!.n);
      }
      const prepared = await sql<{ statement: string }>`SELECT statement FROM pg_prepared_statements`.execute(db);
      return { answers, statements: prepared.rows.map((r) => r.statement) };
    });
    expect(seen.answers).toEqual([2, 3, 4]);
    expect(seen.statements.filter((s) => s === text)).toHaveLength(1);
  });

  it('runs a statement again, unprepared, once a migration changed the columns it answers', async () => {
    await database.executeScript('CREATE TABLE widened (n int); INSERT INTO widened VALUES (1);');
    const rows = await database.db.connection().execute(async (db) => {
      const read = async () =>
        (await sql<Record<string, number>>`SELECT * FROM widened WHERE n = ${1}`.execute(db)).rows;
      expect(await read()).toEqual([{ n: 1 }]);
      await sql`ALTER TABLE widened ADD COLUMN m int DEFAULT 2`.execute(db);
      // The plan prepared before cannot answer the new columns: this run fails, the next runs unprepared.
      await expect(read()).rejects.toMatchObject({ code: '0A000' });
      return read();
    });
    expect(rows).toEqual([{ n: 1, m: 2 }]);
  });

  it('runs a script of several statements without parameters in one go', async () => {
    await database.executeScript('CREATE TABLE two_statements (n int); INSERT INTO two_statements VALUES (7);');
    const { rows } = await database.executeSql<{ n: number }>('SELECT n FROM two_statements WHERE n = $1', [7]);
    expect(rows).toEqual([{ n: 7 }]);
  });
});
