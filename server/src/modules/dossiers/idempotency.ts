// Idempotency keys: a client that retries an action (a lost answer, a double click) sends the same
// `Idempotency-Key` and gets the first answer back, with nothing done twice. The key is claimed first thing in the
// action's transaction, so a concurrent retry waits on the claim and then reads the stored answer; an action that
// fails rolls its claim back with everything else, and may be tried again with the same key.

import { createHash } from 'node:crypto';
import { type Compilable, type Kysely, type OperationNodeSource, sql } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';
import { Problem } from '../../platform/http/problem.ts';

export interface StoredResponse {
  status: number;
  body: unknown;
}

/** A stable hash of what was asked: keys in a fixed order, so equal requests hash equally. */
export function requestHash(request: unknown): string {
  const canonical = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(canonical);
    if (value && typeof value === 'object') {
      return Object.fromEntries(
        Object.keys(value)
          .sort()
          .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
      );
    }
    return value;
  };
  return createHash('sha256')
    .update(JSON.stringify(canonical(request)))
    .digest('hex');
}

const reused = () =>
  new Problem(
    422,
    'idempotency-key-reused',
    'Khóa Idempotency-Key này đã được dùng cho một yêu cầu khác.',
    'Mỗi thao tác mới cần một khóa mới; chỉ gửi lại cùng khóa khi lặp lại đúng yêu cầu cũ.',
    [{ field: 'Idempotency-Key', message: 'Khóa đã được dùng cho một yêu cầu khác.' }],
  );

const claimInsert = (trx: Kysely<DB>, actor: string, key: string, hash: string) =>
  trx
    .insertInto('idempotency_key')
    .values({ actor, key, request_hash: hash, status: 0, response: 'null' })
    .onConflict((oc) => oc.columns(['actor', 'key']).doNothing())
    .returning('key');

/** Claims the key for this request, or returns the answer already given to it (422 if it was another request). */
export async function claim(trx: Kysely<DB>, actor: string, key: string, hash: string): Promise<StoredResponse | null> {
  const inserted = await claimInsert(trx, actor, key, hash).executeTakeFirst();
  return inserted ? null : storedAnswer(trx, actor, key, hash);
}

/**
 * `claim` and the action's first query (the dossier's lock) in one statement: a round trip fewer for every action.
 * The claim still waits for a concurrent request with the same key to end. Returns the query's row, if any.
 */
export async function claimWith<R>(
  trx: Kysely<DB>,
  actor: string,
  key: string,
  hash: string,
  query: Compilable<R> & OperationNodeSource,
): Promise<{ stored: StoredResponse | null; row: R | undefined }> {
  const { rows } = await sql<R & { idempotency_claimed: boolean; idempotency_found: boolean }>`
    WITH claim AS (${claimInsert(trx, actor, key, hash)}), q AS (${query})
    SELECT q.*, EXISTS (SELECT 1 FROM claim) AS idempotency_claimed, NOT (q IS NULL) AS idempotency_found
    FROM (SELECT 1) AS one LEFT JOIN q ON true`.execute(trx);
  const { idempotency_claimed, idempotency_found, ...row } = rows[0]!;
  const stored = idempotency_claimed ? null : await storedAnswer(trx, actor, key, hash);
  return { stored, row: idempotency_found ? (row as R) : undefined };
}

async function storedAnswer(trx: Kysely<DB>, actor: string, key: string, hash: string): Promise<StoredResponse> {
  const stored = await trx
    .selectFrom('idempotency_key')
    .select(['request_hash', 'status', 'response'])
    .where('actor', '=', actor)
    .where('key', '=', key)
    .executeTakeFirstOrThrow();
  if (stored.request_hash !== hash) throw reused();
  return { status: stored.status, body: stored.response };
}

/** The write that keeps the answer under the claimed key (sent with the change's last statement). */
export function rememberWrite(trx: Kysely<DB>, actor: string, key: string, response: StoredResponse) {
  return trx
    .updateTable('idempotency_key')
    .set({ status: response.status, response: JSON.stringify(response.body) })
    .where('actor', '=', actor)
    .where('key', '=', key);
}
