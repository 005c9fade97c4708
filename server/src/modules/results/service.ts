// Use cases of result documents (kết quả giải quyết): templates kept as data and versioned by effective date
// (catalog.manage: province-wide ones by the system administrator, an agency's own by its administrators); a
// dossier's results rendered from the template version in force on the result's date, or uploaded as a PDF; each
// signed in turn through the signing module (each signature a new revision in the blob store); and the results an
// applicant may download once their dossier is returned. See docs/results.md.
import type { Kysely } from 'kysely';
import { type Actor, assertCan } from '../../platform/auth/actor.ts';
import { type AppContext, type Change, type Requester, runChange } from '../../platform/context.ts';
import type { DB, SignatureSlotJson } from '../../platform/db/schema.ts';
import { blobStoreOf } from '../../platform/files/blob-store.ts';
import { checkFile } from '../../platform/files/file-type.ts';
import { conflict, forbidden, invalid, invalidField, notFound, Problem } from '../../platform/http/problem.ts';
import { civilDateOf, formatIsoDate, vnDayOf } from '../calendar/vn-time.ts';
import { getProcedure, getVersion } from '../catalog/service.ts';
import { type DossierRequester, readable } from '../dossiers/service.ts';
import type { DossierRow } from '../dossiers/store.ts';
import { formIssuer } from '../org/service.ts';
import { shortDate, writtenDate } from '../paperwork/wording.ts';
import { SIGNER_SIZE } from '../signing/appearance.ts';
import { DocumentError, openForSigning, type Placement } from '../signing/pades.ts';
import { signDocument } from '../signing/service.ts';
import { isEndStatus, type MacroStatus } from '../workflow/definition.ts';
import { renderResult } from './render.ts';
import * as store from './store.ts';
import {
  type ResultView,
  type TemplateDefinition,
  type Problem as TemplateProblem,
  templateProblems,
} from './template.ts';

type Staffer = Requester & { actor: Actor };
type Kind = store.TemplateRow['kind'];

const blobs = (ctx: AppContext) => blobStoreOf(ctx.config);
const today = (ctx: AppContext) => formatIsoDate(vnDayOf(ctx.clock.now().getTime()));

// ---------- templates ----------

export interface TemplateInput {
  code: string;
  name: string;
  kind: Kind;
  effectiveFrom: string;
  procedures?: string[];
  ownerAgencyId?: string | null;
  definition: TemplateDefinition;
}

function templateView(t: store.TemplateRow, day: string, inForce: Set<string>) {
  return {
    code: t.code,
    version: t.version,
    name: t.name,
    kind: t.kind,
    effectiveFrom: t.effective_from,
    procedures: t.procedures,
    ownerAgencyId: t.owner_agency_id,
    revision: t.revision,
    inForce: inForce.has(`${t.code}@${t.version}`),
    future: t.effective_from > day,
  };
}

/** Each code's version in force on `day`, as `code@version`. */
function inForceOn(rows: store.TemplateRow[], day: string): Set<string> {
  const latest = new Map<string, store.TemplateRow>();
  for (const t of rows) {
    const seen = latest.get(t.code);
    if (t.effective_from <= day && (!seen || t.effective_from > seen.effective_from)) latest.set(t.code, t);
  }
  return new Set([...latest.values()].map((t) => `${t.code}@${t.version}`));
}

/** Every version of every template, or those a procedure may use; each says whether it is in force today. */
export async function listTemplates(ctx: AppContext, procedure?: string) {
  const rows = await store.listTemplates(ctx.database.db, procedure);
  const day = today(ctx);
  const inForce = inForceOn(rows, day);
  return { items: rows.map((t) => templateView(t, day, inForce)) };
}

export async function getTemplate(ctx: AppContext, code: string, version: number) {
  const db = ctx.database.db;
  const t = await store.findTemplate(db, code, version);
  if (!t) throw notFound(`mẫu kết quả ${code} phiên bản ${version}`);
  const day = today(ctx);
  const inForce = inForceOn(await store.versionsOf(db, code), day);
  return {
    ...templateView(t, day, inForce),
    definition: t.definition,
    used: await store.isTemplateUsed(db, code, version),
  };
}

/** Province-wide templates belong to the system administrator; an agency's own to its administrators. */
function assertOwner(db: Kysely<DB>, actor: Actor, owner: string | null): Promise<void> {
  if (owner) return assertCan(db, actor, 'catalog.manage', owner);
  if (!actor.scope('catalog.manage').all) {
    throw forbidden('Chỉ quản trị hệ thống được sửa mẫu kết quả dùng chung của tỉnh.');
  }
  return Promise.resolve();
}

