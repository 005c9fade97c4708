// Timeliness of a dossier: how a return compares with its appointment, and how close an open dossier is to it.

import { type Instant, vnDayOf } from './vn-time.ts';
import { type WorkingCalendar, workingMinutesBetween } from './working-time.ts';

/** trước hạn / đúng hạn / quá hạn, the result column of Form 05 and the statistics (DOMAIN.md §4, §5). */
export type ReturnTimeliness = 'early' | 'on_time' | 'late';

/**
 * Compares an actual return with the appointment of Form 01 (never a Form 04 new date, which does not erase
 * lateness): late when returned after the appointment instant; early when returned on an earlier calendar day
 * in Vietnam; otherwise on time (the same day, at or before the appointed time).
 */
export function classifyReturn(returnedAt: Instant, appointment: Instant): ReturnTimeliness {
  if (returnedAt > appointment) return 'late';
  return vnDayOf(returnedAt) < vnDayOf(appointment) ? 'early' : 'on_time';
}

export type DueStatus = 'on_time' | 'due_soon' | 'overdue';

/**
 * The state of an open dossier at `now`: overdue once `now` is past `due`; due soon when at most `thresholdHours`
 * of working time remain (the due instant itself included); otherwise on time.
 */
export function dueStatus(calendar: WorkingCalendar, now: Instant, due: Instant, thresholdHours: number): DueStatus {
  if (now > due) return 'overdue';
  return workingMinutesBetween(calendar, now, due) <= thresholdHours * 60 ? 'due_soon' : 'on_time';
}
