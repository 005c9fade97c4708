// Use cases of the working calendar: the effective calendar of an agency (cached per layer versions), the public
// year view and deadline computation, and the administrators' edits (hours, a year's entries, confirming a
// provisional year), each checked against the actor's scope, run in one transaction and audited.
import type { Kysely } from 'kysely';
import { type Actor, assertCan } from '../../platform/auth/actor.ts';
import { type AppContext, type Change, type Requester, runChange } from '../../platform/context.ts';
import type { Database } from '../../platform/db/connection.ts';
import { changedHere, NoticeCache } from '../../platform/db/notice-cache.ts';
import type { DB } from '../../platform/db/schema.ts';
import {
  conflict,
  type FieldError,
  forbidden,
  invalid,
  invalidField,
  notFound,
  preconditionFailed,
  unavailable,
} from '../../platform/http/problem.ts';
import { type Channel, countingStart, type Duration, deadline, type Pause } from './deadline.ts';
import { EffectiveCalendar, generatedSchedule, type Layer, layerKey, type YearInfo } from './effective.ts';
import { type CalendarEntry, isDayOff, statutoryHolidays, validateEntries } from './holidays.ts';
import * as store from './store.ts';
import {
  civilDateOf,
  formatVnDate,
  formatVnIsoInstant,
  type Instant,
  parseIsoDate,
  parseIsoInstant,
  vnDayOf,
  weekdayOf,
} from './vn-time.ts';
import { INDEX_FIRST_YEAR, INDEX_LAST_YEAR, type Period, validateDefinition } from './working-time.ts';

type Staffer = Requester & { actor: Actor };

// ---------- the effective calendar ----------

const CACHE_SIZE = 32;
/** The channel of migration 0017's triggers: a calendar or the agency tree changed. */
export const CALENDAR_CHANGED = 'calendar_changed';
const CHAIN_TTL_MS = 10 * 60_000;

type ChainRow = Awaited<ReturnType<typeof store.calendarChain>>[number];

/**
 * Per database (tests open many): effective calendars by key, and which calendars apply to each agency. The key
 * holds each layer's version, which every change bumps, so an effective calendar is never stale and several nodes
 * stay correct without talking to each other; the chains, read on every dossier action otherwise, are forgotten when
 * a calendar or the agency tree changes (NOTIFY, heard once the app listens: `calendarChains`).
 */
const caches = new WeakMap<Database, { effective: Map<string, EffectiveCalendar>; chains: NoticeCache<ChainRow[]> }>();

function cacheOf(ctx: AppContext) {
  let cache = caches.get(ctx.database);
  if (!cache) {
    // The process's own clock, not the context's (the demo seeding sets that to past days): the TTL is about memory.
    const chains = new NoticeCache<ChainRow[]>(CALENDAR_CHANGED, {
      maxEntries: 10_000,
      ttlMs: CHAIN_TTL_MS,
      now: Date.now,
    });
    cache = { effective: new Map(), chains };
    caches.set(ctx.database, cache);
  }
  return cache;
}

/** The chain cache of the app's database, for the app to listen for its changes while it runs. */
export const calendarChains = (ctx: AppContext) => cacheOf(ctx).chains;

/** A change to calendars commits: this process reads every chain again at once, the others when they hear it. */
export const forgetChainsAtCommit = (change: Pick<Change, 'afterCommit'>) =>
  change.afterCommit(() => changedHere(CALENDAR_CHANGED));

/** The province's calendar first, then the overrides from the farthest ancestor to the agency itself. */
const layerOrder = (a: ChainRow, b: ChainRow) =>
  a.is_province !== b.is_province ? (a.is_province ? -1 : 1) : (b.depth ?? 0) - (a.depth ?? 0);

