// Delivery of outbox events to registered handlers through pg-boss (on PostgreSQL and on PGlite alike).
// The relay moves committed outbox rows into one job per subscribed handler, in one transaction, so a row is
// either still pending or fully handed over. pg-boss then gives each job retries with exponential backoff,
// expiry (a job whose worker died is taken up again) and a dead-letter queue that an operator can replay.
import { CompiledQuery, type Kysely, type Transaction } from 'kysely';
import PgBoss from 'pg-boss';
import type { Database, SqlExecutor } from '../db/connection.ts';
import type { DB } from '../db/schema.ts';
import type { EventPayload } from './outbox.ts';

export const JOB_SCHEMA = 'pgboss';

export interface EventContext {
  topic: string;
  outboxId: number;
  /** 0 on the first attempt. */
  retryCount: number;
}

/** A handler runs at least once per event: it must be idempotent (use `outboxId` as the key). */
export interface EventHandler {
  name: string;
  topics: readonly string[];
  handle(payload: EventPayload, context: EventContext): Promise<void>;
  retryLimit?: number;
  retryDelaySeconds?: number;
  /** A job still active after this long is taken to have lost its worker and is retried. */
  expireInSeconds?: number;
}

interface JobData {
  topic: string;
  outboxId: number;
  payload: EventPayload;
}

export const queueOf = (handler: Pick<EventHandler, 'name'>) => `h_${handler.name}`;
export const deadQueueOf = (handler: Pick<EventHandler, 'name'>) => `h_${handler.name}_dead`;

export interface BusOptions {
  /** How often the relay looks for new outbox rows. */
  relayIntervalMs?: number;
  pollingIntervalSeconds?: number;
  maintenanceIntervalSeconds?: number;
  onError?: (err: unknown) => void;
}

function executorFor(trx: Transaction<DB>): SqlExecutor {
  return {
    async executeSql<R>(text: string, values: readonly unknown[] = []) {
      const res = await trx.executeQuery<R>(CompiledQuery.raw(text, [...values]));
      return { rows: res.rows as R[], rowCount: Number(res.numAffectedRows ?? res.rows.length) };
    },
  };
}

export class EventBus {
  readonly boss: PgBoss;
  #relayTimer: NodeJS.Timeout | undefined;
  #relaying = false;

  constructor(
    private readonly database: Database,
    private readonly handlers: readonly EventHandler[],
    private readonly options: BusOptions = {},
  ) {
    this.boss = new PgBoss({
      db: database,
      schema: JOB_SCHEMA,
      schedule: false,
      supervise: true,
      maintenanceIntervalSeconds: options.maintenanceIntervalSeconds ?? 30,
    });
    this.boss.on('error', (err) => options.onError?.(err));
  }

  /** Installs pg-boss's schema; part of `congso migrate`. */
  static async install(database: Database): Promise<void> {
    const boss = new PgBoss({ db: database, schema: JOB_SCHEMA, schedule: false, supervise: false });
    await boss.start();
    await boss.stop({ graceful: false, wait: true });
  }

  /** Starts the relay and the workers: the job of `congso worker`, or of `npm start` in-process. */
  async start(): Promise<void> {
    await this.boss.start();
    for (const handler of this.handlers) {
      await this.boss.createQueue(deadQueueOf(handler), { name: deadQueueOf(handler), retentionDays: 3650 });
      await this.boss.createQueue(queueOf(handler), {
        name: queueOf(handler),
        retryLimit: handler.retryLimit ?? 12,
        retryDelay: handler.retryDelaySeconds ?? 5,
        retryBackoff: true,
        expireInSeconds: handler.expireInSeconds ?? 300,
        deadLetter: deadQueueOf(handler),
      });
      await this.boss.work<JobData>(
        queueOf(handler),
        { pollingIntervalSeconds: this.options.pollingIntervalSeconds ?? 1 },
        async (jobs) => {
          for (const job of jobs) {
            const { topic, outboxId, payload } = job.data;
            const retryCount = (job as unknown as { retryCount?: number }).retryCount ?? 0;
            await handler.handle(payload, { topic, outboxId, retryCount });
          }
        },
      );
    }
    this.#relayTimer = setInterval(() => void this.relay(), this.options.relayIntervalMs ?? 500);
  }

  async stop(): Promise<void> {
    clearInterval(this.#relayTimer);
    await this.boss.stop({ graceful: true, wait: true, timeout: 10_000 });
  }

  /** Hands pending outbox rows to the handlers' queues; returns how many rows it moved. */
  async relay(batch = 200): Promise<number> {
    if (this.#relaying) return 0;
    this.#relaying = true;
    try {
      return await this.database.db.transaction().execute((trx) => this.#relayBatch(trx, batch));
    } catch (err) {
      this.options.onError?.(err);
      return 0;
    } finally {
      this.#relaying = false;
    }
  }

  async #relayBatch(trx: Transaction<DB>, batch: number): Promise<number> {
    // SKIP LOCKED: several relays (one per node) share the work without waiting on each other.
    const rows = await trx
      .selectFrom('outbox')
      .select(['id', 'topic', 'payload'])
      .where('dispatched_at', 'is', null)
      .orderBy('id')
      .limit(batch)
      .forUpdate()
      .skipLocked()
      .execute();
    if (rows.length === 0) return 0;
    const db = executorFor(trx);
    for (const row of rows) {
      for (const handler of this.handlers.filter((h) => h.topics.includes(row.topic))) {
        const data: JobData = { topic: row.topic, outboxId: row.id, payload: row.payload };
        await this.boss.send(queueOf(handler), data, { db });
      }
    }
    await trx
      .updateTable('outbox')
      .set({ dispatched_at: new Date() })
      .where(
        'id',
        'in',
        rows.map((r) => r.id),
      )
      .execute();
    return rows.length;
  }

  /** Moves every dead letter of a handler back to its queue, for a fresh round of attempts. */
  async replayDeadLetters(handlerName: string): Promise<number> {
    const handler = this.handlers.find((h) => h.name === handlerName);
    if (!handler) throw new Error(`Không có bộ xử lý sự kiện "${handlerName}".`);
    let moved = 0;
    for (;;) {
      const jobs = await this.boss.fetch<JobData>(deadQueueOf(handler), { batchSize: 100 });
      if (jobs.length === 0) return moved;
      for (const job of jobs) {
        await this.boss.send(queueOf(handler), job.data);
        await this.boss.complete(deadQueueOf(handler), job.id);
        moved++;
      }
    }
  }
}

export interface QueueBacklog {
  outboxPending: number;
  jobs: { queue: string; waiting: number }[];
}

/** Figures for /metrics: outbox rows not yet relayed, and jobs waiting per queue. */
export async function queueBacklog(db: Kysely<DB>): Promise<QueueBacklog> {
  const outbox = await db
    .selectFrom('outbox')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('dispatched_at', 'is', null)
    .executeTakeFirstOrThrow();
  const jobs = await db
    .executeQuery<{ queue: string; waiting: number }>(
      CompiledQuery.raw(
        `SELECT name AS queue, count(*)::int AS waiting FROM ${JOB_SCHEMA}.job
         WHERE state IN ('created', 'retry') GROUP BY name ORDER BY name`,
        [],
      ),
    )
    .catch(() => ({ rows: [] as { queue: string; waiting: number }[] }));
  return { outboxPending: Number(outbox.n), jobs: jobs.rows };
}
