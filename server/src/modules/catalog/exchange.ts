// Import and export of the catalogue: JSON (lossless, templates included) and XLSX (docs/catalog.md). An import
// is all or nothing: every record is checked first, with the same rules as the admin API, and every error is
// reported (by field path for JSON, by sheet, row and column for XLSX); only a file without errors is written,
// in one transaction. Re-importing updates procedures by code: a changed record becomes a new published version,
// an unchanged one is left alone, so importing an export changes nothing.
import { createHash } from 'node:crypto';
import { Ajv } from 'ajv';
import { sql } from 'kysely';
import { type Static, type TSchema, Type } from 'typebox';
import { type Actor, inScope } from '../../platform/auth/actor.ts';
import { type AppContext, type Requester, runChange } from '../../platform/context.ts';
import { FILE_TYPES, sniffFileType } from '../../platform/files/file-type.ts';
import type { FieldError } from '../../platform/http/problem.ts';
import { invalid } from '../../platform/http/problem.ts';
import { fieldErrors } from '../../platform/http/validation-messages.ts';
import { recordErrors } from './consistency.ts';
import {
  CATALOG_FORMAT,
  CATALOG_FORMAT_VERSION,
  type CatalogFileT,
  type ProcedureContentT,
  type ProcedureRecordT,
  TemplateFile,
  type TemplateFileT,
} from './model.ts';
import { canonicalContent, type Lookup, lookupFor, publishVersion, type Resolved, resolveContent } from './service.ts';
import { readWorkbook, writeWorkbook } from './xlsx.ts';

export type ExchangeFormat = 'json' | 'xlsx';
export const XLSX_MIME = FILE_TYPES.xlsx.mime;

export interface ImportReport {
  created: string[];
  updated: string[];
  unchanged: string[];
}

/** Called as an import advances, for the CLI's progress line. */
export type Progress = (phase: 'check' | 'write', done: number, total: number) => void;

/** Records to import, with a way to name where each of their fields came from. */
interface Incoming {
  records: unknown[];
  templates: TemplateFileT[];
  errors: FieldError[];
  /** The field name and message of an error in record `index`'s field `path`. */
  place(index: number, error: FieldError): FieldError;
}

// ---------- reading a file ----------

const Envelope = Type.Object(
  {
    format: Type.Literal(CATALOG_FORMAT),
    formatVersion: Type.Literal(CATALOG_FORMAT_VERSION),
    procedures: Type.Array(Type.Unknown()),
    templates: Type.Array(TemplateFile),
  },
  { additionalProperties: false },
);
const validateEnvelope = new Ajv({ allErrors: true, strict: false }).compile(Envelope as TSchema);

function fromJson(data: unknown): Incoming {
  if (!validateEnvelope(data)) {
    throw invalid(fieldErrors(validateEnvelope.errors ?? []), 'Tệp JSON không đúng định dạng danh mục thủ tục.');
  }
  const file = data as Static<typeof Envelope>;
  return {
    records: file.procedures,
    templates: file.templates,
    errors: [],
    place: (i, e) => ({ field: `procedures.${i}.${e.field}`, message: e.message }),
  };
}

async function fromXlsx(bytes: Uint8Array): Promise<Incoming> {
  const book = await readWorkbook(bytes);
  const at = (l: { sheet: string; row: number; column: string; header: string }, message: string): FieldError => ({
    field: `${l.sheet}!${l.column}${l.row}`,
    message: `Sheet "${l.sheet}", dòng ${l.row}, cột ${l.column || '?'} (${l.header}): ${message}`,
  });
  return {
    records: book.records,
    templates: [],
    errors: book.errors.map((e) => at(e, e.message)),
    place: (i, e) => at(book.locate(i, e.field), e.message),
  };
}

// ---------- checking ----------

interface Existing {
  id: string;
  code: string;
  managing_agency_id: string;
  current_version_id: string | null;
  valid_from: string | null;
  content: unknown;
  last_number: number;
  has_draft: boolean;
}

async function existingProcedures(db: AppContext['database']['db'], codes: string[]): Promise<Map<string, Existing>> {
  const rows = await sql<Existing>`
    SELECT p.id, p.code, p.managing_agency_id, p.current_version_id, v.valid_from, v.content,
      (SELECT max(number) FROM procedure_version x WHERE x.procedure_id = p.id)::int AS last_number,
      EXISTS (SELECT 1 FROM procedure_version d WHERE d.procedure_id = p.id AND d.status = 'draft') AS has_draft
    FROM procedure p LEFT JOIN procedure_version v ON v.id = p.current_version_id
    WHERE p.code = ANY (${codes}::text[])`.execute(db);
  return new Map(rows.rows.map((r) => [r.code, r]));
}

