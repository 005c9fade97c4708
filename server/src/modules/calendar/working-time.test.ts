import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { schedulesFor } from './holidays.ts';
import { formatVnInstant, HOUR_MS, MINUTE_MS, vnInstant } from './vn-time.ts';
import {
  addWorkingDays,
  addWorkingHours,
  buildCalendar,
  CalendarDefinitionError,
  DEMO_PAPER_CUT_OFF,
  DEMO_WORKING_HOURS,
  isWorkingTime,
  nextWorkingInstant,
  subtractWorkingDays,
  subtractWorkingHours,
  validateDefinition,
  workingMinutesBetween,
} from './working-time.ts';

const calendar = buildCalendar({
  hours: DEMO_WORKING_HOURS,
  entries: schedulesFor(2024, 2040).flatMap((s) => s.entries),
  paperCutOff: DEMO_PAPER_CUT_OFF,
});
const at = (date: string, time: string) => vnInstant(date, time);
const show = formatVnInstant;

describe('working time with the demo hours 07:00–11:00, 13:00–17:00 Monday–Friday', () => {
  it.each([
    ['2025-04-25', '06:59', false],
    ['2025-04-25', '07:00', true],
    ['2025-04-25', '10:59', true],
    ['2025-04-25', '11:00', false], // periods are half-open
    ['2025-04-25', '13:00', true],
    ['2025-04-25', '17:00', false],
    ['2025-04-26', '10:00', true], // make-up Saturday 26/04/2025 (DOMAIN.md §5)
    ['2025-04-19', '10:00', false], // an ordinary Saturday
    ['2025-05-02', '10:00', false], // swapped day off (DOMAIN.md §5)
    ['2026-04-27', '10:00', false], // substitute for Hùng Kings day 2026 (DOMAIN.md §5)
  ])('%s %s is working time: %s', (date, time, expected) => {
    expect(isWorkingTime(calendar, at(date, time))).toBe(expected);
  });

  it.each([
    ['2025-04-25', '06:00', '07:00 25/04/2025'],
    ['2025-04-25', '09:30', '09:30 25/04/2025'],
    ['2025-04-25', '11:00', '13:00 25/04/2025'],
    ['2025-04-25', '17:00', '07:00 26/04/2025'], // the next working morning is the make-up Saturday
    ['2025-04-29', '17:00', '07:00 05/05/2025'], // 30/4, 1/5, 2/5 off, then the weekend
  ])('next working instant after %s %s is %s', (date, time, expected) => {
    expect(show(nextWorkingInstant(calendar, at(date, time)))).toBe(expected);
  });

  it('1 working day from 10:00 is 10:00 on the next working day; from 17:00 it is 07:00 the day after', () => {
    expect(show(addWorkingDays(calendar, at('2025-03-10', '10:00'), 1))).toBe('10:00 11/03/2025');
    expect(show(addWorkingDays(calendar, at('2025-03-10', '17:00'), 1))).toBe('07:00 12/03/2025');
    expect(show(addWorkingDays(calendar, at('2025-03-10', '20:00'), 0))).toBe('07:00 11/03/2025');
  });

  it('fractions of a day are working hours at 8 hours per day', () => {
    expect(show(addWorkingDays(calendar, at('2025-03-10', '09:00'), 0.5))).toBe('15:00 10/03/2025');
    expect(show(addWorkingDays(calendar, at('2025-03-10', '09:00'), 1.5))).toBe('15:00 11/03/2025');
    expect(show(addWorkingDays(calendar, at('2025-03-10', '15:00'), 0.25))).toBe('07:00 11/03/2025');
  });

  it('a due time exactly at a period end is given as the start of the next period (11:00 → 13:00)', () => {
    expect(show(addWorkingHours(calendar, at('2025-03-10', '09:00'), 2))).toBe('13:00 10/03/2025');
    expect(show(addWorkingHours(calendar, at('2025-03-10', '07:00'), 8))).toBe('07:00 11/03/2025');
    expect(show(addWorkingHours(calendar, at('2025-03-10', '16:00'), 1.5))).toBe('07:30 11/03/2025');
  });

  it('counts working minutes between instants, negative backwards', () => {
    expect(workingMinutesBetween(calendar, at('2025-03-10', '10:00'), at('2025-03-10', '14:00'))).toBe(120);
    expect(workingMinutesBetween(calendar, at('2025-03-07', '16:00'), at('2025-03-10', '08:00'))).toBe(120);
    expect(workingMinutesBetween(calendar, at('2025-03-10', '14:00'), at('2025-03-10', '10:00'))).toBe(-120);
    expect(workingMinutesBetween(calendar, at('2025-01-24', '17:00'), at('2025-02-03', '07:00'))).toBe(0); // Tết
  });

  it('refuses negative amounts and instants outside 2000–2099', () => {
    expect(() => addWorkingDays(calendar, at('2025-03-10', '10:00'), -1)).toThrow(RangeError);
    expect(() => addWorkingHours(calendar, at('2025-03-10', '10:00'), Number.NaN)).toThrow(RangeError);
    expect(() => nextWorkingInstant(calendar, at('1999-12-31', '10:00'))).toThrow(RangeError);
    expect(() => addWorkingDays(calendar, at('2099-12-30', '10:00'), 5)).toThrow(RangeError);
  });
});