/** The e-form fields every named procedure has (null: the template is for any procedure), and unknown codes. */
async function eformFieldsOf(ctx: AppContext, procedures: readonly string[]) {
  if (procedures.length === 0) return { fields: null, problems: [] };
  const problems: TemplateProblem[] = [];
  let fields: Set<string> | null = null;
  for (const [i, code] of procedures.entries()) {
    try {
      const { eform } = await getProcedure(ctx, code);
      const keys = Object.keys((eform.schema as { properties?: Record<string, unknown> }).properties ?? {});
      fields = fields ? new Set(keys.filter((k) => fields!.has(k))) : new Set(keys);
    } catch (error) {
      if (!(error instanceof Problem && error.status === 404)) throw error;
      problems.push({ path: `procedures[${i}]`, message: `Không có thủ tục ${code} đang được công bố.` });
    }
  }
  return { fields: fields ?? new Set<string>(), problems };
}

/** Refuses a template whose placeholders name anything outside the dossier's view, naming where each one is. */
export async function assertValidTemplate(ctx: AppContext, input: Pick<TemplateInput, 'procedures' | 'definition'>) {
  const { fields, problems } = await eformFieldsOf(ctx, input.procedures ?? []);
  const all = [
    ...problems,
    ...templateProblems(input.definition, fields).map((p) => ({ ...p, path: `definition.${p.path}` })),
  ];
  const first = all[0];
  if (!first) return;
  const title =
    all.length === 1
      ? `Mẫu kết quả chưa hợp lệ ở ${first.path}: ${first.message}`
      : `Mẫu kết quả có ${all.length} lỗi; lỗi đầu tiên ở ${first.path}: ${first.message}`;
  throw invalid(
    all.map((p) => ({ field: p.path, message: p.message })),
    title,
  );
}

/**
 * Adds a template (version 1 of a new code) or the next version of an existing one, in force from its effective
 * date, which must come after every earlier version's. A version's owner is its code's.
 */
export async function createTemplate(ctx: AppContext, who: Staffer, input: TemplateInput) {
  const db = ctx.database.db;
  const versions = await store.versionsOf(db, input.code);
  const latest = versions.at(-1);
  const owner = latest ? latest.owner_agency_id : (input.ownerAgencyId ?? null);
  if (latest && input.ownerAgencyId !== undefined && input.ownerAgencyId !== owner) {
    throw invalidField('ownerAgencyId', 'Các phiên bản của một mẫu kết quả thuộc cùng một cơ quan.');
  }
  await assertOwner(db, who.actor, owner);
  // Versions stay in the order of their effective dates (updateTemplate keeps each between its neighbours).
  const after = latest?.effective_from;
  if (after && input.effectiveFrom <= after) {
    throw invalidField('effectiveFrom', `Phiên bản mới phải có hiệu lực sau ngày ${after} của phiên bản trước.`);
  }
  await assertValidTemplate(ctx, input);
  const version = (latest?.version ?? 0) + 1;
  await saveTemplate(ctx, who, { ...input, ownerAgencyId: owner }, version);
  return getTemplate(ctx, input.code, version);
}

/** Writes a checked template version; the demo seeds call it as the system. */
export async function saveTemplate(ctx: AppContext, who: Requester, input: TemplateInput, version: number) {
  await runChange(ctx, who, async ({ trx, audit }) => {
    await store.insertTemplate(trx, {
      code: input.code,
      version,
      name: input.name,
      kind: input.kind,
      effective_from: input.effectiveFrom,
      procedures: input.procedures ?? [],
      owner_agency_id: input.ownerAgencyId ?? null,
      definition: JSON.stringify(input.definition),
      created_by: who.actor?.staffId ?? null,
      updated_by: who.actor?.staffId ?? null,
    });
    audit('result.template.created', 'result_template', `${input.code}@${version}`, {
      name: input.name,
      effectiveFrom: input.effectiveFrom,
    });
  });
}

