import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatIsoDate, parseIsoDate, weekdayOf } from '../calendar/vn-time.ts';
import { onTimeSeries, periodOf, type ReturnedDay } from './dashboard.ts';

describe('periods of the dashboard', () => {
  it('starts a week on Monday and a month on its first day', () => {
    expect(periodOf('2025-03-12', 'week')).toBe('2025-03-10'); // a Wednesday
    expect(periodOf('2025-03-10', 'week')).toBe('2025-03-10'); // the Monday itself
    expect(periodOf('2025-03-16', 'week')).toBe('2025-03-10'); // the Sunday after
    expect(periodOf('2025-01-01', 'week')).toBe('2024-12-30'); // across the year
    expect(periodOf('2025-02-28', 'month')).toBe('2025-02-01');
  });

  it('puts every day in a week that starts on a Monday at most six days before it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40_000 }), (epochDay) => {
        const start = parseIsoDate(periodOf(formatIsoDate(epochDay), 'week'));
        expect(weekdayOf(start)).toBe(1);
        expect(epochDay - start).toBeGreaterThanOrEqual(0);
        expect(epochDay - start).toBeLessThan(7);
      }),
    );
  });
});

describe('on-time series', () => {
  const day = (agencyId: string, d: string, early: number, onTime: number, late: number): ReturnedDay => ({
    agencyId,
    agencyName: agencyId === 'a' ? 'Ủy ban nhân dân Phường 1' : 'Sở Tư pháp',
    day: d,
    early,
    onTime,
    late,
  });

  it('sums days into periods per agency, in order', () => {
    const series = onTimeSeries(
      [
        day('a', '2025-03-12', 1, 0, 0),
        day('b', '2025-03-04', 0, 0, 2),
        day('a', '2025-03-03', 2, 1, 0),
        day('a', '2025-03-14', 0, 1, 1),
      ],
      'week',
    );
    expect(series).toEqual([
      {
        agencyId: 'b',
        agencyName: 'Sở Tư pháp',
        periods: [{ period: '2025-03-03', early: 0, onTime: 0, late: 2 }],
      },
      {
        agencyId: 'a',
        agencyName: 'Ủy ban nhân dân Phường 1',
        periods: [
          { period: '2025-03-03', early: 2, onTime: 1, late: 0 },
          { period: '2025-03-10', early: 1, onTime: 1, late: 1 },
        ],
      },
    ]);
  });

  it('loses no returned dossier whatever the grouping', () => {
    const days = fc.array(
      fc.record({
        agencyId: fc.constantFrom('a', 'b', 'c'),
        agencyName: fc.constant('x'),
        day: fc.integer({ min: 20_000, max: 20_400 }).map(formatIsoDate),
        early: fc.nat(5),
        onTime: fc.nat(5),
        late: fc.nat(5),
      }),
    );
    fc.assert(
      fc.property(days, fc.constantFrom('week' as const, 'month' as const), (rows, granularity) => {
        const total = (xs: { early: number; onTime: number; late: number }[]) =>
          xs.reduce((n, x) => n + x.early + x.onTime + x.late, 0);
        expect(total(onTimeSeries(rows, granularity).flatMap((s) => s.periods))).toBe(total(rows));
      }),
    );
  });
});
