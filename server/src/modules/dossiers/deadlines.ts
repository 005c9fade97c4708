// A dossier's deadlines (ngày hẹn trả, hạn của từng bước) from the effects the workflow engine reports: the clock
// starting, pausing and resuming, the Form 01 appointment, a Form 04 new date, each step's allowed time. Pure: the
// caller hands in the working calendars, the calendar module's functions do the arithmetic.

import { type DueStatus, dueStatus } from '../calendar/classify.ts';
import { type Channel, countingStart, type Duration, deadline, type Pause } from '../calendar/deadline.ts';
import type { Instant } from '../calendar/vn-time.ts';
import type { WorkingCalendar } from '../calendar/working-time.ts';
import type { Effect } from '../workflow/effects.ts';
import type { DossierState } from '../workflow/state.ts';

/** An interval the clock stood still; `to` is null while it still stands. */
export interface ClockPause {
  from: Instant;
  to: Instant | null;
}

export interface StepSchedule {
  id: string;
  since: Instant;
  time: Duration | null;
  due: Instant | null;
}

/** What a dossier's deadlines are computed from, kept on its row so that a resume can recompute them. */
export interface Schedule {
  channel: Channel;
  /** The procedure's processing time for the dossier's channel (null: settled on the spot, no appointment). */
  processingTime: Duration | null;
  /** When the appointment was last set: acceptance, or a supplement that restarts counting from zero. */
  appointmentFrom: Instant | null;
  /** Every pause of the clock, oldest first; the calendar ignores those before a start. */
  pauses: ClockPause[];
  /** Form 01: lateness is always judged against it (DOMAIN.md §5). */
  appointment: Instant | null;
  /** Form 04: the new date the applicant is told, at most once. */
  extendedTo: Instant | null;
  step: StepSchedule;
}

export interface Calendars {
  /** The receiving unit's: it issues Form 01 and its appointment. */
  appointment: WorkingCalendar;
  /** The acting agency's, after the action: its staff work the step. */
  step: WorkingCalendar;
}

export function initialSchedule(
  channel: Channel,
  processingTime: Duration | null,
  state: Pick<DossierState, 'step' | 'stepSince'>,
): Schedule {
  return {
    channel,
    processingTime,
    appointmentFrom: null,
    pauses: [],
    appointment: null,
    extendedTo: null,
    step: { id: state.step, since: state.stepSince, time: null, due: null },
  };
}

const closed = (pauses: readonly ClockPause[]): Pause[] =>
  pauses.flatMap((p) => (p.to === null ? [] : [{ from: p.from, to: p.to }]));

const closeOpenPause = (pauses: readonly ClockPause[], at: Instant): ClockPause[] =>
  pauses.map((p) => (p.to === null ? { from: p.from, to: at } : p));

function appointmentOf(s: Schedule, calendar: WorkingCalendar): Instant | null {
  if (s.processingTime === null || s.appointmentFrom === null) return null;
  const start = countingStart(calendar, s.appointmentFrom, s.channel);
  return deadline(calendar, start, s.processingTime, closed(s.pauses));
}

// A step's time runs inside the agency: counting starts at the next working instant, with no paper cut-off.
function stepDueOf(step: StepSchedule, pauses: readonly ClockPause[], calendar: WorkingCalendar): Instant | null {
  if (step.time === null) return null;
  return deadline(calendar, countingStart(calendar, step.since, 'online'), step.time, closed(pauses));
}

/** After a pause ends, both the appointment and the step's due time move by the working time it covered. */
function recomputed(s: Schedule, calendars: Calendars): Schedule {
  return {
    ...s,
    appointment: appointmentOf(s, calendars.appointment),
    step: { ...s.step, due: stepDueOf(s.step, s.pauses, calendars.step) },
  };
}

function applyEffect(s: Schedule, effect: Effect, calendars: Calendars): Schedule {
  switch (effect.type) {
    case 'clock.pause':
      return { ...s, pauses: [...s.pauses, { from: effect.at, to: null }] };
    case 'clock.resume':
    case 'clock.stop':
      return recomputed({ ...s, pauses: closeOpenPause(s.pauses, effect.at) }, calendars);
    case 'clock.restart':
      // The appointment.set that follows counts from zero again; the step keeps its own time.
      return recomputed({ ...s, pauses: closeOpenPause(s.pauses, effect.at) }, calendars);
    case 'appointment.set': {
      const next = { ...s, appointmentFrom: effect.from };
      return { ...next, appointment: appointmentOf(next, calendars.appointment) };
    }
    case 'appointment.extend':
      return { ...s, extendedTo: effect.newDate };
    case 'step.deadline': {
      const step: StepSchedule = { id: effect.step, since: effect.from, time: effect.timeAllowed, due: null };
      return { ...s, step: { ...step, due: stepDueOf(step, s.pauses, calendars.step) } };
    }
    default:
      return s;
  }
}

/** The schedule after an accepted action: its effects in order, then the step the dossier stands at now. */
export function scheduleAfter(
  before: Schedule,
  effects: readonly Effect[],
  state: Pick<DossierState, 'step' | 'stepSince'>,
  calendars: Calendars,
): Schedule {
  const s = effects.reduce((acc, effect) => applyEffect(acc, effect, calendars), before);
  // A step without an allowed time has no due time of its own.
  if (s.step.id === state.step && s.step.since === state.stepSince) return s;
  return { ...s, step: { id: state.step, since: state.stepSince, time: null, due: null } };
}

/** The date the applicant is told now: the Form 04 date once there is one, else the Form 01 appointment. */
export const currentDue = (s: Schedule): Instant | null => s.extendedTo ?? s.appointment;

/**
 * How close an open dossier is to its date at `now`. Only a running clock moves towards it: a paused dossier keeps
 * the state it had, an idle or stopped one has none.
 */
export function dueStateAt(
  s: Schedule,
  clock: DossierState['clock']['phase'],
  previous: DueStatus | null,
  calendar: WorkingCalendar,
  now: Instant,
  thresholdHours: number,
): DueStatus | null {
  const due = currentDue(s);
  if (clock === 'paused') return previous;
  if (clock !== 'running' || due === null) return null;
  return dueStatus(calendar, now, due, thresholdHours);
}
