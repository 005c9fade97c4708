import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countingStart, deadline, type Pause } from './deadline.ts';
import { schedulesFor } from './holidays.ts';
import { formatVnInstant, MINUTE_MS, vnInstant } from './vn-time.ts';
import {
  buildCalendar,
  DEMO_PAPER_CUT_OFF,
  DEMO_WORKING_HOURS,
  isWorkingTime,
  workingMinutesBetween,
} from './working-time.ts';

const calendar = buildCalendar({
  hours: DEMO_WORKING_HOURS,
  entries: schedulesFor(2024, 2040).flatMap((s) => s.entries),
  paperCutOff: DEMO_PAPER_CUT_OFF,
});
const at = (date: string, time: string) => vnInstant(date, time);
const days = (amount: number) => ({ unit: 'working_days' as const, amount });
const hours = (amount: number) => ({ unit: 'working_hours' as const, amount });
const due = (start: number, duration: ReturnType<typeof days | typeof hours>, pauses: Pause[] = []) =>
  formatVnInstant(deadline(calendar, start, duration, pauses));

describe('deadlines across the official holidays (DOMAIN.md §5)', () => {
  it('DOMAIN.md §5 Tết 2025 (weekdays 27–31/01 off): 5 days from Friday 24/01 10:00 are due Friday 07/02 10:00', () => {
    expect(due(at('2025-01-24', '10:00'), days(5))).toBe('10:00 07/02/2025');
  });

  it('DOMAIN.md §5 Tết 2026 (weekdays 16–20/02 off): 3 days from Friday 13/02 14:00 are due Wednesday 25/02 14:00', () => {
    expect(due(at('2026-02-13', '14:00'), days(3))).toBe('14:00 25/02/2026');
  });

  it('DOMAIN.md §5 Tết 2026: 16 working hours from Friday 13/02 15:00 end Tuesday 24/02 15:00', () => {
    expect(due(at('2026-02-13', '15:00'), hours(16))).toBe('15:00 24/02/2026');
  });

  it('DOMAIN.md §5 2025: the make-up Saturday 26/04 counts, then 30/4, 1/5 and the swapped 2/5 do not', () => {
    const friday = at('2025-04-25', '10:00');
    expect([1, 2, 3, 4].map((n) => due(friday, days(n)))).toEqual([
      '10:00 26/04/2025',
      '10:00 28/04/2025',
      '10:00 29/04/2025',
      '10:00 05/05/2025',
    ]);
  });

  it('DOMAIN.md §5 2026: the make-up Saturday 10/01 counts and the swapped Friday 02/01 does not', () => {
    expect(due(at('2025-12-31', '09:00'), days(1))).toBe('09:00 05/01/2026');
    expect(due(at('2026-01-09', '09:00'), days(1))).toBe('09:00 10/01/2026');
  });

  it('DOMAIN.md §5 provisional 2027: Hùng Kings day Friday 16/04/2027 is skipped', () => {
    expect(due(at('2027-04-15', '10:00'), days(1))).toBe('10:00 19/04/2027');
  });

  it('DOMAIN.md §5 provisional 2030: Hùng Kings day Friday 12/04/2030 is skipped', () => {
    expect(due(at('2030-04-11', '16:00'), hours(2))).toBe('08:00 15/04/2030');
  });
});

