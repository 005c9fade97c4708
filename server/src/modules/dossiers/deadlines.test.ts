import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { schedulesFor } from '../calendar/holidays.ts';
import { formatVnInstant, HOUR_MS, vnInstant } from '../calendar/vn-time.ts';
import { buildCalendar, DEMO_PAPER_CUT_OFF, DEMO_WORKING_HOURS } from '../calendar/working-time.ts';
import type { Effect } from '../workflow/effects.ts';
import { type Calendars, currentDue, dueStateAt, initialSchedule, type Schedule, scheduleAfter } from './deadlines.ts';
import { projectRow } from './projection.ts';

const calendar = buildCalendar({
  hours: DEMO_WORKING_HOURS,
  entries: schedulesFor(2024, 2030).flatMap((s) => s.entries),
  paperCutOff: DEMO_PAPER_CUT_OFF,
});
const calendars: Calendars = { appointment: calendar, step: calendar };
const at = vnInstant;
const days = (amount: number) => ({ unit: 'working_days' as const, amount });
const show = (instant: number | null) => (instant === null ? null : formatVnInstant(instant));

const opened = (channel: 'desk' | 'online' = 'desk', time = days(5)) =>
  initialSchedule(channel, time, { step: 'reception', stepSince: at('2025-01-24', '08:00') });

/** Acceptance as the seeded workflows declare it: the clock starts, the appointment is set, the step is timed. */
function accept(s: Schedule, when: number): Schedule {
  const effects: Effect[] = [
    { type: 'clock.start', at: when },
    { type: 'code.assign', receivingUnit: 'u' },
    { type: 'appointment.set', from: when },
    { type: 'step.deadline', step: 'processing', from: when, timeAllowed: days(2) },
  ];
  return scheduleAfter(s, effects, { step: 'processing', stepSince: when }, calendars);
}

describe('the appointment of Form 01 (DOMAIN.md §4, §5)', () => {
  it('DOMAIN.md §5 Tết 2025: 5 days from Friday 24/01/2025 10:00 are due Friday 07/02/2025 10:00', () => {
    const s = accept(opened(), at('2025-01-24', '10:00'));
    expect(show(s.appointment)).toBe('10:00 07/02/2025');
    expect(show(s.step.due)).toBe('10:00 04/02/2025'); // 2 days: Monday 03/02, Tuesday 04/02
  });

  it('DOMAIN.md §4: a paper dossier received after the 15:00 cut-off counts from the next working morning', () => {
    const desk = accept(opened('desk', days(1)), at('2025-03-10', '15:30'));
    const online = accept(opened('online', days(1)), at('2025-03-10', '15:30'));
    expect(show(desk.appointment)).toBe('07:00 12/03/2025');
    expect(show(online.appointment)).toBe('15:30 11/03/2025');
  });

  it('a pause pushes the appointment and the step by the working time it covered, once it ends', () => {
    const accepted = accept(opened('desk', days(3)), at('2025-03-10', '08:00'));
    const paused = scheduleAfter(
      accepted,
      [{ type: 'clock.pause', at: at('2025-03-11', '10:00'), reason: 'suspension' }],
      { step: 'processing', stepSince: at('2025-03-10', '08:00') },
      calendars,
    );
    expect(paused.appointment).toBe(accepted.appointment); // unknown until it ends; the old date stands meanwhile
    const resumed = scheduleAfter(
      paused,
      [{ type: 'clock.resume', at: at('2025-03-12', '10:00'), reason: 'suspension' }],
      { step: 'processing', stepSince: at('2025-03-10', '08:00') },
      calendars,
    );
    expect(show(resumed.appointment)).toBe('08:00 14/03/2025');
    expect(show(resumed.step.due)).toBe('08:00 13/03/2025');
  });

  it('Decree 61 (restart setting): after a supplement the appointment counts from zero again', () => {
    const accepted = accept(opened('online', days(2)), at('2025-03-10', '08:00'));
    const step = { step: 'processing', stepSince: at('2025-03-10', '08:00') };
    const asked = scheduleAfter(
      accepted,
      [{ type: 'clock.pause', at: at('2025-03-11', '08:00'), reason: 'supplement' }],
      step,
      calendars,
    );
    const supplemented = scheduleAfter(
      asked,
      [
        { type: 'clock.restart', at: at('2025-03-17', '09:00') },
        { type: 'appointment.set', from: at('2025-03-17', '09:00') },
      ],
      step,
      calendars,
    );
    expect(show(supplemented.appointment)).toBe('09:00 19/03/2025');
  });

  it('DOMAIN.md §5: a Form 04 date replaces the date told to the applicant, not the one lateness is judged by', () => {
    const accepted = accept(opened('online', days(1)), at('2025-03-10', '08:00'));
    const extended = scheduleAfter(
      accepted,
      [{ type: 'appointment.extend', newDate: at('2025-03-14', '16:00'), reason: 'Chờ xác minh' }],
      { step: 'processing', stepSince: at('2025-03-10', '08:00') },
      calendars,
    );
    expect(show(currentDue(extended))).toBe('16:00 14/03/2025');
    expect(show(extended.appointment)).toBe('08:00 11/03/2025');
    const returned = {
      status: 'returned',
      step: 'returned',
      clock: { phase: 'stopped', pauses: [] },
      assignee: null,
      agencies: ['u'],
      receivingUnit: 'u',
      closed: { as: 'returned', at: at('2025-03-13', '09:00') },
    } as unknown as Parameters<typeof projectRow>[0];
    expect(projectRow(returned, extended).outcome).toBe('late');
  });

  it('a step without an allowed time has no due time of its own', () => {
    const accepted = accept(opened(), at('2025-03-10', '08:00'));
    const moved = scheduleAfter(accepted, [], { step: 'result', stepSince: at('2025-03-11', '08:00') }, calendars);
    expect(moved.step).toEqual({ id: 'result', since: at('2025-03-11', '08:00'), time: null, due: null });
  });
});

