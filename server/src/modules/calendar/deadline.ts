// Deadlines of a dossier: when the clock starts (channel and paper cut-off), how long it runs (working days or
// hours) and when it stops (pauses, e.g. while the applicant supplements the dossier).

import { type Instant, vnMinutesOfDay } from './vn-time.ts';
import {
  addWorkingDays,
  addWorkingHours,
  instantAtWorkingClock,
  nextWorkingInstant,
  startOfNextWorkingDay,
  type WorkingCalendar,
  workingClock,
} from './working-time.ts';

/** How a dossier arrived (DOMAIN.md §4): online, at the desk, or by public post. */
export type Channel = 'online' | 'desk' | 'post';

/** A processing time as the catalogue states it. */
export interface Duration {
  unit: 'working_days' | 'working_hours';
  amount: number;
}

/** An interval [from, to) during which the clock stands still. */
export interface Pause {
  from: Instant;
  to: Instant;
}

/**
 * When counting starts for a dossier received at `receivedAt`: the next working instant, except that a paper
 * dossier (desk or post) received at or after the calendar's cut-off time starts at the next working day's first
 * period, whatever day it was received on. Online dossiers have no cut-off.
 */
export function countingStart(calendar: WorkingCalendar, receivedAt: Instant, channel: Channel): Instant {
  const cutOff = calendar.definition.paperCutOff;
  if (channel === 'online' || cutOff === null) return nextWorkingInstant(calendar, receivedAt);
  return vnMinutesOfDay(receivedAt) >= cutOff
    ? startOfNextWorkingDay(calendar, receivedAt)
    : nextWorkingInstant(calendar, receivedAt);
}

/**
 * The due instant of a duration counted from `start`, pushed by the working time the pauses cover: the clock
 * stops from a pause's `from` to its `to`, so only pauses that begin before the duration has run out matter.
 * Pauses may overlap and come in any order; the part of a pause before `start` is ignored.
 */
export function deadline(
  calendar: WorkingCalendar,
  start: Instant,
  duration: Duration,
  pauses: readonly Pause[] = [],
): Instant {
  const add = duration.unit === 'working_days' ? addWorkingDays : addWorkingHours;
  const origin = workingClock(calendar, start);
  let due = workingClock(calendar, add(calendar, start, duration.amount));
  const stopped = pauses
    .map((p) => {
      if (!(p.from <= p.to)) throw new RangeError('Khoảng tạm dừng phải có thời điểm bắt đầu trước thời điểm kết thúc');
      return { from: Math.max(origin, workingClock(calendar, p.from)), to: workingClock(calendar, p.to) };
    })
    .sort((a, b) => a.from - b.from);
  let counted = origin; // working-clock reading up to which pauses have already been added
  for (const pause of stopped) {
    if (pause.from >= due) break;
    const from = Math.max(pause.from, counted);
    if (pause.to > from) {
      due += pause.to - from;
      counted = pause.to;
    }
  }
  return instantAtWorkingClock(calendar, due);
}
