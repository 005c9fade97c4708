// Public tracking (tra cứu hồ sơ): anyone holding the dossier's code and the secret printed on Form 01 sees its
// status, the public timeline (what was done and when, never who or the internal notes), the appointment and the
// outcome. A wrong secret and an unknown code get the same 404, after the same constant-time comparison.
import type { AppContext } from '../../platform/context.ts';
import { NoticeCache } from '../../platform/db/notice-cache.ts';
import { notFound } from '../../platform/http/problem.ts';
import type { MacroStatus } from '../workflow/definition.ts';
import { actionName } from '../workflow/dossier-actions.ts';
import { workflowVersion } from '../workflow/service.ts';
import { MACRO_STATUS_NAMES } from '../workflow/statuses.ts';
import { MIGRATION_ACTION } from './migration.ts';
import * as store from './store.ts';
import { DOSSIER_CHANGED, secretMatches } from './tracking.ts';

/** Steps of the office's own work that say nothing to the applicant. */
export const INTERNAL_ACTIONS: ReadonlySet<string> = new Set([
  'assign',
  'add_opinion',
  'attach_result',
  MIGRATION_ACTION,
]);

export const OUTCOME_NAMES = { early: 'Trả trước hạn', on_time: 'Trả đúng hạn', late: 'Trả quá hạn' } as const;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export type TrackingView = NonNullable<Awaited<ReturnType<typeof readTracking>>>['view'];

/** How long an answer may be served from memory even if no change was heard (a backstop, not the rule). */
const TRACKING_TTL_MS = 60_000;
const TRACKING_CACHE_ENTRIES = 50_000;

/**
 * Public tracking for one server process: answers from memory while its dossier has not changed (notice-cache.ts),
 * otherwise from the database. The app starts listening when it is ready and stops when it closes; until then
 * every answer is read from the database.
 */
export function publicTracking(ctx: AppContext) {
  // The secret's hash is kept with the answer, never the secret.
  const cache = new NoticeCache<{ secretHash: string | null; view: TrackingView }>(DOSSIER_CHANGED, {
    maxEntries: TRACKING_CACHE_ENTRIES,
    ttlMs: TRACKING_TTL_MS,
    now: () => ctx.clock.now().getTime(),
  });
  return {
    ...cache.listener(ctx.database),
    async track(code: string, secret: string): Promise<TrackingView> {
      let entry = cache.get(code);
      if (!entry) {
        const generation = cache.generation;
        const read = await readTracking(ctx, code);
        if (read) cache.put(code, read, generation);
        entry = read;
      }
      // A known code answered from memory returns sooner than an unknown one; codes are printed and sequential,
      // so that says nothing the secret protects.
      if (!secretMatches(code, secret, entry?.secretHash ?? null) || !entry) throw notFound('hồ sơ');
      return entry.view;
    },
  };
}

/**
 * One round trip: the columns the public sees and the timeline's (time, action) pairs, never the whole row and its
 * JSON state. Tracking is the busiest read the public makes (bench/dossiers.ts).
 */
async function readTracking(ctx: AppContext, code: string) {
  const db = ctx.database.db;
  const row = await store.trackedDossier(db, code);
  if (!row) return undefined;
  const def = await workflowVersion(db, row.workflow_code, row.workflow_version);
  const view = {
    code,
    procedure: { code: row.procedure_code, name: row.procedure_name },
    status: row.status,
    statusName: MACRO_STATUS_NAMES[row.status as MacroStatus] ?? row.status,
    receivedAt: iso(row.received_at),
    appointment: iso(row.due_at),
    originalAppointment: iso(row.original_due_at),
    returnedAt: iso(row.returned_at),
    outcome: row.outcome,
    outcomeName: row.outcome ? OUTCOME_NAMES[row.outcome] : null,
    timeline: row.timeline
      .filter((e) => !INTERNAL_ACTIONS.has(e.action))
      .map((e) => ({
        at: new Date(e.at).toISOString(),
        action: e.action,
        name: actionName(def, e.action) ?? e.action,
      })),
  };
  return { secretHash: row.tracking_secret_hash, view };
}
