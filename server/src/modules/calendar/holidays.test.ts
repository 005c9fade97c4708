import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type CalendarEntry,
  isDayOff,
  OFFICIAL_SCHEDULES,
  provisionalSchedule,
  schedulesFor,
  statutoryHolidays,
  validateEntries,
} from './holidays.ts';
import { parseIsoDate, weekdayOf } from './vn-time.ts';

const scheduleOf = (year: number) => OFFICIAL_SCHEDULES.find((s) => s.year === year)!;
const daysOff = (entries: readonly CalendarEntry[]) => entries.filter((e) => isDayOff(e.kind)).map((e) => e.date);
const makeUps = (entries: readonly CalendarEntry[]) => entries.filter((e) => !isDayOff(e.kind)).map((e) => e.date);
const weekday = (iso: string) => weekdayOf(parseIsoDate(iso));

describe('official schedules (DOMAIN.md §5)', () => {
  it.each([
    [
      2024,
      ['01-01', '02-08', '02-09', '02-12', '02-13', '02-14', '04-18', '04-29', '04-30', '05-01', '09-02', '09-03'],
      ['05-04'],
    ],
    [
      2025,
      ['01-01', '01-27', '01-28', '01-29', '01-30', '01-31', '04-07', '04-30', '05-01', '05-02', '09-01', '09-02'],
      ['04-26'],
    ],
    [
      2026,
      [
        '01-01',
        '01-02',
        '02-16',
        '02-17',
        '02-18',
        '02-19',
        '02-20',
        '04-27',
        '04-30',
        '05-01',
        '08-31',
        '09-01',
        '09-02',
      ],
      ['01-10', '08-22'],
    ],
  ])('DOMAIN.md §5: %i weekdays off and make-up Saturdays', (year, off, worked) => {
    const { entries, status } = scheduleOf(year);
    expect(status).toBe('official');
    expect(daysOff(entries)).toEqual(off.map((d) => `${year}-${d}`));
    expect(makeUps(entries)).toEqual(worked.map((d) => `${year}-${d}`));
    expect(daysOff(entries).every((d) => weekday(d) >= 1 && weekday(d) <= 5)).toBe(true);
    expect(makeUps(entries).every((d) => weekday(d) === 6)).toBe(true);
    expect(validateEntries(entries)).toEqual([]);
  });

  it('DOMAIN.md §5: each swapped weekday is paired with its make-up Saturday', () => {
    const swaps = OFFICIAL_SCHEDULES.flatMap((s) => s.entries).filter((e) => e.kind === 'swap');
    expect(swaps.map((e) => [e.date, e.name])).toEqual([
      ['2024-04-29', 'Nghỉ hoán đổi (làm bù thứ Bảy 04/05/2024)'],
      ['2025-05-02', 'Nghỉ hoán đổi (làm bù thứ Bảy 26/04/2025)'],
      ['2026-01-02', 'Nghỉ hoán đổi (làm bù thứ Bảy 10/01/2026)'],
      ['2026-08-31', 'Nghỉ hoán đổi (làm bù thứ Bảy 22/08/2026)'],
    ]);
  });

  it('DOMAIN.md §5: 2026 Hùng Kings day falls on Sunday 26/04, so Monday 27/04 is a substitute day off', () => {
    const entry = scheduleOf(2026).entries.find((e) => e.date === '2026-04-27')!;
    expect(entry.kind).toBe('substitute');
    expect(entry.legalNote).toMatch(/Điều 111 khoản 3/);
    expect(weekday('2026-04-26')).toBe(0);
  });
});

describe('statutory holidays, Labor Code 2019 Art. 112 (DOMAIN.md §5)', () => {
  it('gives the own dates of 2026 even on a weekend: Hùng Kings day is Sunday 26/04/2026', () => {
    expect(statutoryHolidays(2026).map((h) => [h.key, h.date])).toEqual([
      ['new_year', '2026-01-01'],
      ['tet', '2026-02-17'],
      ['hung_kings', '2026-04-26'],
      ['victory_day', '2026-04-30'],
      ['labour_day', '2026-05-01'],
      ['national_day', '2026-09-02'],
    ]);
  });
});

