// The transactional outbox: a side effect (mail, national portal sync, exchange, webhooks) is written as a row in
// the same transaction as the change that causes it, so it happens if and only if the change commits.
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

export type EventPayload = Record<string, unknown>;

export async function publish(trx: Kysely<DB>, topic: string, payload: EventPayload): Promise<void> {
  await trx
    .insertInto('outbox')
    .values({ topic, payload: JSON.stringify(payload) })
    .execute();
}
