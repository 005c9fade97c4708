// Public tracking (tra cứu hồ sơ): anyone holding the dossier's code and the secret printed on Form 01 sees its
// status, the public timeline (what was done and when, never who or the internal notes), the appointment and the
// outcome. A wrong secret and an unknown code get the same 404, after the same constant-time comparison.
import type { AppContext } from '../../platform/context.ts';
import { notFound } from '../../platform/http/problem.ts';
import type { MacroStatus } from '../workflow/definition.ts';
import { actionName } from '../workflow/dossier-actions.ts';
import { workflowVersion } from '../workflow/service.ts';
import { MACRO_STATUS_NAMES } from '../workflow/statuses.ts';
import { MIGRATION_ACTION } from './migration.ts';
import * as store from './store.ts';
import { secretMatches } from './tracking.ts';

/** Steps of the office's own work that say nothing to the applicant. */
export const INTERNAL_ACTIONS: ReadonlySet<string> = new Set([
  'assign',
  'add_opinion',
  'attach_result',
  MIGRATION_ACTION,
]);

export const OUTCOME_NAMES = { early: 'Trả trước hạn', on_time: 'Trả đúng hạn', late: 'Trả quá hạn' } as const;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/**
 * One round trip: the columns the public sees and the timeline's (time, action) pairs, never the whole row and its
 * JSON state. Tracking is the busiest read the public makes (bench/dossiers.ts).
 */
export async function trackDossier(ctx: AppContext, code: string, secret: string) {
  const db = ctx.database.db;
  const row = await store.trackedDossier(db, code);
  if (!secretMatches(code, secret, row?.tracking_secret_hash ?? null) || !row) throw notFound('hồ sơ');
  const def = await workflowVersion(db, row.workflow_code, row.workflow_version);
  return {
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
}