function toLayer(row: ChainRow, contents: store.CalendarContents): Layer {
  const entriesByYear = new Map<number, CalendarEntry[]>();
  for (const { calendarId, ...entry } of contents.entries) {
    if (calendarId !== row.id) continue;
    const year = Number(entry.date.slice(0, 4));
    entriesByYear.set(year, [...(entriesByYear.get(year) ?? []), entry]);
  }
  const periods: Period[][] = Array.from({ length: 8 }, () => []);
  for (const p of contents.periods) if (p.calendarId === row.id) periods[p.day]!.push(p.period);
  const years = new Map<number, YearInfo>();
  for (const { calendarId, year, ...info } of contents.years) {
    if (calendarId === row.id) years.set(year, { ...info, stored: true });
  }
  return {
    id: row.id,
    agencyId: row.agency_id,
    isProvince: row.is_province,
    version: row.version,
    periods: row.own_hours ? periods : null,
    paperCutOff: row.paper_cut_off,
    entriesByYear,
    years,
  };
}

async function chainOf(ctx: AppContext, db: Kysely<DB>, agencyId: string | null): Promise<ChainRow[]> {
  const chains = cacheOf(ctx).chains;
  const key = agencyId ?? 'province';
  const known = chains.get(key);
  if (known) return known;
  const generation = chains.generation;
  const rows = (await store.calendarChain(db, agencyId)).sort(layerOrder);
  if (rows[0]?.is_province) chains.put(key, rows, generation);
  return rows;
}

/**
 * The calendar that applies to an agency (null: the province's default calendar). `db` is the transaction of a
 * caller that holds one (PGlite has one connection: a read outside it would wait for it).
 */
export async function effectiveCalendar(
  ctx: AppContext,
  agencyId: string | null,
  db: Kysely<DB> = ctx.database.db,
): Promise<EffectiveCalendar> {
  const rows = await chainOf(ctx, db, agencyId);
  if (!rows[0]?.is_province) {
    throw unavailable('Chưa có lịch làm việc của tỉnh: chạy "congso seed" hoặc tạo lịch của tỉnh trước.');
  }
  const cache = cacheOf(ctx).effective;
  const hit = cache.get(layerKey(rows.map((r) => ({ id: r.id, version: r.version }))));
  if (hit) return hit;
  const contents = await store.loadContents(
    db,
    rows.map((r) => r.id),
  );
  const calendar = new EffectiveCalendar(rows.map((r) => toLayer(r, contents)));
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
  cache.set(calendar.key, calendar);
  return calendar;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The `agency` parameter: an agency id or its QCVN 102 identifier; unknown is a 400 naming the parameter. */
async function agencyParam(db: Kysely<DB>, ref: string | undefined) {
  if (ref === undefined) return null;
  const agency = await store.findAgency(db, UUID.test(ref) ? { id: ref } : { identifier: ref });
  if (!agency)
    throw invalidField('agency', `Không tìm thấy cơ quan "${ref}" (cần mã UUID hoặc mã định danh QCVN 102).`);
  return agency;
}

// ---------- public: a year's days off, and deadlines ----------

const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null);

export async function yearView(ctx: AppContext, year: number, agencyRef?: string) {
  const agency = await agencyParam(ctx.database.db, agencyRef);
  const calendar = await effectiveCalendar(ctx, agency?.id ?? null);
  const info = calendar.yearInfo(year);
  return {
    year,
    agencyId: agency?.id ?? null,
    status: info.status,
    provisional: info.status === 'provisional',
    confirmedAt: isoOrNull(info.confirmedAt),
    confirmedBy: info.confirmedBy,
    entries: calendar.entriesOf(year).map(({ entry, layer, provisional }) => ({
      date: entry.date,
      weekday: weekdayOf(parseIsoDate(entry.date)),
      kind: entry.kind,
      dayOff: isDayOff(entry.kind),
      name: entry.name,
      legalNote: entry.legalNote,
      provisional,
      source: layer.isProvince ? ('province' as const) : ('agency' as const),
      sourceAgencyId: layer.agencyId,
    })),
    statutoryHolidays: statutoryHolidays(year).map((h) => ({ ...h, weekday: weekdayOf(parseIsoDate(h.date)) })),
  };
}

export interface DeadlineQuery {
  start: string;
  days?: number;
  hours?: number;
  channel: Channel;
  agency?: string;
}

const RANGE = `từ 01/01/${INDEX_FIRST_YEAR} đến 31/12/${INDEX_LAST_YEAR}`;

