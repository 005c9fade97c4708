// Working-time arithmetic on a calendar (working hours + holiday entries), all in Asia/Ho_Chi_Minh.
//
// The core idea is a "working clock": the number of working milliseconds between the start of the indexed range
// and an instant. It stands still outside working hours, so the working time between two instants is the
// difference of their readings, and adding working time is inverting the clock. Conventions (docs/calendar.md):
// - working periods are half-open [start, end): 07:00 is working time, 11:00 and 17:00 are not;
// - every result is a working instant: a due time that lands exactly on a period end is given as the start of
//   the next period (11:00 → 13:00, 17:00 → 07:00 next working day), the same reading of the working clock.

import { type CalendarEntry, type EntryProblem, isDayOff, validateEntries } from './holidays.ts';
import {
  epochDayOf,
  formatVnDate,
  HOUR_MS,
  type Instant,
  MINUTE_MS,
  parseIsoDate,
  vnDayOf,
  vnMidnight,
  weekdayOf,
} from './vn-time.ts';

/** A working period of a day, in minutes from 00:00 in Vietnam, half-open: [start, end). */
export interface Period {
  start: number;
  end: number;
}

export interface WorkingHours {
  /** Periods per weekday, index 0 = Sunday … 6 = Saturday; a day with no periods is a weekly rest day. */
  weekly: readonly (readonly Period[])[];
  /** Periods of a make-up working day (ngày làm bù), which works like a weekday. */
  makeUpDay: readonly Period[];
}

export interface CalendarDefinition {
  hours: WorkingHours;
  entries: readonly CalendarEntry[];
  /** Minutes from 00:00: a paper dossier received at or after this time starts counting on the next working day;
   * null = no cut-off. */
  paperCutOff: number | null;
}

const hm = (hours: number, minutes = 0) => hours * 60 + minutes;
const WEEKDAY_HOURS: readonly Period[] = [
  { start: hm(7), end: hm(11) },
  { start: hm(13), end: hm(17) },
];

/** The demo default: 07:00–11:00 and 13:00–17:00, Monday to Friday (8 hours a day). An agency sets its own. */
export const DEMO_WORKING_HOURS: WorkingHours = {
  weekly: [[], WEEKDAY_HOURS, WEEKDAY_HOURS, WEEKDAY_HOURS, WEEKDAY_HOURS, WEEKDAY_HOURS, []],
  makeUpDay: WEEKDAY_HOURS,
};
export const DEMO_PAPER_CUT_OFF = hm(15);

/** A working day counts as 8 working hours wherever a day has to become hours (DOMAIN.md §5). */
export const WORKING_DAY_HOURS = 8;

/** The years the index covers (2000-01-01 up to 2100-01-01); instants outside are refused with a RangeError. */
export const INDEX_FIRST_YEAR = 2000;
export const INDEX_LAST_YEAR = 2099;
const FIRST_DAY = epochDayOf({ year: INDEX_FIRST_YEAR, month: 1, day: 1 });
const END_DAY = epochDayOf({ year: INDEX_LAST_YEAR + 1, month: 1, day: 1 });

interface DayProfile {
  /** Period bounds in ms from midnight. */
  starts: number[];
  ends: number[];
  total: number;
}

/** A calendar compiled for fast arithmetic. Build it once per definition with buildCalendar() and reuse it. */
export interface WorkingCalendar {
  readonly definition: CalendarDefinition;
  /** profiles[profileOf[day - FIRST_DAY]]: the working periods of each day (profile 0 = no work). */
  readonly profiles: readonly DayProfile[];
  readonly profileOf: Uint8Array;
  /** Working-clock reading at midnight starting each day (length = days + 1). */
  readonly clockAt: Float64Array;
  /** Number of working days before each day (length = days + 1): the ordinal of the next working day. */
  readonly ordinalAt: Int32Array;
  /** The working days in order, as indexes into the range. */
  readonly workingDays: Int32Array;
}

