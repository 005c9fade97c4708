// The leaders' dashboard (bảng theo dõi): within the reader's `dossier.read` scope, and optionally one agency's
// subtree, the dossiers received in a period by their status now, the overdue dossiers still running, and how many
// returned results were early, on time or late, by resolving agency and week (or month, for a longer period).
// Read-only aggregates in SQL; the grouping of days into weeks and months is pure (tested beside this file).
import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Actor } from '../../platform/auth/actor.ts';
import type { DB } from '../../platform/db/schema.ts';
import { invalidField } from '../../platform/http/problem.ts';
import { formatIsoDate, parseIsoDate, vnMidnight, weekdayOf } from '../calendar/vn-time.ts';
import type { MacroStatus } from '../workflow/definition.ts';
import { MACRO_STATUS_NAMES } from '../workflow/statuses.ts';
import { readable } from './list.ts';

export interface DashboardQuery {
  from: string;
  to: string;
  agency?: string;
}

/** Periods longer than this are shown month by month, shorter ones week by week. */
const WEEKLY_UP_TO_DAYS = 92;
/** At most one year at a time: a dashboard, not a data export. */
const MAX_DAYS = 366;
const OVERDUE_SHOWN = 20;

export type Granularity = 'week' | 'month';

/** The first day (YYYY-MM-DD) of the week (Monday) or month a day falls in. */
export function periodOf(day: string, granularity: Granularity): string {
  if (granularity === 'month') return `${day.slice(0, 7)}-01`;
  const epochDay = parseIsoDate(day);
  return formatIsoDate(epochDay - ((weekdayOf(epochDay) + 6) % 7));
}

export interface ReturnedDay {
  agencyId: string;
  agencyName: string;
  day: string;
  early: number;
  onTime: number;
  late: number;
}

export interface AgencySeries {
  agencyId: string;
  agencyName: string;
  periods: { period: string; early: number; onTime: number; late: number }[];
}

/** Returned dossiers per agency and day, summed into periods; agencies by name, periods in order. */
export function onTimeSeries(days: ReturnedDay[], granularity: Granularity): AgencySeries[] {
  const agencies = new Map<string, AgencySeries>();
  for (const d of days) {
    const series = agencies.get(d.agencyId) ?? { agencyId: d.agencyId, agencyName: d.agencyName, periods: [] };
    agencies.set(d.agencyId, series);
    const period = periodOf(d.day, granularity);
    let slot = series.periods.find((p) => p.period === period);
    if (!slot) {
      slot = { period, early: 0, onTime: 0, late: 0 };
      series.periods.push(slot);
    }
    slot.early += d.early;
    slot.onTime += d.onTime;
    slot.late += d.late;
  }
  const all = [...agencies.values()];
  for (const s of all) s.periods.sort((a, b) => a.period.localeCompare(b.period));
  return all.sort((a, b) => a.agencyName.localeCompare(b.agencyName, 'vi'));
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
  const granularity: Granularity = days <= WEEKLY_UP_TO_DAYS ? 'week' : 'month';
  const conds: RawBuilder<boolean>[] = [readable(actor)];
  if (query.agency) {
    conds.push(
      sql<boolean>`d.resolving_agency_id IN (SELECT descendant_id FROM agency_closure WHERE ancestor_id = ${query.agency}::uuid)`,
    );
  }
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

  // The day of return in Vietnam: UTC wall time plus seven hours (no time zone database needed).
  const returned = await sql<ReturnedDay>`
    SELECT d.resolving_agency_id AS "agencyId", a.name AS "agencyName",
      to_char((d.returned_at AT TIME ZONE 'UTC') + interval '7 hours', 'YYYY-MM-DD') AS day,
      count(*) FILTER (WHERE d.outcome = 'early')::int AS early,
      count(*) FILTER (WHERE d.outcome = 'on_time')::int AS "onTime",
      count(*) FILTER (WHERE d.outcome = 'late')::int AS late
    FROM dossier d JOIN agency a ON a.id = d.resolving_agency_id
    WHERE ${where} AND d.returned_at >= ${from} AND d.returned_at < ${to} AND d.outcome IS NOT NULL
    GROUP BY 1, 2, 3`.execute(db);

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
    onTime: onTimeSeries(returned.rows, granularity),
  };
}
