// Queries of dossiers, their history, code counters and idempotency keys.
import { type Insertable, type Kysely, sql } from 'kysely';
import type { DB, DossierEventTable } from '../../platform/db/schema.ts';

type Db = Kysely<DB>;

export function findDossier(db: Db, id: string) {
  return db.selectFrom('dossier').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The dossier if it belongs to the applicant's account: another applicant's dossier is simply not found. */
export function findOwnDossier(db: Db, id: string, accountId: string) {
  return db
    .selectFrom('dossier')
    .selectAll()
    .where('id', '=', id)
    .where('applicant_account', '=', accountId)
    .executeTakeFirst();
}

/** The row, locked until the transaction ends: two actions on one dossier take turns. */
export function lockDossier(db: Db, id: string) {
  return lockDossierQuery(db, id).executeTakeFirst();
}

/** The same, for a caller that sends it with another statement (idempotency.ts `claimWith`). */
export function lockDossierQuery(db: Db, id: string) {
  return db.selectFrom('dossier').selectAll().where('id', '=', id).forUpdate();
}

export type DossierRow = NonNullable<Awaited<ReturnType<typeof findDossier>>>;

export function historyOf(db: Db, dossierId: string) {
  return db.selectFrom('dossier_event').selectAll().where('dossier_id', '=', dossierId).orderBy('seq').execute();
}

export type EventRow = Awaited<ReturnType<typeof historyOf>>[number];

/** What public tracking shows of the dossier with this code, its history as (time, action) in order. */
export function trackedDossier(db: Db, code: string) {
  return db
    .selectFrom('dossier as d')
    .select([
      'd.tracking_secret_hash',
      'd.workflow_code',
      'd.workflow_version',
      'd.procedure_code',
      'd.procedure_name',
      'd.status',
      'd.received_at',
      'd.due_at',
      'd.original_due_at',
      'd.returned_at',
      'd.outcome',
    ])
    .select(
      sql<
        { at: string; action: string }[]
      >`(SELECT coalesce(json_agg(json_build_object('at', e.at, 'action', e.action) ORDER BY e.seq), '[]')
        FROM dossier_event e WHERE e.dossier_id = d.id)`.as('timeline'),
    )
    .where('d.code', '=', code)
    .executeTakeFirst();
}

/** The INSERT of an event numbered by the caller, who holds the dossier's lock (sent with a change's last writes). */
export function insertEvent(db: Db, event: EventRow) {
  const json = (value: unknown) => JSON.stringify(value);
  return db
    .insertInto('dossier_event')
    .values({ ...event, actor: json(event.actor), input: json(event.input), effects: json(event.effects) });
}

/** Appends an event to the dossier's history, numbered after the last one in the same statement. */
export function appendEvent(db: Db, event: Omit<Insertable<DossierEventTable>, 'seq'>): Promise<EventRow> {
  const seq = sql<number>`(SELECT coalesce(max(seq), 0) + 1 FROM dossier_event WHERE dossier_id = ${event.dossier_id})`;
  return db
    .insertInto('dossier_event')
    .values({ ...event, seq })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * Claims the next number of a unit's period (RETURNING `last`). The row lock taken by the upsert queues concurrent
 * receipts at the unit until each commits; a receipt that rolls back releases its number with it, so numbers are
 * gap-free.
 */
export function claimNextNumber(db: Db, unitId: string, period: string) {
  return db
    .insertInto('dossier_code_counter')
    .values({ unit_id: unitId, period, last: 1 })
    .onConflict((oc) => oc.columns(['unit_id', 'period']).doUpdateSet({ last: sql`dossier_code_counter.last + 1` }))
    .returning('last');
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

// ---------- the applicant's own dossiers and documents (portal) ----------

/** A cursor's key for rows sorted newest first: the instant as PostgreSQL prints it (microseconds kept), the id. */
type After = [at: string, id: string] | null;

/**
 * An applicant's dossiers newest first (index `dossier_applicant_mine`), with whether each is rated. A draft they
 * discarded is gone from their list.
 */
export function ownDossiers(db: Db, accountId: string, status: string | undefined, after: After, limit: number) {
  let query = db
    .selectFrom('dossier as d')
    .leftJoin('dossier_rating as r', 'r.dossier_id', 'd.id')
    .select([
      'd.id',
      'd.code',
      'd.procedure_code',
      'd.procedure_name',
      'd.status',
      'd.opened_at',
      'd.received_at',
      'd.due_at',
      'd.due_state',
      'd.returned_at',
      'd.outcome',
      'd.updated_at',
    ])
    .select([sql<string>`d.opened_at::text`.as('sort_key'), sql<boolean>`r.dossier_id IS NOT NULL`.as('rated')])
    .where('d.applicant_account', '=', accountId)
    .where(sql<boolean>`NOT (d.status = 'cancelled' AND d.step = 'draft')`);
  if (status) query = query.where('d.status', '=', status);
  if (after) query = query.where(sql<boolean>`(d.opened_at, d.id) < (${after[0]}::timestamptz, ${after[1]}::uuid)`);
  return query.orderBy('d.opened_at', 'desc').orderBy('d.id', 'desc').limit(limit).execute();
}

export type OwnDossierRow = Awaited<ReturnType<typeof ownDossiers>>[number];

export interface OwnDocumentRow {
  id: string;
  kind: 'upload' | 'result';
  file_name: string;
  file_type: string;
  mime: string;
  size: number;
  sha256: string;
  component_name: string | null;
  title: string | null;
  at: Date;
  dossier_id: string;
  dossier_code: string | null;
  sort_key: string;
}

/**
 * The applicant's document store as one set: the files of their dossiers, one per content (the newest upload of
 * each SHA-256), and the electronic results they received: a returned dossier's results that carry a signature
 * (the rule of results/service.ts `applicantResults`), each as its current (last signed) file.
 */
function documentsOf(accountId: string) {
  return sql`
    SELECT * FROM (
      SELECT DISTINCT ON (f.sha256) f.id, 'upload' AS kind, f.file_name, f.file_type, f.mime, f.size, f.sha256,
        f.component_name, NULL::text AS title, f.uploaded_at AS at, d.id AS dossier_id, d.code AS dossier_code
      FROM dossier_component_file f JOIN dossier d ON d.id = f.dossier_id
      WHERE d.applicant_account = ${accountId}
      ORDER BY f.sha256, f.uploaded_at DESC, f.id DESC) uploads
    UNION ALL
    SELECT r.id, 'result', r.title || '.pdf', 'pdf', 'application/pdf', v.size, v.sha256,
      NULL, r.title, v.created_at, d.id, d.code
    FROM result_document r
    JOIN dossier d ON d.id = r.dossier_id
    JOIN LATERAL (
      SELECT x.size, x.sha256, x.created_at FROM result_revision x
      WHERE x.result_id = r.id ORDER BY x.revision DESC LIMIT 1) v ON true
    WHERE d.applicant_account = ${accountId} AND d.status = 'returned'
      AND EXISTS (SELECT 1 FROM result_revision s WHERE s.result_id = r.id AND s.signature_id IS NOT NULL)`;
}

/** The applicant's documents newest first; the cursor applies after de-duplication, so no content shows twice. */
export async function ownDocuments(db: Db, accountId: string, after: After, limit: number) {
  const cursor = after ? sql`WHERE (u.at, u.id) < (${after[0]}::timestamptz, ${after[1]}::uuid)` : sql``;
  const { rows } = await sql<OwnDocumentRow>`
    SELECT u.*, u.at::text AS sort_key FROM (${documentsOf(accountId)}) u ${cursor}
    ORDER BY u.at DESC, u.id DESC LIMIT ${limit}`.execute(db);
  return rows;
}

/** One document of the applicant's store: anyone else's, or a file not in the store, is not found. */
export async function ownDocument(db: Db, id: string, accountId: string): Promise<OwnDocumentRow | undefined> {
  const { rows } = await sql<OwnDocumentRow>`
    SELECT u.*, u.at::text AS sort_key FROM (${documentsOf(accountId)}) u WHERE u.id = ${id}::uuid`.execute(db);
  return rows[0];
}

/** The components that hold at least one file. */
export async function componentsWithFiles(db: Db, dossierId: string): Promise<Set<number>> {
  const rows = await db
    .selectFrom('dossier_component_file')
    .select('component_index')
    .distinct()
    .where('dossier_id', '=', dossierId)
    .execute();
  return new Set(rows.map((r) => r.component_index));
}

export function ratingOf(db: Db, dossierId: string) {
  return db.selectFrom('dossier_rating').selectAll().where('dossier_id', '=', dossierId).executeTakeFirst();
}
