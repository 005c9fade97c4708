// Use cases of the procedure catalogue: public search and reading; drafts, publication and templates for
// catalogue administrators within the scope of the agency that manages each procedure. Every change runs in one
// transaction with an audit entry (platform/context.ts).
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { type Actor, assertCan } from '../../platform/auth/actor.ts';
import { type AppContext, type Requester, runChange } from '../../platform/context.ts';
import type { DB } from '../../platform/db/schema.ts';
import { mimeOfName } from '../../platform/files/file-type.ts';
import { decodeCursor, toPage } from '../../platform/http/paging.ts';
import {
  conflict,
  type FieldError,
  invalid,
  invalidField,
  notFound,
  Problem,
  preconditionFailed,
} from '../../platform/http/problem.ts';
import { contentErrors } from './consistency.ts';
import {
  APPLICANT_TYPES,
  CHANNELS,
  COMPONENT_FORMS,
  FEE_KINDS,
  LEVELS,
  ONLINE_LEVELS,
  type ProcedureContentT,
  RESULT_KINDS,
} from './model.ts';
import { isProcedureCode, PROCEDURE_CODE_RULE } from './procedure-code.ts';
import { formatProcessingTimes } from './processing-time.ts';
import { vietnameseSortKey } from './sort-key.ts';
import * as store from './store.ts';
import { checkTemplate } from './template-file.ts';

export type Staffer = Requester & { actor: Actor };
type Db = Kysely<DB>;

/** Today's date in Asia/Ho_Chi_Minh (UTC+7 all year), whatever the server's zone. */
export const vnToday = (now: Date) => new Date(now.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);

// ---------- content: canonical form and checks against the database ----------

/** The content with its keys in one order, so that equal content is equal text (exports are byte-stable). */
export function canonicalContent(c: ProcedureContentT): ProcedureContentT {
  return {
    name: c.name,
    field: { code: c.field.code, name: c.field.name },
    managingAgency: c.managingAgency,
    levels: [...c.levels],
    applicantTypes: [...c.applicantTypes],
    processingTimes: c.processingTimes.map((t) => ({ channel: t.channel, value: t.value, unit: t.unit })),
    fees: c.fees.map((f) => ({ kind: f.kind, name: f.name, amount: f.amount, condition: f.condition })),
    components: c.components.map((x) => ({
      name: x.name,
      form: x.form,
      copies: x.copies,
      required: x.required,
      template: x.template && { fileName: x.template.fileName, sha256: x.template.sha256 },
      acceptedTypes: [...x.acceptedTypes],
      maxSizeMb: x.maxSizeMb,
    })),
    // The e-form is kept as written: its property order is the order of the form's fields.
    eform: { schema: c.eform.schema, ui: c.eform.ui },
    result: { name: c.result.name, kind: c.result.kind, electronic: c.result.electronic },
    legalBasis: [...c.legalBasis],
    conditions: c.conditions,
    onlineLevel: c.onlineLevel,
    legacyLevel: c.legacyLevel,
    receiptChannels: [...c.receiptChannels],
    nationalPortal: { offered: c.nationalPortal.offered, code: c.nationalPortal.code },
    offerings: c.offerings.map((o) => ({ agency: o.agency, workflow: o.workflow })),
  };
}

/** What the database knows that content refers to: agencies by identifier, stored templates, the actor's reach. */
export interface Lookup {
  agencies: Map<string, string>;
  templates: Map<string, string>;
  /** Codes of published workflows among those the content names. */
  workflows: Set<string>;
  canManage(agencyId: string): Promise<boolean>;
}