/** Edits a version that no result has used yet (If-Match: its revision); a used one is changed by a new version. */
export async function updateTemplate(
  ctx: AppContext,
  who: Staffer,
  code: string,
  version: number,
  revision: number,
  input: Omit<TemplateInput, 'code' | 'ownerAgencyId'>,
) {
  const db = ctx.database.db;
  const current = await store.findTemplate(db, code, version);
  if (!current) throw notFound(`mẫu kết quả ${code} phiên bản ${version}`);
  await assertOwner(db, who.actor, current.owner_agency_id);
  if (await store.isTemplateUsed(db, code, version)) {
    throw conflict(
      `Phiên bản ${version} của mẫu ${code} đã được dùng để lập kết quả; hãy tạo phiên bản mới với ngày hiệu lực mới.`,
    );
  }
  const others = (await store.versionsOf(db, code)).filter((v) => v.version !== version);
  const before = others.filter((v) => v.version < version).at(-1)?.effective_from ?? '';
  const next = others.find((v) => v.version > version)?.effective_from;
  if (input.effectiveFrom <= before || (next !== undefined && input.effectiveFrom >= next)) {
    throw invalidField('effectiveFrom', 'Ngày hiệu lực phải nằm giữa ngày hiệu lực của phiên bản trước và sau.');
  }
  await assertValidTemplate(ctx, input);
  await runChange(ctx, who, async ({ trx, audit }) => {
    const updated = await trx
      .updateTable('result_template')
      .set({
        name: input.name,
        kind: input.kind,
        effective_from: input.effectiveFrom,
        procedures: input.procedures ?? [],
        definition: JSON.stringify(input.definition),
        revision: revision + 1,
        updated_at: ctx.clock.now(),
        updated_by: who.actor.staffId,
      })
      .where('code', '=', code)
      .where('version', '=', version)
      .where('revision', '=', revision)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) {
      throw new Problem(
        412,
        'stale-version',
        'Mẫu kết quả đã được người khác thay đổi. Hãy tải lại và thử lại.',
        `Phiên bản trong If-Match (${revision}) không còn là phiên bản hiện tại.`,
      );
    }
    audit('result.template.updated', 'result_template', `${code}@${version}`, { revision: revision + 1 });
  });
  return getTemplate(ctx, code, version);
}

// ---------- a dossier's result documents ----------

const isClosed = (row: DossierRow) => isEndStatus(row.status as MacroStatus) || row.status === 'draft';

/** Staff who make or sign a dossier's results: readers of the dossier who act at the agency concerned. */
async function assertWorks(ctx: AppContext, who: Staffer, row: DossierRow, agencyId: string) {
  await assertCan(ctx.database.db, who.actor, 'dossier.act', agencyId);
  if (isClosed(row)) throw conflict('Hồ sơ không còn đang giải quyết: không lập hay ký thêm văn bản kết quả.');
}