/** Template files carried by a JSON file: their hash and type are checked against their bytes. */
function fileTemplates(templates: TemplateFileT[]): { types: Map<string, string>; errors: FieldError[] } {
  const types = new Map<string, string>();
  const errors: FieldError[] = [];
  templates.forEach((t, i) => {
    const bytes = Buffer.from(t.contentBase64, 'base64');
    if (createHash('sha256').update(bytes).digest('hex') !== t.sha256) {
      errors.push({ field: `templates.${i}.sha256`, message: 'Mã băm SHA-256 không khớp với nội dung tệp.' });
    }
    const sniffed = sniffFileType(bytes);
    const fits =
      sniffed === 'ole' ? /msword|ms-excel/.test(t.contentType) : sniffed && FILE_TYPES[sniffed].mime === t.contentType;
    if (!fits)
      errors.push({ field: `templates.${i}.contentType`, message: 'Nội dung tệp mẫu không đúng kiểu đã khai.' });
    types.set(t.sha256, t.contentType);
  });
  return { types, errors };
}

interface Planned {
  record: ProcedureRecordT;
  content: ProcedureContentT;
  resolved: Resolved;
  existing: Existing | undefined;
}

/** Checks of one record that need the rest of the file or the database. */
async function recordProblems(
  record: ProcedureRecordT,
  existing: Existing | undefined,
  lookup: Lookup,
): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  if (existing?.has_draft) {
    errors.push({
      field: 'code',
      message: `Thủ tục ${record.code} đang có bản nháp chưa công bố: hãy công bố hoặc huỷ bản nháp trước khi nhập.`,
    });
  }
  if (existing && !(await lookup.canManage(existing.managing_agency_id))) {
    errors.push({
      field: 'managingAgency',
      message: `Thủ tục ${record.code} do cơ quan ngoài phạm vi của bạn quản lý.`,
    });
  }
  if (existing?.valid_from && record.validFrom < existing.valid_from) {
    errors.push({
      field: 'validFrom',
      message: `Ngày hiệu lực không được trước ngày hiệu lực của phiên bản đang áp dụng (${existing.valid_from}).`,
    });
  }
  return errors;
}

/** Every record checked; throws 400 with all errors of the file, or returns what to write. */
async function plan(
  db: AppContext['database']['db'],
  actor: Actor | null,
  incoming: Incoming,
  onProgress?: Progress,
): Promise<{ planned: Planned[]; templates: TemplateFileT[] }> {
  const errors = [...incoming.errors];
  const carried = fileTemplates(incoming.templates);
  errors.push(...carried.errors);
  const shaped = incoming.records.map((r, i) => {
    const own = recordErrors(r);
    errors.push(...own.map((e) => incoming.place(i, e)));
    return own.length ? null : (r as ProcedureRecordT);
  });
  const valid = shaped.filter((r): r is ProcedureRecordT => r !== null);
  const contents = valid.map(({ code: _c, validFrom: _v, ...content }) => canonicalContent(content));
  const lookup = await lookupFor(db, actor, contents);
  for (const [sha, type] of carried.types) if (!lookup.templates.has(sha)) lookup.templates.set(sha, type);
  const existing = await existingProcedures(
    db,
    valid.map((r) => r.code),
  );
  const seenCodes = new Map<string, number>();
  const fieldNames = new Map<string, string>();
  const planned: Planned[] = [];
  let content = 0;
  for (const [i, record] of shaped.entries()) {
    onProgress?.('check', i + 1, shaped.length);
    if (!record) continue;
    const c = contents[content++]!;
    const own: FieldError[] = [];
    const first = seenCodes.get(record.code);
    if (first !== undefined)
      own.push({ field: 'code', message: `Mã thủ tục ${record.code} trùng với bản ghi số ${first + 1}.` });
    else seenCodes.set(record.code, i);
    const fieldName = fieldNames.get(c.field.code) ?? c.field.name;
    fieldNames.set(c.field.code, fieldName);
    if (fieldName !== c.field.name) {
      own.push({ field: 'field.name', message: `Lĩnh vực ${c.field.code} đã mang tên "${fieldName}" ở bản ghi khác.` });
    }
    const { errors: refs, resolved } = await resolveContent(c, lookup);
    own.push(...refs, ...(await recordProblems(record, existing.get(record.code), lookup)));
    errors.push(...own.map((e) => incoming.place(i, e)));
    if (resolved && own.length === 0)
      planned.push({ record, content: c, resolved, existing: existing.get(record.code) });
  }
  if (errors.length) {
    throw invalid(errors, `Tệp có ${errors.length} lỗi; chưa nhập thủ tục nào. Hãy sửa các lỗi rồi nhập lại.`);
  }
  return { planned, templates: incoming.templates };
}

// ---------- importing ----------

