// Tax codes (mã số thuế, DOMAIN.md §2; structure in Circular 105/2020/TT-BTC Art. 5): 10 digits for an
// organisation or (until 30/06/2025) an individual, with a check digit; 13 characters `NNNNNNNNNN-NNN` for a
// dependent unit (branch) of the 10-digit code; and, from 01/07/2025, an individual's or household business's
// 12-digit personal identity number (Circular 86/2024/TT-BTC).
//
// Check digit: N10 = 10 − (Σ Nᵢ·Wᵢ mod 11) with W = 31, 29, 23, 19, 17, 13, 7, 5, 3. The remainder runs 0…10, so
// N10 runs 10…0: only a remainder of 0 gives a value that is not a digit (10; no remainder can give 11). Such a
// prefix cannot carry a check digit, so no code is ever issued with it and every code starting with it is refused.
import { type PersonalNumber, readPersonalNumber } from './identity-number.ts';

export type TaxCode =
  | { kind: 'organisation'; code: string }
  | { kind: 'branch'; code: string; parent: string; branch: string }
  | { kind: 'personal'; code: string; person: PersonalNumber };

const TAX_CODE_LABEL = 'Mã số thuế';
const PERSONAL_TAX_CODE_FROM = '2025-07-01';
const WEIGHTS = [31, 29, 23, 19, 17, 13, 7, 5, 3] as const;

/** The check digit for nine digits, or null when the prefix is unassignable (the formula gives 10). */
export function checkDigit(first9: string): number | null {
  const sum = WEIGHTS.reduce((total, weight, i) => total + weight * Number(first9[i]), 0);
  const digit = 10 - (sum % 11);
  return digit === 10 ? null : digit;
}

function readTenDigits(code: string): string | null {
  const expected = checkDigit(code.slice(0, 9));
  if (expected === null) return `${TAX_CODE_LABEL} ${code} không hợp lệ: chín chữ số đầu không thể có chữ số kiểm tra.`;
  if (expected !== Number(code[9])) return `${TAX_CODE_LABEL} ${code} sai chữ số kiểm tra (chữ số thứ 10).`;
  return null;
}

/** Reads a tax code in any of its three forms, or returns why it is refused. `today` is `YYYY-MM-DD` in Vietnam. */
export function readTaxCode(text: string, today: string): TaxCode | string {
  const compact = text.replace(/\s+/g, '');
  const branch = /^(\d{10})-?(\d{3})$/.exec(compact);
  if (/^\d{10}$/.test(compact)) return readTenDigits(compact) ?? { kind: 'organisation', code: compact };
  if (branch) {
    const [, parent = '', suffix = ''] = branch;
    if (suffix === '000') return `${TAX_CODE_LABEL} đơn vị phụ thuộc không có số thứ tự 000 (ba chữ số cuối).`;
    const code = `${parent}-${suffix}`;
    return readTenDigits(parent) ?? { kind: 'branch', code, parent, branch: suffix };
  }
  if (/^\d{12}$/.test(compact)) {
    if (today < PERSONAL_TAX_CODE_FROM) return `${TAX_CODE_LABEL} 12 chữ số chỉ dùng từ ngày 01/07/2025.`;
    const person = readPersonalNumber(compact, today, `${TAX_CODE_LABEL} (số định danh cá nhân)`);
    return typeof person === 'string' ? person : { kind: 'personal', code: compact, person };
  }
  return `${TAX_CODE_LABEL} phải gồm 10 chữ số, 13 ký tự dạng NNNNNNNNNN-NNN (đơn vị phụ thuộc) hoặc 12 chữ số (cá nhân).`;
}