export async function lookupFor(db: Db, actor: Actor | null, contents: ProcedureContentT[]): Promise<Lookup> {
  const identifiers = contents.flatMap((c) => [c.managingAgency, ...c.offerings.map((o) => o.agency)]);
  const hashes = contents.flatMap((c) => c.components.flatMap((x) => (x.template ? [x.template.sha256] : [])));
  const workflows = contents.flatMap((c) => c.offerings.flatMap((o) => (o.workflow ? [o.workflow] : [])));
  const reach = new Map<string, Promise<boolean>>();
  return {
    agencies: await store.agencyIds(db, identifiers),
    templates: await store.templateTypes(db, hashes),
    workflows: await store.publishedWorkflowCodes(db, workflows),
    canManage(agencyId) {
      if (!actor) return Promise.resolve(true); // the system itself (seeding, the CLI)
      if (!reach.has(agencyId)) {
        reach.set(
          agencyId,
          assertCan(db, actor, 'catalog.manage', agencyId).then(
            () => true,
            () => false,
          ),
        );
      }
      return reach.get(agencyId)!;
    },
  };
}

export interface Resolved {
  managingAgencyId: string;
  offeringAgencyIds: string[];
}

/** Checks what content refers to; every problem is reported, each naming its field. */
export async function resolveContent(
  c: ProcedureContentT,
  lookup: Lookup,
): Promise<{ errors: FieldError[]; resolved: Resolved | null }> {
  const errors: FieldError[] = [];
  const managingAgencyId = lookup.agencies.get(c.managingAgency);
  if (!managingAgencyId) {
    errors.push({ field: 'managingAgency', message: `Không tìm thấy cơ quan có mã định danh ${c.managingAgency}.` });
  } else if (!(await lookup.canManage(managingAgencyId))) {
    errors.push({
      field: 'managingAgency',
      message: `Cơ quan quản lý ${c.managingAgency} nằm ngoài phạm vi được phân quyền của bạn.`,
    });
  }
  const offeringAgencyIds = c.offerings.map((o, i) => {
    const id = lookup.agencies.get(o.agency);
    if (!id)
      errors.push({ field: `offerings.${i}.agency`, message: `Không tìm thấy cơ quan có mã định danh ${o.agency}.` });
    if (o.workflow && !lookup.workflows.has(o.workflow)) {
      errors.push({
        field: `offerings.${i}.workflow`,
        message: `Không có quy trình điện tử đã công bố mã ${o.workflow}.`,
      });
    }
    return id ?? '';
  });
  c.components.forEach((x, i) => {
    if (!x.template) return;
    const stored = lookup.templates.get(x.template.sha256);
    if (!stored) {
      errors.push({
        field: `components.${i}.template.sha256`,
        message: 'Không tìm thấy tệp mẫu; hãy tải tệp lên trước.',
      });
      return;
    }
    // The stored bytes were sniffed when uploaded; the name given here must announce the same type.
    if (mimeOfName(x.template.fileName) !== stored) {
      errors.push({
        field: `components.${i}.template.fileName`,
        message: `Tên tệp mẫu "${x.template.fileName}" không khớp với nội dung tệp đã tải lên (${stored}).`,
      });
    }
  });
  return { errors, resolved: errors.length ? null : { managingAgencyId: managingAgencyId!, offeringAgencyIds } };
}

/** Shape is checked by the route or the importer; this checks consistency and references, or throws 400. */
async function checkedContent(db: Db, actor: Actor | null, content: ProcedureContentT): Promise<Resolved> {
  const c = canonicalContent(content);
  const lookup = await lookupFor(db, actor, [c]);
  const { errors, resolved } = await resolveContent(c, lookup);
  const all = [...contentErrors(c), ...errors];
  if (all.length || !resolved) throw invalid(all);
  return resolved;
}

// ---------- publication ----------

type ProcedureRow = NonNullable<Awaited<ReturnType<typeof store.findProcedure>>>;

/** The search projection of a published version, copied onto the procedure row. */
const projection = (c: ProcedureContentT, versionId: string, r: Resolved) => ({
  current_version_id: versionId,
  managing_agency_id: r.managingAgencyId,
  name: c.name,
  sort_key: vietnameseSortKey(c.name),
  field_code: c.field.code,
  field_name: c.field.name,
  levels: c.levels,
  applicant_types: c.applicantTypes,
  online_level: c.onlineLevel,
  offered_at: [...new Set(r.offeringAgencyIds)],
});