/** The dossier whose result is being made, by a staff member who acts where it is now. */
async function dossierToWorkOn(ctx: AppContext, who: Staffer, dossierId: string) {
  const row = await readable(ctx, who, dossierId);
  await assertWorks(ctx, who, row, row.current_agency_id);
  return row;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** The dossier as a template sees it, issued by `agencyId` at `at`; the number is added when it is allocated. */
async function viewOf(ctx: AppContext, row: DossierRow, agencyId: string, at: Date): Promise<ResultView> {
  const issuer = await formIssuer(ctx, agencyId);
  const { content } = await getVersion(ctx, row.procedure_version_id);
  const a = row.applicant as Record<string, string | null | undefined>;
  const instant = at.getTime();
  return {
    values: {
      'dossier.code': row.code,
      'dossier.receivedDate': row.received_at ? shortDate(row.received_at.getTime()) : null,
      'procedure.code': row.procedure_code,
      'procedure.name': row.procedure_name,
      'procedure.result': content.result.name,
      'applicant.name': row.applicant_name,
      'applicant.identityNumber': a.identityNumber ?? null,
      'applicant.address': a.address ?? null,
      'applicant.phone': a.phone ?? null,
      'applicant.email': a.email ?? null,
      'agency.name': issuer.agency,
      'agency.nameUpper': issuer.agency.toUpperCase(),
      'agency.superior': issuer.superior ?? null,
      'agency.place': issuer.place,
      'document.number': null,
      'document.symbol': null,
      'document.numberSymbol': null,
      'document.date': shortDate(instant),
      'document.writtenDate': writtenDate(instant),
      'document.year': String(civilDateOf(vnDayOf(instant)).year),
    },
    eform: row.eform as Record<string, unknown>,
  };
}

function numbered(view: ResultView, number: number, symbol: string): ResultView {
  const n = pad2(number);
  return {
    ...view,
    values: {
      ...view.values,
      'document.number': n,
      'document.symbol': symbol,
      'document.numberSymbol': `${n}/${symbol}`,
    },
  };
}

/** The template version in force on `day` that may be used for this dossier, or a 400 naming `template`. */
async function templateFor(ctx: AppContext, row: DossierRow, code: string, day: string) {
  const db = ctx.database.db;
  const t = await store.versionOn(db, code, day);
  if (!t) {
    const any = (await store.versionsOf(db, code)).length > 0;
    throw invalidField(
      'template',
      any ? `Mẫu kết quả "${code}" chưa có phiên bản có hiệu lực vào ngày ${day}.` : `Không có mẫu kết quả "${code}".`,
    );
  }
  if (t.procedures.length && !t.procedures.includes(row.procedure_code)) {
    throw invalidField('template', `Mẫu kết quả "${t.name}" không dùng cho thủ tục ${row.procedure_code}.`);
  }
  if (t.owner_agency_id && !(await store.isWithin(db, row.resolving_agency_id, t.owner_agency_id))) {
    throw invalidField('template', `Mẫu kết quả "${t.name}" là mẫu riêng của cơ quan khác.`);
  }
  return t;
}

interface NewResult {
  row: DossierRow;
  pdf: Buffer;
  title: string;
  template: store.TemplateRow | null;
  numberSymbol: string | null;
  slots: SignatureSlotJson[];
  /** What the audit entry adds about where the file came from. */
  origin: Record<string, unknown>;
}

/** Stores a new result's file as its revision 1, audited and announced, inside the caller's change. */
async function storeResult(ctx: AppContext, who: Staffer, { trx, audit, publish }: Change, r: NewResult) {
  const now = ctx.clock.now();
  const blob = await blobs(ctx).put(r.pdf);
  const result = await store.insertResult(trx, {
    dossier_id: r.row.id,
    title: r.title,
    source: r.template ? 'template' : 'upload',
    template_code: r.template?.code ?? null,
    template_version: r.template?.version ?? null,
    issuing_agency_id: r.row.current_agency_id,
    number_symbol: r.numberSymbol,
    issued_on: formatIsoDate(vnDayOf(now.getTime())),
    signature_slots: JSON.stringify(r.slots),
    created_by: who.actor.staffId,
    created_at: now,
  });
  const first = {
    result_id: result.id,
    revision: 1,
    sha256: blob.sha256,
    size: blob.size,
    signature_id: null,
    layout: null,
    slot: null,
    created_at: now,
  };
  await store.insertRevision(trx, { ...first, created_by: who.actor.staffId });
  const { row } = r;
  audit('result.created', 'result', result.id, { dossierId: row.id, code: row.code, ...r.origin, sha256: blob.sha256 });
  await publish('result.created', { dossierId: row.id, code: row.code, at: now.toISOString(), resultId: result.id });
  return resultView(result, [{ ...first, signer_name: null, agency_name: null, signed_at: null }]);
}

/**
 * Renders a result of the dossier from the template version in force today, filled from the dossier; a template
 * with a symbol gives the result the issuing agency's next number of the year, in the same transaction.
 */
export async function createFromTemplate(ctx: AppContext, who: Staffer, dossierId: string, code: string) {
  const row = await dossierToWorkOn(ctx, who, dossierId);
  const now = ctx.clock.now();
  const template = await templateFor(ctx, row, code, today(ctx));
  const definition = template.definition as TemplateDefinition;
  const view = await viewOf(ctx, row, row.current_agency_id, now);
  return runChange(ctx, who, async (change) => {
    const { symbol } = definition;
    const year = civilDateOf(vnDayOf(now.getTime())).year;
    const filled = symbol
      ? numbered(view, await store.nextNumber(change.trx, row.current_agency_id, year), symbol)
      : view;
    const input = { definition, view: filled, title: template.name, issuedAt: now, slot: SIGNER_SIZE };
    const { pdf, slots } = await renderResult(input);
    const numberSymbol = filled.values['document.numberSymbol'];
    const origin = { template: `${template.code}@${template.version}`, numberSymbol };
    return storeResult(ctx, who, change, { row, pdf, title: template.name, template, numberSymbol, slots, origin });
  });
}

/** Keeps an uploaded PDF as a result of the dossier: a PDF by its bytes, one that can be signed as it is. */
export async function createFromUpload(
  ctx: AppContext,
  who: Staffer,
  dossierId: string,
  upload: { file?: { name: string; bytes: Buffer }; title?: string },
) {
  const row = await dossierToWorkOn(ctx, who, dossierId);
  const file = upload.file;
  if (!file) throw invalidField('file', 'Cần gửi tệp PDF của văn bản kết quả trong trường "file".');
  const checked = checkFile('Văn bản kết quả', file.name, file.bytes, ['pdf']);
  if (!checked.ok) throw invalidField('file', checked.message);
  try {
    openForSigning(file.bytes);
  } catch (error) {
    if (error instanceof DocumentError) throw new Problem(422, 'unprocessable', error.message);
    throw error;
  }
  const { content } = await getVersion(ctx, row.procedure_version_id);
  const title = upload.title?.trim() || content.result.name;
  const origin = { upload: file.name };
  return runChange(ctx, who, (change) =>
    storeResult(ctx, who, change, {
      row,
      pdf: file.bytes,
      title,
      template: null,
      numberSymbol: null,
      slots: [],
      origin,
    }),
  );
}

function resultView(r: store.ResultRow, revisions: store.RevisionWithSignature[]) {
  const own = revisions.filter((v) => v.result_id === r.id);
  const current = own.at(-1)!;
  return {
    id: r.id,
    dossierId: r.dossier_id,
    title: r.title,
    source: r.source,
    templateCode: r.template_code,
    templateVersion: r.template_version,
    numberSymbol: r.number_symbol,
    issuedOn: r.issued_on,
    revision: current.revision,
    sha256: current.sha256,
    size: current.size,
    signatureSlots: r.signature_slots.length,
    signatures: own
      .filter((v) => v.signature_id)
      .map((v) => ({
        revision: v.revision,
        layout: v.layout!,
        signer: v.signer_name ?? '',
        agency: v.agency_name ?? '',
        signedAt: v.signed_at?.toISOString() ?? '',
        signatureId: v.signature_id!,
      })),
    createdAt: r.created_at.toISOString(),
  };
}
export type ResultDocumentView = ReturnType<typeof resultView>;

async function views(db: Kysely<DB>, rows: store.ResultRow[]) {
  const revisions = await store.revisionsOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => resultView(r, revisions));
}

