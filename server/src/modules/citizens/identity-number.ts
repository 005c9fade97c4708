// The personal identity number (số định danh cá nhân, DOMAIN.md §2): 12 digits `PPP G YY RRRRRR`, where PPP is
// the province of birth registration (provinces.ts), G the century and sex, YY the last two digits of the birth
// year and RRRRRR a random range; there is no check digit (Decree 137/2015/NĐ-CP Art. 13, Circular 07/2016/TT-BCA
// Art. 7). Old identity cards (chứng minh nhân dân) have 9 digits and carry nothing that can be checked.
import { PROVINCE_CODES } from './provinces.ts';

export type Sex = 'male' | 'female';

export interface PersonalNumber {
  kind: 'personal';
  number: string;
  province: { code: string; name: string };
  sex: Sex;
  birthYear: number;
}

export interface LegacyIdCard {
  kind: 'legacy-id-card';
  number: string;
}

export type IdentityNumber = PersonalNumber | LegacyIdCard;

const PERSONAL_LABEL = 'Số định danh cá nhân';

/** G = 0/1 male/female born 1900–1999, 2/3 in 2000–2099, and so on a century per pair up to 8/9. */
export function centuryAndSex(g: number): { centuryStart: number; sex: Sex } {
  return { centuryStart: 1900 + 100 * Math.floor(g / 2), sex: g % 2 === 0 ? 'male' : 'female' };
}

/** Spaces are how people copy the number from the card (`095 2 05 012345`); nothing else is forgiven. */
const compact = (text: string) => text.replace(/\s+/g, '');

/**
 * Reads a 12-digit personal number, or returns why it cannot exist, in Vietnamese. `today` (`YYYY-MM-DD`, Vietnam)
 * bounds the birth year. `label` names the field in the message (a tax code can be a personal number).
 */
export function readPersonalNumber(text: string, today: string, label = PERSONAL_LABEL): PersonalNumber | string {
  const number = compact(text);
  if (!/^\d{12}$/.test(number)) return `${label} phải gồm đúng 12 chữ số.`;
  const provinceCode = number.slice(0, 3);
  const province = PROVINCE_CODES.get(provinceCode);
  if (!province) {
    return `${label} bắt đầu bằng ${provinceCode}, không phải mã tỉnh nơi đăng ký khai sinh trong danh mục của Bộ Công an.`;
  }
  const { centuryStart, sex } = centuryAndSex(Number(number[3]));
  const birthYear = centuryStart + Number(number.slice(4, 6));
  const currentYear = Number(today.slice(0, 4));
  if (birthYear > currentYear) {
    return `${label} cho năm sinh ${birthYear}, sau năm hiện tại ${currentYear}: hãy kiểm tra chữ số thứ 4 đến thứ 6.`;
  }
  return { kind: 'personal', number, province: { code: provinceCode, name: province }, sex, birthYear };
}

/** Reads a personal number, or an old 9-digit identity card number, or returns why it is refused. */
export function readIdentityNumber(text: string, today: string): IdentityNumber | string {
  const number = compact(text);
  if (/^\d{9}$/.test(number)) return { kind: 'legacy-id-card', number };
  if (!/^\d{12}$/.test(number)) {
    return `${PERSONAL_LABEL} phải gồm 12 chữ số (hoặc 9 chữ số với chứng minh nhân dân cũ).`;
  }
  return readPersonalNumber(number, today);
}
