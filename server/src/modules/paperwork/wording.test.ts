import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { placeAndDate, shortDateTime, writtenDate, writtenTime } from './wording.ts';

const at = (iso: string) => Date.parse(iso);

describe('dates on official papers (Decree 30/2020, DOMAIN.md §6)', () => {
  it('writes a leading zero for days below 10 and for January and February only', () => {
    expect(writtenDate(at('2026-01-05T10:00:00+07:00'))).toBe('ngày 05 tháng 01 năm 2026');
    expect(writtenDate(at('2026-02-28T10:00:00+07:00'))).toBe('ngày 28 tháng 02 năm 2026');
    expect(writtenDate(at('2026-03-09T10:00:00+07:00'))).toBe('ngày 09 tháng 3 năm 2026');
    expect(writtenDate(at('2026-12-31T10:00:00+07:00'))).toBe('ngày 31 tháng 12 năm 2026');
  });

  it("uses Vietnam's date, not the server's: 23:30 UTC is the next morning in Bạc Liêu", () => {
    expect(placeAndDate('Bạc Liêu', at('2026-01-04T23:30:00Z'))).toBe('Bạc Liêu, ngày 05 tháng 01 năm 2026');
  });

  it('writes receipt times as hours and minutes', () => {
    expect(writtenTime(at('2025-01-24T08:05:00+07:00'))).toBe('08 giờ 05 phút, ngày 24 tháng 01 năm 2025');
    expect(shortDateTime(at('2025-04-26T14:30:00+07:00'))).toBe('14:30 26/04/2025');
  });

  it('always names a real day, month and year', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }), (d) => {
        const m = /^ngày (\d{2}) tháng (\d{1,2}) năm (\d{4})$/.exec(writtenDate(d.getTime()));
        expect(m).not.toBeNull();
        const month = Number(m![2]);
        expect(month >= 1 && month <= 12).toBe(true);
        expect(m![2]!.length).toBe(month <= 2 || month >= 10 ? 2 : 1);
      }),
    );
  });
});
