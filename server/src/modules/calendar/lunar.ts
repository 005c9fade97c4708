// The Vietnamese lunisolar calendar (âm lịch), an own implementation of Hồ Ngọc Đức's published algorithm
// ("Âm lịch Việt Nam", https://www.informatik.uni-leipzig.de/~duc/amlich/): new moons (Meeus' series) and the
// sun's longitude are computed astronomically, and days are cut at midnight in UTC+7. Cutting at UTC+8 gives the
// Chinese calendar instead, which differs in some years (Tết 1985, 2007, 2030): DOMAIN.md §5.

import { type CivilDate, civilDateOf, type EpochDay, epochDayOf, VN_UTC_OFFSET_HOURS } from './vn-time.ts';

export interface LunarDate {
  year: number;
  month: number;
  day: number;
  /** True for the intercalary month (tháng nhuận) that repeats the number of the month before it. */
  leap: boolean;
}

/** One lunar month: its number, whether it is the leap month, its first day and its length (29 or 30). */
export interface LunarMonth {
  month: number;
  leap: boolean;
  start: EpochDay;
  length: number;
}

const JULIAN_DAY_OF_EPOCH = 2_440_588; // Julian day number of 1970-01-01
const SYNODIC_MONTH = 29.530588853;
const NEW_MOON_0 = 2_415_021.076998695; // Julian date of the new moon of 1900-01-01, k = 0
const RAD = Math.PI / 180;

/** Julian date (TT-corrected) of the k-th new moon after 1900-01-01 (Meeus, Astronomical Algorithms). */
function newMoonJulian(k: number): number {
  const t = k / 1236.85;
  const t2 = t * t;
  const t3 = t2 * t;
  const mean =
    2_415_020.75933 +
    29.53058868 * k +
    0.0001178 * t2 -
    0.000000155 * t3 +
    0.00033 * Math.sin((166.56 + 132.87 * t - 0.009173 * t2) * RAD);
  const sunAnomaly = (359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3) * RAD;
  const moonAnomaly = (306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3) * RAD;
  const latitude = (21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3) * RAD;
  const correction =
    (0.1734 - 0.000393 * t) * Math.sin(sunAnomaly) +
    0.0021 * Math.sin(2 * sunAnomaly) -
    0.4068 * Math.sin(moonAnomaly) +
    0.0161 * Math.sin(2 * moonAnomaly) -
    0.0004 * Math.sin(3 * moonAnomaly) +
    0.0104 * Math.sin(2 * latitude) -
    0.0051 * Math.sin(sunAnomaly + moonAnomaly) -
    0.0074 * Math.sin(sunAnomaly - moonAnomaly) +
    0.0004 * Math.sin(2 * latitude + sunAnomaly) -
    0.0004 * Math.sin(2 * latitude - sunAnomaly) -
    0.0006 * Math.sin(2 * latitude + moonAnomaly) +
    0.001 * Math.sin(2 * latitude - moonAnomaly) +
    0.0005 * Math.sin(2 * moonAnomaly + sunAnomaly);
  const deltaT =
    t < -11
      ? 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
      : -0.000278 + 0.000265 * t + 0.000262 * t2;
  return mean + correction - deltaT;
}

/** The sun's apparent longitude in radians, [0, 2π), at a Julian date. */
function sunLongitude(julian: number): number {
  const t = (julian - 2_451_545) / 36_525;
  const t2 = t * t;
  const anomaly = (357.5291 + 35_999.0503 * t - 0.0001559 * t2 - 0.00000048 * t * t2) * RAD;
  const meanLongitude = 280.46645 + 36_000.76983 * t + 0.0003032 * t2;
  const centre =
    (1.9146 - 0.004817 * t - 0.000014 * t2) * Math.sin(anomaly) +
    (0.019993 - 0.000101 * t) * Math.sin(2 * anomaly) +
    0.00029 * Math.sin(3 * anomaly);
  const longitude = (meanLongitude + centre) * RAD;
  return longitude - 2 * Math.PI * Math.floor(longitude / (2 * Math.PI));
}

/** The local day (at the given UTC offset) on which the k-th new moon falls: the first day of a lunar month. */
function newMoonDay(k: number, zone: number): EpochDay {
  return Math.floor(newMoonJulian(k) + 0.5 + zone / 24) - JULIAN_DAY_OF_EPOCH;
}

/** Which 30° sector of the ecliptic the sun is in at local midnight starting a day; a change of sector is a major
 * solar term (trung khí). Sector 9 starts at the winter solstice (270°). */
function sunSector(day: EpochDay, zone: number): number {
  return Math.floor((sunLongitude(day + JULIAN_DAY_OF_EPOCH - 0.5 - zone / 24) / Math.PI) * 6);
}

