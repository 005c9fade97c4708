import { describe, expect, it } from 'vitest';
import { demoCode, isDemoCode, isProcedureCode } from './procedure-code.ts';

describe('procedure codes of the national database (DOMAIN.md §3)', () => {
  it.each(['1.001193', '2.000528', '9.000001'])('accepts %s', (code) => expect(isProcedureCode(code)).toBe(true));

  it.each(['1001193', '1.00119', '1.0011930', '12.001193', 'a.001193', ' 1.001193', '1,001193', ''])(
    'refuses %j',
    (code) => expect(isProcedureCode(code)).toBe(false),
  );

  it('keeps the demo catalogue in the 9.xxxxxx range', () => {
    expect(demoCode(1)).toBe('9.000001');
    expect(demoCode(6000)).toBe('9.006000');
    expect(isDemoCode('9.000042')).toBe(true);
    expect(isDemoCode('1.001193')).toBe(false);
    expect(() => demoCode(0)).toThrow(RangeError);
  });
});
