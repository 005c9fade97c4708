// The leaders' dashboard (bảng theo dõi): within the reader's `dossier.read` scope, and optionally one agency's
// subtree, the dossiers received in a period by their status now, the overdue dossiers still running, and how many
// returned results were early, on time or late, by resolving agency and by its handling department (phòng thụ lý),
// week by week (or month by month). Read-only aggregates in SQL, one row per agency, department and day; the
// grouping into periods, the totals and the rates are pure (tested beside this file).
import { expressionBuilder, type Kysely, type RawBuilder, sql } from 'kysely';
import { type Actor, inScope } from '../../platform/auth/actor.ts';
import type { DB } from '../../platform/db/schema.ts';
import { invalidField } from '../../platform/http/problem.ts';
import { formatIsoDate, parseIsoDate, vnMidnight, weekdayOf } from '../calendar/vn-time.ts';
import type { MacroStatus } from '../workflow/definition.ts';
import { MACRO_STATUS_NAMES } from '../workflow/statuses.ts';
import { HANDLING_DEPARTMENT, readable, resolvedWithin } from './list.ts';

export interface DashboardQuery {
  from: string;
  to: string;
  agency?: string;
  granularity?: Granularity;
}

/** Periods longer than this are shown month by month, shorter ones week by week, unless the reader chooses. */
const WEEKLY_UP_TO_DAYS = 92;
/** At most one year at a time: a dashboard, not a data export. */
const MAX_DAYS = 366;
const OVERDUE_SHOWN = 20;
/** Where returned dossiers that no department of their resolving agency handled are counted. */
export const UNKNOWN_DEPARTMENT = 'Không xác định';

export type Granularity = 'week' | 'month';

/** The first day (YYYY-MM-DD) of the week (Monday) or month a day falls in. */
export function periodOf(day: string, granularity: Granularity): string {
  if (granularity === 'month') return `${day.slice(0, 7)}-01`;
  const epochDay = parseIsoDate(day);
  return formatIsoDate(epochDay - ((weekdayOf(epochDay) + 6) % 7));
}

/** The days of a period that fall within the dashboard's range: what a drill-down into the period lists. */
export function daysOf(period: string, granularity: Granularity, range: DayRange): DayRange {
  const start = parseIsoDate(period);
  const next = granularity === 'week' ? start + 7 : parseIsoDate(periodOf(formatIsoDate(start + 31), 'month'));
  return {
    from: formatIsoDate(Math.max(start, parseIsoDate(range.from))),
    to: formatIsoDate(Math.min(next - 1, parseIsoDate(range.to))),
  };
}

export interface DayRange {
  from: string;
  to: string;
}

export interface Outcomes {
  early: number;
  onTime: number;
  late: number;
}

/** Early and on-time returns as a share of all returns (0 to 1), null when nothing was returned. */
export function onTimeRate(o: Outcomes): number | null {
  const total = o.early + o.onTime + o.late;
  return total === 0 ? null : (o.early + o.onTime) / total;
}

/** Returned dossiers of one resolving agency, handling department and day. */
export interface ReturnedDay extends Outcomes {
  agencyId: string;
  agencyName: string;
  /** Null when no department of the resolving agency handled it (docs/dossiers.md, "Phòng thụ lý"). */
  departmentId: string | null;
  departmentName: string | null;
  /** Whether the resolving agency is within the reader's scope: only then are its departments shown. */
  inScope: boolean;
  day: string;
}

export interface PeriodFigures extends Outcomes, DayRange {
  period: string;
  rate: number | null;
}

export interface Totals extends Outcomes {
  rate: number | null;
}

export interface AgencySeries {
  agencyId: string;
  agencyName: string;
  total: Totals;
  periods: PeriodFigures[];
}

export interface DepartmentSeries {
  departmentId: string | null;
  departmentName: string;
  total: Totals;
  periods: PeriodFigures[];
}

export interface AgencyDepartments {
  agencyId: string;
  agencyName: string;
  departments: DepartmentSeries[];
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

const sum = (rows: readonly Outcomes[]): Outcomes => ({
  early: rows.reduce((n, r) => n + r.early, 0),
  onTime: rows.reduce((n, r) => n + r.onTime, 0),
  late: rows.reduce((n, r) => n + r.late, 0),
});

const withRate = (o: Outcomes): Totals => ({ ...o, rate: onTimeRate(o) });

/** Days summed into their periods, in order, each with the days of the range it covers. */
function periodsOf(days: readonly ReturnedDay[], granularity: Granularity, range: DayRange): PeriodFigures[] {
  return [...groupBy(days, (d) => periodOf(d.day, granularity))]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([period, rows]) => ({ period, ...daysOf(period, granularity, range), ...withRate(sum(rows)) }));
}

const byName = (a: string, b: string) => a.localeCompare(b, 'vi');

/** Returned dossiers per resolving agency and period; agencies by name, periods in order. */
export function onTimeSeries(days: readonly ReturnedDay[], granularity: Granularity, range: DayRange): AgencySeries[] {
  return [...groupBy(days, (d) => d.agencyId).values()]
    .map((rows) => ({
      agencyId: rows[0]!.agencyId,
      agencyName: rows[0]!.agencyName,
      total: withRate(sum(rows)),
      periods: periodsOf(rows, granularity, range),
    }))
    .sort((a, b) => byName(a.agencyName, b.agencyName));
}

/**
 * The same returns per handling department of each resolving agency within the reader's scope: departments by
 * name, those returned without a department last, under "Không xác định".
 */