export interface DefinitionProblem {
  code: EntryProblem['code'] | 'bad_week' | 'bad_period' | 'bad_cut_off' | 'make_up_on_working_day';
  /** Vietnamese, for the administrator who entered the data. */
  message: string;
}

function periodProblems(periods: readonly Period[], label: string): DefinitionProblem[] {
  return periods.flatMap((p, i) => {
    const after = i === 0 ? 0 : periods[i - 1]!.end;
    const ok = Number.isInteger(p.start) && Number.isInteger(p.end) && after <= p.start && p.start < p.end;
    const message = `${label}: khoảng làm việc ${p.start}–${p.end} phút phải tăng dần, không chồng nhau, trong ngày`;
    return ok && p.end <= 24 * 60 ? [] : [{ code: 'bad_period' as const, message }];
  });
}

/** Everything that would make a definition meaningless, with a Vietnamese reason each; empty when it is usable. */
export function validateDefinition(definition: CalendarDefinition): DefinitionProblem[] {
  const { weekly, makeUpDay } = definition.hours;
  if (weekly.length !== 7) return [{ code: 'bad_week', message: 'Giờ làm việc phải khai báo đủ 7 ngày trong tuần' }];
  const entryProblems = validateEntries(definition.entries);
  const problems: DefinitionProblem[] = [
    ...weekly.flatMap((periods, weekday) => periodProblems(periods, weekday === 0 ? 'Chủ nhật' : `Thứ ${weekday + 1}`)),
    ...periodProblems(makeUpDay, 'Ngày làm bù'),
    ...entryProblems,
  ];
  const cutOff = definition.paperCutOff;
  if (cutOff !== null && !(Number.isInteger(cutOff) && cutOff >= 0 && cutOff <= 24 * 60)) {
    problems.push({ code: 'bad_cut_off', message: `Giờ chốt nhận hồ sơ giấy không hợp lệ: ${cutOff} phút` });
  }
  const unreadable = new Set(entryProblems.filter((p) => p.code === 'invalid_date').map((p) => p.date));
  for (const e of definition.entries) {
    const day = unreadable.has(e.date) ? undefined : parseIsoDate(e.date);
    if (e.kind === 'make_up' && day !== undefined && weekly[weekdayOf(day)]!.length > 0) {
      const message = `Ngày ${formatVnDate(day)} đã là ngày làm việc, không thể là ngày làm bù`;
      problems.push({ code: 'make_up_on_working_day', message });
    }
  }
  return problems;
}

export class CalendarDefinitionError extends Error {
  constructor(readonly problems: DefinitionProblem[]) {
    super(`Lịch làm việc không hợp lệ: ${problems.map((p) => p.message).join('; ')}`);
  }
}

function profileOfPeriods(periods: readonly Period[]): DayProfile {
  const starts = periods.map((p) => p.start * MINUTE_MS);
  const ends = periods.map((p) => p.end * MINUTE_MS);
  return { starts, ends, total: ends.reduce((sum, end, i) => sum + end - starts[i]!, 0) };
}

/** Compiles a definition into per-day profiles and prefix sums; refuses an invalid one (CalendarDefinitionError). */
export function buildCalendar(definition: CalendarDefinition): WorkingCalendar {
  const problems = validateDefinition(definition);
  if (problems.length > 0) throw new CalendarDefinitionError(problems);
  const { weekly, makeUpDay } = definition.hours;
  // Profiles: 0 = day off, 1–7 = weekday 0–6, 8 = make-up day.
  const profiles = [profileOfPeriods([]), ...weekly.map(profileOfPeriods), profileOfPeriods(makeUpDay)];
  const entryOf = new Map(definition.entries.map((e) => [parseIsoDate(e.date), e]));
  const days = END_DAY - FIRST_DAY;
  const profileOf = new Uint8Array(days);
  const clockAt = new Float64Array(days + 1);
  const ordinalAt = new Int32Array(days + 1);
  const workingDays: number[] = [];
  for (let i = 0; i < days; i++) {
    const entry = entryOf.get(FIRST_DAY + i);
    const profile = entry ? (isDayOff(entry.kind) ? 0 : 8) : 1 + weekdayOf(FIRST_DAY + i);
    profileOf[i] = profiles[profile]!.total > 0 ? profile : 0;
    if (profileOf[i]) workingDays.push(i);
    clockAt[i + 1] = clockAt[i]! + profiles[profile]!.total;
    ordinalAt[i + 1] = workingDays.length;
  }
  return { definition, profiles, profileOf, clockAt, ordinalAt, workingDays: Int32Array.from(workingDays) };
}

