// Public holidays (ngày nghỉ lễ), substitute days off (ngày nghỉ bù), swapped days off (hoán đổi) and make-up
// working days (ngày làm bù) as plain data: the official schedules of DOMAIN.md §5, a provisional schedule
// generated from the Labor Code 2019 Art. 111–112 for years not yet announced, and the validation of entries.

import { lunarToSolar } from './lunar.ts';
import {
  type EpochDay,
  epochDayOf,
  formatIsoDate,
  formatVnDate,
  type IsoDate,
  parseIsoDate,
  type Weekday,
  weekdayOf,
} from './vn-time.ts';

/**
 * - holiday: a statutory public holiday (ngày nghỉ lễ, tết) on a working day;
 * - substitute: the day off given for a holiday that fell on a weekly rest day (ngày nghỉ bù, Art. 111(3));
 * - swap: a working day made a day off in exchange for a make-up day (hoán đổi);
 * - make_up: a rest day worked in exchange (ngày làm bù), with a weekday's working hours.
 */
export type EntryKind = 'holiday' | 'substitute' | 'swap' | 'make_up';

/** One day whose working status differs from the ordinary week. Days off that fall on a rest day anyway are not
 * listed; statutoryHolidays() gives the holidays' own dates for display. */
export interface CalendarEntry {
  date: IsoDate;
  kind: EntryKind;
  /** Vietnamese name shown to users. */
  name: string;
  /** The legal basis, in Vietnamese. */
  legalNote: string;
}

export interface YearSchedule {
  year: number;
  /** official: announced by the government; provisional: generated here until an administrator confirms it. */
  status: 'official' | 'provisional';
  entries: readonly CalendarEntry[];
}

export const isDayOff = (kind: EntryKind): boolean => kind !== 'make_up';

/** Civil servants rest on Saturday and Sunday (DOMAIN.md §5). */
export const CIVIL_SERVICE_REST_DAYS: readonly Weekday[] = [6, 0];

const ART_112 = 'Bộ luật Lao động 2019, Điều 112 khoản 1';
const ART_111 = 'Bộ luật Lao động 2019, Điều 111 khoản 3: ngày lễ trùng ngày nghỉ hằng tuần được nghỉ bù';

const NAMES = {
  new_year: 'Tết Dương lịch',
  tet: 'Tết Nguyên đán',
  hung_kings: 'Giỗ Tổ Hùng Vương',
  victory_day: 'Ngày Chiến thắng',
  labour_day: 'Ngày Quốc tế lao động',
  national_day: 'Quốc khánh',
} as const;

export type StatutoryHolidayKey = keyof typeof NAMES;

const LEGAL_POINTS: Record<StatutoryHolidayKey, string> = {
  new_year: `${ART_112} điểm a (01/01 dương lịch)`,
  tet: `${ART_112} điểm b (05 ngày, Thủ tướng quyết định cụ thể)`,
  victory_day: `${ART_112} điểm c (30/4 dương lịch)`,
  labour_day: `${ART_112} điểm d (01/5 dương lịch)`,
  national_day: `${ART_112} điểm đ (02/9 dương lịch và 01 ngày liền kề trước hoặc sau)`,
  hung_kings: `${ART_112} điểm e (10/3 âm lịch)`,
};

const entry = (date: IsoDate, kind: EntryKind, name: string, legalNote: string): CalendarEntry => ({
  date,
  kind,
  name,
  legalNote,
});

const holiday = (key: StatutoryHolidayKey, note?: string) => (date: IsoDate) =>
  entry(date, 'holiday', NAMES[key], note ? `${LEGAL_POINTS[key]}; ${note}` : LEGAL_POINTS[key]);

/** A hoán đổi: a working day off in exchange for a Saturday worked, both announced together. */
function swapped(dayOff: IsoDate, workedSaturday: IsoDate): CalendarEntry[] {
  const basis = `Lịch nghỉ chính thức năm ${dayOff.slice(0, 4)} của cán bộ, công chức (DOMAIN.md §5)`;
  const [off, worked] = [dayOff, workedSaturday].map((d) => formatVnDate(parseIsoDate(d)));
  return [
    entry(dayOff, 'swap', `Nghỉ hoán đổi (làm bù thứ Bảy ${worked})`, basis),
    entry(workedSaturday, 'make_up', `Làm bù cho ngày nghỉ ${off}`, basis),
  ];
}