function newMoonIndex(day: EpochDay): number {
  return Math.floor((day + JULIAN_DAY_OF_EPOCH - NEW_MOON_0) / SYNODIC_MONTH);
}

/** First day of lunar month 11, the month that contains the winter solstice of a solar year. */
function month11Start(solarYear: number, zone: number): EpochDay {
  const k = newMoonIndex(epochDayOf({ year: solarYear, month: 12, day: 31 }));
  const start = newMoonDay(k, zone);
  // If the sun has already passed 270° when this month begins, the solstice lies in the month before.
  return sunSector(start, zone) >= 9 ? newMoonDay(k - 1, zone) : start;
}

/**
 * The months from month 11 before solar year `year` up to (not including) month 11 of `year`: 12 months, or 13
 * when one of them is a leap month. The leap month is the first one after month 11 in which the sun enters no
 * new sector (no major solar term); it takes the number of the month before it.
 */
function monthsBetweenSolstices(year: number, zone: number): LunarMonth[] {
  const first = month11Start(year - 1, zone);
  const next = month11Start(year, zone);
  const k0 = Math.round((first + JULIAN_DAY_OF_EPOCH - NEW_MOON_0) / SYNODIC_MONTH);
  const count = Math.round((next - first) / SYNODIC_MONTH);
  const starts = Array.from({ length: count + 1 }, (_, i) => newMoonDay(k0 + i, zone));
  let leapIndex = -1;
  if (count === 13) {
    leapIndex = 1;
    while (leapIndex < 12 && sunSector(starts[leapIndex]!, zone) !== sunSector(starts[leapIndex + 1]!, zone)) {
      leapIndex++;
    }
  }
  return starts.slice(0, count).map((start, i) => {
    const ordinal = leapIndex >= 0 && i >= leapIndex ? i - 1 : i;
    return { month: ((ordinal + 10) % 12) + 1, leap: i === leapIndex, start, length: starts[i + 1]! - start };
  });
}

/** Months 11 and 12 belong to the lunar year that began before the winter solstice. */
const lunarYearOf = (solsticeYear: number, month: number) => (month >= 11 ? solsticeYear - 1 : solsticeYear);

/** The Vietnamese lunar date of a solar date. `utcOffsetHours` exists only to show the Chinese (UTC+8) result. */
export function solarToLunar(date: CivilDate, utcOffsetHours = VN_UTC_OFFSET_HOURS): LunarDate {
  const day = epochDayOf(date);
  const solsticeYear = day < month11Start(date.year, utcOffsetHours) ? date.year : date.year + 1;
  const months = monthsBetweenSolstices(solsticeYear, utcOffsetHours);
  const month = months.findLast((m) => m.start <= day)!;
  return {
    year: lunarYearOf(solsticeYear, month.month),
    month: month.month,
    day: day - month.start + 1,
    leap: month.leap,
  };
}

/** The months of a lunar year in order, from month 1 (tháng Giêng) to month 12 (tháng Chạp), leap month included. */
export function lunarYearMonths(lunarYear: number, utcOffsetHours = VN_UTC_OFFSET_HOURS): LunarMonth[] {
  const inYear = (solsticeYear: number) =>
    monthsBetweenSolstices(solsticeYear, utcOffsetHours).filter(
      (m) => lunarYearOf(solsticeYear, m.month) === lunarYear,
    );
  return [...inYear(lunarYear), ...inYear(lunarYear + 1)];
}

/** The solar date of a lunar date; a leap month that the year does not have, or day 30 of a 29-day month, is a
 * RangeError. */
export function lunarToSolar(date: LunarDate, utcOffsetHours = VN_UTC_OFFSET_HOURS): CivilDate {
  const month = lunarYearMonths(date.year, utcOffsetHours).find((m) => m.month === date.month && m.leap === date.leap);
  if (!month) {
    throw new RangeError(`Năm âm lịch ${date.year} không có tháng ${date.month}${date.leap ? ' nhuận' : ''}`);
  }
  if (!Number.isInteger(date.day) || date.day < 1 || date.day > month.length) {
    throw new RangeError(
      `Tháng ${date.month} âm lịch năm ${date.year} có ${month.length} ngày, không có ngày ${date.day}`,
    );
  }
  return civilDateOf(month.start + date.day - 1);
}

/** Mùng 1 Tết: the first day of the lunar year that begins in solar year `year`. */
export function tetDay(year: number, utcOffsetHours = VN_UTC_OFFSET_HOURS): EpochDay {
  return epochDayOf(lunarToSolar({ year, month: 1, day: 1, leap: false }, utcOffsetHours));
}