/** Index of an instant's Vietnamese day in the calendar's range. */
function dayIndex(instant: Instant): number {
  const index = vnDayOf(instant) - FIRST_DAY;
  if (!(index >= 0 && index < END_DAY - FIRST_DAY)) {
    throw new RangeError(`Thời điểm ngoài phạm vi lịch làm việc (2000–2099): ${instant}`);
  }
  return index;
}

const beyondRange = () => new RangeError('Kết quả vượt quá phạm vi lịch làm việc (2000–2099)');

const midnightOf = (index: number): Instant => vnMidnight(FIRST_DAY + index);

/** Working time elapsed within a day up to `msOfDay`. */
function workedWithin(profile: DayProfile, msOfDay: number): number {
  let worked = 0;
  for (let p = 0; p < profile.starts.length && profile.starts[p]! < msOfDay; p++) {
    worked += Math.min(msOfDay, profile.ends[p]!) - profile.starts[p]!;
  }
  return worked;
}

/** The working clock: working milliseconds from the start of the range to `instant`. */
export function workingClock(calendar: WorkingCalendar, instant: Instant): number {
  const index = dayIndex(instant);
  const profile = calendar.profiles[calendar.profileOf[index]!]!;
  return calendar.clockAt[index]! + workedWithin(profile, instant - midnightOf(index));
}

/** The instant `offset` working ms into working day `index`; an offset at or past the day's end is the start of
 * the next working day (the period-end convention). */
function instantInDay(calendar: WorkingCalendar, index: number, offset: number): Instant {
  const profile = calendar.profiles[calendar.profileOf[index]!]!;
  if (offset >= profile.total) {
    const next = calendar.workingDays[calendar.ordinalAt[index + 1]!];
    if (next === undefined) throw beyondRange();
    return midnightOf(next) + calendar.profiles[calendar.profileOf[next]!]!.starts[0]!;
  }
  let rest = offset;
  for (let p = 0; ; p++) {
    const length = profile.ends[p]! - profile.starts[p]!;
    if (rest < length) return midnightOf(index) + profile.starts[p]! + rest;
    rest -= length;
  }
}

/** The earliest working instant at which the working clock reads `reading` (the inverse of workingClock). */
export function instantAtWorkingClock(calendar: WorkingCalendar, reading: number): Instant {
  const { clockAt } = calendar;
  // The first day whose end-of-day reading exceeds `reading`; it has working time, so the instant lies within it.
  let low = 0;
  let high = clockAt.length - 1;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (clockAt[mid + 1]! > reading) high = mid;
    else low = mid + 1;
  }
  if (low >= clockAt.length - 1 || reading < 0) {
    throw beyondRange();
  }
  return instantInDay(calendar, low, reading - clockAt[low]!);
}

export function isWorkingTime(calendar: WorkingCalendar, instant: Instant): boolean {
  const index = dayIndex(instant);
  const profile = calendar.profiles[calendar.profileOf[index]!]!;
  const msOfDay = instant - midnightOf(index);
  return profile.starts.some((start, p) => start <= msOfDay && msOfDay < profile.ends[p]!);
}

