import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lunarToSolar, lunarYearMonths, solarToLunar, tetDay } from './lunar.ts';
import { civilDateOf, epochDayOf, formatIsoDate, parseIsoDate } from './vn-time.ts';

// Mùng 1 Tết in Vietnam, 1985–2030 (published Vietnamese calendars; they equal China's dates except 1985, 2007
// and 2030, checked below).
const TET: Record<number, string> = {
  1985: '01-21',
  1986: '02-09',
  1987: '01-29',
  1988: '02-17',
  1989: '02-06',
  1990: '01-27',
  1991: '02-15',
  1992: '02-04',
  1993: '01-23',
  1994: '02-10',
  1995: '01-31',
  1996: '02-19',
  1997: '02-07',
  1998: '01-28',
  1999: '02-16',
  2000: '02-05',
  2001: '01-24',
  2002: '02-12',
  2003: '02-01',
  2004: '01-22',
  2005: '02-09',
  2006: '01-29',
  2007: '02-17',
  2008: '02-07',
  2009: '01-26',
  2010: '02-14',
  2011: '02-03',
  2012: '01-23',
  2013: '02-10',
  2014: '01-31',
  2015: '02-19',
  2016: '02-08',
  2017: '01-28',
  2018: '02-16',
  2019: '02-05',
  2020: '01-25',
  2021: '02-12',
  2022: '02-01',
  2023: '01-22',
  2024: '02-10',
  2025: '01-29',
  2026: '02-17',
  2027: '02-06',
  2028: '01-26',
  2029: '02-13',
  2030: '02-02',
};

describe('lunar calendar at UTC+7 (Hồ Ngọc Đức), DOMAIN.md §5', () => {
  it.each(Object.entries(TET))('Tết %s is %s', (year, monthDay) => {
    expect(formatIsoDate(tetDay(Number(year)))).toBe(`${year}-${monthDay}`);
  });

  // The same astronomy cut at UTC+8 gives the Chinese calendar; these are the years in range where they differ.
  it.each([
    // In China the solstice month of 1984 starts a month later, so China inserts a leap 10th month in 1984 and
    // its Tết comes a whole month later; Vietnam's leap month is the 2nd month of 1985.
    [1985, '1985-01-21', '1985-02-20'],
    // The new moon falls between 23:00 and midnight in Hà Nội, i.e. after midnight in Beijing.
    [2007, '2007-02-17', '2007-02-18'],
    [2030, '2030-02-02', '2030-02-03'],
  ])('Tết %i: Vietnam %s, China %s', (year, vietnam, china) => {
    expect(formatIsoDate(tetDay(year))).toBe(vietnam);
    expect(formatIsoDate(tetDay(year, 8))).toBe(china);
  });

  it('1984–1985: China has a leap 10th month in 1984, Vietnam a leap 2nd month in 1985', () => {
    const leaps = (year: number, zone: number) => lunarYearMonths(year, zone).filter((m) => m.leap);
    expect(leaps(1984, 7)).toEqual([]);
    expect(leaps(1984, 8).map((m) => m.month)).toEqual([10]);
    expect(leaps(1985, 7).map((m) => [m.month, formatIsoDate(m.start)])).toEqual([[2, '1985-03-21']]);
  });

  it.each([
    ['2020-05-23', 2020, 4],
    ['2023-03-22', 2023, 2],
    ['2025-07-25', 2025, 6],
  ])('leap month: %s is day 1 of the leap month of %i (tháng %i nhuận)', (iso, year, month) => {
    const date = civilDateOf(parseIsoDate(iso));
    expect(solarToLunar(date)).toEqual({ year, month, day: 1, leap: true });
    expect(lunarToSolar({ year, month, day: 1, leap: true })).toEqual(date);
  });

  it('Hùng Kings day (10/3 lunar) 2024–2026 falls on the dates of the official schedules', () => {
    const hungKings = (year: number) =>
      formatIsoDate(epochDayOf(lunarToSolar({ year, month: 3, day: 10, leap: false })));
    expect([2024, 2025, 2026].map(hungKings)).toEqual(['2024-04-18', '2025-04-07', '2026-04-26']);
  });

  it('the last day of lunar 2024 (30 Tết) is 28/01/2025, mùng 1 Ất Tỵ 29/01/2025', () => {
    expect(solarToLunar({ year: 2025, month: 1, day: 28 })).toEqual({ year: 2024, month: 12, day: 29, leap: false });
    expect(solarToLunar({ year: 2025, month: 1, day: 29 })).toEqual({ year: 2025, month: 1, day: 1, leap: false });
  });

  it('refuses a leap month the year does not have and a day the month does not have', () => {
    expect(() => lunarToSolar({ year: 2025, month: 5, day: 1, leap: true })).toThrow(/không có tháng 5 nhuận/);
    const month2 = lunarYearMonths(2025).find((m) => m.month === 2)!;
    expect(month2.length).toBe(29);
    expect(() => lunarToSolar({ year: 2025, month: 2, day: 30, leap: false })).toThrow(RangeError);
  });

  it('property: solar → lunar → solar is the identity (1900–2199)', () => {
    const days = fc.integer({
      min: epochDayOf({ year: 1900, month: 1, day: 1 }),
      max: epochDayOf({ year: 2199, month: 12, day: 31 }),
    });
    fc.assert(
      fc.property(days, (day) => {
        const solar = civilDateOf(day);
        const lunar = solarToLunar(solar);
        expect(lunar.day).toBeGreaterThanOrEqual(1);
        expect(lunar.day).toBeLessThanOrEqual(30);
        expect(lunarToSolar(lunar)).toEqual(solar);
      }),
      { numRuns: 500 },
    );
  });

  it('property: a lunar year has 12 or 13 months of 29 or 30 days, at most one leap, contiguous', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2199 }), (year) => {
        const months = lunarYearMonths(year);
        expect(months.length - months.filter((m) => m.leap).length).toBe(12);
        expect(months.filter((m) => m.leap).length).toBeLessThanOrEqual(1);
        months.forEach((m, i) => {
          expect([29, 30]).toContain(m.length);
          if (i > 0) expect(m.start).toBe(months[i - 1]!.start + months[i - 1]!.length);
        });
        expect(months[0]!.start).toBe(tetDay(year));
        expect(months.at(-1)!.start + months.at(-1)!.length).toBe(tetDay(year + 1));
      }),
      { numRuns: 100 },
    );
  });
});
