// The applicant's document store (kho dữ liệu điện tử của người nộp): every file kept in their own dossiers, once per
// content (SHA-256), and the signed electronic results returned to them, to attach to a new dossier without
// uploading them again. Only their own documents: any other id is not found.
import type { AppContext } from '../../platform/context.ts';
import { blobStoreOf } from '../../platform/files/blob-store.ts';
import { type CursorKey, decodeCursor, limitOf, type PageQueryT, toPage } from '../../platform/http/paging.ts';
import { notFound } from '../../platform/http/problem.ts';
import { attachFile } from './components.ts';
import type { DossierRequester } from './service.ts';
import * as store from './store.ts';

type ApplicantRequester = Extract<DossierRequester, { applicant: unknown }>;

export async function myDocuments(ctx: AppContext, who: ApplicantRequester, query: PageQueryT) {
  const limit = limitOf(query);
  const after = decodeCursor(query.cursor, 2) as [string, string] | null;
  const rows = await store.ownDocuments(ctx.database.db, who.applicant.accountId, after, limit + 1);
  return toPage(rows, limit, (r): CursorKey => [r.sort_key, r.id], documentView);
}

function documentView(r: store.OwnDocumentRow) {
  return {
    id: r.id,
    kind: r.kind,
    fileName: r.file_name,
    /** The result's title (a result), or null (an upload: its component says what it was). */
    title: r.title,
    type: r.file_type,
    mime: r.mime,
    size: r.size,
    sha256: r.sha256,
    componentName: r.component_name,
    dossier: { id: r.dossier_id, code: r.dossier_code },
    /** When it came to the store: uploaded, or (a result) its last signature. */
    uploadedAt: new Date(r.at).toISOString(),
  };
}

/**
 * Attaches a document of the applicant's store to a component of their dossier: the same checks as an upload
 * (type, size, the dossier open to them), and the same file back if the component already holds those bytes.
 */
export async function reuseDocument(
  ctx: AppContext,
  who: ApplicantRequester,
  dossierId: string,
  input: { component: number; documentId: string },
) {
  const document = await store.ownDocument(ctx.database.db, input.documentId, who.applicant.accountId);
  if (!document) throw notFound('tài liệu');
  const bytes = await blobStoreOf(ctx.config).get(document.sha256);
  if (!bytes) throw notFound('nội dung tài liệu');
  const file = { name: document.file_name, bytes };
  return attachFile(ctx, who, dossierId, { component: String(input.component), file });
}
