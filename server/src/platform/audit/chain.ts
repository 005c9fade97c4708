// The audit chain's pure rules: how an entry is hashed and how a sequence of entries is checked. Each hash covers
// the previous entry's hash, so changing, removing or reordering any entry breaks every hash after it.
import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

export interface ChainedFields {
  seq: number;
  at: Date;
  actorId: string | null;
  actorLabel: string;
  action: string;
  targetType: string;
  targetId: string | null;
  requestId: string | null;
  summary: Record<string, unknown>;
}

export interface ChainedEntry extends ChainedFields {
  prevHash: string;
  hash: string;
}

/** JSON with object keys sorted at every depth: the same value always gives the same text. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function entryHash(prevHash: string, f: ChainedFields): string {
  // Field by field: an entry read back carries its own hashes too, and they are not part of what is hashed.
  const body = canonicalJson({
    seq: f.seq,
    at: f.at.toISOString(),
    actorId: f.actorId,
    actorLabel: f.actorLabel,
    action: f.action,
    targetType: f.targetType,
    targetId: f.targetId,
    requestId: f.requestId,
    summary: f.summary,
  });
  return createHash('sha256').update(prevHash).update('\n').update(body).digest('hex');
}

export type ChainBreak = { seq: number; reason: 'sequence' | 'link' | 'hash' };

/**
 * Checks entries given in sequence order, continuing from `prev` (the entry before the first one, or the
 * genesis). Returns the first broken entry, or null.
 */
export function findBreak(entries: readonly ChainedEntry[], prev: { seq: number; hash: string }): ChainBreak | null {
  let last = prev;
  for (const entry of entries) {
    if (entry.seq !== last.seq + 1) return { seq: entry.seq, reason: 'sequence' };
    if (entry.prevHash !== last.hash) return { seq: entry.seq, reason: 'link' };
    if (entryHash(entry.prevHash, entry) !== entry.hash) return { seq: entry.seq, reason: 'hash' };
    last = entry;
  }
  return null;
}
