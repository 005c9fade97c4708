// The public tracking secret (mã tra cứu): 9 symbols of Crockford's base 32 (45 bits, crypto.randomInt), shown as
// K7Q-4MZ-9TD once to the receiving officer and printed on Form 01. Only its hash is stored; comparison is in
// constant time.
import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import { changedHere } from '../../platform/db/notice-cache.ts';

/** The channel of migration 0016's trigger: its notice names the code of a dossier whose public answer changed. */
export const DOSSIER_CHANGED = 'dossier_changed';

/** A dossier with this code changed in this process: its answer is forgotten here at once (after commit). */
export function dossierChangedHere(code: string | null): void {
  if (code !== null) changedHere(DOSSIER_CHANGED, code);
}

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const LENGTH = 9;

export function newTrackingSecret(): string {
  let s = '';
  for (let i = 0; i < LENGTH; i++) s += ALPHABET[randomInt(ALPHABET.length)];
  return `${s.slice(0, 3)}-${s.slice(3, 6)}-${s.slice(6)}`;
}

/** As typed by a person: case, spaces and dashes do not matter, O reads as 0 and I or L as 1. */
export function normalizeSecret(input: string): string | null {
  const s = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  return s.length === LENGTH && [...s].every((c) => ALPHABET.includes(c)) ? s : null;
}

/** Bound to the dossier's code, so that one hash says nothing about another dossier. */
export function hashSecret(code: string, secret: string): string {
  const normalized = normalizeSecret(secret) ?? '';
  return createHash('sha256').update(`${code}\n${normalized}`).digest('hex');
}

export function secretMatches(code: string, secret: string, storedHash: string | null): boolean {
  const given = Buffer.from(hashSecret(code, secret), 'hex');
  // An unknown code is compared with a dummy hash, so it takes as long as a wrong secret.
  const stored = Buffer.from(storedHash ?? '0'.repeat(64), 'hex');
  return timingSafeEqual(given, stored) && storedHash !== null && normalizeSecret(secret) !== null;
}
