import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { redactUrl } from './log-redaction.ts';

describe('redactUrl', () => {
  it('hides the tracking secret and OIDC code and state, keeps everything else', () => {
    expect(redactUrl('/api/v1/public/dossiers/000.02.11.H05-250124-0001?secret=K7Q-4MZ-9TD')).toBe(
      '/api/v1/public/dossiers/000.02.11.H05-250124-0001?secret=[ẩn]',
    );
    expect(redactUrl('/api/v1/applicant/oidc/callback?code=abc&state=xyz&iss=https%3A%2F%2Fid')).toBe(
      '/api/v1/applicant/oidc/callback?code=[ẩn]&state=[ẩn]&iss=https%3A%2F%2Fid',
    );
    expect(redactUrl('/api/v1/dossiers/1/forms/01.pdf?Secret=a&x=1')).toBe(
      '/api/v1/dossiers/1/forms/01.pdf?Secret=[ẩn]&x=1',
    );
    expect(redactUrl('/api/v1/procedures?q=khai+sinh&limit=20')).toBe('/api/v1/procedures?q=khai+sinh&limit=20');
    expect(redactUrl('/api/v1/me')).toBe('/api/v1/me');
    expect(redactUrl('/x?%73ecret=a')).toBe('/x?%73ecret=[ẩn]');
  });

  it('never lets a secret value through, whatever else the query holds', () => {
    const value = fc.stringMatching(/^[A-Z0-9-]{9,11}$/);
    const other = fc.tuple(fc.stringMatching(/^[a-z]{1,8}$/), fc.stringMatching(/^[a-z0-9]{0,8}$/));
    fc.assert(
      fc.property(value, fc.array(other, { maxLength: 4 }), fc.nat(4), (secret, others, at) => {
        const pairs = others
          .filter(([k]) => !['secret', 'code', 'state', 'token', 'password'].includes(k))
          .map(([k, v]) => `${k}=${v}`);
        pairs.splice(Math.min(at, pairs.length), 0, `secret=${secret}`);
        const redacted = redactUrl(`/api/v1/public/dossiers/X?${pairs.join('&')}`);
        expect(redacted).not.toContain(secret);
        expect(redacted.split('&').length).toBe(pairs.length);
      }),
    );
  });
});
