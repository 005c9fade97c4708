// Writing and verifying the audit log. An entry is appended inside the transaction of the change it records, in its
// last statement, after the chain's head row was locked: the lock is held until commit, so concurrent writers queue
// for a short moment instead of forking the chain.
import { type Compilable, type Kysely, type OperationNodeSource, type Selectable, sql } from 'kysely';
import type { Clock } from '../clock.ts';
import type { AuditEntryTable, DB } from '../db/schema.ts';
import { type ChainBreak, type ChainedEntry, entryHash, findBreak, GENESIS_HASH } from './chain.ts';

export interface AuditActor {
  id: string | null;
  label: string;
}

export interface AuditRecord {
  actor: AuditActor;
  action: string;
  targetType: string;
  targetId: string | null;
  requestId: string | null;
  summary?: Record<string, unknown>;
}

/** The end of the chain: the last entry's number and hash. */
export interface ChainHead {
  seq: number;
  hash: string;
}

/** Reads and locks the chain's head; it stays locked until commit, and every audited change queues on it. */
export function lockChainHead(trx: Kysely<DB>): Promise<ChainHead> {
  return trx
    .selectFrom('audit_chain_head')
    .select(['seq', 'hash'])
    .where('id', '=', 1)
    .forUpdate()
    .executeTakeFirstOrThrow();
}

/** Runs `query` (with RETURNING) and locks the chain's head in the same statement: one round trip for both. */
export async function lockChainHeadWith<R>(
  trx: Kysely<DB>,
  query: Compilable<R> & OperationNodeSource,
): Promise<{ row: R; head: ChainHead }> {
  const { rows } = await sql<R & { audit_seq: number; audit_hash: string }>`WITH q AS (${query})
    SELECT q.*, h.seq AS audit_seq, h.hash AS audit_hash FROM q, audit_chain_head h WHERE h.id = 1 FOR UPDATE OF h`.execute(
    trx,
  );
  const { audit_seq, audit_hash, ...row } = rows[0]!;
  return { row: row as R, head: { seq: audit_seq, hash: audit_hash } };
}

/**
 * The writes that append `records` in order after `head` (locked by the caller): the entries, then the new head. The
 * caller sends them with its other last writes in one statement (platform/context.ts).
 */
export function chainWrites(trx: Kysely<DB>, clock: Clock, head: ChainHead, records: readonly AuditRecord[]) {
  // Millisecond precision: the stored value must read back exactly as it was hashed.
  const at = new Date(clock.now().getTime());
  let prev = { seq: head.seq, hash: head.hash };
  const rows = records.map((record) => {
    const fields = {
      seq: prev.seq + 1,
      at,
      actorId: record.actor.id,
      actorLabel: record.actor.label,
      action: record.action,
      targetType: record.targetType,
      targetId: record.targetId,
      requestId: record.requestId,
      summary: record.summary ?? {},
    };
    const hash = entryHash(prev.hash, fields);
    const row = {
      seq: fields.seq,
      at,
      actor_id: fields.actorId,
      actor_label: fields.actorLabel,
      action: fields.action,
      target_type: fields.targetType,
      target_id: fields.targetId,
      request_id: fields.requestId,
      summary: JSON.stringify(fields.summary),
      prev_hash: prev.hash,
      hash,
    };
    prev = { seq: fields.seq, hash };
    return row;
  });
  return [
    trx.insertInto('audit_entry').values(rows),
    trx.updateTable('audit_chain_head').set({ seq: prev.seq, hash: prev.hash }).where('id', '=', 1),
  ] as const;
}

export interface VerifyReport {
  checked: number;
  firstBreak: ChainBreak | null;
}

const PAGE = 2000;

type AuditRow = Selectable<AuditEntryTable>;

/** A stored row in the chain's own terms. */
export const chainedEntryOf = (r: AuditRow): ChainedEntry => ({
  seq: r.seq,
  at: r.at,
  actorId: r.actor_id,
  actorLabel: r.actor_label,
  action: r.action,
  targetType: r.target_type,
  targetId: r.target_id,
  requestId: r.request_id,
  summary: r.summary,
  prevHash: r.prev_hash,
  hash: r.hash,
});

/** Walks the whole chain page by page and names the first broken entry; the head row must match the end. */
export async function verifyAuditChain(db: Kysely<DB>, onProgress?: (checked: number) => void): Promise<VerifyReport> {
  let prev = { seq: 0, hash: GENESIS_HASH };
  let checked = 0;
  for (;;) {
    const rows = await db
      .selectFrom('audit_entry')
      .selectAll()
      .where('seq', '>', prev.seq)
      .orderBy('seq')
      .limit(PAGE)
      .execute();
    const entries = rows.map(chainedEntryOf);
    const firstBreak = findBreak(entries, prev);
    if (firstBreak) return { checked: checked + entries.findIndex((e) => e.seq === firstBreak.seq), firstBreak };
    checked += entries.length;
    onProgress?.(checked);
    const last = entries.at(-1);
    if (!last) break;
    prev = { seq: last.seq, hash: last.hash };
  }
  const head = await sql<{ seq: number; hash: string }>`SELECT seq, hash FROM audit_chain_head WHERE id = 1`.execute(
    db,
  );
  const h = head.rows[0];
  // Entries deleted from the end would leave a valid but shorter chain: the head still remembers the end.
  if (!h || h.seq !== prev.seq || h.hash !== prev.hash) {
    return { checked, firstBreak: { seq: prev.seq + 1, reason: 'sequence' } };
  }
  return { checked, firstBreak: null };
}
