// Queries of the organisation registry.
import { type Kysely, sql } from 'kysely';
import { type Actor, inScope } from '../../platform/auth/actor.ts';
import type { Permission } from '../../platform/auth/roles.ts';
import type { DB } from '../../platform/db/schema.ts';
import type { CursorKey } from '../../platform/http/paging.ts';

export const AGENCY_COLUMNS = [
  'agency.id',
  'agency.identifier',
  'agency.name',
  'agency.short_name',
  'agency.kind',
  'agency.parent_id',
  'agency.admin_unit_id',
  'agency.address',
  'agency.phone',
  'agency.email',
  'agency.valid_from',
  'agency.valid_to',
  'agency.version',
] as const;

export interface AgencyFilter {
  q?: string;
  parent?: string;
  kind?: string;
  after: CursorKey | null;
  limit: number;
}

export function listAgencies(db: Kysely<DB>, f: AgencyFilter) {
  let q = db.selectFrom('agency').select(AGENCY_COLUMNS);
  if (f.parent) q = q.where('agency.parent_id', '=', f.parent);
  if (f.kind) q = q.where('agency.kind', '=', f.kind);
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, '\\$&')}%`;
    q = q.where((eb) => eb.or([eb('agency.name', 'ilike', like), eb('agency.identifier', 'ilike', like)]));
  }
  if (f.after) {
    const [name, id] = f.after as [string, string];
    q = q.where((eb) =>
      eb.or([eb('agency.name', '>', name), eb.and([eb('agency.name', '=', name), eb('agency.id', '>', id)])]),
    );
  }
  return q
    .orderBy('agency.name')
    .orderBy('agency.id')
    .limit(f.limit + 1)
    .execute();
}

export function findAgency(db: Kysely<DB>, id: string) {
  return db.selectFrom('agency').select(AGENCY_COLUMNS).where('agency.id', '=', id).executeTakeFirst();
}

/** Keeps agency_closure true for a new agency: itself at depth 0, and every ancestor of its parent. */
export async function linkAgency(db: Kysely<DB>, id: string, parentId: string | null) {
  await db.insertInto('agency_closure').values({ ancestor_id: id, descendant_id: id, depth: 0 }).execute();
  if (!parentId) return;
  await db
    .insertInto('agency_closure')
    .columns(['ancestor_id', 'descendant_id', 'depth'])
    .expression((eb) =>
      eb
        .selectFrom('agency_closure')
        .select((e) => ['ancestor_id', e.val(id).as('descendant_id'), e(e.ref('depth'), '+', 1).as('depth')])
        .where('descendant_id', '=', parentId),
    )
    .execute();
}

export interface StaffFilter {
  agency?: string;
  q?: string;
  after: CursorKey | null;
  limit: number;
}

const STAFF_COLUMNS = [
  'staff.id',
  'staff.username',
  'staff.full_name',
  'staff.position',
  'staff.email',
  'staff.phone',
  'staff.agency_id',
  'staff.department_id',
  'staff.active',
  'staff.temporary_password_until',
  'staff.version',
] as const;

export function listStaff(db: Kysely<DB>, actor: Actor, f: StaffFilter) {
  let q = db
    .selectFrom('staff')
    .select(STAFF_COLUMNS)
    .where(inScope(actor, 'staff.read', 'staff.agency_id'));
  if (f.agency) q = q.where('staff.agency_id', '=', f.agency);
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, '\\$&')}%`;
    q = q.where((eb) => eb.or([eb('staff.full_name', 'ilike', like), eb('staff.username', 'ilike', like)]));
  }
  if (f.after) {
    const [name, id] = f.after as [string, string];
    q = q.where((eb) =>
      eb.or([eb('staff.full_name', '>', name), eb.and([eb('staff.full_name', '=', name), eb('staff.id', '>', id)])]),
    );
  }
  return q
    .orderBy('staff.full_name')
    .orderBy('staff.id')
    .limit(f.limit + 1)
    .execute();
}

/**
 * One staff member and whether `permission` reaches their agency for the actor, decided in SQL like the lists:
 * the caller tells "no such person" (404) from "not yours" (403).
 */
export function findStaff(db: Kysely<DB>, actor: Actor, permission: Permission, staffId: string) {
  return db
    .selectFrom('staff')
    .select(STAFF_COLUMNS)
    .select((eb) => sql<boolean>`(${inScope(actor, permission, 'staff.agency_id')(eb)})`.as('in_scope'))
    .where('staff.id', '=', staffId)
    .executeTakeFirst();
}

export type StaffRow = NonNullable<Awaited<ReturnType<typeof findStaff>>>;

export function grantsOf(db: Kysely<DB>, staffIds: string[]) {
  if (staffIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('role_grant')
    .select(['id', 'staff_id', 'role', 'agency_id'])
    .where('staff_id', 'in', staffIds)
    .orderBy('granted_at')
    .execute();
}

/** One staff member as other modules show them: name, position, agency. */
export function staffCard(db: Kysely<DB>, staffId: string) {
  return db
    .selectFrom('staff')
    .innerJoin('agency', 'agency.id', 'staff.agency_id')
    .select([
      'staff.id',
      'staff.full_name',
      'staff.position',
      'staff.agency_id',
      'staff.active',
      'agency.name as agency_name',
    ])
    .where('staff.id', '=', staffId)
    .executeTakeFirst();
}
