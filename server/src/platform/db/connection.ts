// One database handle for both engines: PGlite (embedded, for `npm start` and `npm test`) and PostgreSQL
// (production, CI). Everything above this file sees only Kysely and `executeSql`, so there is no second code
// path for the embedded database.
import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { DB } from './schema.ts';

export interface SqlResult<R = Record<string, unknown>> {
  rows: R[];
  rowCount: number;
}

/** What pg-boss and the migration runner need: plain SQL, and a script of several statements. */
export interface SqlExecutor {
  executeSql<R = Record<string, unknown>>(text: string, values?: readonly unknown[]): Promise<SqlResult<R>>;
}

export interface Database extends SqlExecutor {
  readonly engine: 'pglite' | 'postgres';
  readonly db: Kysely<DB>;
  /** Runs a script of several statements without parameters (migrations, pg-boss schema). */
  executeScript(sql: string): Promise<void>;
  /**
   * Notifications on a channel (NOTIFY, sent at commit by any process on the database). `live(false)` means some
   * may have been missed (the listening connection was lost): a cache fed by them must stop trusting itself until
   * `live(true)`, when listening has started again. Resolves to the function that stops listening.
   */
  listen(channel: string, handlers: NoticeHandlers): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export interface NoticeHandlers {
  notice(payload: string): void;
  live(listening: boolean): void;
}

// Both engines return the same JavaScript values: int8 as number (counts, sequence numbers stay far below
// 2^53), numeric as string (money is never a float), date as 'yyyy-mm-dd' (a calendar date has no time zone),
// timestamptz as Date.
const INT8 = 20;
const NUMERIC = 1700;
const DATE = 1082;
const TIMESTAMPTZ = 1184;

const pgTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8) return (v: string) => Number(v);
    if (oid === DATE) return (v: string) => v;
    if (oid === NUMERIC) return (v: string) => v;
    return pg.types.getTypeParser(oid, format as 'text');
  },
} as pg.CustomTypesConfig;

export interface PostgresOptions {
  url: string;
  poolSize: number;
  /** How long a query may wait for a free connection before failing (503 to the client); 5 s by default. */
  connectionTimeoutMs?: number;
  onIdleError?: (err: Error) => void;
}

/**
 * Put before a transaction's last statement (platform/context.ts does): on PostgreSQL its COMMIT goes right behind
 * it, in the same round trip, and the COMMIT Kysely sends next is answered without the server. A change that holds a
 * row locked until commit (a desk's code counter, the audit chain's head) then holds it for one reply less, and at a
 * busy process most of a reply's time is waiting for the event loop to read it. On PGlite it is only a comment.
 */
export const COMMITS_NEXT = '/* commits next */ ';

/** The protocol messages of pg's connection that StatementThenCommit writes. */
interface WireConnection {
  parse(config: { text: string }): void;
  bind(config: Record<string, never>): void;
  execute(config: { portal: string }): void;
  sync(): void;
}
type QueryCallback = (error: Error | null, results: pg.QueryResult | pg.QueryResult[]) => void;
const WireQuery = pg.Query as unknown as new (
  config: pg.QueryConfig & { queryMode: 'extended' },
  values: undefined,
  callback: QueryCallback,
) => pg.Query & {
  portal: string;
  _getRows(connection: WireConnection, rows: number | undefined): void;
  handleCommandComplete(message: unknown, connection: WireConnection): void;
};

/** A statement and then COMMIT, each parsed, bound and executed, behind one Sync: one round trip for both. */
class StatementThenCommit extends WireQuery {
  /** Commands the server completed: 0 if the statement failed, 1 if its COMMIT failed, 2 once committed. */
  completed = 0;

  override _getRows(connection: WireConnection) {
    connection.execute({ portal: this.portal });
    connection.parse({ text: 'COMMIT' });
    connection.bind({});
    connection.execute({ portal: '' });
    connection.sync();
  }

  override handleCommandComplete(message: unknown, connection: WireConnection) {
    this.completed += 1;
    super.handleCommandComplete(message, connection);
  }
}

