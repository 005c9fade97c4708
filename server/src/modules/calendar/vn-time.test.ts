import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatVnIsoInstant, parseIsoInstant, vnInstant } from './vn-time.ts';

describe('ISO 8601 instants with an explicit offset', () => {
  it.each([
    ['2025-01-20T10:00:00+07:00', '2025-01-20', '10:00'],
    ['2025-01-20T03:00:00Z', '2025-01-20', '10:00'],
    ['2025-01-20T03:00Z', '2025-01-20', '10:00'],
    ['2025-01-19T22:00:00-05:00', '2025-01-20', '10:00'],
    ['2025-01-20T10:00:00 07:00', '2025-01-20', '10:00'], // an unencoded '+' in a query string
  ])('reads %s as %s %s in Vietnam', (text, date, time) => {
    expect(parseIsoInstant(text)).toBe(vnInstant(date, time));
  });

  it('keeps seconds and milliseconds', () => {
    expect(parseIsoInstant('2025-01-20T10:00:05.250+07:00')).toBe(vnInstant('2025-01-20', '10:00') + 5_250);
  });

  it.each([
    '2025-01-20T10:00:00', // no offset: ambiguous
    '2025-01-20',
    '2025-02-29T10:00:00+07:00',
    '2025-01-20T24:00:00+07:00',
    '2025-01-20T10:60:00+07:00',
    '2025-01-20T10:00:00+15:00',
    'hôm nay',
    '',
  ])('refuses %s', (text) => {
    expect(parseIsoInstant(text)).toBeNull();
  });

  it('formats in +07:00, whatever the process time zone, and reads back the same instant', () => {
    expect(formatVnIsoInstant(vnInstant('2025-02-07', '10:00'))).toBe('2025-02-07T10:00:00+07:00');
    expect(formatVnIsoInstant(vnInstant('2025-02-07', '00:00') + 1)).toBe('2025-02-07T00:00:00.001+07:00');
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2199, 11, 31) }), (t) => {
        expect(parseIsoInstant(formatVnIsoInstant(t))).toBe(t);
        expect(parseIsoInstant(new Date(t).toISOString())).toBe(t);
      }),
    );
  });
});