/** The instant itself if it is working time, otherwise the start of the next working period. */
export function nextWorkingInstant(calendar: WorkingCalendar, instant: Instant): Instant {
  return instantAtWorkingClock(calendar, workingClock(calendar, instant));
}

/** The first working instant of the first working day after the Vietnamese day of `instant`. */
export function startOfNextWorkingDay(calendar: WorkingCalendar, instant: Instant): Instant {
  return instantInDay(calendar, dayIndex(instant), Number.POSITIVE_INFINITY);
}

function checkAmount(amount: number, unit: string): void {
  if (!(Number.isFinite(amount) && amount >= 0)) throw new RangeError(`Số ${unit} phải là số không âm: ${amount}`);
}

/**
 * `hours` of working time after `instant`, across periods and days. The result is always a working instant.
 * Rounded to the millisecond.
 */
export function addWorkingHours(calendar: WorkingCalendar, instant: Instant, hours: number): Instant {
  checkAmount(hours, 'giờ làm việc');
  return instantAtWorkingClock(calendar, workingClock(calendar, instant) + Math.round(hours * HOUR_MS));
}

/**
 * The instant `whole` working days (negative: before) from `instant`, at the same working-time offset within the
 * target working day; the instant is first moved to the next working instant.
 */
function shiftWorkingDays(calendar: WorkingCalendar, instant: Instant, whole: number): Instant {
  const index = dayIndex(instant);
  const reading = workingClock(calendar, instant);
  // A reading at the end of the day (17:00, or any time on a day off) belongs to the next working day, offset 0.
  const ordinal = reading < calendar.clockAt[index + 1]! ? calendar.ordinalAt[index]! : calendar.ordinalAt[index + 1]!;
  const from = calendar.workingDays[ordinal];
  const to = calendar.workingDays[ordinal + whole];
  if (from === undefined || to === undefined) throw beyondRange();
  return instantInDay(calendar, to, reading - calendar.clockAt[from]!);
}

/**
 * `days` working days after `instant`. The instant is first moved to the next working instant; the whole days
 * land at the same working-time offset within the n-th following working day (10:00 + 1 day = 10:00 on the next
 * working day; if that day is shorter than the offset, the start of the day after). A fraction of a day is
 * added afterwards as working hours at 8 hours per day (1.5 days = 1 day + 4 working hours).
 */
export function addWorkingDays(calendar: WorkingCalendar, instant: Instant, days: number): Instant {
  checkAmount(days, 'ngày làm việc');
  const whole = Math.floor(days);
  const due = shiftWorkingDays(calendar, instant, whole);
  return whole === days ? due : addWorkingHours(calendar, due, (days - whole) * WORKING_DAY_HOURS);
}

/** `hours` of working time before `instant` (the earliest working instant with that reading of the clock). */
export function subtractWorkingHours(calendar: WorkingCalendar, instant: Instant, hours: number): Instant {
  checkAmount(hours, 'giờ làm việc');
  return instantAtWorkingClock(calendar, workingClock(calendar, instant) - Math.round(hours * HOUR_MS));
}

/**
 * `days` working days before `instant`, the mirror of addWorkingDays: the same working-time offset within the
 * n-th preceding working day, then a fraction as working hours at 8 hours per day. Form 04's "no later than one
 * working day before the deadline" is subtractWorkingDays(calendar, due, 1).
 */
export function subtractWorkingDays(calendar: WorkingCalendar, instant: Instant, days: number): Instant {
  checkAmount(days, 'ngày làm việc');
  const whole = Math.floor(days);
  const due = shiftWorkingDays(calendar, instant, -whole);
  return whole === days ? due : subtractWorkingHours(calendar, due, (days - whole) * WORKING_DAY_HOURS);
}

/** Working minutes from `start` to `end` (negative when `end` is earlier); fractional if the instants have seconds. */
export function workingMinutesBetween(calendar: WorkingCalendar, start: Instant, end: Instant): number {
  return (workingClock(calendar, end) - workingClock(calendar, start)) / MINUTE_MS;
}
