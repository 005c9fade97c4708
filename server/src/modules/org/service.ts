// Use cases of the organisation registry: administrative units, agencies, departments, staff and role grants.
// Each change checks the actor's scope, runs in one transaction and leaves an audit entry.
import { type Kysely, sql } from 'kysely';
import { type Actor, assertCan } from '../../platform/auth/actor.ts';
import { type AppContext, type Requester, runChange } from '../../platform/context.ts';
import type { DB } from '../../platform/db/schema.ts';
import { decodeCursor, limitOf, type PageQueryT, toPage } from '../../platform/http/paging.ts';
import { conflict, forbidden, invalidField, notFound, preconditionFailed } from '../../platform/http/problem.ts';
import { AGENCY_CODE_RULE, parseAgencyCode } from './agency-code.ts';
import * as store from './store.ts';

type Staffer = Requester & { actor: Actor };

// ---------- administrative units ----------

export interface AdminUnitInput {
  code: string;
  name: string;
  level: 'province' | 'district' | 'commune';
  kind: string;
  parentId?: string | null;
  validFrom: string;
  validTo?: string | null;
}

const PARENT_LEVEL = { province: null, district: 'province', commune: ['district', 'province'] } as const;

export async function listAdminUnits(
  ctx: AppContext,
  q: PageQueryT & { level?: string; parent?: string; at?: string },
) {
  const limit = limitOf(q);
  const after = decodeCursor(q.cursor, 2) as [string, string] | null;
  let query = ctx.database.db.selectFrom('admin_unit').selectAll();
  if (q.level) query = query.where('level', '=', q.level as 'province');
  if (q.parent) query = query.where('parent_id', '=', q.parent);
  if (q.at) {
    const at = q.at;
    query = query
      .where('valid_from', '<=', at)
      .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', at)]));
  }
  if (after) {
    query = query.where((eb) =>
      eb.or([eb('code', '>', after[0]), eb.and([eb('code', '=', after[0]), eb('id', '>', after[1])])]),
    );
  }
  const rows = await query
    .orderBy('code')
    .orderBy('id')
    .limit(limit + 1)
    .execute();
  return toPage(rows, limit, (r) => [r.code, r.id], adminUnitView);
}

const adminUnitView = (r: {
  id: string;
  code: string;
  name: string;
  level: string;
  kind: string;
  parent_id: string | null;
  valid_from: string;
  valid_to: string | null;
}) => ({
  id: r.id,
  code: r.code,
  name: r.name,
  level: r.level,
  kind: r.kind,
  parentId: r.parent_id,
  validFrom: r.valid_from,
  validTo: r.valid_to,
});

/** One administrative unit by id, whatever its validity (other modules check the dates they need). */
export async function findAdminUnit(ctx: AppContext, id: string) {
  const row = await ctx.database.db.selectFrom('admin_unit').selectAll().where('id', '=', id).executeTakeFirst();
  return row && adminUnitView(row);
}

