import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readLoginName } from './login-name.ts';
import { MOBILE_PREFIXES, readMobilePhone } from './phone.ts';

describe('Vietnamese mobile numbers', () => {
  it.each([
    '0912345678',
    '0912 345 678',
    '0912.345.678',
    '+84912345678',
    '+84 912 345 678',
    '84912345678',
    '(+84) 912-345-678',
    '+84 0912 345 678',
  ])('reads %o as +84912345678 / 0912345678', (text) => {
    expect(readMobilePhone(text)).toEqual({ e164: '+84912345678', national: '0912345678' });
  });

  it('normalises every way of writing the same number to one form (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...MOBILE_PREFIXES), fc.stringMatching(/^\d{7}$/), (prefix, rest) => {
        const national = `${prefix}${rest}`;
        const forms = [national, `+84${national.slice(1)}`, `84 ${national.slice(1, 4)} ${national.slice(4)}`];
        for (const form of forms) expect(readMobilePhone(form)).toEqual({ e164: `+84${national.slice(1)}`, national });
      }),
    );
  });

  it('explains the numbers it refuses', () => {
    expect(readMobilePhone('01234567890')).toMatch(/11 số \(đầu 01\) đã được chuyển sang 10 số từ năm 2018/);
    expect(readMobilePhone('02913823456')).toMatch(/số cố định không nhận được tin nhắn/);
    expect(readMobilePhone('0951234567')).toBe(
      'Số điện thoại di động có đầu số 095 không phải đầu số di động ở Việt Nam.',
    );
    expect(readMobilePhone('091234567')).toBe('Số điện thoại di động phải gồm 10 chữ số (kể cả số 0 ở đầu).');
    expect(readMobilePhone('0912-ABC-678')).toMatch(/chỉ gồm chữ số/);
    expect(readMobilePhone('+1 650 555 0100')).toMatch(/chỉ gồm chữ số, bắt đầu bằng 0 hoặc \+84/);
  });
});

describe('login names', () => {
  it('takes anything with an @ for an e-mail address, lower-cased', () => {
    expect(readLoginName('  NguyenVanAn@Example.VN ')).toEqual({ channel: 'email', address: 'nguyenvanan@example.vn' });
    expect(readLoginName('an@example')).toEqual({ problem: 'Email không đúng dạng (ví dụ: ten@example.vn).' });
    expect(readLoginName(`${'a'.repeat(250)}@x.vn`)).toEqual({ problem: 'Email dài quá 254 ký tự.' });
  });

  it('takes anything else for a mobile number, stored as +84', () => {
    expect(readLoginName('0912 345 678')).toEqual({ channel: 'phone', address: '+84912345678' });
    expect(readLoginName('nguyenvanan')).toEqual({
      problem: 'Số điện thoại di động chỉ gồm chữ số, bắt đầu bằng 0 hoặc +84.',
    });
  });
});