export function departmentSeries(
  days: readonly ReturnedDay[],
  granularity: Granularity,
  range: DayRange,
): AgencyDepartments[] {
  const own = days.filter((d) => d.inScope);
  return [...groupBy(own, (d) => d.agencyId).values()]
    .map((rows) => ({
      agencyId: rows[0]!.agencyId,
      agencyName: rows[0]!.agencyName,
      departments: [...groupBy(rows, (d) => d.departmentId ?? '').values()]
        .map((dept) => ({
          departmentId: dept[0]!.departmentId,
          departmentName: dept[0]!.departmentName ?? UNKNOWN_DEPARTMENT,
          total: withRate(sum(dept)),
          periods: periodsOf(dept, granularity, range),
        }))
        .sort((a, b) =>
          a.departmentId === null || b.departmentId === null
            ? Number(a.departmentId === null) - Number(b.departmentId === null)
            : byName(a.departmentName, b.departmentName),
        ),
    }))
    .sort((a, b) => byName(a.agencyName, b.agencyName));
}

function period(query: DashboardQuery): { from: Date; to: Date; days: number } {
  const day = (field: 'from' | 'to', value: string) => {
    try {
      return parseIsoDate(value);
    } catch {
      throw invalidField(field, 'Ngày phải có dạng YYYY-MM-DD.');
    }
  };
  const from = day('from', query.from);
  const to = day('to', query.to);
  if (to < from) throw invalidField('to', 'Ngày kết thúc phải từ ngày bắt đầu trở đi.');
  if (to - from + 1 > MAX_DAYS) throw invalidField('to', `Mỗi lần xem tối đa ${MAX_DAYS} ngày.`);
  return { from: new Date(vnMidnight(from)), to: new Date(vnMidnight(to + 1)), days: to - from + 1 };
}

export async function dashboard(db: Kysely<DB>, actor: Actor, query: DashboardQuery) {
  const { from, to, days } = period(query);
  const granularity: Granularity = query.granularity ?? (days <= WEEKLY_UP_TO_DAYS ? 'week' : 'month');
  const conds: RawBuilder<boolean>[] = [readable(actor)];
  if (query.agency) conds.push(resolvedWithin(query.agency));
  const where = sql.join(conds, sql` AND `);

  const statuses = await sql<{ status: MacroStatus; count: number }>`
    SELECT d.status, count(*)::int AS count FROM dossier d
    WHERE ${where} AND d.received_at >= ${from} AND d.received_at < ${to}
    GROUP BY d.status`.execute(db);

  const overdue = await sql<{
    id: string;
    code: string | null;
    procedure_name: string;
    applicant_name: string;
    agency_name: string;
    due_at: Date;
    status: MacroStatus;
  }>`
    SELECT d.id, d.code, d.procedure_name, d.applicant_name, a.name AS agency_name, d.due_at, d.status
    FROM dossier d JOIN agency a ON a.id = d.current_agency_id
    WHERE ${where} AND d.due_state = 'overdue' AND d.returned_at IS NULL
    ORDER BY d.due_at, d.id LIMIT ${OVERDUE_SHOWN + 1}`.execute(db);

  // The day of return in Vietnam: UTC wall time plus seven hours (no time zone database needed). The handling
  // department is looked up only for agencies whose departments the reader may see, once per dossier (MATERIALIZED:
  // inlined, the planner would run the lookup again for the grouping).
  const own = inScope(actor, 'dossier.read', 'd.resolving_agency_id')(expressionBuilder<DB, 'dossier'>());
  const returned = await sql<ReturnedDay>`
    WITH r AS MATERIALIZED (
      SELECT d.resolving_agency_id, d.outcome, ${own} AS own,
        to_char((d.returned_at AT TIME ZONE 'UTC') + interval '7 hours', 'YYYY-MM-DD') AS day,
        CASE WHEN ${own} THEN ${HANDLING_DEPARTMENT} END AS department_id
      FROM dossier d
      WHERE ${where} AND d.returned_at >= ${from} AND d.returned_at < ${to} AND d.outcome IS NOT NULL)
    SELECT r.resolving_agency_id AS "agencyId", a.name AS "agencyName", r.own AS "inScope",
      r.department_id AS "departmentId", p.name AS "departmentName", r.day,
      count(*) FILTER (WHERE r.outcome = 'early')::int AS early,
      count(*) FILTER (WHERE r.outcome = 'on_time')::int AS "onTime",
      count(*) FILTER (WHERE r.outcome = 'late')::int AS late
    FROM r JOIN agency a ON a.id = r.resolving_agency_id LEFT JOIN department p ON p.id = r.department_id
    GROUP BY 1, 2, 3, 4, 5, 6`.execute(db);
  const range = { from: query.from, to: query.to };

  return {
    from: query.from,
    to: query.to,
    granularity,
    byStatus: statuses.rows
      .map((r) => ({ status: r.status, name: MACRO_STATUS_NAMES[r.status] ?? r.status, count: r.count }))
      .sort((a, b) => b.count - a.count),
    overdue: {
      more: overdue.rows.length > OVERDUE_SHOWN,
      items: overdue.rows.slice(0, OVERDUE_SHOWN).map((r) => ({
        id: r.id,
        code: r.code,
        procedureName: r.procedure_name,
        applicantName: r.applicant_name,
        agencyName: r.agency_name,
        status: r.status,
        dueAt: new Date(r.due_at).toISOString(),
      })),
    },
    onTime: onTimeSeries(returned.rows, granularity, range),
    byDepartment: departmentSeries(returned.rows, granularity, range),
  };
}