const official = (year: number, entries: CalendarEntry[]): YearSchedule => ({
  year,
  status: 'official',
  entries: entries.sort((a, b) => a.date.localeCompare(b.date)),
});

/** The official schedules of DOMAIN.md §5, exactly as listed there (weekdays off; make-up Saturdays worked). */
export const OFFICIAL_SCHEDULES: readonly YearSchedule[] = [
  official(2024, [
    holiday('new_year')('2024-01-01'),
    ...['2024-02-08', '2024-02-09', '2024-02-12', '2024-02-13', '2024-02-14'].map(
      holiday('tet', 'nghỉ Tết 08/02–14/02/2024'),
    ),
    holiday('hung_kings')('2024-04-18'),
    ...swapped('2024-04-29', '2024-05-04'),
    holiday('victory_day')('2024-04-30'),
    holiday('labour_day')('2024-05-01'),
    ...['2024-09-02', '2024-09-03'].map(holiday('national_day')),
  ]),
  official(2025, [
    holiday('new_year')('2025-01-01'),
    ...['2025-01-27', '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31'].map(
      holiday('tet', 'nghỉ Tết 25/01–02/02/2025'),
    ),
    holiday('hung_kings')('2025-04-07'),
    holiday('victory_day')('2025-04-30'),
    holiday('labour_day')('2025-05-01'),
    ...swapped('2025-05-02', '2025-04-26'),
    ...['2025-09-01', '2025-09-02'].map(holiday('national_day')),
  ]),
  official(2026, [
    holiday('new_year')('2026-01-01'),
    ...swapped('2026-01-02', '2026-01-10'),
    ...['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20'].map(
      holiday('tet', 'nghỉ Tết 14/02–22/02/2026'),
    ),
    entry(
      '2026-04-27',
      'substitute',
      `Nghỉ bù ${NAMES.hung_kings} (Chủ nhật 26/04/2026)`,
      `${ART_111}; ${LEGAL_POINTS.hung_kings} (?) chưa đối chiếu văn bản gốc`,
    ),
    holiday('victory_day')('2026-04-30'),
    holiday('labour_day')('2026-05-01'),
    ...swapped('2026-08-31', '2026-08-22'),
    ...['2026-09-01', '2026-09-02'].map(holiday('national_day')),
  ]),
];

export interface StatutoryHoliday {
  key: StatutoryHolidayKey;
  date: IsoDate;
  name: string;
  legalNote: string;
}

const solar = (year: number, month: number, day: number) => epochDayOf({ year, month, day });
const lunar = (year: number, month: number, day: number) => epochDayOf(lunarToSolar({ year, month, day, leap: false }));

/** The statutory holidays' own dates in a solar year (Art. 112(1)), whatever weekday they fall on. Tết is given by
 * mùng 1; 10/3 lunar is in the regular (not leap) third month. */
export function statutoryHolidays(year: number): StatutoryHoliday[] {
  const days: [StatutoryHolidayKey, EpochDay][] = [
    ['new_year', solar(year, 1, 1)],
    ['tet', lunar(year, 1, 1)],
    ['hung_kings', lunar(year, 3, 10)],
    ['victory_day', solar(year, 4, 30)],
    ['labour_day', solar(year, 5, 1)],
    ['national_day', solar(year, 9, 2)],
  ];
  return days.map(([key, day]) => ({ key, date: formatIsoDate(day), name: NAMES[key], legalNote: LEGAL_POINTS[key] }));
}

interface Holiday {
  day: EpochDay;
  key: StatutoryHolidayKey;
  name: string;
}

/**
 * The 11 statutory days off of a year as this module proposes them:
 * - Tết: the last day of the lunar year (30 Tết, which is the 29th of tháng Chạp in a short year) and mùng 1–4,
 *   the usual shape of the Prime Minister's choice (one day before, four after);
 * - National Day: 2/9 and 1/9, or 3/9 when 1/9 is a rest day (the choice of 2024, 2025 and 2026).
 */
