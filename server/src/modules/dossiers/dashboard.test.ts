import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatIsoDate, parseIsoDate, weekdayOf } from '../calendar/vn-time.ts';
import {
  type AgencySeries,
  daysOf,
  departmentSeries,
  onTimeRate,
  onTimeSeries,
  type PeriodFigures,
  periodOf,
  type ReturnedDay,
  UNKNOWN_DEPARTMENT,
} from './dashboard.ts';

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

  it('gives the days of a period within the range viewed', () => {
    const range = { from: '2025-02-05', to: '2025-03-12' };
    expect(daysOf('2025-02-03', 'week', range)).toEqual({ from: '2025-02-05', to: '2025-02-09' });
    expect(daysOf('2025-02-17', 'week', range)).toEqual({ from: '2025-02-17', to: '2025-02-23' });
    expect(daysOf('2025-02-01', 'month', range)).toEqual({ from: '2025-02-05', to: '2025-02-28' });
    expect(daysOf('2025-03-01', 'month', range)).toEqual({ from: '2025-03-01', to: '2025-03-12' });
    expect(daysOf('2024-02-01', 'month', { from: '2024-01-01', to: '2024-12-31' }).to).toBe('2024-02-29');
  });

  it('covers each day of the range by exactly the period it falls in', () => {
    const range = fc
      .tuple(fc.integer({ min: 19_000, max: 21_000 }), fc.integer({ min: 0, max: 365 }))
      .map(([start, length]) => ({ from: formatIsoDate(start), to: formatIsoDate(start + length) }));
    fc.assert(
      fc.property(range, fc.constantFrom('week' as const, 'month' as const), (r, granularity) => {
        for (let day = parseIsoDate(r.from); day <= parseIsoDate(r.to); day++) {
          const iso = formatIsoDate(day);
          const days = daysOf(periodOf(iso, granularity), granularity, r);
          expect(days.from <= iso && iso <= days.to).toBe(true);
          expect(days.from >= r.from && days.to <= r.to).toBe(true);
        }
      }),
    );
  });
});

const day = (agencyId: string, d: string, early: number, onTime: number, late: number): ReturnedDay => ({
  agencyId,
  agencyName: agencyId === 'a' ? 'Ủy ban nhân dân Phường 1' : 'Sở Tư pháp',
  departmentId: null,
  departmentName: null,
  inScope: true,
  day: d,
  early,
  onTime,
  late,
});

const MARCH = { from: '2025-03-01', to: '2025-03-31' };

describe('on-time series by agency', () => {
  it('sums days into periods per agency, in order, with totals and rates', () => {
    const series = onTimeSeries(
      [
        day('a', '2025-03-12', 1, 0, 0),
        day('b', '2025-03-04', 0, 0, 2),
        day('a', '2025-03-03', 2, 1, 0),
        day('a', '2025-03-14', 0, 1, 1),
      ],
      'week',
      MARCH,
    );
    expect(series).toEqual([
      {
        agencyId: 'b',
        agencyName: 'Sở Tư pháp',
        total: { early: 0, onTime: 0, late: 2, rate: 0 },
        periods: [
          { period: '2025-03-03', from: '2025-03-03', to: '2025-03-09', early: 0, onTime: 0, late: 2, rate: 0 },
        ],
      },
      {
        agencyId: 'a',
        agencyName: 'Ủy ban nhân dân Phường 1',
        total: { early: 3, onTime: 2, late: 1, rate: 5 / 6 },
        periods: [
          { period: '2025-03-03', from: '2025-03-03', to: '2025-03-09', early: 2, onTime: 1, late: 0, rate: 1 },
          { period: '2025-03-10', from: '2025-03-10', to: '2025-03-16', early: 1, onTime: 1, late: 1, rate: 2 / 3 },
        ],
      },
    ]);
  });

  it('has no rate when nothing was returned', () => {
    expect(onTimeRate({ early: 0, onTime: 0, late: 0 })).toBeNull();
  });
});