function receivedAtParam(text: string): Instant {
  const instant = parseIsoInstant(text);
  if (instant === null) {
    throw invalidField(
      'start',
      'Tham số "start" phải là thời điểm ISO 8601 có múi giờ, ví dụ 2025-01-20T10:00:00+07:00 hoặc 2025-01-20T03:00:00Z.',
    );
  }
  const { year } = civilDateOf(vnDayOf(instant));
  if (year < INDEX_FIRST_YEAR || year > INDEX_LAST_YEAR) {
    throw invalidField('start', `Chỉ tính được hạn cho thời điểm ${RANGE} (phạm vi của lịch làm việc).`);
  }
  return instant;
}

function durationParam(q: DeadlineQuery): { duration: Duration; field: 'days' | 'hours' } {
  if ((q.days === undefined) === (q.hours === undefined)) {
    throw invalidField('days', 'Cần đúng một trong hai tham số "days" (ngày làm việc) hoặc "hours" (giờ làm việc).');
  }
  return q.days !== undefined
    ? { duration: { unit: 'working_days', amount: q.days }, field: 'days' }
    : { duration: { unit: 'working_hours', amount: q.hours! }, field: 'hours' };
}

/** Any year from the start's to the due's whose schedule is still provisional. */
function spansProvisional(calendar: EffectiveCalendar, from: Instant, to: Instant): boolean {
  const [first, last] = [from, to].map((t) => civilDateOf(vnDayOf(t)).year) as [number, number];
  for (let year = first; year <= last; year++) if (calendar.isProvisional(year)) return true;
  return false;
}

export interface Due {
  countingStart: Date;
  due: Date;
  /** The computation crossed a year whose holidays are still provisional. */
  provisional: boolean;
  /** The calendar's contents (layer ids and versions), for a dossier to keep as the version that applied. */
  calendarVersion: string;
}

/**
 * For other modules: when a dossier received at `receivedAt` through `channel` by an agency (null: the province's
 * calendar) is due, given its processing time and the pauses of its clock. Throws a RangeError outside 2000–2099.
 */
export async function dueDate(
  ctx: AppContext,
  agencyId: string | null,
  receivedAt: Date,
  channel: Channel,
  duration: Duration,
  pauses: readonly Pause[] = [],
): Promise<Due> {
  const calendar = await effectiveCalendar(ctx, agencyId);
  const start = countingStart(calendar.compiled, receivedAt.getTime(), channel);
  const due = deadline(calendar.compiled, start, duration, pauses);
  return {
    countingStart: new Date(start),
    due: new Date(due),
    provisional: spansProvisional(calendar, start, due),
    calendarVersion: calendar.key,
  };
}

export async function deadlineView(ctx: AppContext, q: DeadlineQuery) {
  const receivedAt = receivedAtParam(q.start);
  const { duration, field } = durationParam(q);
  const agency = await agencyParam(ctx.database.db, q.agency);
  let result: Due;
  try {
    result = await dueDate(ctx, agency?.id ?? null, new Date(receivedAt), q.channel, duration);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    throw invalidField(field, `Hạn xử lý rơi ra ngoài phạm vi của lịch làm việc (${RANGE}).`);
  }
  return {
    due: formatVnIsoInstant(result.due.getTime()),
    countingStart: formatVnIsoInstant(result.countingStart.getTime()),
    provisional: result.provisional,
    agencyId: agency?.id ?? null,
  };
}

// ---------- administration ----------

interface Target {
  agencyId: string;
  agencyName: string;
  calendar: store.CalendarRow | undefined;
  isProvince: boolean;
}

/** `province`, or an agency id (the province's People's Committee owns the province's calendar). */
async function resolveOwner(db: Kysely<DB>, owner: string): Promise<Target> {
  const calendar = owner === 'province' ? await store.provinceCalendar(db) : await store.calendarOfAgency(db, owner);
  const agency = await store.findAgency(db, { id: calendar?.agency_id ?? owner });
  if (!agency) throw notFound(owner === 'province' ? 'lịch làm việc của tỉnh' : 'cơ quan');
  return { agencyId: agency.id, agencyName: agency.name, calendar, isProvince: calendar?.is_province ?? false };
}

/** The calendar an administrator asks to edit, once the actor's scope reaches it: the province's needs a
 * system-wide grant, an agency's a grant within the agency's scope. */
