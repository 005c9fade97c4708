// The files of a dossier's components (thành phần hồ sơ): each upload names a component of the dossier's procedure
// version (by its 1-based number or its name), is checked against that component's accepted types by its content
// and against its size limit, and is kept in the content-addressed blob store under its SHA-256. Staff attach files
// at the dossier's current agency; the applicant attaches to their draft, or while asked to supplement it. The same
// bytes sent again for the same component give back the file already kept (a retry after a network drop never
// duplicates it). Audited and announced; the history is left alone, since its rows are the workflow's actions that
// replay rebuilds the state from.
import type { Kysely } from 'kysely';
import { assertCan } from '../../platform/auth/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { runChange } from '../../platform/context.ts';
import type { DB } from '../../platform/db/schema.ts';
import { blobStoreOf } from '../../platform/files/blob-store.ts';
import { checkFile, type FileType } from '../../platform/files/file-type.ts';
import { conflict, invalidField, notFound, Problem } from '../../platform/http/problem.ts';
import type { ComponentT } from '../catalog/model.ts';
import { getVersion } from '../catalog/service.ts';
import { isEndStatus, type MacroStatus } from '../workflow/definition.ts';
import type { DossierState } from '../workflow/state.ts';
import { type DossierRequester, readable } from './service.ts';
import * as store from './store.ts';

type ApplicantRequester = Extract<DossierRequester, { applicant: unknown }>;

async function componentsOf(ctx: AppContext, versionId: string): Promise<ComponentT[]> {
  return (await getVersion(ctx, versionId)).content.components;
}

/** The component a form field names: its number in the procedure (1, 2…) or its name, ignoring case. */
function pick(components: ComponentT[], ref: string | undefined): { index: number; component: ComponentT } {
  const text = (ref ?? '').trim();
  if (!text) throw invalidField('component', 'Cần chọn thành phần hồ sơ (số thứ tự hoặc tên).');
  const n = /^\d+$/.test(text)
    ? Number(text)
    : components.findIndex((c) => c.name.toLowerCase() === text.toLowerCase()) + 1;
  const component = components[n - 1];
  if (!component) throw invalidField('component', `Thủ tục không có thành phần hồ sơ "${text}".`);
  return { index: n, component };
}

/** The largest size a component may accept (catalogue); each component's own limit is checked after reading. */
export const MAX_COMPONENT_BYTES = 100 * 1_048_576;

export interface Upload {
  component?: string;
  file?: { name: string; bytes: Buffer };
}

/** Whether the applicant may change the dossier's components now: while it is a draft or a supplement is asked. */
export function applicantEdits(row: store.DossierRow): boolean {
  return row.status === 'draft' || (row.state as DossierState).hold?.kind === 'supplement';
}

/** Refuses a dossier whose components are closed to this requester (checked again on the locked row). */
function assertOpenTo(who: DossierRequester, row: store.DossierRow): void {
  if (isEndStatus(row.status as MacroStatus)) throw conflict('Hồ sơ đã kết thúc, không thể bổ sung tệp.');
  if ('applicant' in who && !applicantEdits(row)) {
    throw conflict('Chỉ đính kèm được tệp khi hồ sơ còn là bản nháp hoặc đang được yêu cầu bổ sung.');
  }
}

/** The file's size and type against its component: 413 or 400, each naming the field and the component. */
function checkAgainst(component: ComponentT, file: { name: string; bytes: Buffer }) {
  if (file.bytes.length > component.maxSizeMb * 1_048_576) {
    throw new Problem(413, 'too-large', `Tệp "${file.name}" vượt quá ${component.maxSizeMb} MB cho phép.`, undefined, [
      { field: 'file', message: `Thành phần "${component.name}" nhận tệp tối đa ${component.maxSizeMb} MB.` },
    ]);
  }
  const checked = checkFile('Thành phần hồ sơ', file.name, file.bytes, component.acceptedTypes as FileType[]);
  if (!checked.ok) throw invalidField('file', checked.message);
  return checked;
}