export async function createAdminUnit(ctx: AppContext, who: Staffer, input: AdminUnitInput) {
  if (input.validTo && input.validTo <= input.validFrom) {
    throw invalidField('validTo', 'Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực.');
  }
  return runChange(ctx, who, async ({ trx, audit }) => {
    const expected = PARENT_LEVEL[input.level];
    if (input.parentId) {
      const parent = await trx
        .selectFrom('admin_unit')
        .select('level')
        .where('id', '=', input.parentId)
        .executeTakeFirst();
      if (!parent) throw invalidField('parentId', 'Không tìm thấy đơn vị hành chính cấp trên.');
      if (!expected || !([] as string[]).concat(expected).includes(parent.level)) {
        throw invalidField('parentId', 'Cấp của đơn vị cấp trên không phù hợp với cấp của đơn vị này.');
      }
    } else if (expected) {
      throw invalidField('parentId', 'Đơn vị cấp huyện hoặc cấp xã phải có đơn vị hành chính cấp trên.');
    }
    const clash = await trx
      .selectFrom('admin_unit')
      .select('id')
      .where('code', '=', input.code)
      .where('valid_from', '=', input.validFrom)
      .executeTakeFirst();
    if (clash) throw conflict(`Mã đơn vị hành chính ${input.code} đã có hiệu lực từ ngày này.`);
    const row = await trx
      .insertInto('admin_unit')
      .values({
        code: input.code,
        name: input.name,
        level: input.level,
        kind: input.kind,
        parent_id: input.parentId ?? null,
        valid_from: input.validFrom,
        valid_to: input.validTo ?? null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    audit('org.admin_unit_created', 'admin_unit', row.id, { code: row.code, name: row.name });
    return adminUnitView(row);
  });
}

// ---------- agencies ----------

type AgencyRow = NonNullable<Awaited<ReturnType<typeof store.findAgency>>>;

export const agencyView = (r: AgencyRow) => ({
  id: r.id,
  identifier: r.identifier,
  name: r.name,
  shortName: r.short_name,
  kind: r.kind,
  parentId: r.parent_id,
  adminUnitId: r.admin_unit_id,
  address: r.address,
  phone: r.phone,
  email: r.email,
  validFrom: r.valid_from,
  validTo: r.valid_to,
  version: r.version,
});

export async function listAgencies(ctx: AppContext, q: PageQueryT & { q?: string; parent?: string; kind?: string }) {
  const limit = limitOf(q);
  const rows = await store.listAgencies(ctx.database.db, { ...q, after: decodeCursor(q.cursor, 2), limit });
  return toPage(rows, limit, (r) => [r.name, r.id], agencyView);
}

/** `db`: the caller's transaction, if it holds one (PGlite has one connection: a read beside it would wait). */
export async function getAgency(ctx: AppContext, id: string, db: Kysely<DB> = ctx.database.db) {
  const row = await store.findAgency(db, id);
  if (!row) throw notFound('cơ quan');
  return agencyView(row);
}

export interface AgencyInput {
  identifier: string;
  name: string;
  shortName?: string | null;
  kind: string;
  parentId?: string | null;
  adminUnitId?: string | null;
  address?: string | null;
  phone?: string | null;
  email?: string | null;
  validFrom: string;
}

export async function createAgency(ctx: AppContext, who: Staffer, input: AgencyInput) {
  if (!parseAgencyCode(input.identifier)) throw invalidField('identifier', AGENCY_CODE_RULE);
  // A new agency is managed from its parent; a new top-level agency needs a system-wide grant.
  if (input.parentId) await assertCan(ctx.database.db, who.actor, 'org.manage', input.parentId);
  else if (!who.actor.scope('org.manage').all) throw forbidden('Chỉ quản trị hệ thống được tạo cơ quan cấp cao nhất.');
  return runChange(ctx, who, async ({ trx, audit, publish }) => {
    if (input.parentId && !(await store.findAgency(trx, input.parentId))) {
      throw invalidField('parentId', 'Không tìm thấy cơ quan cấp trên.');
    }
    const taken = await trx
      .selectFrom('agency')
      .select('id')
      .where('identifier', '=', input.identifier)
      .executeTakeFirst();
    if (taken) throw conflict(`Mã định danh ${input.identifier} đã được dùng cho cơ quan khác.`);
    const { id } = await trx
      .insertInto('agency')
      .values({
        identifier: input.identifier,
        name: input.name,
        short_name: input.shortName ?? null,
        kind: input.kind,
        parent_id: input.parentId ?? null,
        admin_unit_id: input.adminUnitId ?? null,
        address: input.address ?? null,
        phone: input.phone ?? null,
        email: input.email ?? null,
        valid_from: input.validFrom,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await store.linkAgency(trx, id, input.parentId ?? null);
    const created = agencyView((await store.findAgency(trx, id))!);
    audit('org.agency_created', 'agency', id, { after: created });
    await publish('org.agency_created', { agencyId: id, identifier: created.identifier });
    return created;
  });
}

export type AgencyPatch = Partial<
  Pick<AgencyInput, 'name' | 'shortName' | 'kind' | 'address' | 'phone' | 'email'> & { validTo: string | null }
>;

// An agency's identifier (QCVN 102) never changes once the agency exists (updateAgency has no such field), so each
// process keeps those it has read: every receipt formats its code with its unit's.
const identifiers = new Map<string, string>();

/** The agency's QCVN 102 identifier; 404 when there is no such agency. */
export async function agencyIdentifier(ctx: AppContext, id: string, db?: Kysely<DB>): Promise<string> {
  const known = identifiers.get(id);
  if (known) return known;
  const { identifier } = await getAgency(ctx, id, db);
  identifiers.set(id, identifier);
  return identifier;
}

export async function updateAgency(ctx: AppContext, who: Staffer, id: string, version: number, patch: AgencyPatch) {
  await assertCan(ctx.database.db, who.actor, 'org.manage', id);
  return runChange(ctx, who, async ({ trx, audit }) => {
    const before = await store.findAgency(trx, id);
    if (!before) throw notFound('cơ quan');
    if (patch.validTo && patch.validTo <= before.valid_from) {
      throw invalidField('validTo', 'Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực.');
    }
    const updated = await trx
      .updateTable('agency')
      .set({
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(patch.shortName !== undefined ? { short_name: patch.shortName } : {}),
        ...(patch.kind !== undefined ? { kind: patch.kind } : {}),
        ...(patch.address !== undefined ? { address: patch.address } : {}),
        ...(patch.phone !== undefined ? { phone: patch.phone } : {}),
        ...(patch.email !== undefined ? { email: patch.email } : {}),
        ...(patch.validTo !== undefined ? { valid_to: patch.validTo } : {}),
        version: version + 1,
      })
      .where('id', '=', id)
      .where('version', '=', version)
      .returning('id')
      .executeTakeFirst();
    if (!updated) throw preconditionFailed();
    const after = agencyView((await store.findAgency(trx, id))!);
    audit('org.agency_updated', 'agency', id, { before: agencyView(before), after });
    return after;
  });
}

// ---------- departments ----------

export async function listDepartments(ctx: AppContext, agencyId: string) {
  await getAgency(ctx, agencyId);
  const rows = await ctx.database.db
    .selectFrom('department')
    .select(['id', 'agency_id', 'code', 'name'])
    .where('agency_id', '=', agencyId)
    .orderBy('name')
    .execute();
  return rows.map((r) => ({ id: r.id, agencyId: r.agency_id, code: r.code, name: r.name }));
}

export async function createDepartment(
  ctx: AppContext,
  who: Staffer,
  agencyId: string,
  input: { code: string; name: string },
) {
  await getAgency(ctx, agencyId);
  await assertCan(ctx.database.db, who.actor, 'org.manage', agencyId);
  return runChange(ctx, who, async ({ trx, audit }) => {
    const taken = await trx
      .selectFrom('department')
      .select('id')
      .where('agency_id', '=', agencyId)
      .where('code', '=', input.code)
      .executeTakeFirst();
    if (taken) throw conflict(`Cơ quan đã có phòng ban mã ${input.code}.`);
    const row = await trx
      .insertInto('department')
      .values({ agency_id: agencyId, code: input.code, name: input.name })
      .returningAll()
      .executeTakeFirstOrThrow();
    audit('org.department_created', 'department', row.id, { agencyId, code: row.code, name: row.name });
    return { id: row.id, agencyId: row.agency_id, code: row.code, name: row.name };
  });
}

// ---------- staff (use cases in staff.ts) ----------

/** What other modules (signing, dossiers) show of a staff member. */
export const staffCard = (db: Kysely<DB>, staffId: string) => store.staffCard(db, staffId);

/**
 * What a form's heading says of an agency (Decree 30): its name, the agency above it, its phone, and the place on
 * the date line: the province of its administrative unit, without "Tỉnh"/"Thành phố" ("Bạc Liêu").
 */
export async function formIssuer(ctx: AppContext, agencyId: string) {
  const db = ctx.database.db;
  const agency = await getAgency(ctx, agencyId);
  const parent = agency.parentId ? await store.findAgency(db, agency.parentId) : undefined;
  const { rows } = await sql<{ name: string; kind: string }>`
    WITH RECURSIVE up AS (
      SELECT id, parent_id, name, kind, level FROM admin_unit WHERE id = ${agency.adminUnitId}
      UNION ALL SELECT a.id, a.parent_id, a.name, a.kind, a.level FROM admin_unit a JOIN up ON a.id = up.parent_id
    ) SELECT name, kind FROM up WHERE level = 'province' LIMIT 1`.execute(db);
  const province = rows[0];
  const place = province ? province.name.replace(new RegExp(`^${province.kind}\\s+`, 'i'), '') : agency.name;
  return {
    agency: agency.name,
    ...(parent ? { superior: parent.name } : {}),
    ...(agency.phone ? { phone: agency.phone } : {}),
    place,
  };
}
