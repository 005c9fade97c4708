// The personal identity number, DOMAIN.md §2: `PPP G YY RRRRRR`, province of birth registration from the Ministry
// of Public Security's list (Circular 07/2016/TT-BCA, Annex I), century and sex in G, no check digit; old identity
// cards have 9 digits.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { centuryAndSex, type PersonalNumber, readIdentityNumber, readPersonalNumber } from './identity-number.ts';
import { PROVINCE_CODES } from './provinces.ts';

const TODAY = '2026-03-15';

const personal = (text: string, today = TODAY): PersonalNumber => {
  const read = readPersonalNumber(text, today);
  if (typeof read === 'string') throw new Error(read);
  return read;
};

describe('province codes (Circular 07/2016/TT-BCA, Annex I)', () => {
  it('holds the 63 provinces, with the codes DOMAIN.md names', () => {
    expect(PROVINCE_CODES.size).toBe(63);
    expect(PROVINCE_CODES.get('001')).toBe('Hà Nội');
    expect(PROVINCE_CODES.get('079')).toBe('Thành phố Hồ Chí Minh');
    expect(PROVINCE_CODES.get('095')).toBe('Bạc Liêu');
    expect(PROVINCE_CODES.get('096')).toBe('Cà Mau');
  });

  it('uses only three-digit codes from 001 to 096', () => {
    for (const code of PROVINCE_CODES.keys()) expect(Number(code)).toBeGreaterThanOrEqual(1);
    expect([...PROVINCE_CODES.keys()].every((c) => /^0\d\d$/.test(c) && Number(c) <= 96)).toBe(true);
  });
});

describe('century and sex digit G', () => {
  it.each([
    [0, 1900, 'male'],
    [1, 1900, 'female'],
    [2, 2000, 'male'],
    [3, 2000, 'female'],
    [4, 2100, 'male'],
    [5, 2100, 'female'],
    [6, 2200, 'male'],
    [7, 2200, 'female'],
    [8, 2300, 'male'],
    [9, 2300, 'female'],
  ] as const)('G = %i: born from %i, %s', (g, centuryStart, sex) => {
    expect(centuryAndSex(g)).toEqual({ centuryStart, sex });
  });
});

describe('reading a personal identity number', () => {
  it('reads province, sex and birth year', () => {
    expect(personal('095205012345')).toEqual({
      kind: 'personal',
      number: '095205012345',
      province: { code: '095', name: 'Bạc Liêu' },
      sex: 'male',
      birthYear: 2005,
    });
    expect(personal('001187654321')).toMatchObject({ province: { name: 'Hà Nội' }, sex: 'female', birthYear: 1987 });
    expect(personal('079300000001')).toMatchObject({ sex: 'female', birthYear: 2000 });
  });

  it('forgives the spaces of a number copied from the card', () => {
    expect(personal('096 2 05 012345').number).toBe('096205012345');
  });

  it('takes a birth in the current year and refuses one after it', () => {
    expect(personal('096226000000').birthYear).toBe(2026);
    expect(readPersonalNumber('096227000000', TODAY)).toBe(
      'Số định danh cá nhân cho năm sinh 2027, sau năm hiện tại 2026: hãy kiểm tra chữ số thứ 4 đến thứ 6.',
    );
    // G from 4 on means the 22nd century or later: impossible today.
    expect(readPersonalNumber('096400000000', TODAY)).toMatch(/năm sinh 2100/);
  });

  it.each(['000', '003', '005', '050', '097', '100', '999'])('refuses province code %s', (code) => {
    expect(readPersonalNumber(`${code}205012345`, TODAY)).toBe(
      `Số định danh cá nhân bắt đầu bằng ${code}, không phải mã tỉnh nơi đăng ký khai sinh trong danh mục của Bộ Công an.`,
    );
  });

  it.each(['', '09520501234', '0952050123456', '09520501234a', '095-205-012345'])('refuses %o', (text) => {
    expect(readPersonalNumber(text, TODAY)).toBe('Số định danh cá nhân phải gồm đúng 12 chữ số.');
  });

  it('names another field when asked', () => {
    expect(readPersonalNumber('003205012345', TODAY, 'Mã số thuế')).toMatch(/^Mã số thuế bắt đầu bằng 003/);
  });

  it('reads back what any valid number encodes (property)', () => {
    const codes = [...PROVINCE_CODES.keys()];
    fc.assert(
      fc.property(
        fc.constantFrom(...codes),
        fc.integer({ min: 1900, max: 2026 }),
        fc.constantFrom('male' as const, 'female' as const),
        fc.stringMatching(/^\d{6}$/),
        (province, year, sex, random) => {
          const g = 2 * Math.floor((year - 1900) / 100) + (sex === 'female' ? 1 : 0);
          const number = `${province}${g}${String(year % 100).padStart(2, '0')}${random}`;
          expect(personal(number)).toEqual({
            kind: 'personal',
            number,
            province: { code: province, name: PROVINCE_CODES.get(province) },
            sex,
            birthYear: year,
          });
        },
      ),
    );
  });

  it('either reads any 12 digits consistently or says why not, never throws (property)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{12}$/), (number) => {
        const read = readPersonalNumber(number, TODAY);
        if (typeof read === 'string') {
          expect(read).toMatch(/không phải mã tỉnh|sau năm hiện tại/);
          return;
        }
        expect(PROVINCE_CODES.has(number.slice(0, 3))).toBe(true);
        expect(read.birthYear % 100).toBe(Number(number.slice(4, 6)));
        expect(read.birthYear).toBeLessThanOrEqual(2026);
      }),
    );
  });
});

describe('reading an identity number of either kind', () => {
  it('accepts an old 9-digit identity card as a legacy kind', () => {
    expect(readIdentityNumber('385 123 456', TODAY)).toEqual({ kind: 'legacy-id-card', number: '385123456' });
  });

  it('checks a 12-digit number as a personal number', () => {
    expect(readIdentityNumber('095205012345', TODAY)).toMatchObject({ kind: 'personal', birthYear: 2005 });
    expect(readIdentityNumber('003205012345', TODAY)).toMatch(/không phải mã tỉnh/);
  });

  it.each(['12345678', '1234567890', '12345678901', 'CCCD095205012345'])('refuses %o naming both forms', (text) => {
    expect(readIdentityNumber(text, TODAY)).toBe(
      'Số định danh cá nhân phải gồm 12 chữ số (hoặc 9 chữ số với chứng minh nhân dân cũ).',
    );
  });
});
