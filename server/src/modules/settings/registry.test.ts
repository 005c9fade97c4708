import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { parseCodePattern } from '../dossiers/code.ts';
import { definitionOf, isSettingKey, NOTICE_MAX_LENGTH, SETTING_KEYS, settingProblems } from './registry.ts';

describe('the settings registry', () => {
  it('takes each default from the process configuration, and every default is a valid value', () => {
    const config = loadConfig({ DOSSIER_DUE_SOON_HOURS: '12', DOSSIER_CODE_PATTERN: '{unit}/{yyyy}/{seq:6}' });
    expect(definitionOf('dossier.dueSoonHours').defaultOf(config)).toBe(12);
    expect(definitionOf('dossier.codePattern').defaultOf(config)).toBe('{unit}/{yyyy}/{seq:6}');
    for (const key of SETTING_KEYS) {
      expect(settingProblems(key, definitionOf(key).defaultOf(loadConfig({}))), key).toEqual([]);
    }
  });

  it('knows only its own keys (not inherited object properties)', () => {
    expect(isSettingKey('portal.notice')).toBe(true);
    expect(isSettingKey('toString')).toBe(false);
    expect(isSettingKey('dossier.unknown')).toBe(false);
  });

  it('accepts exactly the whole numbers of hours from 1 to 400', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: -1000, max: 1000 }), fc.double()), (hours) => {
        const ok = Number.isInteger(hours) && hours >= 1 && hours <= 400;
        expect(settingProblems('dossier.dueSoonHours', hours).length === 0).toBe(ok);
      }),
    );
    expect(settingProblems('dossier.dueSoonHours', '8')).toHaveLength(1); // taken as sent, never coerced
  });

  it('accepts a code pattern exactly when the dossiers module can number with it', () => {
    const piece = fc.constantFrom(
      '{unit}',
      '{yyyy}',
      '{yy}',
      '{mm}',
      '{dd}',
      '{seq:4}',
      '{seq:12}',
      '-',
      '/',
      '{',
      'x',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }), (pieces) => {
        const pattern = pieces.join('');
        const numbers = pattern !== '' && typeof parseCodePattern(pattern) !== 'string';
        expect(settingProblems('dossier.codePattern', pattern).length === 0).toBe(numbers);
      }),
    );
  });

  it('names the setting in Vietnamese and the field `value` when refusing', () => {
    expect(settingProblems('dossier.codePattern', '{yy}{mm}{dd}-{seq:4}')).toEqual([
      { field: 'value', message: 'Mẫu mã hồ sơ cần {unit} (mã định danh nơi tiếp nhận).' },
    ]);
    expect(settingProblems('dossier.dueSoonHours', 0)).toEqual([
      { field: 'value', message: 'Số giờ làm việc báo “sắp đến hạn” phải lớn hơn hoặc bằng 1.' },
    ]);
  });

  it('keeps the portal notice short plain text', () => {
    expect(settingProblems('portal.notice', 'Nghỉ Tết từ 26/01 đến 03/02.\nHồ sơ trực tuyến vẫn được nhận.')).toEqual(
      [],
    );
    expect(settingProblems('portal.notice', '')).toEqual([]);
    expect(settingProblems('portal.notice', 'a'.repeat(NOTICE_MAX_LENGTH + 1))[0]?.message).toMatch(/tối đa 500/);
    expect(settingProblems('portal.notice', 'chuông\u0007')).toHaveLength(1);
    expect(settingProblems('portal.notice', null)).toHaveLength(1);
  });
});