describe('calendar definition validation', () => {
  const base = { hours: DEMO_WORKING_HOURS, entries: [], paperCutOff: DEMO_PAPER_CUT_OFF };

  it('refuses overlapping periods, a make-up day on a working day and a bad cut-off, with reasons', () => {
    const monday = [
      { start: 420, end: 700 },
      { start: 660, end: 1020 },
    ];
    const problems = validateDefinition({
      hours: { ...DEMO_WORKING_HOURS, weekly: DEMO_WORKING_HOURS.weekly.map((p, d) => (d === 1 ? monday : p)) },
      entries: [{ date: '2025-04-29', kind: 'make_up', name: 'Làm bù', legalNote: '' }],
      paperCutOff: 1500,
    });
    expect(problems.map((p) => p.code)).toEqual(['bad_period', 'bad_cut_off', 'make_up_on_working_day']);
    expect(problems[2]!.message).toBe('Ngày 29/04/2025 đã là ngày làm việc, không thể là ngày làm bù');
  });

  it('buildCalendar throws the problems of an invalid definition', () => {
    const entries = [
      { date: '2025-04-26', kind: 'make_up' as const, name: 'Làm bù', legalNote: '' },
      { date: '2025-04-26', kind: 'swap' as const, name: 'Nghỉ', legalNote: '' },
    ];
    expect(() => buildCalendar({ ...base, entries })).toThrow(CalendarDefinitionError);
    expect(() => buildCalendar({ ...base, entries })).toThrow(/26\/04\/2025 vừa là ngày nghỉ vừa là ngày làm bù/);
  });
});