async function resultOf(ctx: AppContext, dossierId: string, resultId: string) {
  const row = await store.findResult(ctx.database.db, dossierId, resultId);
  if (!row) throw notFound('văn bản kết quả');
  return (await views(ctx.database.db, [row]))[0]!;
}

export async function listResults(ctx: AppContext, who: Staffer, dossierId: string) {
  const row = await readable(ctx, who, dossierId);
  return { items: await views(ctx.database.db, await store.resultsOf(ctx.database.db, row.id)) };
}

/** The current file (the latest revision) of a result. */
async function currentFile(ctx: AppContext, result: ResultDocumentView) {
  const bytes = await blobs(ctx).get(result.sha256);
  if (!bytes) throw notFound('tệp của văn bản kết quả');
  return { bytes, fileName: `${result.numberSymbol?.replace(/\//g, '-') ?? result.title}.pdf`, result };
}

export async function resultFile(ctx: AppContext, who: Staffer, dossierId: string, resultId: string) {
  const row = await readable(ctx, who, dossierId);
  return currentFile(ctx, await resultOf(ctx, row.id, resultId));
}

// ---------- signing ----------

export interface SignRequest {
  layout: 'signer' | 'seal';
  /** A signature slot of the template (1-based); by default a signer's signature takes the next free one. */
  slot?: number;
  page?: number;
  x?: number;
  y?: number;
  reason?: string;
}

/** Where a signature goes: an explicit position, a slot the template left for it, or the signing module's default. */
function placementOf(
  slots: readonly SignatureSlotJson[],
  taken: readonly (number | null)[],
  request: SignRequest,
): { placement: Placement; slot: number | null } {
  const explicit = request.page !== undefined || request.x !== undefined || request.y !== undefined;
  if (request.layout === 'seal' || explicit) {
    if (request.slot !== undefined) throw invalidField('slot', 'Chỉ chữ ký của người ký (signer) đặt vào chỗ ký.');
    return { placement: { page: request.page, x: request.x, y: request.y }, slot: null };
  }
  if (request.slot !== undefined && !slots[request.slot - 1]) {
    throw invalidField('slot', `Văn bản có ${slots.length} chỗ ký; không có chỗ ký số ${request.slot}.`);
  }
  if (request.slot !== undefined && taken.includes(request.slot)) {
    throw conflict(`Chỗ ký số ${request.slot} của văn bản đã có chữ ký.`);
  }
  const slot = request.slot ?? slots.findIndex((_, i) => !taken.includes(i + 1)) + 1;
  const box = slots[slot - 1];
  return box ? { placement: { page: box.page, x: box.x, y: box.y }, slot } : { placement: {}, slot: null };
}