/**
 * Publishes version `versionId` from `validFrom`: the version that was current ends its validity on that day
 * and is retired; the procedure's search projection now describes the new version.
 */
export async function publishVersion(
  trx: Db,
  p: Pick<ProcedureRow, 'id' | 'current_version_id'>,
  versionId: string,
  content: ProcedureContentT,
  resolved: Resolved,
  at: { validFrom: string; now: Date; staffId: string | null },
): Promise<void> {
  if (p.current_version_id) {
    const current = await trx
      .selectFrom('procedure_version')
      .select('valid_from')
      .where('id', '=', p.current_version_id)
      .executeTakeFirstOrThrow();
    if (at.validFrom < current.valid_from!) {
      throw invalidField(
        'validFrom',
        `Ngày hiệu lực không được trước ngày hiệu lực của phiên bản đang áp dụng (${current.valid_from}).`,
      );
    }
    await trx
      .updateTable('procedure_version')
      .set({ status: 'retired', valid_to: at.validFrom })
      .where('id', '=', p.current_version_id)
      .execute();
  }
  await trx
    .updateTable('procedure_version')
    .set({ status: 'published', valid_from: at.validFrom, published_at: at.now, published_by: at.staffId })
    .where('id', '=', versionId)
    .execute();
  await trx
    .insertInto('procedure_offering')
    .values(
      content.offerings.map((o, i) => ({
        version_id: versionId,
        agency_id: resolved.offeringAgencyIds[i]!,
        position: i,
        workflow_code: o.workflow,
      })),
    )
    .execute();
  await trx
    .updateTable('procedure')
    .set({ ...projection(content, versionId, resolved), revision: sql`revision + 1` })
    .where('id', '=', p.id)
    .execute();
}

// ---------- admin: create, draft, publish ----------

const duplicateCode = (code: string) =>
  new Problem(409, 'conflict', `Mã thủ tục ${code} đã có trong danh mục.`, undefined, [
    { field: 'code', message: `Mã thủ tục ${code} đã có trong danh mục.` },
  ]);

export async function createProcedure(ctx: AppContext, who: Staffer, input: ProcedureContentT & { code: string }) {
  if (!isProcedureCode(input.code)) throw invalidField('code', PROCEDURE_CODE_RULE);
  const { code, ...rest } = input;
  const content = canonicalContent(rest);
  const resolved = await checkedContent(ctx.database.db, who.actor, content);
  return runChange(ctx, who, async ({ trx, audit }) => {
    if (await store.findProcedure(trx, code)) throw duplicateCode(code);
    const { id } = await trx
      .insertInto('procedure')
      .values({ code, managing_agency_id: resolved.managingAgencyId })
      .returning('id')
      .executeTakeFirstOrThrow();
    const version = await trx
      .insertInto('procedure_version')
      .values({
        procedure_id: id,
        number: 1,
        status: 'draft',
        content: JSON.stringify(content),
        created_by: who.actor.staffId,
      })
      .returning(['id', 'number'])
      .executeTakeFirstOrThrow();
    audit('catalog.procedure_created', 'procedure', id, { code, name: content.name, version: version.number });
    return adminView(trx, code);
  });
}

/** Loads a procedure the actor may manage (its managing agency is within their scope), or throws. */
async function managed(db: Db, actor: Actor, code: string): Promise<ProcedureRow> {
  const p = await store.findProcedure(db, code);
  if (!p) throw notFound(`thủ tục ${code}`);
  await assertCan(db, actor, 'catalog.manage', p.managing_agency_id);
  return p;
}

/** Claims the procedure's revision (If-Match), or throws 412: two editors never overwrite each other. */
async function claim(trx: Db, p: ProcedureRow, revision: number): Promise<void> {
  const row = await trx
    .updateTable('procedure')
    .set({ revision: revision + 1 })
    .where('id', '=', p.id)
    .where('revision', '=', revision)
    .returning('id')
    .executeTakeFirst();
  if (!row) throw preconditionFailed();
}

