// Passwords of PKCS#12 files at rest: AES-256-GCM under SIGNING_MASTER_KEY, so that a copy of the database alone
// opens no key. Layout: 12-byte nonce ‖ 16-byte tag ‖ ciphertext; the key's id is bound in as associated data, so
// a sealed password moved to another key row does not open.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Secret } from '../../config.ts';

export function seal(masterKey: Secret, keyId: string, plaintext: string): Buffer {
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', masterKey.reveal(), nonce).setAAD(Buffer.from(keyId));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return Buffer.concat([nonce, cipher.getAuthTag(), body]);
}

/** Throws when the master key is not the one that sealed it or the bytes were altered. */
export function unseal(masterKey: Secret, keyId: string, sealed: Uint8Array): string {
  const bytes = Buffer.from(sealed);
  const decipher = createDecipheriv('aes-256-gcm', masterKey.reveal(), bytes.subarray(0, 12))
    .setAAD(Buffer.from(keyId))
    .setAuthTag(bytes.subarray(12, 28));
  return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8');
}