describe('properties (fast-check)', () => {
  const FROM = at('2024-01-01', '00:00');
  const TO = at('2036-01-01', '00:00');
  // Instants on whole minutes hit period boundaries often; millisecond ones test everything in between.
  const instant = fc.oneof(
    fc.integer({ min: FROM / MINUTE_MS, max: TO / MINUTE_MS }).map((m) => m * MINUTE_MS),
    fc.integer({ min: FROM, max: TO }),
  );
  const days = fc.integer({ min: 0, max: 250 });
  const hours = fc.integer({ min: 0, max: 2000 * 4 }).map((q) => q / 4);

  it('the result is never in non-working time', () => {
    fc.assert(
      fc.property(instant, days, hours, (t, n, h) => {
        expect(isWorkingTime(calendar, addWorkingDays(calendar, t, n))).toBe(true);
        expect(isWorkingTime(calendar, addWorkingHours(calendar, t, h))).toBe(true);
        expect(isWorkingTime(calendar, nextWorkingInstant(calendar, t))).toBe(true);
      }),
    );
  });

  it('monotonic in n and in the start instant', () => {
    fc.assert(
      fc.property(instant, instant, days, days, (t1, t2, n1, n2) => {
        const [a, b] = t1 <= t2 ? [t1, t2] : [t2, t1];
        const [m, n] = n1 <= n2 ? [n1, n2] : [n2, n1];
        expect(addWorkingDays(calendar, a, m)).toBeLessThanOrEqual(addWorkingDays(calendar, a, n));
        expect(addWorkingDays(calendar, a, n)).toBeLessThanOrEqual(addWorkingDays(calendar, b, n));
        expect(addWorkingHours(calendar, a, m * 3)).toBeLessThanOrEqual(addWorkingHours(calendar, b, n * 3));
      }),
    );
  });

  it('adding whole days in two steps equals one step from a working instant', () => {
    fc.assert(
      fc.property(instant, days, days, (t, m, n) => {
        const w = nextWorkingInstant(calendar, t);
        expect(addWorkingDays(calendar, addWorkingDays(calendar, w, m), n)).toBe(addWorkingDays(calendar, w, m + n));
      }),
    );
  });

  it('the working time between the start and the result is n × 8 hours, or the hours added', () => {
    fc.assert(
      fc.property(instant, days, hours, (t, n, h) => {
        expect(workingMinutesBetween(calendar, t, addWorkingDays(calendar, t, n))).toBe(n * 8 * 60);
        expect(workingMinutesBetween(calendar, t, addWorkingHours(calendar, t, h))).toBe(h * 60);
      }),
    );
  });

  it('n working days are 8n working hours (the period-end convention makes both agree)', () => {
    fc.assert(
      fc.property(instant, days, (t, n) => {
        expect(addWorkingDays(calendar, t, n)).toBe(addWorkingHours(calendar, t, n * 8));
      }),
    );
  });

  it('the next working instant is idempotent and no working time passes before it', () => {
    fc.assert(
      fc.property(instant, (t) => {
        const next = nextWorkingInstant(calendar, t);
        expect(next).toBeGreaterThanOrEqual(t);
        expect(nextWorkingInstant(calendar, next)).toBe(next);
        expect(workingMinutesBetween(calendar, t, next)).toBe(0);
        expect(next - t < 14 * 24 * HOUR_MS).toBe(true);
      }),
    );
  });

  describe('independent of the process time zone', () => {
    const original = process.env.TZ;
    afterEach(() => {
      process.env.TZ = original;
    });

    it('gives the same results under UTC, America/New_York and Pacific/Kiritimati', () => {
      const sample = fc.sample(fc.tuple(instant, days, hours), { numRuns: 200, seed: 7 });
      const run = (zone: string) => {
        process.env.TZ = zone; // Node re-reads TZ when it is assigned
        return sample.map(([t, n, h]) => [addWorkingDays(calendar, t, n), addWorkingHours(calendar, t, h)]);
      };
      const utc = run('UTC');
      expect(run('America/New_York')).toEqual(utc);
      expect(run('Pacific/Kiritimati')).toEqual(utc);
    });
  });

  it('subtracting working days undoes adding them, from a working instant', () => {
    fc.assert(
      fc.property(instant, days, (t, n) => {
        const w = nextWorkingInstant(calendar, t);
        expect(subtractWorkingDays(calendar, addWorkingDays(calendar, w, n), n)).toBe(w);
        expect(subtractWorkingHours(calendar, addWorkingHours(calendar, w, n * 3), n * 3)).toBe(w);
      }),
    );
  });

  it('n working days before is 8n working hours before, and a working instant', () => {
    fc.assert(
      fc.property(instant, days, (t, n) => {
        const before = subtractWorkingDays(calendar, t, n);
        expect(isWorkingTime(calendar, before)).toBe(true);
        expect(workingMinutesBetween(calendar, before, t)).toBe(n * 8 * 60);
      }),
    );
  });
});

describe('working days before an instant (Form 04: "no later than one working day before the deadline")', () => {
  it('DOMAIN.md §5 Tết 2025: 5 working days before Friday 07/02/2025 10:00 is Friday 24/01/2025 10:00', () => {
    expect(show(subtractWorkingDays(calendar, at('2025-02-07', '10:00'), 5))).toBe('10:00 24/01/2025');
  });

  it('DOMAIN.md §5 2025: one working day before Monday 28/04 10:00 is the make-up Saturday 26/04', () => {
    expect(show(subtractWorkingDays(calendar, at('2025-04-28', '10:00'), 1))).toBe('10:00 26/04/2025');
    expect(show(subtractWorkingDays(calendar, at('2025-05-05', '10:00'), 1))).toBe('10:00 29/04/2025');
  });

  it('fractions are working hours; outside working time the instant first moves to the next working one', () => {
    expect(show(subtractWorkingDays(calendar, at('2025-03-11', '15:00'), 1.5))).toBe('09:00 10/03/2025');
    expect(show(subtractWorkingHours(calendar, at('2025-03-10', '14:00'), 2))).toBe('10:00 10/03/2025');
    expect(show(subtractWorkingDays(calendar, at('2025-03-15', '12:00'), 1))).toBe('07:00 14/03/2025');
  });

  it('refuses negative amounts and results before 2000', () => {
    expect(() => subtractWorkingDays(calendar, at('2025-03-10', '10:00'), -1)).toThrow(RangeError);
    expect(() => subtractWorkingDays(calendar, at('2000-01-05', '10:00'), 10)).toThrow(RangeError);
  });
});
