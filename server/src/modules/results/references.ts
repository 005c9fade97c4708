// What a workflow action may name as its result documents: the dossiers service asks this before the action
// (`documents` and `signedDocumentId`), so that an action names only results of the same dossier, and a signature
// requirement is met only by a result whose file carries a valid signature. Kept apart from service.ts, which
// reads dossiers through the dossiers service: this file is what the dossiers service imports in return.
import type { Kysely } from 'kysely';
import type { AppContext } from '../../platform/context.ts';
import type { DB } from '../../platform/db/schema.ts';
import { blobStoreOf } from '../../platform/files/blob-store.ts';
import { invalidField, Problem } from '../../platform/http/problem.ts';
import { verifyDocument } from '../signing/service.ts';
import * as store from './store.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface ResultReferences {
  documents?: readonly string[];
  signedDocumentId?: string;
}

/** Refuses with 400, naming the field, a reference to anything but a result of this dossier (signed, for a signature). */
export async function checkResultReferences(
  ctx: AppContext,
  dossierId: string,
  request: ResultReferences,
  db: Kysely<DB> = ctx.database.db,
) {
  const documents = request.documents ?? [];
  const signed = request.signedDocumentId;
  if (documents.length === 0 && signed === undefined) return;
  const named = [...documents, ...(signed === undefined ? [] : [signed])].filter((id) => UUID.test(id));
  const found = new Map((await store.resultsOf(db, dossierId, named)).map((r) => [r.id, r]));
  const missing = documents.find((id) => !found.has(id));
  if (missing !== undefined) throw invalidField('documents', notOfDossier(missing));
  if (signed === undefined) return;
  const result = found.get(signed);
  if (!result) throw invalidField('signedDocumentId', notOfDossier(signed));
  const problem = await signatureProblem(ctx, result, db);
  if (problem) throw invalidField('signedDocumentId', `Văn bản kết quả "${result.title}" ${problem}`);
}

const notOfDossier = (id: string) => `"${id}" không phải là văn bản kết quả của hồ sơ này.`;

/**
 * Why the result's current file does not carry a valid signature, or null: it must hold a signature, every one
 * intact, nothing added after the last, and, where trust anchors are configured, every one trusted.
 */
async function signatureProblem(ctx: AppContext, result: store.ResultRow, db: Kysely<DB>): Promise<string | null> {
  const current = (await store.revisionsOf(db, [result.id])).at(-1);
  const bytes = current && (await blobStoreOf(ctx.config).get(current.sha256));
  if (!bytes) return 'không còn tệp.';
  let signatures: Awaited<ReturnType<typeof verifyDocument>>['signatures'];
  try {
    ({ signatures } = await verifyDocument(ctx, bytes));
  } catch (error) {
    if (error instanceof Problem && error.status < 500) return `không đọc được: ${error.title}`;
    throw error;
  }
  if (signatures.length === 0) return 'chưa được ký số.';
  if (signatures.some((s) => !s.intact)) return 'có chữ ký số không còn nguyên vẹn.';
  if (signatures.at(-1)!.modifiedAfter) return 'đã bị thay đổi sau chữ ký số cuối cùng.';
  if (ctx.config.trustAnchors.length > 0 && signatures.some((s) => !s.trusted)) {
    return 'có chữ ký số không được tin cậy (chứng thư không dẫn tới một chứng thư gốc được cấu hình).';
  }
  return null;
}
