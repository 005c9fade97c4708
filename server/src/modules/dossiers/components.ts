// The files of a dossier's components (thành phần hồ sơ): each upload names a component of the dossier's procedure
// version (by its 1-based number or its name), is checked against that component's accepted types by its content
// and against its size limit, and is kept in the content-addressed blob store under its SHA-256. Audited and
// announced; the history is left alone, since its rows are the workflow's actions that replay rebuilds the state from.
import { assertCan } from '../../platform/auth/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { runChange } from '../../platform/context.ts';
import { blobStoreAt } from '../../platform/files/blob-store.ts';
import { checkFile, type FileType } from '../../platform/files/file-type.ts';
import { conflict, invalidField, notFound, Problem } from '../../platform/http/problem.ts';
import type { ComponentT } from '../catalog/model.ts';
import { getVersion } from '../catalog/service.ts';
import { isEndStatus, type MacroStatus } from '../workflow/definition.ts';
import { type DossierRequester, readable } from './service.ts';

type Staff = Extract<DossierRequester, { actor: unknown }>;

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

export interface Upload {
  component?: string;
  file?: { name: string; bytes: Buffer };
}

export async function attachFile(ctx: AppContext, who: Staff, dossierId: string, upload: Upload) {
  const row = await readable(ctx, who, dossierId);
  await assertCan(ctx.database.db, who.actor, 'dossier.act', row.current_agency_id);
  if (isEndStatus(row.status as MacroStatus)) throw conflict('Hồ sơ đã kết thúc, không thể bổ sung tệp.');
  const { index, component } = pick(await componentsOf(ctx, row.procedure_version_id), upload.component);
  const file = upload.file;
  if (!file) throw invalidField('file', 'Cần đính kèm tệp của thành phần hồ sơ.');
  if (file.bytes.length > component.maxSizeMb * 1_048_576) {
    throw new Problem(413, 'too-large', `Tệp "${file.name}" vượt quá ${component.maxSizeMb} MB cho phép.`, undefined, [
      { field: 'file', message: `Thành phần "${component.name}" nhận tệp tối đa ${component.maxSizeMb} MB.` },
    ]);
  }
  const checked = checkFile('Thành phần hồ sơ', file.name, file.bytes, component.acceptedTypes as FileType[]);
  if (!checked.ok) throw invalidField('file', checked.message);
  const blob = await blobStoreAt(ctx.config.filesDir).put(file.bytes);
  const now = ctx.clock.now();
  const stored = await runChange(ctx, who, async ({ trx, audit, publish }) => {
    const inserted = await trx
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
        uploaded_by: who.actor.staffId,
        uploaded_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    audit('dossier.component_attached', 'dossier', row.id, {
      code: row.code,
      component: index,
      file: file.name,
      sha256: blob.sha256,
    });
    await publish('dossier.component_attached', {
      dossierId: row.id,
      code: row.code,
      at: now.toISOString(),
      component: index,
      fileId: inserted.id,
    });
    return inserted;
  });
  return fileView(stored);
}

type FileRow = {
  id: string;
  component_index: number;
  file_name: string;
  file_type: string;
  mime: string;
  size: number;
  sha256: string;
  uploaded_at: Date;
};

const fileView = (f: FileRow) => ({
  id: f.id,
  fileName: f.file_name,
  type: f.file_type,
  mime: f.mime,
  size: f.size,
  sha256: f.sha256,
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
  const bytes = await blobStoreAt(ctx.config.filesDir).get(file.sha256);
  if (!bytes) throw notFound('nội dung tệp');
  return { bytes, mime: file.mime, fileName: file.file_name };
}
