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
  await outboxWrite(trx, [{ topic, payload }]).execute();
}

/** Several events in one write, in order (the outbox id follows the order of the rows); there must be one at least. */
export function outboxWrite(trx: Kysely<DB>, events: readonly OutboxEvent[]) {
  return trx.insertInto('outbox').values(events.map((e) => ({ topic: e.topic, payload: JSON.stringify(e.payload) })));
}