function provisionalHolidays(year: number, isRestDay: (day: EpochDay) => boolean): Holiday[] {
  const tet = lunar(year, 1, 1);
  const nationalDay = solar(year, 9, 2);
  const adjacent = isRestDay(nationalDay - 1) ? nationalDay + 1 : nationalDay - 1;
  const tetNames = ['30 Tết', 'mùng 1', 'mùng 2', 'mùng 3', 'mùng 4'];
  const days: Holiday[] = [
    { day: solar(year, 1, 1), key: 'new_year', name: NAMES.new_year },
    ...tetNames.map((label, i) => ({ day: tet - 1 + i, key: 'tet' as const, name: `${NAMES.tet} (${label})` })),
    { day: lunar(year, 3, 10), key: 'hung_kings', name: NAMES.hung_kings },
    { day: solar(year, 4, 30), key: 'victory_day', name: NAMES.victory_day },
    { day: solar(year, 5, 1), key: 'labour_day', name: NAMES.labour_day },
    { day: Math.min(nationalDay, adjacent), key: 'national_day', name: NAMES.national_day },
    { day: Math.max(nationalDay, adjacent), key: 'national_day', name: NAMES.national_day },
  ];
  return days.sort((a, b) => a.day - b.day);
}

/**
 * A provisional schedule for a year the government has not announced: the holidays of Art. 112(1) on their working
 * days, and for each holiday on a rest day (or on the same day as another holiday) a substitute day off on the next
 * working day that is not already off (Art. 111(3)). No swaps or make-up days: only the government decides those.
 */
export function provisionalSchedule(
  year: number,
  restDays: readonly Weekday[] = CIVIL_SERVICE_REST_DAYS,
): YearSchedule {
  const isRestDay = (day: EpochDay) => restDays.includes(weekdayOf(day));
  const holidays = provisionalHolidays(year, isRestDay);
  const off = new Set<EpochDay>();
  const entries: CalendarEntry[] = [];
  const displaced: Holiday[] = [];
  for (const h of holidays) {
    if (isRestDay(h.day) || off.has(h.day)) {
      displaced.push(h);
    } else {
      off.add(h.day);
      entries.push(entry(formatIsoDate(h.day), 'holiday', h.name, LEGAL_POINTS[h.key]));
    }
  }
  for (const { day, key, name } of displaced) {
    let substitute = day + 1;
    while (isRestDay(substitute) || off.has(substitute)) substitute++;
    off.add(substitute);
    const why = `${ART_111}; ${LEGAL_POINTS[key]}`;
    entries.push(entry(formatIsoDate(substitute), 'substitute', `Nghỉ bù ${name} (${formatVnDate(day)})`, why));
  }
  return { year, status: 'provisional', entries: entries.sort((a, b) => a.date.localeCompare(b.date)) };
}

/** For each year of a range, its official schedule if there is one, otherwise a provisional one (what the seed
 * loads). */
export function schedulesFor(
  fromYear: number,
  toYear: number,
  officialSchedules: readonly YearSchedule[] = OFFICIAL_SCHEDULES,
): YearSchedule[] {
  return Array.from(
    { length: toYear - fromYear + 1 },
    (_, i) => officialSchedules.find((s) => s.year === fromYear + i) ?? provisionalSchedule(fromYear + i),
  );
}

export interface EntryProblem {
  code: 'invalid_date' | 'duplicate' | 'off_and_make_up';
  date: IsoDate;
  /** Vietnamese, for the administrator who entered the data. */
  message: string;
}

/** Refuses entries that cannot all hold: an unreadable date, a day listed twice, or a day that is both a day off
 * and a make-up working day. An empty list means the entries are consistent. */
export function validateEntries(entries: readonly CalendarEntry[]): EntryProblem[] {
  const problems: EntryProblem[] = [];
  const byDay = new Map<EpochDay, CalendarEntry>();
  for (const e of entries) {
    let day: EpochDay;
    try {
      day = parseIsoDate(e.date);
    } catch (error) {
      problems.push({ code: 'invalid_date', date: e.date, message: (error as Error).message });
      continue;
    }
    const earlier = byDay.get(day);
    byDay.set(day, earlier ?? e);
    if (!earlier) continue;
    const shown = `Ngày ${formatVnDate(day)}`;
    problems.push(
      isDayOff(earlier.kind) === isDayOff(e.kind)
        ? {
            code: 'duplicate',
            date: e.date,
            message: `${shown} được khai báo hai lần: "${earlier.name}" và "${e.name}"`,
          }
        : {
            code: 'off_and_make_up',
            date: e.date,
            message: `${shown} vừa là ngày nghỉ vừa là ngày làm bù: "${earlier.name}" và "${e.name}"`,
          },
    );
  }
  return problems;
}