const localEnd = (command: 'COMMIT' | 'ROLLBACK'): pg.QueryResult => ({
  command,
  rowCount: null,
  oid: 0,
  rows: [],
  fields: [],
});

/** At most this many statement texts are prepared by name; the rest are parsed and planned on every run. */
const MAX_PREPARED = 500;
const statementNames = new Map<string, string>();

/**
 * Statements with parameters, as Kysely sends them (`pool.query`'s callback calls pass through), are prepared once
 * per connection and then only bound and run: parsing and planning them again every time was a quarter of
 * PostgreSQL's work for a receipt (pg_stat_statements' plan time). Names are per text and shared by every
 * connection of the process, and bounded: a server holds at most MAX_PREPARED plans a connection. Scripts without
 * parameters (migrations) keep the simple protocol, which allows several statements.
 */
class PreparingClient extends pg.Client {
  /** Texts whose prepared plan no longer fits the tables (a migration changed them): run unprepared from now on. */
  readonly #outdated = new Set<string>();
  /** The transaction ended with its last statement (COMMIT sent behind it): the next COMMIT or ROLLBACK is a no-op. */
  #ended = false;

  // biome-ignore lint/suspicious/noExplicitAny: pg's query has a dozen overloads; this passes every other call on as is.
  override query(...args: any[]): any {
    const [text, values] = args;
    if (args.length === 2 && typeof text === 'string' && Array.isArray(values)) {
      const ending = this.#ended && /^(commit|rollback)$/i.test(text);
      this.#ended = false;
      if (ending) return Promise.resolve(localEnd(text.toUpperCase() as 'COMMIT' | 'ROLLBACK'));
      if (text.startsWith(COMMITS_NEXT)) return this.#run(text, values, true);
      if (values.length > 0) return this.#run(text, values, false);
    }
    // biome-ignore lint/suspicious/noExplicitAny: see above.
    return (super.query as (...a: any[]) => any)(...args);
  }

  async #run(text: string, values: unknown[], commitsNext: boolean): Promise<pg.QueryResult> {
    const name = this.#outdated.has(text) ? undefined : statementName(text);
    try {
      if (!commitsNext) return await super.query({ name, text, values });
      return await this.#thenCommit({ name, text, values, queryMode: 'extended' });
    } catch (error) {
      // "cached plan must not change result type": the statement's tables changed under it (a migration run by
      // another process during a rolling deployment). This run fails; the next ones are parsed afresh.
      if ((error as { code?: string }).code === '0A000') this.#outdated.add(text);
      throw error;
    }
  }

  #thenCommit(config: pg.QueryConfig & { queryMode: 'extended' }): Promise<pg.QueryResult> {
    return new Promise((resolve, reject) => {
      const query = new StatementThenCommit(config, undefined, (error, results) => {
        // Committed, or its COMMIT failed, which ends the transaction too; a failed statement leaves it to roll back.
        this.#ended = query.completed > 0;
        if (error) reject(error);
        else resolve((results as pg.QueryResult[])[0]!);
      });
      super.query(query);
    });
  }
}

function statementName(text: string): string | undefined {
  let name = statementNames.get(text);
  if (name === undefined && statementNames.size < MAX_PREPARED) {
    name = `congso_${statementNames.size + 1}`;
    statementNames.set(text, name);
  }
  return name;
}

export function openPostgres(options: PostgresOptions): Database {
  const pool = new pg.Pool({
    Client: PreparingClient,
    connectionString: options.url,
    max: options.poolSize,
    types: pgTypes,
    connectionTimeoutMillis: options.connectionTimeoutMs ?? 5_000,
    idleTimeoutMillis: 30_000,
    application_name: 'congso',
  });
  // An idle client losing its server (restart, failover) must not crash the process: the pool drops it and
  // opens a new one on the next query.
  pool.on('error', (err) => options.onIdleError?.(err));
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  const listener = new Listener(options.url);
  return {
    engine: 'postgres',
    db,
    async executeSql<R>(text: string, values: readonly unknown[] = []) {
      const res = await pool.query(text, values as unknown[]);
      return { rows: res.rows as R[], rowCount: res.rowCount ?? 0 };
    },
    async executeScript(sql: string) {
      await pool.query(sql);
    },
    listen: (channel, handlers) => listener.subscribe(channel, handlers),
    async close() {
      await listener.stop();
      await db.destroy();
    },
  };
}