describe('provisional schedule (Labor Code 2019 Art. 111(3), 112; DOMAIN.md §5 "later years")', () => {
  const summary = (year: number) => provisionalSchedule(year).entries.map((e) => `${e.date.slice(5)} ${e.kind}`);

  it('2027: Tết mùng 1 on Saturday 06/02 and 1/5 on Saturday give substitute days; Hùng Kings on Friday 16/04', () => {
    expect(provisionalSchedule(2027).status).toBe('provisional');
    expect(summary(2027)).toEqual([
      '01-01 holiday',
      '02-05 holiday', // 30 Tết
      '02-08 holiday', // mùng 3
      '02-09 holiday', // mùng 4
      '02-10 substitute', // for mùng 1 (Saturday)
      '02-11 substitute', // for mùng 2 (Sunday)
      '04-16 holiday',
      '04-30 holiday',
      '05-03 substitute', // for 1/5 (Saturday)
      '09-01 holiday',
      '09-02 holiday',
    ]);
  });

  it('2030: 2/9 is a Monday, so the adjacent National Day is 3/9 (1/9 is a Sunday); Hùng Kings on Friday 12/04', () => {
    const dates = provisionalSchedule(2030).entries.map((e) => e.date);
    expect(dates).toContain('2030-04-12');
    expect(dates).toContain('2030-09-03');
    expect(dates).not.toContain('2030-09-01');
  });

  it('reproduces what the government chose where it made no swap: 2025 National Day 01–02/09, 2024 02–03/09', () => {
    expect(summary(2025).filter((d) => d.startsWith('09'))).toEqual(['09-01 holiday', '09-02 holiday']);
    expect(summary(2024).filter((d) => d.startsWith('09'))).toEqual(['09-02 holiday', '09-03 holiday']);
  });

  it('reproduces the real 2023 breaks 29/04–03/05 and 01–04/09 (Hùng Kings on Saturday 29/04, 2/9 on Saturday)', () => {
    const around = summary(2023).filter((d) => d.startsWith('05') || d.startsWith('09'));
    expect(around).toEqual([
      '05-01 holiday',
      '05-02 substitute',
      '05-03 substitute',
      '09-01 holiday',
      '09-04 substitute',
    ]);
  });

  it('a holiday on the same day as another one also gives a substitute day (Hùng Kings on 30/4 in 2319)', () => {
    expect(statutoryHolidays(2319)[2]!.date).toBe('2319-04-30');
    const substitutes = provisionalSchedule(2319).entries.filter((e) => e.name.endsWith('(30/04/2319)'));
    expect(substitutes.map((e) => [e.date, e.kind])).toEqual([['2319-05-02', 'substitute']]);
  });

  it('property: every year 2000–2099 gets 11 distinct weekdays off and nothing else', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2000, max: 2099 }), (year) => {
        const { entries } = provisionalSchedule(year);
        expect(entries).toHaveLength(11);
        expect(entries.every((e) => e.kind === 'holiday' || e.kind === 'substitute')).toBe(true);
        expect(entries.every((e) => weekday(e.date) >= 1 && weekday(e.date) <= 5)).toBe(true);
        expect(validateEntries(entries)).toEqual([]);
        const weekdayHolidays = statutoryHolidays(year).filter((h) => weekday(h.date) >= 1 && weekday(h.date) <= 5);
        for (const h of weekdayHolidays) expect(entries.map((e) => e.date)).toContain(h.date);
      }),
    );
  });

  it('schedulesFor takes the official schedule of a year when there is one', () => {
    expect(schedulesFor(2025, 2028).map((s) => [s.year, s.status])).toEqual([
      [2025, 'official'],
      [2026, 'official'],
      [2027, 'provisional'],
      [2028, 'provisional'],
    ]);
  });
});

describe('validateEntries', () => {
  const entry = (date: string, kind: CalendarEntry['kind'], name: string): CalendarEntry => ({
    date,
    kind,
    name,
    legalNote: '',
  });

  it('refuses a day that is both a day off and a make-up day, saying which and why', () => {
    const problems = validateEntries([
      entry('2025-04-26', 'make_up', 'Làm bù'),
      entry('2025-04-26', 'holiday', 'Nghỉ lễ'),
    ]);
    expect(problems).toEqual([
      {
        code: 'off_and_make_up',
        date: '2025-04-26',
        message: 'Ngày 26/04/2025 vừa là ngày nghỉ vừa là ngày làm bù: "Làm bù" và "Nghỉ lễ"',
      },
    ]);
  });

  it('refuses a day listed twice and an impossible date', () => {
    const problems = validateEntries([
      entry('2025-09-02', 'holiday', 'Quốc khánh'),
      entry('2025-09-02', 'swap', 'Hoán đổi'),
      entry('2025-02-29', 'holiday', 'Không có'),
    ]);
    expect(problems.map((p) => p.code)).toEqual(['duplicate', 'invalid_date']);
  });
});