/** Editing: replaces the draft, or starts one when the procedure has only its published version. */
export async function saveDraft(
  ctx: AppContext,
  who: Staffer,
  code: string,
  revision: number,
  input: ProcedureContentT,
) {
  const p = await managed(ctx.database.db, who.actor, code);
  const content = canonicalContent(input);
  const resolved = await checkedContent(ctx.database.db, who.actor, content);
  if (resolved.managingAgencyId !== p.managing_agency_id) {
    await assertCan(ctx.database.db, who.actor, 'catalog.manage', resolved.managingAgencyId);
  }
  return runChange(ctx, who, async ({ trx, audit }) => {
    await claim(trx, p, revision);
    const draft = await store.findVersion(trx, p.id, 'draft');
    if (draft) {
      await trx
        .updateTable('procedure_version')
        .set({ content: JSON.stringify(content), created_by: who.actor.staffId })
        .where('id', '=', draft.id)
        .execute();
    } else {
      const last = await trx
        .selectFrom('procedure_version')
        .select((eb) => eb.fn.max('number').as('n'))
        .where('procedure_id', '=', p.id)
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('procedure_version')
        .values({
          procedure_id: p.id,
          number: Number(last.n ?? 0) + 1,
          status: 'draft',
          content: JSON.stringify(content),
          created_by: who.actor.staffId,
        })
        .execute();
    }
    audit('catalog.draft_saved', 'procedure', p.id, { code, name: content.name });
    return adminView(trx, code);
  });
}

export async function discardDraft(ctx: AppContext, who: Staffer, code: string, revision: number) {
  const p = await managed(ctx.database.db, who.actor, code);
  await runChange(ctx, who, async ({ trx, audit }) => {
    await claim(trx, p, revision);
    const draft = await store.findVersion(trx, p.id, 'draft');
    if (!draft) throw notFound(`bản nháp của thủ tục ${code}`);
    if (!p.current_version_id) throw conflict('Thủ tục chưa từng được công bố: không thể huỷ bản nháp duy nhất.');
    await trx.deleteFrom('procedure_version').where('id', '=', draft.id).execute();
    audit('catalog.draft_discarded', 'procedure', p.id, { code, version: draft.number });
  });
}

export async function publishDraft(
  ctx: AppContext,
  who: Staffer,
  code: string,
  revision: number,
  validFrom: string | undefined,
) {
  const p = await managed(ctx.database.db, who.actor, code);
  const draft = await store.findVersion(ctx.database.db, p.id, 'draft');
  if (!draft) throw notFound(`bản nháp của thủ tục ${code}`);
  const content = draft.content as ProcedureContentT;
  // Checked again: agencies, templates and workflows may have changed since
  // the draft was saved.
  const resolved = await checkedContent(ctx.database.db, who.actor, content);
  const now = ctx.clock.now();
  return runChange(ctx, who, async ({ trx, audit, publish }) => {
    await claim(trx, p, revision);
    const fresh = (await store.findProcedure(trx, code))!;
    const at = { validFrom: validFrom ?? vnToday(now), now, staffId: who.actor.staffId };
    await publishVersion(trx, fresh, draft.id, content, resolved, at);
    audit('catalog.version_published', 'procedure', p.id, { code, version: draft.number, validFrom: at.validFrom });
    await publish('catalog.procedure_published', { code, versionId: draft.id, version: draft.number });
    return adminView(trx, code);
  });
}

// ---------- admin: reading ----------

const versionView = (v: Awaited<ReturnType<typeof store.versionsOf>>[number]) => ({
  id: v.id,
  number: v.number,
  status: v.status,
  validFrom: v.valid_from,
  validTo: v.valid_to,
  createdAt: v.created_at.toISOString(),
  publishedAt: v.published_at ? v.published_at.toISOString() : null,
  content: v.content as ProcedureContentT,
});

