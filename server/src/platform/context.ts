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
import { type EventPayload, publish } from './events/outbox.ts';

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
 * Runs `work` in one transaction. Audit entries it records are appended at the end, just before commit, so the
 * audit chain's head is locked only for that moment.
 */
export async function runChange<T>(ctx: AppContext, who: Requester, work: (change: Change) => Promise<T>): Promise<T> {
  return ctx.database.db.transaction().execute(async (trx) => {
    const pending: AuditRecord[] = [];
    const actor = who.actor ? { id: who.actor.staffId, label: who.actor.label } : { id: null, label: 'hệ thống' };
    const result = await work({
      trx,
      audit: (action, targetType, targetId, summary) =>
        pending.push({ actor, action, targetType, targetId, requestId: who.requestId, summary }),
      publish: (topic, payload) => publish(trx, topic, payload),
    });
    for (const record of pending) await appendAudit(trx, ctx.clock, record);
    return result;
  });
}
