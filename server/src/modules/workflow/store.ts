// Queries of stored workflow definitions.
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';
import type { CursorKey } from '../../platform/http/paging.ts';

const COLUMNS = [
  'code',
  'version',
  'name',
  'status',
  'definition',
  'owner_agency_id',
  'revision',
  'created_at',
  'published_at',
] as const;

export function findVersion(db: Kysely<DB>, code: string, version: number) {
  return db
    .selectFrom('workflow_definition')
    .select(COLUMNS)
    .where('code', '=', code)
    .where('version', '=', version)
    .executeTakeFirst();
}

export function findByStatus(db: Kysely<DB>, code: string, status: 'draft' | 'published') {
  return db
    .selectFrom('workflow_definition')
    .select(COLUMNS)
    .where('code', '=', code)
    .where('status', '=', status)
    .executeTakeFirst();
}

export function versionsOf(db: Kysely<DB>, code: string) {
  return db
    .selectFrom('workflow_definition')
    .select(COLUMNS)
    .where('code', '=', code)
    .orderBy('version', 'desc')
    .execute();
}

export async function latestVersionNumber(db: Kysely<DB>, code: string): Promise<number> {
  const row = await db
    .selectFrom('workflow_definition')
    .select((eb) => eb.fn.max('version').as('v'))
    .where('code', '=', code)
    .executeTakeFirst();
  return Number(row?.v ?? 0);
}

/** One row per workflow: its newest version, in code order. */
export function listLatest(db: Kysely<DB>, after: CursorKey | null, limit: number) {
  let q = db
    .selectFrom('workflow_definition as w')
    .select(['w.code', 'w.version', 'w.name', 'w.status', 'w.owner_agency_id', 'w.revision', 'w.published_at'])
    .where(({ eb, selectFrom }) =>
      eb(
        'w.version',
        '=',
        selectFrom('workflow_definition as x')
          .select((e) => e.fn.max('x.version').as('v'))
          .whereRef('x.code', '=', 'w.code'),
      ),
    );
  if (after) q = q.where('w.code', '>', String(after[0]));
  return q
    .orderBy('w.code')
    .limit(limit + 1)
    .execute();
}
