import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { vnInstant } from '../calendar/vn-time.ts';
import { type CodePattern, counterPeriod, DEFAULT_CODE_PATTERN, formatCode, parseCodePattern } from './code.ts';

const parsed = (source: string): CodePattern => {
  const pattern = parseCodePattern(source);
  if (typeof pattern === 'string') throw new Error(pattern);
  return pattern;
};

describe('dossier codes', () => {
  it('follows the practice of DOMAIN.md §4: 000.00.00.H05-250118-0001', () => {
    const pattern = parsed(DEFAULT_CODE_PATTERN);
    expect(formatCode(pattern, '000.00.00.H05', vnInstant('2025-01-18', '09:00'), 1)).toBe('000.00.00.H05-250118-0001');
    expect(pattern.period).toBe('day');
  });

  it('takes the date in Vietnam, whatever the instant says in UTC', () => {
    const pattern = parsed(DEFAULT_CODE_PATTERN);
    // 23:30 on 17/01 UTC is 06:30 on 18/01 in Vietnam.
    const at = Date.UTC(2025, 0, 17, 23, 30);
    expect(formatCode(pattern, 'X', at, 12)).toBe('X-250118-0012');
    expect(counterPeriod(pattern, at)).toBe('2025-01-18');
  });

  it('lets the number grow past its width rather than wrap', () => {
    expect(formatCode(parsed('{unit}/{yyyy}/{seq:2}'), 'U', vnInstant('2025-03-01', '08:00'), 123)).toBe('U/2025/123');
  });

  it('restarts the counter in the span the pattern shows', () => {
    const at = vnInstant('2025-03-01', '08:00');
    expect(counterPeriod(parsed('{unit}-{yyyy}{mm}-{seq:5}'), at)).toBe('2025-03');
    expect(counterPeriod(parsed('{unit}-{yyyy}-{seq:6}'), at)).toBe('2025');
    expect(counterPeriod(parsed('{unit}-{seq:8}'), at)).toBe('*');
  });

  it('refuses patterns that could give two dossiers one code, in Vietnamese', () => {
    expect(parseCodePattern('{yy}{mm}{dd}-{seq:4}')).toMatch(/\{unit\}/);
    expect(parseCodePattern('{unit}-{dd}-{seq:4}')).toMatch(/\{mm\}/);
    expect(parseCodePattern('{unit}-{mm}-{seq:4}')).toMatch(/\{yy\}/);
    expect(parseCodePattern('{unit}-{yy}')).toMatch(/đúng một \{seq:N\}/);
    expect(parseCodePattern('{unit}-{seq:4}-{seq:2}')).toMatch(/đúng một/);
    expect(parseCodePattern('{unit}-{seq:0}')).toMatch(/từ 1 đến 9/);
    expect(parseCodePattern('{unit}-{hh}-{seq:4}')).toMatch(/không biết/);
    expect(parseCodePattern('{unit}-{seq:4')).toMatch(/lẻ/);
  });

  it('gives distinct codes to distinct numbers of one unit and day (property)', () => {
    const pattern = parsed(DEFAULT_CODE_PATTERN);
    const at = vnInstant('2025-01-24', '10:00');
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 99_999 }), fc.integer({ min: 1, max: 99_999 }), (a, b) => {
        const same = formatCode(pattern, 'U', at, a) === formatCode(pattern, 'U', at, b);
        return same === (a === b);
      }),
    );
  });
});