async function adminView(db: Db, code: string) {
  const p = (await store.findProcedure(db, code))!;
  const versions = await store.versionsOf(db, p.id);
  return { code: p.code, revision: p.revision, versions: versions.map(versionView) };
}

export async function getAdminView(ctx: AppContext, actor: Actor, code: string) {
  await managed(ctx.database.db, actor, code);
  return adminView(ctx.database.db, code);
}

// ---------- templates ----------

export async function uploadTemplate(
  ctx: AppContext,
  who: Staffer,
  input: { fileName: string; contentBase64: string },
) {
  const bytes = Buffer.from(input.contentBase64, 'base64');
  const check = checkTemplate(input.fileName, bytes);
  if (!check.ok) throw invalidField('contentBase64', check.message);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return runChange(ctx, who, async ({ trx, audit }) => {
    await trx
      .insertInto('catalog_template')
      .values({ sha256, content_type: check.mime, size: bytes.length, content: bytes })
      .onConflict((oc) => oc.column('sha256').doNothing())
      .execute();
    audit('catalog.template_uploaded', 'catalog_template', null, { sha256, fileName: input.fileName });
    return { fileName: input.fileName, sha256, contentType: check.mime, size: bytes.length };
  });
}

export async function readTemplate(ctx: AppContext, sha256: string) {
  const row = await ctx.database.db
    .selectFrom('catalog_template')
    .select(['content_type', 'content'])
    .where('sha256', '=', sha256)
    .executeTakeFirst();
  if (!row) throw notFound('tệp mẫu');
  return { contentType: row.content_type, content: Buffer.from(row.content) };
}

// ---------- public: search and reading ----------

export interface SearchQuery {
  q?: string;
  field?: string;
  agency?: string;
  level?: string;
  onlineLevel?: string;
  applicant?: string;
  cursor?: string;
  limit?: number;
}

const FACET_LABELS: Record<string, ((v: string) => string) | undefined> = {
  level: (v) => LEVELS.label(v as never),
  applicant: (v) => APPLICANT_TYPES.label(v as never),
  onlineLevel: (v) => ONLINE_LEVELS.label(v as never),
};

export function searchFilter(q: SearchQuery): store.SearchFilter {
  // A query with no letter or digit (",,,") finds nothing to rank by: the catalogue is listed instead.
  const text = q.q?.trim() ?? '';
  return {
    q: store.searchWords(text) ? text : null,
    field: q.field,
    agency: q.agency,
    level: q.level,
    onlineLevel: q.onlineLevel,
    applicant: q.applicant,
  };
}

export async function searchProcedures(ctx: AppContext, q: SearchQuery) {
  const limit = q.limit ?? 20;
  const after = decodeCursor(q.cursor, 4) as store.SearchCursor | null;
  const filter = searchFilter(q);
  const db = ctx.database.db;
  const [rows, facets] = await Promise.all([
    store.searchQuery(filter, after, limit + 1).execute(db),
    store.facetQuery(filter).execute(db),
  ]);
  const page = toPage(
    rows.rows,
    limit,
    (r) => [r.tier, r.score, r.sort_key, r.id],
    (r) => ({
      code: r.code,
      name: r.name,
      field: { code: r.field_code, name: r.field_name },
      levels: r.levels,
      applicantTypes: r.applicant_types,
      onlineLevel: r.online_level,
    }),
  );
  return { ...page, ...facetView(facets.rows) };
}

function facetView(rows: store.FacetRow[]) {
  const of = (facet: store.FacetRow['facet']) =>
    rows
      .filter((r) => r.facet === facet)
      .map((r) => ({ value: r.value, label: FACET_LABELS[facet]?.(r.value) ?? r.label, count: r.n }))
      .sort((a, b) => b.count - a.count || (a.label < b.label ? -1 : 1));
  return {
    total: rows.find((r) => r.facet === 'total')?.n ?? 0,
    facets: { field: of('field'), level: of('level'), applicant: of('applicant'), onlineLevel: of('onlineLevel') },
  };
}

