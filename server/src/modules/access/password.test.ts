import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { passwordProblem, temporaryPassword } from './password.ts';

describe('temporary passwords', () => {
  it('always meet the password policy, whatever the username', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z0-9._-]{3,50}$/), (username) => {
        const password = temporaryPassword(username);
        expect(password).toMatch(/^[a-hjkmnp-z2-9]{4}(-[a-hjkmnp-z2-9]{4}){3}$/);
        expect(passwordProblem(password, username)).toBeNull();
      }),
    );
  });

  it('are not the same twice', () => {
    const seen = new Set(Array.from({ length: 200 }, () => temporaryPassword('chuyenvien.stp')));
    expect(seen.size).toBe(200);
  });
});
