// Throughput of addWorkingDays on the demo calendar (official 2024–2026 + provisional schedules), against a naive
// day-by-day loop run in the same process. Run: cd server && npx tsx ../bench/calendar.ts
// Prints ops/s of both and their ratio; the machines are shared, so only the ratio is comparable between runs.

import { type CalendarEntry, isDayOff, schedulesFor } from '../server/src/modules/calendar/holidays.ts';
import {
  type EpochDay,
  formatIsoDate,
  type Instant,
  MINUTE_MS,
  vnDayOf,
  vnInstant,
  vnMidnight,
  weekdayOf,
} from '../server/src/modules/calendar/vn-time.ts';
import {
  addWorkingDays,
  buildCalendar,
  type CalendarDefinition,
  DEMO_PAPER_CUT_OFF,
  DEMO_WORKING_HOURS,
  type Period,
} from '../server/src/modules/calendar/working-time.ts';

const definition: CalendarDefinition = {
  hours: DEMO_WORKING_HOURS,
  entries: schedulesFor(2024, 2099).flatMap((s) => s.entries),
  paperCutOff: DEMO_PAPER_CUT_OFF,
};

// ---- BASELINE: a naive implementation for comparison only (not part of the module) ----------------------------
// Same semantics as addWorkingDays for whole days, but it looks every day up by its ISO date and walks day by day.
function naiveAddWorkingDays(entries: Map<string, CalendarEntry>, instant: Instant, days: number): Instant {
  const { weekly, makeUpDay } = definition.hours;
  const periodsOf = (day: EpochDay): readonly Period[] => {
    const entry = entries.get(formatIsoDate(day));
    if (entry) return isDayOff(entry.kind) ? [] : makeUpDay;
    return weekly[weekdayOf(day)]!;
  };
  const totalOf = (periods: readonly Period[]) => periods.reduce((sum, p) => sum + p.end - p.start, 0);
  const nextWorkingDay = (day: EpochDay) => {
    let next = day + 1;
    while (totalOf(periodsOf(next)) === 0) next++;
    return next;
  };
  let day = vnDayOf(instant);
  const minute = (instant - vnMidnight(day)) / MINUTE_MS;
  let offset = periodsOf(day).reduce((sum, p) => sum + Math.max(0, Math.min(minute, p.end) - p.start), 0);
  if (offset >= totalOf(periodsOf(day))) {
    day = nextWorkingDay(day);
    offset = 0;
  }
  for (let i = 0; i < days; i++) day = nextWorkingDay(day);
  if (offset >= totalOf(periodsOf(day))) {
    day = nextWorkingDay(day);
    offset = 0;
  }
  for (const p of periodsOf(day)) {
    if (offset < p.end - p.start) return vnMidnight(day) + (p.start + offset) * MINUTE_MS;
    offset -= p.end - p.start;
  }
  throw new Error('unreachable: the day has working time');
}
// -----------------------------------------------------------------------------------------------------------------

function sample(count: number): { instants: Float64Array; days: Int32Array } {
  let seed = 42; // a fixed linear congruential generator, so every run measures the same inputs
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const from = vnInstant('2024-01-01', '00:00');
  const span = vnInstant('2030-01-01', '00:00') - from;
  const instants = new Float64Array(count);
  const days = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    instants[i] = from + Math.floor((random() * span) / MINUTE_MS) * MINUTE_MS;
    days[i] = 1 + Math.floor(random() * 60); // processing times of 1–60 working days
  }
  return { instants, days };
}

/** Runs `op` over the inputs repeatedly for at least `seconds`; returns operations per second. */
function measure(op: (instant: Instant, days: number) => Instant, inputs: ReturnType<typeof sample>, seconds: number) {
  let ops = 0;
  let checksum = 0;
  const started = performance.now();
  while (performance.now() - started < seconds * 1000) {
    for (let i = 0; i < inputs.instants.length; i++) checksum += op(inputs.instants[i]!, inputs.days[i]!);
    ops += inputs.instants.length;
  }
  const elapsed = (performance.now() - started) / 1000;
  if (checksum === 0) throw new Error('results were not used');
  return ops / elapsed;
}

const buildStarted = performance.now();
const calendar = buildCalendar(definition);
const buildMs = performance.now() - buildStarted;
const entries = new Map(definition.entries.map((e) => [e.date, e]));
const indexed = (instant: Instant, days: number) => addWorkingDays(calendar, instant, days);
const naive = (instant: Instant, days: number) => naiveAddWorkingDays(entries, instant, days);

const check = sample(20_000);
for (let i = 0; i < check.instants.length; i++) {
  if (indexed(check.instants[i]!, check.days[i]!) !== naive(check.instants[i]!, check.days[i]!)) {
    throw new Error(`indexed and naive disagree on input ${i}`);
  }
}

const inputs = sample(100_000);
measure(indexed, inputs, 0.3); // warm-up
measure(naive, inputs, 0.3);
const indexedOps = measure(indexed, inputs, 2);
const naiveOps = measure(naive, inputs, 2);
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
console.log(`calendar index build (2000–2099, ${definition.entries.length} entries): ${buildMs.toFixed(1)} ms`);
console.log(`addWorkingDays indexed:           ${fmt(indexedOps)} ops/s (target >= 1,000,000)`);
console.log(`addWorkingDays naive (baseline):  ${fmt(naiveOps)} ops/s`);
console.log(`ratio indexed / naive:            ${(indexedOps / naiveOps).toFixed(1)}x`);
