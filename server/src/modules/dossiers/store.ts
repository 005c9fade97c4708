// Queries of dossiers, their history, code counters and idempotency keys.
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';

type Db = Kysely<DB>;

export function findDossier(db: Db, id: string) {
  return db.selectFrom('dossier').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The row, locked until the transaction ends: two actions on one dossier take turns. */
export function lockDossier(db: Db, id: string) {
  return db.selectFrom('dossier').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export type DossierRow = NonNullable<Awaited<ReturnType<typeof findDossier>>>;

export function historyOf(db: Db, dossierId: string) {
  return db.selectFrom('dossier_event').selectAll().where('dossier_id', '=', dossierId).orderBy('seq').execute();
}

export type EventRow = Awaited<ReturnType<typeof historyOf>>[number];

export async function lastSeq(db: Db, dossierId: string): Promise<number> {
  const row = await db
    .selectFrom('dossier_event')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('dossier_id', '=', dossierId)
    .executeTakeFirst();
  return Number(row?.seq ?? 0);
}

/**
 * The next number of a unit's period. The row lock taken by the upsert queues concurrent receipts at the unit until
 * each commits; a receipt that rolls back releases its number with it, so numbers are gap-free.
 */
export async function nextNumber(db: Db, unitId: string, period: string): Promise<number> {
  const row = await db
    .insertInto('dossier_code_counter')
    .values({ unit_id: unitId, period, last: 1 })
    .onConflict((oc) => oc.columns(['unit_id', 'period']).doUpdateSet({ last: sql`dossier_code_counter.last + 1` }))
    .returning('last')
    .executeTakeFirstOrThrow();
  return row.last;
}

/** Whether a staff member holds any role at an agency (whom a dossier there may be assigned to). */
export async function worksAt(db: Db, staffId: string, agencyId: string): Promise<boolean> {
  const row = await db
    .selectFrom('role_grant as g')
    .innerJoin('staff as s', 's.id', 'g.staff_id')
    .select('g.id')
    .where('g.staff_id', '=', staffId)
    .where('g.agency_id', '=', agencyId)
    .where('s.active', '=', true)
    .executeTakeFirst();
  return row !== undefined;
}

/** Whether `agencyId` is `ancestorId` or below it. */
export async function isWithin(db: Db, agencyId: string, ancestorId: string): Promise<boolean> {
  const row = await db
    .selectFrom('agency_closure')
    .select('depth')
    .where('ancestor_id', '=', ancestorId)
    .where('descendant_id', '=', agencyId)
    .executeTakeFirst();
  return row !== undefined;
}

/** Open dossiers whose running clock may reach due soon or overdue by `horizon`, for the deadline job. */
export function deadlineCandidates(db: Db, horizon: Date, limit: number) {
  return db
    .selectFrom('dossier')
    .select(['id', 'receiving_unit_id'])
    .where('clock_phase', '=', 'running')
    .where('due_at', '<=', horizon)
    .where((eb) => eb.or([eb('due_state', 'is', null), eb('due_state', '!=', 'overdue')]))
    .orderBy('due_at')
    .limit(limit)
    .execute();
}

/** The candidates still running, locked; rows another worker holds are skipped, not waited for. */
export function lockForDeadlines(db: Db, ids: string[]) {
  return db
    .selectFrom('dossier')
    .select(['id', 'code', 'receiving_unit_id', 'due_at', 'due_state', 'schedule'])
    .where('id', 'in', ids)
    .where('clock_phase', '=', 'running')
    .forUpdate()
    .skipLocked()
    .execute();
}
