// Password hashing (argon2id) and the password policy. Length matters more than character classes (NIST SP
// 800-63B), so the policy asks for length and refuses the obvious.
import { randomInt } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 200;
export const DEMO_PASSWORD = 'congso-demo';

const COMMON = new Set([
  DEMO_PASSWORD,
  '1234567890',
  '12345678910',
  '0123456789',
  'matkhau123',
  'password123',
  'qwertyuiop',
]);

/** Returns why a new password is refused, in Vietnamese, or null when it is acceptable. */
export function passwordProblem(password: string, username: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `Mật khẩu phải có ít nhất ${MIN_PASSWORD_LENGTH} ký tự.`;
  if (password.length > MAX_PASSWORD_LENGTH) return `Mật khẩu chỉ được có tối đa ${MAX_PASSWORD_LENGTH} ký tự.`;
  if (password.toLowerCase().includes(username.toLowerCase())) return 'Mật khẩu không được chứa tên đăng nhập.';
  if (COMMON.has(password.toLowerCase())) return 'Mật khẩu này quá phổ biến, hãy chọn mật khẩu khác.';
  return null;
}

// Without the look-alikes (0/o, 1/l/i) so that it can be read out or copied by hand without a mistake.
const TEMPORARY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/**
 * A one-time password an administrator hands over (new account, reset): four groups of four characters, about
 * 79 random bits, so it meets the policy like any other and cannot be guessed while it lives.
 */
export function temporaryPassword(username: string): string {
  for (;;) {
    const groups = Array.from({ length: 4 }, () =>
      Array.from({ length: 4 }, () => TEMPORARY_ALPHABET[randomInt(TEMPORARY_ALPHABET.length)]).join(''),
    );
    const password = groups.join('-');
    if (!passwordProblem(password, username)) return password;
  }
}

export const hashPassword = (password: string) => hash(password);
export const verifyPassword = (passwordHash: string, password: string) =>
  verify(passwordHash, password).catch(() => false);

// Verified when the username does not exist, so that a wrong username takes as long as a wrong password.
let decoy: Promise<string> | undefined;
export async function verifyDecoy(password: string): Promise<void> {
  decoy ??= hash('congso-decoy-password');
  await verifyPassword(await decoy, password);
}
