import { describe, expect, it } from 'vitest';
import { classifyReturn, dueStatus } from './classify.ts';
import { schedulesFor } from './holidays.ts';
import { vnInstant } from './vn-time.ts';
import { buildCalendar, DEMO_PAPER_CUT_OFF, DEMO_WORKING_HOURS } from './working-time.ts';

const calendar = buildCalendar({
  hours: DEMO_WORKING_HOURS,
  entries: schedulesFor(2025, 2026).flatMap((s) => s.entries),
  paperCutOff: DEMO_PAPER_CUT_OFF,
});
const at = (date: string, time: string) => vnInstant(date, time);

describe('early / on time / late against the Form 01 appointment (DOMAIN.md §4, §5)', () => {
  const appointment = at('2025-03-11', '10:00');

  it.each([
    ['2025-03-10', '16:00', 'early'],
    ['2025-03-11', '07:30', 'on_time'],
    ['2025-03-11', '10:00', 'on_time'],
    ['2025-03-11', '10:01', 'late'],
    ['2025-03-12', '08:00', 'late'],
  ])('returned %s %s: %s', (date, time, expected) => {
    expect(classifyReturn(at(date, time), appointment)).toBe(expected);
  });

  it('compares calendar days in Vietnam, not in UTC (00:30 in Hà Nội is still the previous day in UTC)', () => {
    const dueMorning = at('2025-03-11', '07:00');
    expect(classifyReturn(at('2025-03-10', '23:30'), dueMorning)).toBe('early');
    expect(classifyReturn(at('2025-03-11', '00:30'), dueMorning)).toBe('on_time');
  });
});

describe('due soon, with a threshold in working hours', () => {
  const due = at('2025-04-28', '09:00'); // Monday

  it.each([
    ['2025-04-24', '16:00', 'on_time'], // 19 working hours left (the make-up Saturday counts)
    ['2025-04-26', '14:00', 'due_soon'], // 5 working hours left: exactly 3 + 2
    ['2025-04-27', '10:00', 'due_soon'], // Sunday: 2 working hours left
    ['2025-04-28', '09:00', 'due_soon'], // at the due instant: not yet overdue
    ['2025-04-28', '09:01', 'overdue'],
  ])('at %s %s with a 5-hour threshold: %s', (date, time, expected) => {
    expect(dueStatus(calendar, at(date, time), due, 5)).toBe(expected);
  });
});
