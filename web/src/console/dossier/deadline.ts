// The deadline bar's figures, from the dossier as read: when the clock started (acceptance, or the supplement that
// restarted it), the pauses the history records (clock.pause … clock.resume, restart or stop), and the due time.
// Elapsed time here is calendar time; the server counts the deadline itself in working time (docs/calendar.md).
import type { DossierView } from '../api/dossiers.ts';

export interface Deadline {
  start: number;
  due: number;
  /** Time the clock ran since the start, pauses left out. */
  used: number;
  /** Time the clock stood still since the start (up to now for a pause still open). */
  paused: number;
  /** Until the due time; negative once it has passed. */
  left: number;
  /** The clock stands still now. */
  pausedNow: boolean;
  /** The clock has stopped for good (returned, refused…). */
  stopped: boolean;
}

type Clocked = Pick<DossierView, 'receivedAt' | 'dueAt' | 'returnedAt' | 'history' | 'clock'>;

export function deadlineOf(dossier: Clocked, now: number): Deadline | null {
  if (!dossier.dueAt) return null;
  let start = dossier.receivedAt ? Date.parse(dossier.receivedAt) : null;
  let end: number | null = null;
  let pausedSince: number | null = null;
  let paused = 0;
  for (const entry of dossier.history) {
    for (const effect of entry.effects) {
      const at = typeof effect.at === 'number' ? effect.at : Date.parse(entry.at);
      switch (effect.type) {
        case 'clock.start':
          start ??= at;
          break;
        case 'clock.restart':
          // Counting starts again from zero: earlier time and pauses no longer count.
          start = at;
          paused = 0;
          pausedSince = null;
          break;
        case 'clock.pause':
          pausedSince ??= at;
          break;
        case 'clock.resume':
          if (pausedSince !== null) paused += at - pausedSince;
          pausedSince = null;
          break;
        case 'clock.stop':
          end = at;
          break;
      }
    }
  }
  if (start === null) return null;
  const until = end ?? (dossier.returnedAt ? Date.parse(dossier.returnedAt) : now);
  if (pausedSince !== null) paused += until - pausedSince;
  const due = Date.parse(dossier.dueAt);
  return {
    start,
    due,
    used: Math.max(0, until - start - paused),
    paused,
    left: due - until,
    pausedNow: dossier.clock === 'paused',
    stopped: dossier.clock === 'stopped' || end !== null,
  };
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A span as days, hours and minutes, the two largest parts that are not zero. */
export function spanParts(ms: number): { days: number; hours: number; minutes: number } {
  const abs = Math.abs(ms);
  const days = Math.floor(abs / DAY);
  const hours = Math.floor((abs % DAY) / HOUR);
  const minutes = days > 0 ? 0 : Math.floor((abs % HOUR) / 60_000);
  return { days, hours, minutes };
}
