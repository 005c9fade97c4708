// The transactional outbox: a side effect (mail, national portal sync, exchange, webhooks) is written as a row in
// the same transaction as the change that causes it, so it happens if and only if the change commits.
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

export type EventPayload = Record<string, unknown>;

export interface OutboxEvent {
  topic: string;
  payload: EventPayload;
}

export async function publish(trx: Kysely<DB>, topic: string, payload: EventPayload): Promise<void> {
  await publishAll(trx, [{ topic, payload }]);
}

/** Several events in one statement, in order (the outbox id follows the order of the rows). */
export async function publishAll(trx: Kysely<DB>, events: readonly OutboxEvent[]): Promise<void> {
  if (!events.length) return;
  await trx
    .insertInto('outbox')
    .values(events.map((e) => ({ topic: e.topic, payload: JSON.stringify(e.payload) })))
    .execute();
}
