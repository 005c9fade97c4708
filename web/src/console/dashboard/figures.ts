// What the dashboard's charts and tables share: its answer's types, rates as people read them, and the address of
// the list of dossiers behind a figure (the work-queue list, filtered: /can-bo/hang-doi?hang=all&…).
import type { paths } from '../../api/schema';

export type Dashboard = paths['/api/v1/dossiers/dashboard']['get']['responses'][200]['content']['application/json'];
export type AgencySeries = Dashboard['onTime'][number];
export type AgencyDepartments = Dashboard['byDepartment'][number];
export type DepartmentSeries = AgencyDepartments['departments'][number];
export type Figures = AgencySeries['total'];
export type Period = AgencySeries['periods'][number];
export type Outcome = 'early' | 'on_time' | 'late';
export const OUTCOMES: readonly Outcome[] = ['early', 'on_time', 'late'];
export const outcomeCount = (f: Figures, o: Outcome) => (o === 'on_time' ? f.onTime : f[o]);

export const PALETTE = ['#b71c1c', '#0d47a1', '#1b5e20', '#6a1b9a', '#e65100', '#006064', '#4e342e', '#37474f'];
/** Early, on time, late: green, blue, red, each with enough contrast on white for its label. */
export const OUTCOME_COLOURS: Record<Outcome, string> = { early: '#1b5e20', on_time: '#0d47a1', late: '#b71c1c' };

/** A rate (0–1) in per cent with one decimal, null when nothing was returned. */
export const percent = (rate: number | null) => (rate === null ? null : Math.round(rate * 1000) / 10);
export const percentText = (rate: number | null) => (rate === null ? '—' : `${percent(rate)}%`);

/** The filters of the list behind a figure. */
export type Drill = Record<string, string>;

export const listOf = (query: Drill) => `/can-bo/hang-doi?${new URLSearchParams({ hang: 'all', ...query })}`;

/** Returned by an agency (exactly), within a range of days, optionally handled by a department and with an outcome. */
export function returnedBy(
  agencyId: string,
  days: { from: string; to: string },
  more: { department?: string | null; outcome?: Outcome } = {},
): Drill {
  return {
    resolvingAgency: agencyId,
    returnedFrom: days.from,
    returnedTo: days.to,
    ...(more.department !== undefined ? { department: more.department ?? 'none' } : {}),
    ...(more.outcome ? { outcome: more.outcome } : {}),
  };
}

/** Every period start of some series, in order: the x axis of a chart over time. */
export const periodsOf = (series: { periods: Period[] }[]) =>
  [...new Set(series.flatMap((s) => s.periods.map((p) => p.period)))].sort();