async function managedTarget(ctx: AppContext, actor: Actor, owner: string): Promise<Target> {
  const db = ctx.database.db;
  const target = await resolveOwner(db, owner);
  if (!target.isProvince) await assertCan(db, actor, 'calendar.manage', target.agencyId);
  else if (!actor.scope('calendar.manage').all) {
    throw forbidden('Chỉ quản trị hệ thống được sửa lịch làm việc chung của tỉnh.');
  }
  return target;
}

export async function settingsView(ctx: AppContext, owner: string) {
  const target = await resolveOwner(ctx.database.db, owner);
  const calendar = await effectiveCalendar(ctx, target.agencyId);
  const own = target.calendar;
  const years = target.isProvince ? [...calendar.province.years.entries()].sort(([a], [b]) => a - b) : [];
  return {
    agencyId: target.agencyId,
    calendarId: own?.id ?? null,
    isProvince: target.isProvince,
    name: own?.name ?? null,
    version: own?.version ?? 0,
    ownHours: own?.own_hours ?? false,
    hours: hoursView(calendar.hours.weekly, calendar.hours.makeUpDay, calendar.paperCutOff),
    years: years.map(([year, info]) => ({
      year,
      status: info.status,
      confirmedAt: isoOrNull(info.confirmedAt),
      confirmedBy: info.confirmedBy,
    })),
  };
}

type ChangeWork = (trx: Kysely<DB>, calendar: store.CalendarRow) => Promise<Record<string, unknown>>;

/** The common shape of an edit: If-Match version, one transaction, one audit entry. An agency without a
 * calendar of its own gets one (version 0 → 1) on its first edit. */
async function changeCalendar(
  ctx: AppContext,
  who: Staffer,
  target: Target,
  expected: number,
  action: string,
  work: ChangeWork,
) {
  await runChange(ctx, who, async (change) => {
    const { trx, audit } = change;
    forgetChainsAtCommit(change);
    const calendar = target.calendar
      ? await store.bumpVersion(trx, target.calendar.id, expected, ctx.clock.now())
      : expected === 0
        ? await store.insertCalendar(trx, {
            agency_id: target.agencyId,
            name: `Lịch làm việc riêng của ${target.agencyName}`,
          })
        : undefined;
    if (!calendar) throw preconditionFailed();
    const summary = await work(trx, calendar);
    audit(action, 'calendar', calendar.id, { agencyId: target.agencyId, province: target.isProvince, ...summary });
  });
  return settingsView(ctx, target.agencyId);
}

// Working hours.

export interface PeriodText {
  start: string;
  end: string;
}

