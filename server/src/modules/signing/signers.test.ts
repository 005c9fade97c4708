import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openPkcs12, SigningKeyError } from './signers.ts';

// Made by `openssl pkcs12 -export` (PBES2, AES-256-CBC) with a Vietnamese password. Decrypting it with the
// password's UTF-16 form, as node-forge first does, happens to leave valid padding; parsing the result then fails.
const PADDING_BY_CHANCE = readFileSync(
  new URL('../../../test/fixtures/signing/padding-by-chance.p12', import.meta.url),
);

describe('openPkcs12', () => {
  it('opens a file whose wrong-encoding decryption passes the padding check by chance', () => {
    const key = openPkcs12(PADDING_BY_CHANCE, 'mật-khẩu-p12');
    expect(key.privateKey.asymmetricKeyType).toBe('rsa');
    expect(key.chain).toHaveLength(3);
    expect(new X509Certificate(key.chain[0]!).subject).toContain('CN=Trần Thị Chuyên Viên');
  });

  it('still refuses a wrong password', () => {
    for (const wrong of ['mật-khẩu-p13', 'mat-khau-p12', '']) {
      expect(() => openPkcs12(PADDING_BY_CHANCE, wrong)).toThrow(SigningKeyError);
    }
  });
});
