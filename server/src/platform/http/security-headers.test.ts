import { describe, expect, it } from 'vitest';
import { securityHeaders } from './security-headers.ts';

describe('security headers', () => {
  it('are the ones helmet sets, with our content security policy, worked out once', () => {
    const headers = new Map(
      securityHeaders({ contentSecurityPolicy: { directives: { 'script-src': ["'self'"] } } }).map(([n, v]) => [
        n.toLowerCase(),
        v,
      ]),
    );
    expect(headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(headers.get('content-security-policy')).toContain("object-src 'none'");
    expect(headers.get('x-content-type-options')).toBe('nosniff');
    expect(headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(headers.get('strict-transport-security')).toMatch(/^max-age=\d+/);
    expect(headers.get('referrer-policy')).toBe('no-referrer');
    expect(headers.has('x-powered-by')).toBe(false);
  });
});
