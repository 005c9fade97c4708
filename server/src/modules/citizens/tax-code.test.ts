// Tax codes, DOMAIN.md §2: 10 digits with N10 = 10 − (Σ Nᵢ·Wᵢ mod 11), W = 31, 29, 23, 19, 17, 13, 7, 5, 3
// (`0100109106` is valid); 13 characters `NNNNNNNNNN-NNN` for branches; individuals' 12-digit personal number from
// 01/07/2025.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkDigit, readTaxCode } from './tax-code.ts';

const TODAY = '2026-03-15';
const nineDigits = fc.stringMatching(/^\d{9}$/);
const weightedSum = (first9: string) =>
  [31, 29, 23, 19, 17, 13, 7, 5, 3].reduce((s, w, i) => s + w * Number(first9[i]), 0);

describe('check digit', () => {
  it('gives 6 for 010010910, as in DOMAIN.md §2 (0100109106)', () => {
    expect(checkDigit('010010910')).toBe(6);
    expect(readTaxCode('0100109106', TODAY)).toEqual({ kind: 'organisation', code: '0100109106' });
  });

  it('has no digit when the weighted sum is a multiple of 11: the prefix is unassignable', () => {
    expect(weightedSum('000000000') % 11).toBe(0);
    expect(checkDigit('000000000')).toBeNull();
    for (let d = 0; d <= 9; d++) {
      expect(readTaxCode(`000000000${d}`, TODAY)).toBe(
        `Mã số thuế 000000000${d} không hợp lệ: chín chữ số đầu không thể có chữ số kiểm tra.`,
      );
    }
  });

  it('accepts exactly one tenth digit for every assignable prefix (property)', () => {
    fc.assert(
      fc.property(nineDigits, (prefix) => {
        const accepted = [...'0123456789'].filter((d) => typeof readTaxCode(prefix + d, TODAY) !== 'string');
        const expected = checkDigit(prefix);
        expect(accepted).toEqual(expected === null ? [] : [String(expected)]);
        if (expected !== null) expect(expected).toBe(10 - (weightedSum(prefix) % 11));
      }),
    );
  });

  it('names the tenth digit when it is wrong', () => {
    expect(readTaxCode('0100109107', TODAY)).toBe('Mã số thuế 0100109107 sai chữ số kiểm tra (chữ số thứ 10).');
  });
});

describe('branch codes', () => {
  it('reads NNNNNNNNNN-NNN, with or without the dash', () => {
    const branch = { kind: 'branch', code: '0100109106-001', parent: '0100109106', branch: '001' };
    expect(readTaxCode('0100109106-001', TODAY)).toEqual(branch);
    expect(readTaxCode('0100109106001', TODAY)).toEqual(branch);
  });

  it('checks the parent code and refuses branch number 000', () => {
    expect(readTaxCode('0100109107-001', TODAY)).toMatch(/sai chữ số kiểm tra/);
    expect(readTaxCode('0100109106-000', TODAY)).toBe(
      'Mã số thuế đơn vị phụ thuộc không có số thứ tự 000 (ba chữ số cuối).',
    );
  });
});

describe('personal numbers as tax codes', () => {
  it('accepts a 12-digit personal number from 01/07/2025', () => {
    expect(readTaxCode('095205012345', '2025-07-01')).toMatchObject({
      kind: 'personal',
      code: '095205012345',
      person: { province: { code: '095' }, birthYear: 2005 },
    });
    expect(readTaxCode('095205012345', '2025-06-30')).toBe('Mã số thuế 12 chữ số chỉ dùng từ ngày 01/07/2025.');
  });

  it('checks it as a personal number, naming the tax code field', () => {
    expect(readTaxCode('003205012345', TODAY)).toMatch(/^Mã số thuế \(số định danh cá nhân\) bắt đầu bằng 003/);
  });
});

describe('other shapes', () => {
  it.each(['', '010010910', '01001091061', '0100109106-01', '0100109106/001', 'MST0100109106'])(
    'refuses %o',
    (text) => {
      expect(readTaxCode(text, TODAY)).toBe(
        'Mã số thuế phải gồm 10 chữ số, 13 ký tự dạng NNNNNNNNNN-NNN (đơn vị phụ thuộc) hoặc 12 chữ số (cá nhân).',
      );
    },
  );

  it('never throws on any text (property)', () => {
    fc.assert(fc.property(fc.string(), (text) => void readTaxCode(text, TODAY)));
  });
});