describe('due states', () => {
  const s = accept(opened('online', days(1)), at('2025-03-10', '08:00'));
  const state = (now: number, phase: 'running' | 'paused' = 'running', previous: 'on_time' | null = null) =>
    dueStateAt(s, phase, previous, calendar, now, 4);

  it('is on time, then due soon within the threshold of working hours, then overdue after the date', () => {
    expect(state(at('2025-03-10', '08:00'))).toBe('on_time');
    expect(state(at('2025-03-10', '14:00'))).toBe('due_soon');
    expect(state(at('2025-03-11', '08:01'))).toBe('overdue');
  });

  it('stands still while the clock is paused, and is none before the clock starts', () => {
    expect(state(at('2025-03-12', '08:00'), 'paused', 'on_time')).toBe('on_time');
    expect(dueStateAt(opened(), 'idle', null, calendar, at('2025-03-12', '08:00'), 4)).toBeNull();
  });
});

describe('pauses (property)', () => {
  it('never bring the appointment earlier, and without pauses it is the plain deadline', () => {
    const start = at('2025-03-03', '08:00');
    const accepted = accept(opened('online', days(10)), start);
    const pauses = fc.array(fc.tuple(fc.integer({ min: 1, max: 300 }), fc.integer({ min: 1, max: 100 })), {
      maxLength: 5,
    });
    fc.assert(
      fc.property(pauses, (list) => {
        let s = accepted;
        let t = start;
        for (const [gap, length] of list) {
          const from = t + gap * HOUR_MS;
          t = from + length * HOUR_MS;
          const step = { step: 'processing', stepSince: start };
          s = scheduleAfter(s, [{ type: 'clock.pause', at: from, reason: 'suspension' }], step, calendars);
          s = scheduleAfter(s, [{ type: 'clock.resume', at: t, reason: 'suspension' }], step, calendars);
        }
        return s.appointment! >= accepted.appointment! && s.step.due! >= accepted.step.due!;
      }),
      { numRuns: 200 },
    );
  });
});