/**
 * One connection of its own that LISTENs on every channel the process asks for: a pooled one would be handed to
 * queries and lose the LISTEN, and one per channel would wake one more server process at every notice. When it is
 * lost, every subscriber hears `live(false)` at once and it is opened again with a growing pause, up to 30 s; a
 * subscriber hears `live(true)` once its channel is listened on.
 */
class Listener {
  #client: pg.Client | undefined;
  /** The LISTEN of each channel on the current connection, sent once and awaited by each of its subscribers. */
  #listened = new Map<string, Promise<unknown>>();
  #retry: NodeJS.Timeout | undefined;
  #pauseMs = 500;
  readonly #subscribers = new Map<NoticeHandlers, string>();
  readonly #live = new Set<NoticeHandlers>();

  constructor(private readonly url: string) {}

  /** Listens on `channel` for `handlers` until the function it resolves to is called. */
  async subscribe(channel: string, handlers: NoticeHandlers): Promise<() => Promise<void>> {
    this.#subscribers.set(handlers, channel);
    // A new connection (the first, or one opened before the retry after a loss) listens for every subscriber.
    if (this.#client) await this.#listenOn(this.#client, [handlers]);
    else await this.#listenOn(this.#open(), [...this.#subscribers.keys()]);
    return () => this.#unsubscribe(handlers);
  }

  async stop(): Promise<void> {
    for (const handlers of [...this.#subscribers.keys()]) this.#forget(handlers);
    await this.#close();
  }

  #open(): pg.Client {
    clearTimeout(this.#retry);
    const client = new pg.Client({ connectionString: this.url, application_name: 'congso-listen' });
    this.#client = client;
    this.#listened = new Map();
    client.on('notification', (n) => {
      for (const [handlers, channel] of this.#subscribers) if (channel === n.channel) handlers.notice(n.payload ?? '');
    });
    client.on('error', () => this.#lost(client));
    client.on('end', () => this.#lost(client));
    // Queries sent meanwhile wait for the connection; if it fails, they fail and #listenOn calls #lost.
    client.connect().catch(() => this.#lost(client));
    return client;
  }

  async #listenOn(client: pg.Client, subscribers: NoticeHandlers[]): Promise<void> {
    try {
      for (const channel of new Set(subscribers.map((h) => this.#subscribers.get(h)))) {
        if (channel === undefined) continue;
        let listening = this.#listened.get(channel);
        if (!listening) {
          listening = client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
          this.#listened.set(channel, listening);
        }
        await listening;
      }
    } catch {
      this.#lost(client);
      return;
    }
    if (this.#client !== client) return; // lost or stopped meanwhile
    this.#pauseMs = 500;
    for (const handlers of subscribers) if (this.#subscribers.has(handlers)) this.#setLive(handlers, true);
  }

  #lost(client: pg.Client): void {
    if (this.#client !== client) return; // an older connection's late event
    this.#client = undefined;
    for (const handlers of [...this.#live]) this.#setLive(handlers, false);
    client.end().catch(() => {});
    if (this.#subscribers.size === 0) return;
    this.#retry = setTimeout(() => void this.#listenOn(this.#open(), [...this.#subscribers.keys()]), this.#pauseMs);
    this.#retry.unref();
    this.#pauseMs = Math.min(this.#pauseMs * 2, 30_000);
  }

  async #unsubscribe(handlers: NoticeHandlers): Promise<void> {
    const channel = this.#subscribers.get(handlers);
    if (channel === undefined) return;
    this.#forget(handlers);
    if (this.#subscribers.size === 0) return this.#close();
    const client = this.#client;
    if (client && ![...this.#subscribers.values()].includes(channel)) {
      this.#listened.delete(channel);
      await client.query(`UNLISTEN ${pg.escapeIdentifier(channel)}`).catch(() => {});
    }
  }

  #forget(handlers: NoticeHandlers): void {
    this.#subscribers.delete(handlers);
    this.#setLive(handlers, false);
  }

  async #close(): Promise<void> {
    clearTimeout(this.#retry);
    const client = this.#client;
    this.#client = undefined;
    await client?.end().catch(() => {});
  }

  // Each subscriber hears each change once: a cache fed by several listeners counts those that are up.
  #setLive(handlers: NoticeHandlers, live: boolean): void {
    if (this.#live.has(handlers) === live) return;
    if (live) this.#live.add(handlers);
    else this.#live.delete(handlers);
    handlers.live(live);
  }
}

/** A FIFO lock: PGlite is one connection, so a transaction must own it from BEGIN to COMMIT. */
class Mutex {
  #tail: Promise<void> = Promise.resolve();
  acquire(): Promise<() => void> {
    let release!: () => void;
    const next = new Promise<void>((resolve) => {
      release = resolve;
    });
    const ready = this.#tail.then(() => release);
    this.#tail = this.#tail.then(() => next);
    return ready;
  }
}

export interface PgliteOptions {
  /** A directory for a persistent database, or undefined for one in memory. */
  dataDir?: string;
  /** A tarball of a data directory to start from (tests clone a migrated template this way). */
  loadDataDir?: Blob;
}

export async function openPglite(options: PgliteOptions): Promise<Database & { pglite: PGlite }> {
  const pglite = await PGlite.create({
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    extensions: { pg_trgm, unaccent },
    parsers: {
      [pgliteTypes.INT8]: (v: string) => Number(v),
      [pgliteTypes.DATE]: (v: string) => v,
      [pgliteTypes.NUMERIC]: (v: string) => v,
      [TIMESTAMPTZ]: (v: string) => new Date(v),
    },
  });
  const mutex = new Mutex();
  // Without parameters a text may hold several statements (pg-boss sends its schema that way), which only the
  // simple protocol accepts: the same rule node-postgres follows.
  const run = async <R>(text: string, values: readonly unknown[]) => {
    const res = values.length > 0 ? await pglite.query<R>(text, values as unknown[]) : (await pglite.exec(text)).at(-1);
    return { rows: (res?.rows ?? []) as R[], rowCount: res?.affectedRows ?? res?.rows.length ?? 0 };
  };
  const pool = {
    async connect() {
      const release = await mutex.acquire();
      return {
        async query(text: string, values: readonly unknown[]) {
          const res = await run(text, values);
          return { rows: res.rows, rowCount: res.rowCount, command: commandOf(text) };
        },
        release,
      };
    },
    async end() {},
  };
  // biome-ignore lint/suspicious/noExplicitAny: Kysely's pool type names pg's classes; this object has their shape.
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: pool as any }) });
  const exclusive = async <T>(fn: () => Promise<T>) => {
    const release = await mutex.acquire();
    try {
      return await fn();
    } finally {
      release();
    }
  };
  return {
    engine: 'pglite',
    db,
    pglite,
    executeSql: <R>(text: string, values: readonly unknown[] = []) => exclusive(() => run<R>(text, values)),
    async executeScript(sql: string) {
      await exclusive(() => pglite.exec(sql));
    },
    // Under the mutex: a LISTEN sent while a transaction holds the one connection would be part of it.
    async listen(channel, handlers) {
      const unlisten = await exclusive(() => pglite.listen(channel, handlers.notice));
      handlers.live(true);
      return async () => {
        handlers.live(false);
        await exclusive(() => unlisten());
      };
    },
    async close() {
      await db.destroy();
      await exclusive(() => pglite.close());
    },
  };
}

// Kysely reads `command` to tell inserts and updates apart when it reports affected rows.
function commandOf(text: string): string {
  return (/^\s*(\w+)/.exec(text)?.[1] ?? '').toUpperCase();
}