describe('pauses stop the clock', () => {
  const start = at('2025-03-10', '08:00'); // Monday

  it('a pause of one working day pushes the deadline by one working day', () => {
    const pause = { from: at('2025-03-11', '10:00'), to: at('2025-03-12', '10:00') };
    expect(due(start, days(3))).toBe('08:00 13/03/2025');
    expect(due(start, days(3), [pause])).toBe('08:00 14/03/2025');
  });

  it('overlapping pauses count their union once, in any order', () => {
    const pauses = [
      { from: at('2025-03-11', '14:00'), to: at('2025-03-11', '16:00') },
      { from: at('2025-03-11', '09:00'), to: at('2025-03-11', '15:00') },
    ];
    // 12 hours are due Tuesday 14:00; the union 09:00–16:00 holds 5 working hours, so Wednesday 09:00.
    expect(due(start, hours(12))).toBe('14:00 11/03/2025');
    expect(due(start, hours(12), pauses)).toBe('09:00 12/03/2025');
  });

  it('pauses before the start, after the deadline or outside working hours change nothing', () => {
    const pauses = [
      { from: at('2025-03-07', '08:00'), to: at('2025-03-10', '08:00') },
      { from: at('2025-03-13', '08:00'), to: at('2025-03-20', '08:00') },
      { from: at('2025-03-15', '08:00'), to: at('2025-03-16', '18:00') },
      { from: at('2025-03-11', '11:00'), to: at('2025-03-11', '13:00') },
    ];
    expect(due(start, days(3), pauses)).toBe('08:00 13/03/2025');
  });

  it('a pause that starts after the clock ran out at a period end does not count (due 11:00, given as 13:00)', () => {
    const pause = { from: at('2025-03-10', '11:30'), to: at('2025-03-10', '14:00') };
    expect(due(at('2025-03-10', '09:00'), hours(2), [pause])).toBe('13:00 10/03/2025');
  });

  it('a pause that covers the deadline carries the remaining time past its end', () => {
    const pause = { from: at('2025-03-10', '10:00'), to: at('2025-03-17', '10:00') };
    // 2 hours ran before the pause; the last hour runs 10:00–11:00 after it, and 11:00 is given as 13:00.
    expect(due(start, hours(3), [pause])).toBe('13:00 17/03/2025');
  });

  it('property: working time from start to deadline minus paused working time equals the duration', () => {
    const FROM = at('2024-01-01', '00:00') / MINUTE_MS;
    const TO = at('2035-01-01', '00:00') / MINUTE_MS;
    const instant = fc.integer({ min: FROM, max: TO }).map((m) => m * MINUTE_MS);
    const pause = fc.tuple(instant, fc.integer({ min: 0, max: 20_000 })).map(([from, length]) => ({
      from,
      to: from + length * MINUTE_MS,
    }));
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 400 }), fc.array(pause, { maxLength: 4 }), (start, h, pauses) => {
        const end = deadline(calendar, start, hours(h), pauses);
        expect(isWorkingTime(calendar, end)).toBe(true);
        expect(end).toBeGreaterThanOrEqual(deadline(calendar, start, hours(h)));
        // Paused working time within [start, end], counting overlaps once, minute by minute on a 1-minute grid.
        const stopped = new Set<number>();
        for (const p of pauses) {
          for (let m = Math.max(p.from, start); m < Math.min(p.to, end); m += MINUTE_MS) {
            if (isWorkingTime(calendar, m)) stopped.add(m);
          }
        }
        expect(workingMinutesBetween(calendar, start, end) - stopped.size).toBe(h * 60);
      }),
      { numRuns: 60 },
    );
  });
});

describe('counting start and the paper cut-off (15:00 in the demo calendar)', () => {
  it.each([
    ['desk', '2025-03-10', '14:59', '14:59 10/03/2025'],
    ['desk', '2025-03-10', '15:00', '07:00 11/03/2025'],
    ['post', '2025-03-10', '16:30', '07:00 11/03/2025'],
    ['online', '2025-03-10', '16:30', '16:30 10/03/2025'],
    ['online', '2025-03-10', '17:30', '07:00 11/03/2025'],
    ['desk', '2025-03-10', '06:30', '07:00 10/03/2025'],
    ['desk', '2025-04-25', '15:30', '07:00 26/04/2025'], // the next working day is the make-up Saturday
    ['post', '2025-01-24', '15:10', '07:00 03/02/2025'], // Friday before Tết 2025
  ] as const)('%s dossier received %s %s starts counting at %s', (channel, date, time, expected) => {
    expect(formatVnInstant(countingStart(calendar, at(date, time), channel))).toBe(expected);
  });

  it('without a cut-off, a paper dossier starts at the next working instant', () => {
    const noCutOff = buildCalendar({ ...calendar.definition, paperCutOff: null });
    expect(formatVnInstant(countingStart(noCutOff, at('2025-03-10', '16:30'), 'desk'))).toBe('16:30 10/03/2025');
  });
});