export async function attachFile(ctx: AppContext, who: DossierRequester, dossierId: string, upload: Upload) {
  const row = await readable(ctx, who, dossierId);
  if ('actor' in who) await assertCan(ctx.database.db, who.actor, 'dossier.act', row.current_agency_id);
  assertOpenTo(who, row);
  const { index, component } = pick(await componentsOf(ctx, row.procedure_version_id), upload.component);
  const file = upload.file;
  if (!file) throw invalidField('file', 'Cần đính kèm tệp của thành phần hồ sơ.');
  const checked = checkAgainst(component, file);
  const blob = await blobStoreOf(ctx.config).put(file.bytes);
  const now = ctx.clock.now();
  return runChange(ctx, { actor: 'actor' in who ? who.actor : null, requestId: who.requestId }, async (change) => {
    const locked = await store.lockDossier(change.trx, row.id);
    if (!locked) throw notFound('hồ sơ');
    assertOpenTo(who, locked);
    const kept = await keptFile(change.trx, row.id, index, blob.sha256);
    if (kept) return { created: false, file: fileView(kept) };
    const inserted = await change.trx
      .insertInto('dossier_component_file')
      .values({
        dossier_id: row.id,
        component_index: index,
        component_name: component.name,
        file_name: file.name,
        file_type: checked.type,
        mime: checked.mime,
        size: blob.size,
        sha256: blob.sha256,
        uploaded_by: 'actor' in who ? who.actor.staffId : null,
        uploaded_by_applicant: 'applicant' in who ? who.applicant.accountId : null,
        uploaded_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    change.audit('dossier.component_attached', 'dossier', row.id, {
      code: row.code,
      component: index,
      file: file.name,
      sha256: blob.sha256,
      ...('applicant' in who ? { applicant: who.applicant.accountId } : {}),
    });
    await change.publish('dossier.component_attached', {
      dossierId: row.id,
      code: row.code,
      at: now.toISOString(),
      component: index,
      fileId: inserted.id,
    });
    return { created: true, file: fileView(inserted) };
  });
}

/** The file the component already holds with these bytes, if any. */
function keptFile(trx: Kysely<DB>, dossierId: string, index: number, sha256: string) {
  return trx
    .selectFrom('dossier_component_file')
    .selectAll()
    .where('dossier_id', '=', dossierId)
    .where('component_index', '=', index)
    .where('sha256', '=', sha256)
    .executeTakeFirst();
}

/**
 * The applicant removes a file they attached: any of a draft's, or, while asked to supplement, one added since the
 * request. What the desk has already received stays, as the dossier it checked.
 */
export async function removeFile(ctx: AppContext, who: ApplicantRequester, dossierId: string, fileId: string) {
  const row = await readable(ctx, who, dossierId);
  await runChange(ctx, { actor: null, requestId: who.requestId }, async ({ trx, audit, publish }) => {
    const locked = await store.lockDossier(trx, row.id);
    const file = await trx
      .selectFrom('dossier_component_file')
      .selectAll()
      .where('id', '=', fileId)
      .where('dossier_id', '=', row.id)
      .executeTakeFirst();
    if (!locked || !file) throw notFound('tệp');
    const hold = (locked.state as DossierState).hold;
    const since = locked.status === 'draft' ? 0 : hold?.kind === 'supplement' ? hold.since : null;
    if (
      file.uploaded_by_applicant !== who.applicant.accountId ||
      since === null ||
      file.uploaded_at.getTime() <= since
    ) {
      throw conflict(
        'Chỉ xóa được tệp bạn đã đính kèm khi hồ sơ còn là bản nháp, hoặc tệp bổ sung khi được yêu cầu bổ sung.',
      );
    }
    await trx.deleteFrom('dossier_component_file').where('id', '=', file.id).execute();
    audit('dossier.component_removed', 'dossier', row.id, {
      code: row.code,
      component: file.component_index,
      file: file.file_name,
      sha256: file.sha256,
      applicant: who.applicant.accountId,
    });
    await publish('dossier.component_removed', {
      dossierId: row.id,
      code: row.code,
      at: ctx.clock.now().toISOString(),
      component: file.component_index,
      fileId: file.id,
    });
  });
}

type FileRow = {
  id: string;
  component_index: number;
  file_name: string;
  file_type: string;
  mime: string;
  size: number;
  sha256: string;
  uploaded_by_applicant: string | null;
  uploaded_at: Date;
};

const fileView = (f: FileRow) => ({
  id: f.id,
  fileName: f.file_name,
  type: f.file_type,
  mime: f.mime,
  size: f.size,
  sha256: f.sha256,
  /** Attached by the applicant through the portal (else by staff at the desk). */
  byApplicant: f.uploaded_by_applicant !== null,
  uploadedAt: new Date(f.uploaded_at).toISOString(),
});

/** The procedure's components with the files each one holds. */
export async function listComponents(ctx: AppContext, who: DossierRequester, dossierId: string) {
  const row = await readable(ctx, who, dossierId);
  const files = await ctx.database.db
    .selectFrom('dossier_component_file')
    .selectAll()
    .where('dossier_id', '=', row.id)
    .orderBy('component_index')
    .orderBy('uploaded_at')
    .execute();
  const components = await componentsOf(ctx, row.procedure_version_id);
  return {
    items: components.map((c, i) => ({
      index: i + 1,
      name: c.name,
      required: c.required,
      acceptedTypes: c.acceptedTypes,
      maxSizeMb: c.maxSizeMb,
      files: files.filter((f) => f.component_index === i + 1).map(fileView),
    })),
  };
}

export async function readFile(ctx: AppContext, who: DossierRequester, dossierId: string, fileId: string) {
  const row = await readable(ctx, who, dossierId);
  const file = await ctx.database.db
    .selectFrom('dossier_component_file')
    .selectAll()
    .where('id', '=', fileId)
    .where('dossier_id', '=', row.id)
    .executeTakeFirst();
  if (!file) throw notFound('tệp');
  const bytes = await blobStoreOf(ctx.config).get(file.sha256);
  if (!bytes) throw notFound('nội dung tệp');
  return { bytes, mime: file.mime, fileName: file.file_name };
}
