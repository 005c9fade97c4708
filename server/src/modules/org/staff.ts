// Use cases of staff accounts: the list within scope, onboarding with a temporary password, edits, deactivation
// (offboarding), password resets and role grants. Each change checks the actor's scope (in SQL for the person
// acted on), runs in one transaction and leaves an audit entry; no entry ever holds a password.
import type { Kysely } from 'kysely';
import { type Actor, assertCan } from '../../platform/auth/actor.ts';
import { isRole, type Permission, type Role } from '../../platform/auth/roles.ts';
import { type AppContext, type Requester, runChange } from '../../platform/context.ts';
import type { DB } from '../../platform/db/schema.ts';
import { decodeCursor, limitOf, type PageQueryT, toPage } from '../../platform/http/paging.ts';
import { conflict, forbidden, invalidField, notFound, preconditionFailed } from '../../platform/http/problem.ts';
import { endSessions, newTemporaryPassword, type TemporaryPassword } from '../access/service.ts';
import * as store from './store.ts';

type Staffer = Requester & { actor: Actor };
type GrantRow = Awaited<ReturnType<typeof store.grantsOf>>[number];

const staffView = (r: Omit<store.StaffRow, 'in_scope'>, grants: GrantRow[]) => ({
  id: r.id,
  username: r.username,
  fullName: r.full_name,
  position: r.position,
  email: r.email,
  phone: r.phone,
  agencyId: r.agency_id,
  departmentId: r.department_id,
  active: r.active,
  temporaryPasswordUntil: r.temporary_password_until?.toISOString() ?? null,
  version: r.version,
  grants: grants.filter((g) => g.staff_id === r.id).map((g) => ({ id: g.id, role: g.role, agencyId: g.agency_id })),
});

const temporaryView = (temporary: TemporaryPassword) => ({
  temporaryPassword: temporary.password,
  temporaryPasswordUntil: temporary.until.toISOString(),
});

export async function listStaff(ctx: AppContext, actor: Actor, q: PageQueryT & { agency?: string; q?: string }) {
  const limit = limitOf(q);
  const rows = await store.listStaff(ctx.database.db, actor, { ...q, after: decodeCursor(q.cursor, 2), limit });
  const grants = await store.grantsOf(
    ctx.database.db,
    rows.slice(0, limit).map((r) => r.id),
  );
  return toPage(
    rows,
    limit,
    (r) => [r.full_name, r.id],
    (r) => staffView(r, grants),
  );
}

/** The staff member if `permission` reaches their agency: 404 when there is no such person, 403 when not yours. */
async function staffWithin(db: Kysely<DB>, actor: Actor, permission: Permission, staffId: string) {
  const row = await store.findStaff(db, actor, permission, staffId);
  if (!row) throw notFound('cán bộ');
  if (!row.in_scope) throw forbidden('Cán bộ thuộc cơ quan nằm ngoài phạm vi được phân quyền của bạn.');
  return row;
}

export async function getStaff(ctx: AppContext, actor: Actor, staffId: string) {
  const row = await staffWithin(ctx.database.db, actor, 'staff.read', staffId);
  return staffView(row, await store.grantsOf(ctx.database.db, [row.id]));
}

/** Only a system administrator grants (or revokes) system administration. */
function assertMayGrant(actor: Actor, role: Role, verb: 'cấp' | 'thu hồi'): void {
  if (role === 'system_admin' && !actor.scope('staff.manage').all) {
    throw forbidden(`Chỉ quản trị hệ thống được ${verb} vai trò quản trị hệ thống.`);
  }
}

/**
 * Acting on an account as a whole (resetting its password, locking it) is taking it over: it needs every role the
 * account holds to be one the actor could have granted, or an agency administrator could reset a system
 * administrator's password, or that of someone holding roles in another agency, and sign in as them.
 */
async function assertMayTakeOver(db: Kysely<DB>, actor: Actor, grants: readonly GrantRow[]): Promise<void> {
  for (const grant of grants) {
    if (isRole(grant.role)) assertMayGrant(actor, grant.role, 'cấp');
    await assertCan(db, actor, 'staff.manage', grant.agency_id);
  }
}

