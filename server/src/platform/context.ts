// What every module's service receives: the database, settings and clock, and a way to make a change that
// leaves evidence (audit entry) and side effects (outbox) in the same transaction.
import { type Compilable, type OperationNodeSource, sql, type Transaction } from 'kysely';
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import { type AuditRecord, type ChainHead, chainWrites, lockChainHead, lockChainHeadWith } from './audit/audit.ts';
import type { Actor } from './auth/actor.ts';
import type { Clock } from './clock.ts';
import { COMMITS_NEXT, type Database } from './db/connection.ts';
import type { DB } from './db/schema.ts';
import { type EventPayload, type OutboxEvent, outboxWrite } from './events/outbox.ts';

export interface AppContext {
  database: Database;
  config: Config;
  clock: Clock;
  log: Logger;
}

/** Who asks for a change: the signed-in staff member (or null for the public and the system) and the request. */
export interface Requester {
  actor: Actor | null;
  requestId: string | null;
}

/** An INSERT, UPDATE or DELETE whose answer nobody reads. */
export type Write = Compilable & OperationNodeSource;

export interface Change {
  trx: Transaction<DB>;
  audit(action: string, targetType: string, targetId: string | null, summary?: Record<string, unknown>): void;
  publish(topic: string, payload: EventPayload): Promise<void>;
  /**
   * A write sent in the change's last statement, with its outbox events and audit entries: one round trip for all,
   * which counts while a row stays locked until commit. Each write must touch rows no other write of the change
   * touches (the parts of one statement all see the rows as they were before it).
   */
  writeLast(write: Write): void;
  /**
   * Runs `query` (with RETURNING) and locks the audit chain's head in the same statement, for a change that takes a
   * lock held until commit anyway (a receipt's code counter): its audit then needs no statement of its own for the
   * head. Locks are always taken in this order, counter then head, so two changes never wait on each other.
   */
  withAuditHeadLocked<R>(query: Compilable<R> & OperationNodeSource): Promise<R>;
  /** Runs in this process once the change is committed (never if it rolls back): forgetting what it made stale. */
  afterCommit(effect: () => void): void;
}

/**
 * Runs `work` in one transaction, ending with one statement that carries the writes it left for last, its outbox
 * events and its audit entries, after the audit chain's head is locked (unless `work` locked it already), with the
 * COMMIT sent behind it in the same round trip (COMMITS_NEXT). The head, on which every change in the system
 * queues, is then held for that statement and the commit only, and a change costs few round trips to the database.
 */
export async function runChange<T>(ctx: AppContext, who: Requester, work: (change: Change) => Promise<T>): Promise<T> {
  const committed: (() => void)[] = [];
  const result = await ctx.database.db.transaction().execute(async (trx) => {
    const pending: AuditRecord[] = [];
    const events: OutboxEvent[] = [];
    const writes: Write[] = [];
    let head: ChainHead | undefined;
    const actor = who.actor ? { id: who.actor.staffId, label: who.actor.label } : { id: null, label: 'hệ thống' };
    const result = await work({
      trx,
      audit: (action, targetType, targetId, summary) =>
        pending.push({ actor, action, targetType, targetId, requestId: who.requestId, summary }),
      publish: async (topic, payload) => {
        events.push({ topic, payload });
      },
      writeLast: (write) => writes.push(write),
      withAuditHeadLocked: async (query) => {
        const locked = await lockChainHeadWith(trx, query);
        head = locked.head;
        return locked.row;
      },
      afterCommit: (effect) => committed.push(effect),
    });
    if (events.length) writes.push(outboxWrite(trx, events));
    if (pending.length) writes.push(...chainWrites(trx, ctx.clock, head ?? (await lockChainHead(trx)), pending));
    await writeTogether(trx, writes);
    return result;
  });
  for (const effect of committed) effect();
  return result;
}

/** The writes in one statement: each a data-modifying WITH part of a statement that answers nothing. */
async function writeTogether(trx: Transaction<DB>, writes: readonly Write[]): Promise<void> {
  if (writes.length === 0) return;
  if (writes.length === 1) {
    const compiled = writes[0]!.compile();
    await trx.executeQuery({ ...compiled, sql: COMMITS_NEXT + compiled.sql });
    return;
  }
  const parts = writes.map((write, i) => sql`${sql.id(`w${i}`)} AS (${write})`);
  await sql`${sql.raw(COMMITS_NEXT)}WITH ${sql.join(parts)} SELECT 1`.execute(trx);
}
