// Vietnamese mobile numbers. Since the 2018 conversion to ten digits a mobile number is `0` + a mobile prefix + 7
// digits, or `+84` + the same without the 0. Prefixes are data (the Ministry assigns new ones now and then (?)).
// An e-mail address or a landline cannot receive a verification SMS, so only mobiles are accepted.

/** Mobile network prefixes in use (national form): Viettel, VinaPhone, MobiFone, Vietnamobile, Gmobile, Itelecom, Reddi. */
export const MOBILE_PREFIXES: ReadonlySet<string> = new Set([
  ...['032', '033', '034', '035', '036', '037', '038', '039'],
  ...['052', '055', '056', '058', '059'],
  ...['070', '076', '077', '078', '079'],
  ...['081', '082', '083', '084', '085', '086', '087', '088', '089'],
  ...['090', '091', '092', '093', '094', '096', '097', '098', '099'],
]);

export interface MobilePhone {
  /** `+84912345678`: how it is stored and compared. */
  e164: string;
  /** `0912345678`: how people write it. */
  national: string;
}

const PHONE_LABEL = 'Số điện thoại di động';

/** Reads a mobile number written as people write it (`0912 345 678`, `+84 912-345-678`, `(84) 912.345.678`). */
export function readMobilePhone(text: string): MobilePhone | string {
  const bare = text.replace(/[\s.\-()]/g, '');
  // `+84 0912…`: the 0 of the national form is often typed after the country code too.
  const international = /^\+?84(\d{9,10})$/.exec(bare)?.[1];
  const national = international ? `0${international.replace(/^0/, '')}` : bare;
  if (!/^0\d+$/.test(national)) return `${PHONE_LABEL} chỉ gồm chữ số, bắt đầu bằng 0 hoặc +84.`;
  if (/^01\d{9}$/.test(national)) {
    return `${PHONE_LABEL} 11 số (đầu 01) đã được chuyển sang 10 số từ năm 2018: hãy nhập số mới.`;
  }
  if (/^02\d{9}$/.test(national)) return `${PHONE_LABEL}: số cố định không nhận được tin nhắn, hãy nhập số di động.`;
  if (national.length !== 10) return `${PHONE_LABEL} phải gồm 10 chữ số (kể cả số 0 ở đầu).`;
  if (!MOBILE_PREFIXES.has(national.slice(0, 3))) {
    return `${PHONE_LABEL} có đầu số ${national.slice(0, 3)} không phải đầu số di động ở Việt Nam.`;
  }
  return { e164: `+84${national.slice(1)}`, national };
}

/** `+84912345678` → `0912345678`, for showing a stored number. */
export const nationalForm = (e164: string) => `0${e164.slice(3)}`;
