// What every module's service receives: the database, settings and clock, and a way to make a change that
// leaves evidence (audit entry) and side effects (outbox) in the same transaction.
import type { Transaction } from 'kysely';
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import { type AuditRecord, appendAudit } from './audit/audit.ts';
import type { Actor } from './auth/actor.ts';
import type { Clock } from './clock.ts';
import type { Database } from './db/connection.ts';
import type { DB } from './db/schema.ts';
import { type EventPayload, type OutboxEvent, publishAll } from './events/outbox.ts';

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

export interface Change {
  trx: Transaction<DB>;
  audit(action: string, targetType: string, targetId: string | null, summary?: Record<string, unknown>): void;
  publish(topic: string, payload: EventPayload): Promise<void>;
}

/**
 * Runs `work` in one transaction. Events it publishes are written at the end in one statement, and the audit
 * entries it records after them, just before commit, so that the audit chain's head is locked only for that moment
 * (every change in the system queues on it) and a change costs few round trips to the database.
 */
export async function runChange<T>(ctx: AppContext, who: Requester, work: (change: Change) => Promise<T>): Promise<T> {
  return ctx.database.db.transaction().execute(async (trx) => {
    const pending: AuditRecord[] = [];
    const events: OutboxEvent[] = [];
    const actor = who.actor ? { id: who.actor.staffId, label: who.actor.label } : { id: null, label: 'hệ thống' };
    const result = await work({
      trx,
      audit: (action, targetType, targetId, summary) =>
        pending.push({ actor, action, targetType, targetId, requestId: who.requestId, summary }),
      publish: async (topic, payload) => {
        events.push({ topic, payload });
      },
    });
    await publishAll(trx, events);
    await appendAudit(trx, ctx.clock, pending);
    return result;
  });
}