export type ImportInput = { format: 'json'; data: unknown } | { format: 'xlsx'; bytes: Uint8Array };

export async function importCatalog(
  ctx: AppContext,
  who: Requester,
  input: ImportInput,
  onProgress?: Progress,
): Promise<ImportReport> {
  const incoming = input.format === 'json' ? fromJson(input.data) : await fromXlsx(input.bytes);
  const now = ctx.clock.now();
  return runChange(ctx, who, async ({ trx, audit, publish }) => {
    const { planned, templates } = await plan(trx, who.actor, incoming, onProgress);
    for (const t of templates) {
      const bytes = Buffer.from(t.contentBase64, 'base64');
      await trx
        .insertInto('catalog_template')
        .values({ sha256: t.sha256, content_type: t.contentType, size: bytes.length, content: bytes })
        .onConflict((oc) => oc.column('sha256').doNothing())
        .execute();
    }
    const report: ImportReport = { created: [], updated: [], unchanged: [] };
    for (const [i, p] of planned.entries()) {
      onProgress?.('write', i + 1, planned.length);
      const outcome = await writeRecord(trx, p, { now, staffId: who.actor?.staffId ?? null });
      report[outcome].push(p.record.code);
    }
    audit('catalog.imported', 'catalog', null, {
      format: input.format,
      created: report.created.length,
      updated: report.updated.length,
      unchanged: report.unchanged.length,
    });
    const changed = [...report.created, ...report.updated];
    if (changed.length) await publish('catalog.procedures_imported', { codes: changed });
    return report;
  });
}

async function writeRecord(
  trx: Parameters<typeof publishVersion>[0],
  p: Planned,
  at: { now: Date; staffId: string | null },
): Promise<keyof ImportReport> {
  const text = JSON.stringify(p.content);
  if (p.existing?.current_version_id && p.existing.valid_from === p.record.validFrom) {
    if (JSON.stringify(p.existing.content) === text) return 'unchanged';
  }
  const procedure =
    p.existing ??
    (await trx
      .insertInto('procedure')
      .values({ code: p.record.code, managing_agency_id: p.resolved.managingAgencyId })
      .returning(['id', 'current_version_id'])
      .executeTakeFirstOrThrow());
  const version = await trx
    .insertInto('procedure_version')
    .values({
      procedure_id: procedure.id,
      number: (p.existing?.last_number ?? 0) + 1,
      status: 'draft',
      content: text,
      created_by: at.staffId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await publishVersion(trx, procedure, version.id, p.content, p.resolved, { ...at, validFrom: p.record.validFrom });
  return p.existing ? 'updated' : 'created';
}

// ---------- exporting ----------

async function currentRecords(ctx: AppContext, actor: Actor | null): Promise<ProcedureRecordT[]> {
  let query = ctx.database.db
    .selectFrom('procedure')
    .innerJoin('procedure_version', 'procedure_version.id', 'procedure.current_version_id')
    .select(['procedure.code', 'procedure_version.content', 'procedure_version.valid_from'])
    .orderBy('procedure.code');
  if (actor) query = query.where(inScope(actor, 'catalog.manage', 'procedure.managing_agency_id'));
  const rows = await query.execute();
  return rows.map((r) => {
    const content = canonicalContent(r.content as ProcedureContentT);
    return { code: r.code, ...content, validFrom: r.valid_from! };
  });
}

export async function exportCatalog(
  ctx: AppContext,
  actor: Actor | null,
  format: ExchangeFormat,
): Promise<{ contentType: string; fileName: string; body: Buffer }> {
  const records = await currentRecords(ctx, actor);
  if (format === 'xlsx') {
    return { contentType: XLSX_MIME, fileName: 'danh-muc-thu-tuc.xlsx', body: await writeWorkbook(records) };
  }
  const hashes = [
    ...new Set(records.flatMap((r) => r.components.flatMap((c) => (c.template ? [c.template.sha256] : [])))),
  ];
  const templates = hashes.length
    ? await ctx.database.db
        .selectFrom('catalog_template')
        .select(['sha256', 'content_type', 'content'])
        .where('sha256', 'in', hashes)
        .orderBy('sha256')
        .execute()
    : [];
  const file: CatalogFileT = {
    format: CATALOG_FORMAT,
    formatVersion: CATALOG_FORMAT_VERSION,
    procedures: records,
    templates: templates.map((t) => ({
      sha256: t.sha256,
      contentType: t.content_type,
      contentBase64: Buffer.from(t.content).toString('base64'),
    })),
  };
  return {
    contentType: 'application/json; charset=utf-8',
    fileName: 'danh-muc-thu-tuc.json',
    body: Buffer.from(`${JSON.stringify(file, null, 2)}\n`, 'utf8'),
  };
}
