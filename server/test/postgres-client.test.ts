// The PostgreSQL client (connection.ts): a statement with parameters is prepared once per connection, then only
// bound and run; a script of several statements without parameters still runs as one (migrations need it); a
// change's last statement carries its COMMIT in the same round trip, seen on the wire through a TCP proxy.
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runChange } from '../src/platform/context.ts';
import { type Database, openPostgres } from '../src/platform/db/connection.ts';
import { cloneDatabase, contextOn, isPostgres } from './harness.ts';
import { TcpProxy } from './tcp-proxy.ts';

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

/** Reads the server's side of the protocol as it passes the proxy: its replies' end (ReadyForQuery) and notices. */
class ServerMessages {
  readyForQuery = 0;
  notices: string[] = [];
  #pending = Buffer.alloc(0);

  read(chunk: Buffer): void {
    this.#pending = Buffer.concat([this.#pending, chunk]);
    while (this.#pending.length >= 5 && this.#pending.length >= 1 + this.#pending.readInt32BE(1)) {
      const size = 1 + this.#pending.readInt32BE(1);
      const type = String.fromCharCode(this.#pending[0]!);
      if (type === 'Z') this.readyForQuery += 1;
      if (type === 'N') this.notices.push(this.#pending.subarray(5, size).toString('utf8'));
      this.#pending = this.#pending.subarray(size);
    }
  }
}

describe.runIf(isPostgres())("a change's last statement and its COMMIT on PostgreSQL", () => {
  const wire = new ServerMessages();
  let proxy: TcpProxy;
  let database: Database;
  let direct: Database;

  beforeAll(async () => {
    const clone = await cloneDatabase();
    direct = clone;
    await direct.executeScript(`CREATE TABLE note (id int PRIMARY KEY, text text NOT NULL);
      CREATE TABLE deferred_note (id int, CONSTRAINT one_id UNIQUE (id) DEFERRABLE INITIALLY DEFERRED);`);
    // One connection: every change below runs on the one whose replies are counted.
    proxy = await TcpProxy.to(clone.url!, (chunk) => wire.read(chunk));
    database = openPostgres({ url: proxy.url, poolSize: 1 });
  });
  afterAll(async () => {
    await database?.close();
    await direct?.close();
    await proxy?.down();
  });

  // The test's own tables, outside the schema the rest of the code knows.
  interface NoteTables {
    note: { id: number; text: string | null };
    deferred_note: { id: number };
  }
  const notesOf = (trx: unknown) => trx as Kysely<NoteTables>;
  const ctx = () => contextOn(database);
  const who = { actor: null, requestId: null };
  const notes = async () =>
    (await direct.executeSql<{ id: number }>('SELECT id FROM note ORDER BY id')).rows.map((r) => r.id);

  it('sends the COMMIT with the last statement: one reply for both, and no COMMIT after', async () => {
    await sql`SELECT 1`.execute(database.db); // the connection is open before counting
    const before = wire.readyForQuery;
    await runChange(ctx(), who, async ({ trx, writeLast }) => {
      await sql`SELECT count(*) FROM note WHERE id > ${0}`.execute(trx);
      writeLast(notesOf(trx).insertInto('note').values({ id: 1, text: 'một' }));
    });
    // BEGIN, the read, then the write with its COMMIT: three replies (four with a COMMIT of its own).
    expect(wire.readyForQuery - before).toBe(3);
    expect(await notes()).toEqual([1]);
    expect(wire.notices).toEqual([]);
  });

  it('rolls back when the last statement fails, and the connection serves the next change', async () => {
    const failing = runChange(ctx(), who, async ({ trx, writeLast }) => {
      writeLast(notesOf(trx).insertInto('note').values({ id: 2, text: null }));
    });
    await expect(failing).rejects.toMatchObject({ code: '23502' });
    await runChange(ctx(), who, async ({ trx, writeLast }) =>
      writeLast(notesOf(trx).insertInto('note').values({ id: 3, text: 'ba' })),
    );
    expect(await notes()).toEqual([1, 3]);
    expect(wire.notices).toEqual([]);
  });

  it('reports a COMMIT that fails (a deferred constraint) as the change failing, and sends no ROLLBACK after', async () => {
    await direct.executeSql('INSERT INTO deferred_note VALUES ($1)', [1]);
    const failing = runChange(ctx(), who, async ({ trx, writeLast }) => {
      await sql`INSERT INTO note VALUES (${4}, ${'bốn'})`.execute(trx);
      writeLast(notesOf(trx).insertInto('deferred_note').values({ id: 1 }));
    });
    await expect(failing).rejects.toMatchObject({ code: '23505' });
    await runChange(ctx(), who, async ({ trx, writeLast }) =>
      writeLast(notesOf(trx).insertInto('note').values({ id: 5, text: 'năm' })),
    );
    expect(await notes()).toEqual([1, 3, 5]);
    // A ROLLBACK sent after the failed COMMIT would draw "there is no transaction in progress".
    expect(wire.notices).toEqual([]);
  });
});
