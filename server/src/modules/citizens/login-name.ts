// What an applicant signs up and signs in with: an e-mail address or a Vietnamese mobile number, in one field
// ("Email hoặc số điện thoại"), normalised so that the same address written two ways is one account.
import { readMobilePhone } from './phone.ts';

export type LoginName = { channel: 'email'; address: string } | { channel: 'phone'; address: string };

export const MAX_EMAIL_LENGTH = 254;

// Deliberately loose: the verification code proves the address, a pattern cannot.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** An e-mail address, lower-cased, or why it is refused. */
function readEmail(text: string): string | { problem: string } {
  const address = text.trim().toLowerCase();
  if (address.length > MAX_EMAIL_LENGTH) return { problem: `Email dài quá ${MAX_EMAIL_LENGTH} ký tự.` };
  if (!EMAIL.test(address)) return { problem: 'Email không đúng dạng (ví dụ: ten@example.vn).' };
  return address;
}

/** Anything with an @ is taken for an e-mail address, anything else for a mobile number. */
export function readLoginName(text: string): LoginName | { problem: string } {
  if (text.includes('@')) {
    const email = readEmail(text);
    return typeof email === 'string' ? { channel: 'email', address: email } : email;
  }
  const phone = readMobilePhone(text);
  return typeof phone === 'string' ? { problem: phone } : { channel: 'phone', address: phone.e164 };
}
