import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Secret } from '../../config.ts';
import { seal, unseal } from './sealed.ts';

describe('PKCS#12 passwords sealed with the master key', () => {
  const master = new Secret(randomBytes(32));
  it('open with the same master key and key id only', () => {
    const sealed = seal(master, 'key-1', 'mật khẩu bí mật');
    expect(sealed.toString('latin1')).not.toContain('bí mật');
    expect(unseal(master, 'key-1', sealed)).toBe('mật khẩu bí mật');
    expect(() => unseal(master, 'key-2', sealed)).toThrow();
    expect(() => unseal(new Secret(randomBytes(32)), 'key-1', sealed)).toThrow();
  });
  it('never print the master key', () => {
    expect(JSON.stringify({ master })).toBe('{"master":"[ẩn]"}');
    expect(`${master}`).toBe('[ẩn]');
  });
});
