// Procedure codes of the national procedure database (Cơ sở dữ liệu quốc gia về thủ tục hành chính): one digit,
// a dot, six digits, e.g. 1.001193 (Đăng ký khai sinh). The demo catalogue uses the 9.xxxxxx range, which the
// national database does not use, so that nobody mistakes a demo procedure for a real one (DOMAIN.md §3).

const PATTERN = /^\d\.\d{6}$/;

export const PROCEDURE_CODE_RULE =
  'Mã thủ tục phải có dạng d.dddddd (một chữ số, dấu chấm, sáu chữ số), ví dụ 1.001193.';

export const isProcedureCode = (code: string): boolean => PATTERN.test(code);

/** Codes reserved for demonstration data. */
export const isDemoCode = (code: string): boolean => isProcedureCode(code) && code.startsWith('9.');

/** The n-th demo code: 9.000001, 9.000002, … */
export function demoCode(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 999_999) throw new RangeError(`demo code number out of range: ${n}`);
  return `9.${String(n).padStart(6, '0')}`;
}