/** The current published version of a procedure, with everything a citizen needs to apply. */
export async function getProcedure(ctx: AppContext, code: string) {
  const db = ctx.database.db;
  const p = await store.findProcedure(db, code);
  const version = p && (await store.findVersion(db, p.id, 'published'));
  if (!p || !version) throw notFound(`thủ tục ${code}`);
  const c = version.content as ProcedureContentT;
  const agencies = await store.offeringsOf(db, version.id);
  const managing = await db
    .selectFrom('agency')
    .select(['identifier', 'name'])
    .where('id', '=', p.managing_agency_id)
    .executeTakeFirstOrThrow();
  return {
    code: p.code,
    version: version.number,
    versionId: version.id,
    validFrom: version.valid_from!,
    ...c,
    managingAgency: { identifier: managing.identifier, name: managing.name },
    free: c.fees.every((f) => f.amount === 0),
    components: c.components.map((x) => ({
      ...x,
      template: x.template && {
        ...x.template,
        url: `/api/v1/catalog/templates/${x.template.sha256}?name=${encodeURIComponent(x.template.fileName)}`,
      },
    })),
    offerings: agencies.map((a) => ({
      agencyId: a.id,
      agency: a.identifier,
      name: a.name,
      address: a.address,
      phone: a.phone,
      workflow: a.workflow_code,
    })),
    text: {
      levels: c.levels.map((l) => LEVELS.label(l)).join(', '),
      applicantTypes: c.applicantTypes.map((a) => APPLICANT_TYPES.label(a)).join(', '),
      processingTime: formatProcessingTimes(c.processingTimes),
      onlineLevel: ONLINE_LEVELS.label(c.onlineLevel),
      receiptChannels: c.receiptChannels.map((x) => CHANNELS.label(x)).join(', '),
      result: RESULT_KINDS.label(c.result.kind),
      fees: c.fees.map((f) => `${FEE_KINDS.label(f.kind)} ${f.name}: ${formatDong(f.amount)}`),
      components: c.components.map((x) => `${COMPONENT_FORMS.label(x.form)}, ${x.copies} bản`),
    },
  };
}

/** 1200000 → "1.200.000 đồng"; 0 → "Miễn". */
export const formatDong = (amount: number) =>
  amount === 0 ? 'Miễn' : `${String(amount).replace(/\B(?=(\d{3})+(?!\d))/g, '.')} đồng`;

// ---------- for other modules ----------

/**
 * The version a dossier is received under at an agency: the current published version, if that agency offers
 * it. The dossier stores the returned version id and keeps it whatever is published later.
 */
export async function versionForReceipt(ctx: AppContext, code: string, agencyId: string) {
  const db = ctx.database.db;
  const p = await store.findProcedure(db, code);
  if (!p?.current_version_id || !p.offered_at.includes(agencyId)) {
    throw notFound(`thủ tục ${code} tại cơ quan này`);
  }
  const v = await db
    .selectFrom('procedure_version')
    .select(['id', 'number', 'content'])
    .where('id', '=', p.current_version_id)
    .executeTakeFirstOrThrow();
  return {
    versionId: v.id,
    number: v.number,
    content: v.content as ProcedureContentT,
    managingAgencyId: p.managing_agency_id,
  };
}

/** A version by id, whatever its status now: what a pinned dossier reads. */
export async function getVersion(ctx: AppContext, versionId: string) {
  const v = await ctx.database.db
    .selectFrom('procedure_version as v')
    .innerJoin('procedure as p', 'p.id', 'v.procedure_id')
    .select(['p.code', 'v.id', 'v.number', 'v.status', 'v.valid_from', 'v.valid_to', 'v.content'])
    .where('v.id', '=', versionId)
    .executeTakeFirst();
  if (!v) throw notFound('phiên bản thủ tục');
  return { ...v, content: v.content as ProcedureContentT };
}
