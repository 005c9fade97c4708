// Dates and instants in Asia/Ho_Chi_Minh. Vietnam has kept UTC+7 without daylight saving since 1975, so a fixed
// offset is exact; everything here is plain arithmetic on epoch values and never reads the process time zone.

/** An instant: milliseconds since 1970-01-01T00:00:00Z. Every function of the calendar module uses this. */
export type Instant = number;
/** A calendar day in Vietnam: days since 1970-01-01 (day 0 was a Thursday). */
export type EpochDay = number;
/** A calendar day as data: 'YYYY-MM-DD'. */
export type IsoDate = string;
/** 0 = Sunday … 6 = Saturday, as in JavaScript. */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

export interface CivilDate {
  year: number;
  month: number;
  day: number;
}

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;
export const VN_UTC_OFFSET_HOURS = 7;
const VN_OFFSET_MS = VN_UTC_OFFSET_HOURS * HOUR_MS;

// Howard Hinnant's days_from_civil / civil_from_days: proleptic Gregorian, no Date object, any year.
export function epochDayOf({ year, month, day }: CivilDate): EpochDay {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

export function civilDateOf(epochDay: EpochDay): CivilDate {
  const z = epochDay + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const month = mp < 10 ? mp + 3 : mp - 9;
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

export function weekdayOf(epochDay: EpochDay): Weekday {
  return ((((epochDay + 4) % 7) + 7) % 7) as Weekday;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses 'YYYY-MM-DD'; a malformed or impossible date (2025-02-29) is a RangeError. */
export function parseIsoDate(iso: IsoDate): EpochDay {
  const match = ISO_DATE.exec(iso);
  if (match) {
    const date = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
    const epochDay = epochDayOf(date);
    const back = civilDateOf(epochDay);
    if (back.month === date.month && back.day === date.day) return epochDay;
  }
  throw new RangeError(`Ngày không hợp lệ: "${iso}" (cần dạng YYYY-MM-DD)`);
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

export function formatIsoDate(epochDay: EpochDay): IsoDate {
  const { year, month, day } = civilDateOf(epochDay);
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/** 'dd/mm/yyyy', the Vietnamese way of writing a date (DESIGN.md, Principles 8). */
export function formatVnDate(epochDay: EpochDay): string {
  const { year, month, day } = civilDateOf(epochDay);
  return `${pad(day)}/${pad(month)}/${pad(year, 4)}`;
}

/** The Vietnamese calendar day an instant falls on. */
export function vnDayOf(instant: Instant): EpochDay {
  return Math.floor((instant + VN_OFFSET_MS) / DAY_MS);
}

/** The instant of 00:00 in Vietnam on a day. */
export function vnMidnight(epochDay: EpochDay): Instant {
  return epochDay * DAY_MS - VN_OFFSET_MS;
}

/** The instant of a wall-clock time in Vietnam, e.g. vnInstant('2025-04-26', '07:00'). */
export function vnInstant(date: IsoDate, hhmm: string): Instant {
  const match = /^(\d{2}):(\d{2})$/.exec(hhmm);
  const minutes = match ? Number(match[1]) * 60 + Number(match[2]) : Number.NaN;
  if (!(minutes >= 0 && minutes <= 24 * 60)) throw new RangeError(`Giờ không hợp lệ: "${hhmm}" (cần dạng HH:MM)`);
  return vnMidnight(parseIsoDate(date)) + minutes * MINUTE_MS;
}

/** Whole minutes since 00:00 in Vietnam. */
export function vnMinutesOfDay(instant: Instant): number {
  return Math.floor((instant - vnMidnight(vnDayOf(instant))) / MINUTE_MS);
}

/** 'HH:MM dd/mm/yyyy' in Vietnam, the way Form 01 prints the receipt and the appointment (DOMAIN.md §4). */
export function formatVnInstant(instant: Instant): string {
  const minutes = vnMinutesOfDay(instant);
  return `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)} ${formatVnDate(vnDayOf(instant))}`;
}

// ISO 8601 with an explicit offset: 2025-01-20T10:00, :00, :00.123, then Z or ±HH:MM. A space where the sign
// should be is read as '+', because an unencoded '+' in a query string arrives as a space.
const ISO_INSTANT = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(Z|z|[+\- ]\d{2}:\d{2})$/;

/** An instant written as ISO 8601 with an explicit offset; null when malformed, impossible or without an offset
 * (a local time without its zone is ambiguous for other systems). */
export function parseIsoInstant(text: string): Instant | null {
  const m = ISO_INSTANT.exec(text);
  if (!m) return null;
  const [hours, minutes, seconds] = [m[2], m[3], m[4] ?? '0'].map(Number) as [number, number, number];
  const offset = m[6]!.toUpperCase() === 'Z' ? 0 : Number(m[6]!.slice(1, 3)) * 60 + Number(m[6]!.slice(4, 6));
  if (hours > 23 || minutes > 59 || seconds > 59 || offset > 14 * 60) return null;
  let day: EpochDay;
  try {
    day = parseIsoDate(m[1]!);
  } catch {
    return null;
  }
  const sign = m[6]!.startsWith('-') ? -1 : 1;
  const millis = Number((m[5] ?? '').padEnd(3, '0'));
  return day * DAY_MS + ((hours * 60 + minutes - sign * offset) * 60 + seconds) * 1000 + millis;
}

/** ISO 8601 in Vietnam's offset, e.g. '2025-02-07T10:00:00+07:00' (milliseconds only when there are some). */
export function formatVnIsoInstant(instant: Instant): string {
  const day = vnDayOf(instant);
  const ms = instant - vnMidnight(day);
  const [h, m, s, milli] = [ms / HOUR_MS, (ms / MINUTE_MS) % 60, (ms / 1000) % 60, ms % 1000].map(Math.floor);
  const fraction = milli ? `.${pad(milli!, 3)}` : '';
  return `${formatIsoDate(day)}T${pad(h!)}:${pad(m!)}:${pad(s!)}${fraction}+07:00`;
}
