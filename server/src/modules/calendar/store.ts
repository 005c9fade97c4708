// Queries of the working calendar: the calendars that apply to an agency, their contents, and their changes.
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';
import type { YearStatus } from './effective.ts';
import type { CalendarEntry } from './holidays.ts';
import type { Period } from './working-time.ts';

type Db = Kysely<DB>;

const CALENDAR_COLUMNS = [
  'c.id',
  'c.agency_id',
  'c.is_province',
  'c.name',
  'c.own_hours',
  'c.paper_cut_off',
  'c.version',
] as const;

type Unqualified = (typeof CALENDAR_COLUMNS)[number] extends `c.${infer C}` ? C : never;

export interface CalendarRow {
  id: string;
  agency_id: string;
  is_province: boolean;
  name: string;
  own_hours: boolean;
  paper_cut_off: number | null;
  version: number;
}

/** The province's calendar and the overrides of the agency and its ancestors, each with its distance from the
 * agency (null for the province's when it is not an ancestor). Without an agency: the province's alone. */
export function calendarChain(db: Db, agencyId: string | null) {
  return db
    .selectFrom('calendar as c')
    .leftJoin('agency_closure as ac', (join) =>
      join.onRef('ac.ancestor_id', '=', 'c.agency_id').on('ac.descendant_id', '=', agencyId ?? sql<string>`NULL`),
    )
    .select([...CALENDAR_COLUMNS, 'ac.depth'])
    .where((eb) => eb.or([eb('c.is_province', '=', true), eb('ac.depth', 'is not', null)]))
    .execute();
}

export function provinceCalendar(db: Db): Promise<CalendarRow | undefined> {
  return db.selectFrom('calendar as c').select(CALENDAR_COLUMNS).where('c.is_province', '=', true).executeTakeFirst();
}

export function calendarOfAgency(db: Db, agencyId: string): Promise<CalendarRow | undefined> {
  return db.selectFrom('calendar as c').select(CALENDAR_COLUMNS).where('c.agency_id', '=', agencyId).executeTakeFirst();
}

export function findAgency(db: Db, ref: { id: string } | { identifier: string }) {
  const query = db.selectFrom('agency').select(['id', 'identifier', 'name']);
  return (
    'id' in ref ? query.where('id', '=', ref.id) : query.where('identifier', '=', ref.identifier)
  ).executeTakeFirst();
}

export interface CalendarContents {
  entries: (CalendarEntry & { calendarId: string })[];
  periods: { calendarId: string; day: number; period: Period }[];
  years: {
    calendarId: string;
    year: number;
    status: YearStatus;
    confirmedAt: Date | null;
    confirmedBy: string | null;
  }[];
}

export async function loadContents(db: Db, calendarIds: string[]): Promise<CalendarContents> {
  const [entries, periods, years] = await Promise.all([
    db
      .selectFrom('calendar_entry')
      .select(['calendar_id', 'date', 'kind', 'name', 'legal_note'])
      .where('calendar_id', 'in', calendarIds)
      .orderBy('date')
      .execute(),
    db
      .selectFrom('calendar_period')
      .select(['calendar_id', 'day', 'start_minute', 'end_minute'])
      .where('calendar_id', 'in', calendarIds)
      .orderBy('day')
      .orderBy('start_minute')
      .execute(),
    db
      .selectFrom('calendar_year as y')
      .leftJoin('staff as s', 's.id', 'y.confirmed_by')
      .select(['y.calendar_id', 'y.year', 'y.status', 'y.confirmed_at', 's.full_name'])
      .where('y.calendar_id', 'in', calendarIds)
      .execute(),
  ]);
  return {
    entries: entries.map((e) => ({
      calendarId: e.calendar_id,
      date: e.date,
      kind: e.kind,
      name: e.name,
      legalNote: e.legal_note,
    })),
    periods: periods.map((p) => ({
      calendarId: p.calendar_id,
      day: p.day,
      period: { start: p.start_minute, end: p.end_minute },
    })),
    years: years.map((y) => ({
      calendarId: y.calendar_id,
      year: y.year,
      status: y.status,
      confirmedAt: y.confirmed_at,
      confirmedBy: y.full_name,
    })),
  };
}

/** Bumps the version of a calendar if it is still `expected`; undefined when someone changed it in between. */
export function bumpVersion(db: Db, id: string, expected: number, now: Date): Promise<CalendarRow | undefined> {
  return db
    .updateTable('calendar as c')
    .set({ version: expected + 1, updated_at: now })
    .where('c.id', '=', id)
    .where('c.version', '=', expected)
    .returning(CALENDAR_COLUMNS)
    .executeTakeFirst();
}

/** Creates a calendar (version 1); undefined when the agency got one concurrently. */
export function insertCalendar(
  db: Db,
  row: { agency_id: string; name: string; is_province?: boolean; own_hours?: boolean; paper_cut_off?: number | null },
): Promise<CalendarRow | undefined> {
  return db
    .insertInto('calendar')
    .values(row)
    .onConflict((oc) => oc.column('agency_id').doNothing())
    .returning(CALENDAR_COLUMNS.map((c) => c.slice(2) as Unqualified))
    .executeTakeFirst();
}

export async function replaceHours(
  db: Db,
  calendarId: string,
  days: readonly (readonly Period[])[],
  paperCutOff: number | null,
): Promise<void> {
  await db.deleteFrom('calendar_period').where('calendar_id', '=', calendarId).execute();
  const rows = days.flatMap((periods, day) =>
    periods.map((p) => ({ calendar_id: calendarId, day, start_minute: p.start, end_minute: p.end })),
  );
  if (rows.length) await db.insertInto('calendar_period').values(rows).execute();
  await db
    .updateTable('calendar')
    .set({ own_hours: true, paper_cut_off: paperCutOff })
    .where('id', '=', calendarId)
    .execute();
}

const yearRange = (year: number) => [
  `${String(year).padStart(4, '0')}-01-01`,
  `${String(year + 1).padStart(4, '0')}-01-01`,
];

export async function replaceYearEntries(
  db: Db,
  calendarId: string,
  year: number,
  entries: readonly CalendarEntry[],
): Promise<number> {
  const [from, to] = yearRange(year);
  const removed = await db
    .deleteFrom('calendar_entry')
    .where('calendar_id', '=', calendarId)
    .where('date', '>=', from!)
    .where('date', '<', to!)
    .executeTakeFirst();
  if (entries.length) {
    await db
      .insertInto('calendar_entry')
      .values(
        entries.map((e) => ({
          calendar_id: calendarId,
          date: e.date,
          kind: e.kind,
          name: e.name,
          legal_note: e.legalNote,
        })),
      )
      .execute();
  }
  return Number(removed.numDeletedRows);
}

export async function setYearStatus(
  db: Db,
  calendarId: string,
  year: number,
  status: YearStatus,
  confirmation: { by: string | null; at: Date } | null = null,
): Promise<void> {
  const values = { status, confirmed_by: confirmation?.by ?? null, confirmed_at: confirmation?.at ?? null };
  await db
    .insertInto('calendar_year')
    .values({ calendar_id: calendarId, year, ...values })
    .onConflict((oc) => oc.columns(['calendar_id', 'year']).doUpdateSet(values))
    .execute();
}

export function yearRow(db: Db, calendarId: string, year: number) {
  return db
    .selectFrom('calendar_year')
    .select(['status'])
    .where('calendar_id', '=', calendarId)
    .where('year', '=', year)
    .executeTakeFirst();
}
