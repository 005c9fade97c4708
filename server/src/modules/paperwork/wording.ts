// How dates and times are written on official papers (Decree 30/2020, Annex I): "ngày 05 tháng 01 năm 2026" with
// a leading zero for days below 10 and for months 1 and 2 only; times as "08 giờ 30 phút". Always in Vietnam's
// time (UTC+7), whatever the server's time zone.
import { civilDateOf, type Instant, vnDayOf, vnMinutesOfDay } from '../calendar/vn-time.ts';

const pad2 = (n: number) => String(n).padStart(2, '0');

/** "ngày 05 tháng 01 năm 2026", "ngày 15 tháng 3 năm 2026" (DOMAIN.md §6). */
export function writtenDate(instant: Instant): string {
  const { year, month, day } = civilDateOf(vnDayOf(instant));
  const monthText = month <= 2 ? pad2(month) : String(month);
  return `ngày ${pad2(day)} tháng ${monthText} năm ${year}`;
}

/** "Bạc Liêu, ngày 05 tháng 01 năm 2026": the place and date line under the national motto. */
export const placeAndDate = (place: string, instant: Instant) => `${place}, ${writtenDate(instant)}`;

/** "08 giờ 30 phút, ngày 05 tháng 01 năm 2026": receipt and appointment times on Form 01. */
export function writtenTime(instant: Instant): string {
  const minutes = vnMinutesOfDay(instant);
  return `${pad2(Math.floor(minutes / 60))} giờ ${pad2(minutes % 60)} phút, ${writtenDate(instant)}`;
}

/** "dd/mm/yyyy" for tables (logbook, control sheet). */
export function shortDate(instant: Instant): string {
  const { year, month, day } = civilDateOf(vnDayOf(instant));
  return `${pad2(day)}/${pad2(month)}/${year}`;
}

/** "hh:mm dd/mm/yyyy" for hand-over times in the control sheet. */
export function shortDateTime(instant: Instant): string {
  const minutes = vnMinutesOfDay(instant);
  return `${pad2(Math.floor(minutes / 60))}:${pad2(minutes % 60)} ${shortDate(instant)}`;
}