export interface HoursInput {
  weekly: PeriodText[][];
  makeUpDay: PeriodText[];
  paperCutOff: string | null;
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const hhmmOf = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
const toPeriods = (list: PeriodText[]): Period[] =>
  list.map((p) => ({ start: minutesOf(p.start), end: minutesOf(p.end) }));
const toText = (list: readonly Period[]): PeriodText[] =>
  list.map((p) => ({ start: hhmmOf(p.start), end: hhmmOf(p.end) }));

function hoursView(weekly: readonly (readonly Period[])[], makeUpDay: readonly Period[], cutOff: number | null) {
  return {
    weekly: weekly.map(toText),
    makeUpDay: toText(makeUpDay),
    paperCutOff: cutOff === null ? null : hhmmOf(cutOff),
  };
}

/** The core's rules for one list of periods (increasing, not overlapping, within the day), named by field. */
function periodErrors(periods: Period[], field: string): FieldError[] {
  const hours = { weekly: Array.from({ length: 7 }, () => []), makeUpDay: periods };
  return validateDefinition({ hours, entries: [], paperCutOff: null }).map((p) => ({ field, message: p.message }));
}

export async function replaceHours(ctx: AppContext, who: Staffer, owner: string, expected: number, input: HoursInput) {
  const target = await managedTarget(ctx, who.actor, owner);
  const days = [...input.weekly, input.makeUpDay].map(toPeriods);
  const errors = days.flatMap((periods, day) => periodErrors(periods, day === 7 ? 'makeUpDay' : `weekly.${day}`));
  if (!days.slice(0, 7).some((periods) => periods.length > 0)) {
    errors.push({ field: 'weekly', message: 'Cần ít nhất một khoảng làm việc trong tuần.' });
  }
  if (errors.length) throw invalid(errors);
  const cutOff = input.paperCutOff === null ? null : minutesOf(input.paperCutOff);
  return changeCalendar(ctx, who, target, expected, 'calendar.hours_updated', async (trx, calendar) => {
    await store.replaceHours(trx, calendar.id, days, cutOff);
    return { hours: hoursView(days.slice(0, 7), days[7]!, cutOff) };
  });
}

// A year's entries.

function safeDay(date: string): number | null {
  try {
    return parseIsoDate(date);
  } catch {
    return null;
  }
}

function entryErrors(
  year: number,
  entries: readonly CalendarEntry[],
  weekly: readonly (readonly Period[])[],
): FieldError[] {
  const indexOf = (date: string) => entries.findLastIndex((e) => e.date === date);
  const errors: FieldError[] = validateEntries(entries).map((p) => ({
    field: `entries.${indexOf(p.date)}`,
    message: p.message,
  }));
  entries.forEach((e, i) => {
    const day = safeDay(e.date);
    if (day === null) return; // reported by validateEntries
    if (civilDateOf(day).year !== year) {
      errors.push({ field: `entries.${i}.date`, message: `Ngày ${formatVnDate(day)} không thuộc năm ${year}.` });
    } else if (e.kind === 'make_up' && weekly[weekdayOf(day)]!.length > 0) {
      const message = `Ngày ${formatVnDate(day)} đã là ngày làm việc, không thể là ngày làm bù.`;
      errors.push({ field: `entries.${i}.kind`, message });
    }
  });
  return errors;
}

export async function replaceYearEntries(
  ctx: AppContext,
  who: Staffer,
  owner: string,
  year: number,
  expected: number,
  entries: CalendarEntry[],
) {
  const target = await managedTarget(ctx, who.actor, owner);
  const { hours } = await effectiveCalendar(ctx, target.agencyId);
  const errors = entryErrors(year, entries, hours.weekly);
  if (errors.length) throw invalid(errors, 'Các ngày khai báo mâu thuẫn hoặc không hợp lệ.');
  return changeCalendar(ctx, who, target, expected, 'calendar.year_entries_replaced', async (trx, calendar) => {
    const removed = await store.replaceYearEntries(trx, calendar.id, year, entries);
    if (!calendar.is_province) return { year, removed, entries };
    // Editing a provisional (or not yet stored) year confirms it; an official year stays official.
    const official = (await store.yearRow(trx, calendar.id, year))?.status === 'official';
    const confirmation = { by: who.actor.staffId, at: ctx.clock.now() };
    await store.setYearStatus(
      trx,
      calendar.id,
      year,
      official ? 'official' : 'confirmed',
      official ? null : confirmation,
    );
    return { year, status: official ? 'official' : 'confirmed', removed, entries };
  });
}

/** Confirms the province's provisional schedule of a year as it stands (a generated year is stored first). */
export async function confirmYear(ctx: AppContext, who: Staffer, owner: string, year: number, expected: number) {
  const target = await managedTarget(ctx, who.actor, owner);
  return changeCalendar(ctx, who, target, expected, 'calendar.year_confirmed', async (trx, calendar) => {
    if (!calendar.is_province) {
      throw conflict('Chỉ lịch chung của tỉnh có lịch nghỉ tạm tính cần xác nhận.');
    }
    const row = await store.yearRow(trx, calendar.id, year);
    if (row?.status === 'official') throw conflict(`Lịch nghỉ năm ${year} là lịch chính thức, không cần xác nhận.`);
    if (row?.status === 'confirmed') throw conflict(`Lịch nghỉ năm ${year} đã được xác nhận.`);
    const entries = row ? [] : generatedSchedule(year).entries;
    if (!row) await store.replaceYearEntries(trx, calendar.id, year, entries);
    await store.setYearStatus(trx, calendar.id, year, 'confirmed', { by: who.actor.staffId, at: ctx.clock.now() });
    return { year, generated: !row, entries: entries.length };
  });
}