async function assertDepartmentOf(db: Kysely<DB>, agencyId: string, departmentId: string | null | undefined) {
  if (!departmentId) return;
  const department = await db
    .selectFrom('department')
    .select('agency_id')
    .where('id', '=', departmentId)
    .executeTakeFirst();
  if (department?.agency_id !== agencyId)
    throw invalidField('departmentId', 'Phòng ban không thuộc cơ quan của cán bộ.');
}

export interface StaffInput {
  username: string;
  fullName: string;
  email?: string | null;
  phone?: string | null;
  position?: string | null;
  agencyId: string;
  departmentId?: string | null;
  /** Granted at the staff member's own agency in the same transaction. */
  roles?: Role[];
}

/** A new account with a temporary password, answered once: the administrator never chooses a password. */
export async function createStaff(ctx: AppContext, who: Staffer, input: StaffInput) {
  await assertCan(ctx.database.db, who.actor, 'staff.manage', input.agencyId);
  const roles = [...new Set(input.roles ?? [])];
  for (const role of roles) assertMayGrant(who.actor, role, 'cấp');
  const username = input.username.toLowerCase();
  const temporary = await newTemporaryPassword(ctx, username);
  return runChange(ctx, who, async ({ trx, audit }) => {
    if (!(await store.findAgency(trx, input.agencyId))) throw invalidField('agencyId', 'Không tìm thấy cơ quan.');
    await assertDepartmentOf(trx, input.agencyId, input.departmentId);
    const taken = await trx.selectFrom('staff').select('id').where('username', '=', username).executeTakeFirst();
    if (taken) throw conflict(`Tên đăng nhập "${username}" đã được dùng.`);
    const { id } = await trx
      .insertInto('staff')
      .values({
        username,
        full_name: input.fullName,
        email: input.email ?? null,
        phone: input.phone ?? null,
        position: input.position ?? null,
        agency_id: input.agencyId,
        department_id: input.departmentId ?? null,
        password_hash: temporary.passwordHash,
        temporary_password_until: temporary.until,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (roles.length) {
      await trx
        .insertInto('role_grant')
        .values(roles.map((role) => ({ staff_id: id, role, agency_id: input.agencyId })))
        .execute();
    }
    audit('org.staff_created', 'staff', id, {
      username,
      fullName: input.fullName,
      agencyId: input.agencyId,
      departmentId: input.departmentId ?? null,
      roles,
      temporaryPasswordUntil: temporary.until.toISOString(),
    });
    const row = await staffWithin(trx, who.actor, 'staff.manage', id);
    return { ...staffView(row, await store.grantsOf(trx, [id])), ...temporaryView(temporary) };
  });
}

export interface StaffPatch {
  fullName?: string;
  position?: string | null;
  email?: string | null;
  phone?: string | null;
  departmentId?: string | null;
  active?: boolean;
}

const STAFF_COLUMN = {
  fullName: 'full_name',
  position: 'position',
  email: 'email',
  phone: 'phone',
  departmentId: 'department_id',
  active: 'active',
} as const satisfies Record<keyof StaffPatch, keyof store.StaffRow>;

/** Edits a staff member's details; `active: false` is offboarding: every session of theirs ends at once. */
export async function updateStaff(ctx: AppContext, who: Staffer, staffId: string, version: number, patch: StaffPatch) {
  if (patch.active === false && staffId === who.actor.staffId) {
    throw invalidField('active', 'Bạn không thể tự khoá tài khoản của chính mình.');
  }
  return runChange(ctx, who, async ({ trx, audit }) => {
    const before = await staffWithin(trx, who.actor, 'staff.manage', staffId);
    const grants = await store.grantsOf(trx, [staffId]);
    const activeChanges = patch.active !== undefined && patch.active !== before.active;
    if (activeChanges) await assertMayTakeOver(trx, who.actor, grants);
    await assertDepartmentOf(trx, before.agency_id, patch.departmentId);
    const fields = (Object.keys(STAFF_COLUMN) as (keyof StaffPatch)[]).filter((f) => patch[f] !== undefined);
    const updated = await trx
      .updateTable('staff')
      .set({ ...Object.fromEntries(fields.map((f) => [STAFF_COLUMN[f], patch[f]])), version: version + 1 })
      .where('id', '=', staffId)
      .where('version', '=', version)
      .returning('id')
      .executeTakeFirst();
    if (!updated) throw preconditionFailed();
    const sessionsEnded = patch.active === false ? await endSessions(trx, staffId, ctx.clock.now()) : 0;
    const action = !activeChanges
      ? 'org.staff_updated'
      : patch.active
        ? 'org.staff_reactivated'
        : 'org.staff_deactivated';
    audit(action, 'staff', staffId, {
      before: Object.fromEntries(fields.map((f) => [f, before[STAFF_COLUMN[f]]])),
      after: Object.fromEntries(fields.map((f) => [f, patch[f]])),
      ...(patch.active === false ? { sessionsEnded } : {}),
    });
    return staffView(await staffWithin(trx, who.actor, 'staff.manage', staffId), grants);
  });
}

/**
 * A new temporary password for someone who forgot theirs or whose account is in doubt: the old one stops working,
 * their sessions end, a lock after failed sign-ins is lifted, and they must choose a new one at next sign-in.
 */
export async function resetPassword(ctx: AppContext, who: Staffer, staffId: string) {
  if (staffId === who.actor.staffId) {
    throw forbidden('Không tự cấp mật khẩu tạm cho mình: hãy dùng chức năng đổi mật khẩu.');
  }
  const db = ctx.database.db;
  const target = await staffWithin(db, who.actor, 'staff.manage', staffId);
  await assertMayTakeOver(db, who.actor, await store.grantsOf(db, [staffId]));
  const temporary = await newTemporaryPassword(ctx, target.username);
  const now = ctx.clock.now();
  return runChange(ctx, who, async ({ trx, audit }) => {
    await trx
      .updateTable('staff')
      .set({
        password_hash: temporary.passwordHash,
        temporary_password_until: temporary.until,
        password_changed_at: now,
        demo_password: false,
        failed_logins: 0,
        locked_until: null,
      })
      .where('id', '=', staffId)
      .execute();
    const sessionsEnded = await endSessions(trx, staffId, now);
    audit('org.staff_password_reset', 'staff', staffId, {
      temporaryPasswordUntil: temporary.until.toISOString(),
      sessionsEnded,
    });
    return temporaryView(temporary);
  });
}

export async function grantRole(
  ctx: AppContext,
  who: Staffer,
  staffId: string,
  input: { role: string; agencyId: string },
) {
  if (!isRole(input.role)) throw invalidField('role', 'Vai trò không tồn tại.');
  const role: Role = input.role;
  assertMayGrant(who.actor, role, 'cấp');
  await assertCan(ctx.database.db, who.actor, 'staff.manage', input.agencyId);
  return runChange(ctx, who, async ({ trx, audit }) => {
    const staff = await trx.selectFrom('staff').select('id').where('id', '=', staffId).executeTakeFirst();
    if (!staff) throw notFound('cán bộ');
    if (!(await store.findAgency(trx, input.agencyId))) throw invalidField('agencyId', 'Không tìm thấy cơ quan.');
    const row = await trx
      .insertInto('role_grant')
      .values({ staff_id: staffId, role, agency_id: input.agencyId })
      .onConflict((oc) => oc.columns(['staff_id', 'role', 'agency_id']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!row) throw conflict('Cán bộ đã có vai trò này tại cơ quan này.');
    audit('org.role_granted', 'staff', staffId, { grant: row.id, role, agencyId: input.agencyId });
    return { id: row.id, role, agencyId: input.agencyId };
  });
}

export async function revokeRole(ctx: AppContext, who: Staffer, staffId: string, grantId: string) {
  const grant = await ctx.database.db
    .selectFrom('role_grant')
    .select(['id', 'role', 'agency_id'])
    .where('id', '=', grantId)
    .where('staff_id', '=', staffId)
    .executeTakeFirst();
  if (!grant) throw notFound('vai trò được cấp');
  if (isRole(grant.role)) assertMayGrant(who.actor, grant.role, 'thu hồi');
  await assertCan(ctx.database.db, who.actor, 'staff.manage', grant.agency_id);
  await runChange(ctx, who, async ({ trx, audit }) => {
    await trx.deleteFrom('role_grant').where('id', '=', grantId).execute();
    audit('org.role_revoked', 'staff', staffId, { grant: grantId, role: grant.role, agencyId: grant.agency_id });
  });
}
