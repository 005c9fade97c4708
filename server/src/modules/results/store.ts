// Queries of the results module: templates and their versions, result documents, their revisions and signatures,
// and the numbering counter.
import { type Insertable, type Kysely, type Selectable, sql } from 'kysely';
import type { DB, ResultDocumentTable, ResultRevisionTable, ResultTemplateTable } from '../../platform/db/schema.ts';

export type TemplateRow = Selectable<ResultTemplateTable>;
export type ResultRow = Selectable<ResultDocumentTable>;
export type RevisionRow = Selectable<ResultRevisionTable>;

export async function listTemplates(db: Kysely<DB>, procedure?: string): Promise<TemplateRow[]> {
  let q = db.selectFrom('result_template').selectAll();
  // A template names the procedures it is for; one that names none is for any procedure.
  if (procedure) q = q.where(sql<boolean>`(${procedure} = ANY(procedures) OR cardinality(procedures) = 0)`);
  return q.orderBy('code').orderBy('version').execute();
}

export async function findTemplate(db: Kysely<DB>, code: string, version: number) {
  return db
    .selectFrom('result_template')
    .selectAll()
    .where('code', '=', code)
    .where('version', '=', version)
    .executeTakeFirst();
}

export async function versionsOf(db: Kysely<DB>, code: string): Promise<TemplateRow[]> {
  return db.selectFrom('result_template').selectAll().where('code', '=', code).orderBy('version').execute();
}

/** The version of `code` in force on `day` (yyyy-mm-dd): the latest effective date not after it. */
export async function versionOn(db: Kysely<DB>, code: string, day: string) {
  return db
    .selectFrom('result_template')
    .selectAll()
    .where('code', '=', code)
    .where('effective_from', '<=', day)
    .orderBy('effective_from', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function insertTemplate(db: Kysely<DB>, row: Insertable<ResultTemplateTable>): Promise<void> {
  await db.insertInto('result_template').values(row).execute();
}

export async function isTemplateUsed(db: Kysely<DB>, code: string, version: number): Promise<boolean> {
  const used = await db
    .selectFrom('result_document')
    .select('id')
    .where('template_code', '=', code)
    .where('template_version', '=', version)
    .limit(1)
    .executeTakeFirst();
  return used !== undefined;
}

/** Whether `agencyId` is `ancestorId` or below it. */
export async function isWithin(db: Kysely<DB>, agencyId: string, ancestorId: string): Promise<boolean> {
  const row = await db
    .selectFrom('agency_closure')
    .select('depth')
    .where('descendant_id', '=', agencyId)
    .where('ancestor_id', '=', ancestorId)
    .executeTakeFirst();
  return row !== undefined;
}

/** The next number of the agency's documents in a year, as late as possible before commit (the row stays locked). */
export async function nextNumber(db: Kysely<DB>, agencyId: string, year: number): Promise<number> {
  const row = await db
    .insertInto('result_number_counter')
    .values({ agency_id: agencyId, year, last: 1 })
    .onConflict((oc) => oc.columns(['agency_id', 'year']).doUpdateSet({ last: sql`result_number_counter.last + 1` }))
    .returning('last')
    .executeTakeFirstOrThrow();
  return row.last;
}

export async function findResult(db: Kysely<DB>, dossierId: string, resultId: string) {
  return db
    .selectFrom('result_document')
    .selectAll()
    .where('id', '=', resultId)
    .where('dossier_id', '=', dossierId)
    .executeTakeFirst();
}

export async function lockResult(db: Kysely<DB>, resultId: string) {
  return db.selectFrom('result_document').select('id').where('id', '=', resultId).forUpdate().executeTakeFirst();
}

export async function resultsOf(db: Kysely<DB>, dossierId: string, ids?: readonly string[]): Promise<ResultRow[]> {
  let q = db.selectFrom('result_document').selectAll().where('dossier_id', '=', dossierId);
  if (ids) q = q.where('id', 'in', ids.length ? ids : ['00000000-0000-0000-0000-000000000000']);
  return q.orderBy('created_at').orderBy('id').execute();
}

/** Every revision of the given results with the signature each one added, oldest first. */
export async function revisionsOf(db: Kysely<DB>, resultIds: readonly string[]) {
  if (resultIds.length === 0) return [];
  return db
    .selectFrom('result_revision as r')
    .leftJoin('signature_record as s', 's.id', 'r.signature_id')
    .select([
      'r.result_id',
      'r.revision',
      'r.sha256',
      'r.size',
      'r.signature_id',
      'r.layout',
      'r.slot',
      'r.created_at',
      's.signer_name',
      's.agency_name',
      's.signed_at',
    ])
    .where('r.result_id', 'in', resultIds)
    .orderBy('r.result_id')
    .orderBy('r.revision')
    .execute();
}
export type RevisionWithSignature = Awaited<ReturnType<typeof revisionsOf>>[number];

export async function insertResult(db: Kysely<DB>, row: Insertable<ResultDocumentTable>): Promise<ResultRow> {
  return db.insertInto('result_document').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function insertRevision(db: Kysely<DB>, row: Insertable<ResultRevisionTable>): Promise<void> {
  await db.insertInto('result_revision').values(row).execute();
}

/** The results of an applicant's returned dossiers that carry a signature, newest first, with their dossier's code. */
export async function returnedResultsOf(db: Kysely<DB>, accountId: string) {
  return db
    .selectFrom('result_document as r')
    .innerJoin('dossier as d', 'd.id', 'r.dossier_id')
    .selectAll('r')
    .select('d.code as dossier_code')
    .where('d.applicant_account', '=', accountId)
    .where('d.status', '=', 'returned')
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('result_revision as v')
          .select('v.revision')
          .whereRef('v.result_id', '=', 'r.id')
          .where('v.signature_id', 'is not', null),
      ),
    )
    .orderBy('r.created_at', 'desc')
    .orderBy('r.id')
    .execute();
}