interface NewSignature {
  resultId: string;
  /** The revision that was signed: the new file is the next one, unless someone signed it first (409). */
  after: number;
  pdf: Buffer;
  signatureId: string;
  layout: 'signer' | 'seal';
  slot: number | null;
}

async function recordSignature(ctx: AppContext, who: Staffer, row: DossierRow, s: NewSignature) {
  const blob = await blobs(ctx).put(s.pdf);
  const now = ctx.clock.now();
  const revision = s.after + 1;
  await runChange(ctx, who, async ({ trx, audit, publish }) => {
    await store.lockResult(trx, s.resultId);
    if ((await store.revisionsOf(trx, [s.resultId])).at(-1)!.revision !== s.after) {
      throw conflict('Văn bản kết quả vừa được người khác ký. Hãy tải lại rồi ký trên bản mới nhất.');
    }
    await store.insertRevision(trx, {
      result_id: s.resultId,
      revision,
      sha256: blob.sha256,
      size: blob.size,
      signature_id: s.signatureId,
      layout: s.layout,
      slot: s.slot,
      created_by: who.actor.staffId,
      created_at: now,
    });
    const about = { dossierId: row.id, code: row.code, layout: s.layout };
    audit('result.signed', 'result', s.resultId, {
      ...about,
      revision,
      signatureId: s.signatureId,
      sha256: blob.sha256,
    });
    await publish('result.signed', { ...about, at: now.toISOString(), resultId: s.resultId });
  });
}

/**
 * Signs the result's current file: with the staff member's own key (signer) or the issuing agency's seal (seal),
 * through the signing module. The signed file becomes the next revision; two signatures on the same revision at
 * once: the second gets 409 and signs again on the newer file.
 */
export async function signResult(
  ctx: AppContext,
  who: Staffer,
  dossierId: string,
  resultId: string,
  request: SignRequest,
) {
  const row = await readable(ctx, who, dossierId);
  const result = await store.findResult(ctx.database.db, row.id, resultId);
  if (!result) throw notFound('văn bản kết quả');
  await assertWorks(ctx, who, row, result.issuing_agency_id);
  const revisions = await store.revisionsOf(ctx.database.db, [result.id]);
  const current = revisions.at(-1)!;
  const { placement, slot } = placementOf(
    result.signature_slots,
    revisions.map((v) => v.slot),
    request,
  );
  const bytes = await blobs(ctx).get(current.sha256);
  if (!bytes) throw notFound('tệp của văn bản kết quả');
  const signed = await signDocument(ctx, who, {
    pdf: bytes,
    layout: request.layout,
    placement,
    agencyId: result.issuing_agency_id,
    ...(request.reason ? { reason: request.reason } : {}),
  });
  await recordSignature(ctx, who, row, {
    resultId: result.id,
    after: current.revision,
    pdf: signed.pdf,
    signatureId: signed.signatureId,
    layout: request.layout,
    slot,
  });
  return resultOf(ctx, row.id, result.id);
}

// ---------- the applicant ----------

type ApplicantRequester = Extract<DossierRequester, { applicant: unknown }>;

/**
 * An applicant's electronic results: once their dossier is returned (by whatever channel: the signed file is theirs
 * to keep), its results that carry at least one signature. Drafts and unsigned renderings never reach them.
 */
export async function applicantResults(ctx: AppContext, who: ApplicantRequester, dossierId: string) {
  const row = await readable(ctx, who, dossierId);
  if (row.status !== 'returned') return { items: [] };
  const all = await views(ctx.database.db, await store.resultsOf(ctx.database.db, row.id));
  return { items: all.filter((r) => r.signatures.length > 0) };
}

export async function applicantResultFile(
  ctx: AppContext,
  who: ApplicantRequester,
  dossierId: string,
  resultId: string,
) {
  const { items } = await applicantResults(ctx, who, dossierId);
  const result = items.find((r) => r.id === resultId);
  if (!result) throw notFound('văn bản kết quả');
  return currentFile(ctx, result);
}

/**
 * Every electronic result the applicant has received: the signed results of their returned dossiers, newest first,
 * each with its dossier's code (for the applicant's document store).
 */
export async function applicantResultDocuments(ctx: AppContext, accountId: string) {
  const rows = await store.returnedResultsOf(ctx.database.db, accountId);
  const all = await views(ctx.database.db, rows);
  return all.map((view, i) => ({ ...view, dossierCode: rows[i]!.dossier_code }));
}
