// Moving in-flight dossiers to the next version of their workflow through an explicit step mapping (the pure plan
// is workflow/migration.ts). A dry run reports what would move, what cannot and why; applying moves each dossier
// in its own transaction, re-planned against its locked row, recorded in its history as a `workflow.migrate`
// entry (which the reducer replays), audited and published. Running it again moves only what is left.
import type { Kysely } from 'kysely';
import type { Actor } from '../../platform/auth/actor.ts';
import { type AppContext, runChange } from '../../platform/context.ts';
import type { DB } from '../../platform/db/schema.ts';
import { conflict, invalid, invalidField } from '../../platform/http/problem.ts';
import type { WorkflowDefinition } from '../workflow/definition.ts';
import { type MigrationPlan, planMigration, type StepMapping } from '../workflow/migration.ts';
import { assertManages, storedVersion } from '../workflow/service.ts';
import type { DossierState } from '../workflow/state.ts';
import { stepColumns } from './queues.ts';
import * as store from './store.ts';
import { dossierChangedHere } from './tracking.ts';

/** The history's action for a migration entry: not a possible workflow action id (those match ^[a-z][a-z0-9_]*$). */
export const MIGRATION_ACTION = 'workflow.migrate';

export interface MigrationRequest {
  code: string;
  fromVersion: number;
  mapping: StepMapping;
  apply: boolean;
}

export interface MigrationReport {
  plan: MigrationPlan;
  /** Applied only: dossiers moved, and those that changed since the plan and could no longer move. */
  moved: string[];
  changed: { dossierId: string; reason: string }[];
}

const CLOSED = ['returned', 'refused', 'withdrawn', 'cancelled'];
const BATCH = 1000;

/** The version a migration starts from and the published next version it goes to. */
async function versions(db: Kysely<DB>, code: string, fromVersion: number) {
  const from = await storedVersion(db, code, fromVersion);
  if (!from) throw invalidField('fromVersion', `Quy trình ${code} không có phiên bản ${fromVersion}.`);
  const to = await storedVersion(db, code, fromVersion + 1);
  if (to?.status !== 'published') {
    throw conflict(
      `Phiên bản ${fromVersion + 1} của quy trình ${code} chưa được công bố: hãy công bố trước khi chuyển.`,
    );
  }
  return { from: from.definition, to: to.definition };
}

async function inFlight(db: Kysely<DB>, code: string, version: number) {
  const dossiers: { id: string; state: DossierState }[] = [];
  for (let after = ''; ; ) {
    const rows = await db
      .selectFrom('dossier')
      .select(['id', 'state'])
      .where('workflow_code', '=', code)
      .where('workflow_version', '=', version)
      .where('status', 'not in', CLOSED)
      .$if(after !== '', (q) => q.where('id', '>', after))
      .orderBy('id')
      .limit(BATCH)
      .execute();
    dossiers.push(...rows.map((r) => ({ id: r.id, state: r.state as DossierState })));
    if (rows.length < BATCH) return dossiers;
    after = rows.at(-1)!.id;
  }
}

/** Plans (dry run) or applies a migration; `who.actor` null is the operator at the command line. */
export async function migrateDossiers(
  ctx: AppContext,
  who: { actor: Actor | null; requestId: string | null },
  request: MigrationRequest,
): Promise<MigrationReport> {
  const db = ctx.database.db;
  if (who.actor) await assertManages(db, who.actor, request.code);
  const { from, to } = await versions(db, request.code, request.fromVersion);
  const dossiers = await inFlight(db, request.code, request.fromVersion);
  const plan = planMigration(from, to, request.mapping, dossiers, ctx.clock.now().getTime());
  if (plan.problems.length) {
    throw invalid(
      plan.problems.map((p) => ({ field: p.path, message: p.message })),
      `Không thể chuyển hồ sơ từ phiên bản ${from.version} sang ${to.version}: bảng ánh xạ hoặc phiên bản mới chưa hợp lệ.`,
    );
  }
  const report: MigrationReport = { plan, moved: [], changed: [] };
  if (!request.apply) return report;
  for (const move of plan.moves) {
    const reason = await moveOne(ctx, who, from, to, request.mapping, move.dossierId);
    if (reason) report.changed.push({ dossierId: move.dossierId, reason });
    else report.moved.push(move.dossierId);
  }
  return report;
}

/** Moves one dossier, planned again on its locked row; the reason it could not move, or null. */
function moveOne(
  ctx: AppContext,
  who: { actor: Actor | null; requestId: string | null },
  from: WorkflowDefinition,
  to: WorkflowDefinition,
  mapping: StepMapping,
  dossierId: string,
): Promise<string | null> {
  return runChange(ctx, who, async ({ trx, audit, publish, afterCommit }) => {
    const row = await store.lockDossier(trx, dossierId);
    if (!row) return 'Không còn hồ sơ này.';
    afterCommit(() => dossierChangedHere(row.code));
    const now = ctx.clock.now().getTime();
    const plan = planMigration(from, to, mapping, [{ id: row.id, state: row.state as DossierState }], now);
    const move = plan.moves[0];
    if (!move) return plan.blocked[0]?.reason ?? plan.skipped[0]?.reason ?? 'Không chuyển được.';
    await store.appendEvent(trx, {
      dossier_id: row.id,
      at: new Date(now),
      actor: JSON.stringify(
        who.actor
          ? { kind: 'staff', id: who.actor.staffId, label: who.actor.label }
          : { kind: 'system', id: null, label: 'hệ thống' },
      ),
      action: MIGRATION_ACTION,
      input: JSON.stringify({ toVersion: to.version, step: move.toStep }),
      from_step: move.fromStep,
      to_step: move.toStep,
      note: `Chuyển sang quy trình ${to.code} phiên bản ${to.version}.`,
      effects: '[]',
    });
    await trx
      .updateTable('dossier')
      .set({
        workflow_version: to.version,
        step: move.state.step,
        ...stepColumns(to, move.state),
        state: JSON.stringify(move.state),
        version: row.version + 1,
        updated_at: new Date(now),
      })
      .where('id', '=', row.id)
      .execute();
    const summary = {
      code: row.code,
      fromVersion: from.version,
      toVersion: to.version,
      fromStep: move.fromStep,
      toStep: move.toStep,
    };
    audit('dossier.workflow_migrated', 'dossier', row.id, summary);
    await publish('dossier.workflow_migrated', { dossierId: row.id, ...summary });
    return null;
  });
}
