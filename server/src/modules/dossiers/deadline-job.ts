// The periodic deadline job: open dossiers whose clock runs move from on time to due soon to overdue as time
// passes, and each move is announced once (`dossier.due_soon`, `dossier.overdue`). Safe with several workers: a
// dossier another worker (or an action) holds is skipped this round, and a move is computed from the locked row,
// so it happens, and is announced, once.
import type { Logger } from 'pino';
import { type AppContext, runChange } from '../../platform/context.ts';
import type { EffectiveCalendar } from '../calendar/effective.ts';
import { effectiveCalendar } from '../calendar/service.ts';
import { DAY_MS } from '../calendar/vn-time.ts';
import { settingValue } from '../settings/cache.ts';
import { currentDue, dueStateAt, type Schedule } from './deadlines.ts';
import { dueEvent } from './projection.ts';
import * as store from './store.ts';

const BATCH = 500;
// A due soon threshold in working hours spans at most this much calendar time, Tết included.
const HORIZON_DAYS = 30;

/** Marks the due state of open dossiers at `now`; returns how many changed. */
export async function markDeadlines(ctx: AppContext, now: Date): Promise<number> {
  const dueSoonHours = await settingValue(ctx, 'dossier.dueSoonHours');
  const horizon = new Date(now.getTime() + Math.max(HORIZON_DAYS, dueSoonHours) * DAY_MS);
  let changed = 0;
  for (;;) {
    const candidates = await store.deadlineCandidates(ctx.database.db, horizon, BATCH);
    if (candidates.length === 0) return changed;
    const calendars = new Map<string, EffectiveCalendar>();
    for (const { receiving_unit_id: unit } of candidates) {
      if (!calendars.has(unit)) calendars.set(unit, await effectiveCalendar(ctx, unit));
    }
    const moved = await markBatch(
      ctx,
      now,
      candidates.map((c) => c.id),
      calendars,
      dueSoonHours,
    );
    changed += moved;
    // Nothing moved: what is left is on time, or held by someone else until the next round.
    if (moved === 0 || candidates.length < BATCH) return changed;
  }
}

async function markBatch(
  ctx: AppContext,
  now: Date,
  ids: string[],
  calendars: Map<string, EffectiveCalendar>,
  dueSoonHours: number,
) {
  return runChange(ctx, { actor: null, requestId: null }, async ({ trx, audit, publish }) => {
    let moved = 0;
    for (const row of await store.lockForDeadlines(trx, ids)) {
      const schedule = row.schedule as Schedule;
      const calendar = calendars.get(row.receiving_unit_id)!.compiled;
      const next = dueStateAt(schedule, 'running', row.due_state, calendar, now.getTime(), dueSoonHours);
      if (next === row.due_state) continue;
      await trx.updateTable('dossier').set({ due_state: next }).where('id', '=', row.id).execute();
      const event = dueEvent(
        { dossierId: row.id, code: row.code, at: now.getTime() },
        row.due_state,
        next,
        currentDue(schedule),
      );
      if (event) await publish(event.topic, event.payload);
      moved++;
    }
    if (moved) audit('dossier.deadlines_marked', 'dossier', null, { changed: moved, at: now.toISOString() });
    return moved;
  });
}

/** Runs the job every `dossierDeadlineScanSeconds` in a worker process; returns the function that stops it. */
export function startDeadlineJob(ctx: AppContext, log: Logger = ctx.log): () => void {
  let running = false;
  const timer = setInterval(async () => {
    if (running) return; // a slow round is not overtaken by the next one
    running = true;
    try {
      const changed = await markDeadlines(ctx, ctx.clock.now());
      if (changed) log.info({ changed }, 'dossier deadlines marked');
    } catch (err) {
      log.error({ err }, 'dossier deadline job failed');
    } finally {
      running = false;
    }
  }, ctx.config.dossierDeadlineScanSeconds * 1000);
  timer.unref();
  return () => clearInterval(timer);
}