describe('on-time series by department', () => {
  it('names departments, puts those without one last under "Không xác định", hides agencies out of scope', () => {
    const of = (departmentId: string | null, departmentName: string | null, inScope = true) => ({
      ...day('b', '2025-03-05', 1, 0, 0),
      departmentId,
      departmentName,
      inScope,
    });
    const [stp, ...rest] = departmentSeries(
      [
        of(null, null),
        of('bt', 'Phòng Bổ trợ tư pháp'),
        of('hc', 'Phòng Hành chính tư pháp'),
        of('hc', 'Phòng Hành chính tư pháp'),
        { ...of('x', 'Phòng Tư pháp', false), agencyId: 'a' },
      ],
      'week',
      MARCH,
    );
    expect(rest).toEqual([]);
    expect(stp?.departments.map((d) => [d.departmentId, d.departmentName, d.total.early])).toEqual([
      ['bt', 'Phòng Bổ trợ tư pháp', 1],
      ['hc', 'Phòng Hành chính tư pháp', 2],
      [null, UNKNOWN_DEPARTMENT, 1],
    ]);
  });

  // Returned days of three agencies and four departments (one of them "none") over about a year.
  const returnedDays = fc.array(
    fc.record({
      agencyId: fc.constantFrom('a', 'b', 'c'),
      agencyName: fc.constant('x'),
      departmentId: fc.constantFrom('d1', 'd2', 'd3', null),
      departmentName: fc.constant('Phòng'),
      inScope: fc.constant(true),
      day: fc.integer({ min: 20_000, max: 20_365 }).map(formatIsoDate),
      early: fc.nat(5),
      onTime: fc.nat(5),
      late: fc.nat(5),
    }),
  );
  const granularities = fc.constantFrom('week' as const, 'month' as const);
  const YEAR = { from: formatIsoDate(20_000), to: formatIsoDate(20_365) };
  const count = (xs: { early: number; onTime: number; late: number }[]) =>
    xs.reduce((n, x) => n + x.early + x.onTime + x.late, 0);

  it('keeps rates in [0, 1], periods in order and early + on time + late = returned', () => {
    fc.assert(
      fc.property(returnedDays, granularities, (rows, granularity) => {
        const series: { total: AgencySeries['total']; periods: PeriodFigures[] }[] = [
          ...onTimeSeries(rows, granularity, YEAR),
          ...departmentSeries(rows, granularity, YEAR).flatMap((a) => a.departments),
        ];
        for (const s of series) {
          for (const figures of [s.total, ...s.periods]) {
            const returned = figures.early + figures.onTime + figures.late;
            expect(figures.rate).toBe(returned === 0 ? null : (figures.early + figures.onTime) / returned);
            if (figures.rate !== null) expect(figures.rate >= 0 && figures.rate <= 1).toBe(true);
          }
          const starts = s.periods.map((p) => p.period);
          expect(starts).toEqual([...new Set(starts)].sort());
          expect(count(s.periods)).toBe(count([s.total]));
        }
        expect(count(onTimeSeries(rows, granularity, YEAR).map((s) => s.total))).toBe(count(rows));
      }),
    );
  });

  it("adds up, department by department, to each agency's figures of every period", () => {
    fc.assert(
      fc.property(returnedDays, granularities, (rows, granularity) => {
        const departments = departmentSeries(rows, granularity, YEAR);
        for (const agency of onTimeSeries(rows, granularity, YEAR)) {
          const own = departments.find((d) => d.agencyId === agency.agencyId)?.departments ?? [];
          for (const p of agency.periods) {
            const same = own.flatMap((d) => d.periods.filter((q) => q.period === p.period));
            expect({ early: p.early, onTime: p.onTime, late: p.late }).toEqual({
              early: same.reduce((n, q) => n + q.early, 0),
              onTime: same.reduce((n, q) => n + q.onTime, 0),
              late: same.reduce((n, q) => n + q.late, 0),
            });
          }
          expect(own.filter((d) => d.departmentId === null).length).toBeLessThanOrEqual(1);
        }
      }),
    );
  });
});
