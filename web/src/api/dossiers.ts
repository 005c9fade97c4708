// The applicant's dossiers as the portal reads and changes them (/api/v1/applicant/dossiers, documents, results):
// types taken from the generated API types, the queries, and the writes that carry an Idempotency-Key or If-Match.
import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { type Json, ok, problemOf } from './client.ts';
import type { paths } from './schema';
import { applicantApi, csrfHeaders, sessionLost } from './session.ts';
import { type UploadOptions, upload } from './upload.ts';

type Dossiers = paths['/api/v1/applicant/dossiers'];
type OneDossier = paths['/api/v1/applicant/dossiers/{id}'];

export type DossierPage = Json<Dossiers['get']['responses'][200]>;
export type DossierSummary = DossierPage['items'][number];
export type DossierDetail = Json<OneDossier['get']['responses'][200]>;
export type DossierView = Json<Dossiers['post']['responses'][201]>;
export type ComponentSlot = DossierDetail['components'][number];
export type ComponentFile = ComponentSlot['files'][number];
export type Rating = NonNullable<DossierDetail['rating']>;
export type RatingInput = Json<paths['/api/v1/applicant/dossiers/{id}/rating']['put']['requestBody']>;
export type StoredDocument = Json<paths['/api/v1/applicant/documents']['get']['responses'][200]>['items'][number];
export type Opening = Json<Dossiers['post']['requestBody']>;
export type ApplicantAction =
  paths['/api/v1/applicant/dossiers/{id}/actions/{action}']['post']['parameters']['path']['action'];
export type MacroStatus = NonNullable<NonNullable<Dossiers['get']['parameters']['query']>['status']>;

/** An electronic result of the dossier (a licence, certificate or decision), signed. */
export interface ResultDocument {
  id: string;
  title: string;
  templateCode: string | null;
  createdAt: string;
  sha256: string;
  signatures: unknown[];
}

const PAGE_SIZE = 20;
export const dossierKey = (id: string) => ['applicant', 'dossier', id] as const;
const base = (id: string) => `/api/v1/applicant/dossiers/${encodeURIComponent(id)}`;

/**
 * A key for one intended change: made once and kept while it is retried (a double click, a resend after a network
 * failure), so the server does it once. Random from `getRandomValues`, which, unlike `randomUUID`, also exists on a
 * page served over plain http.
 */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(18));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_');
}

export function useMyDossiers(status: MacroStatus | undefined) {
  return useInfiniteQuery({
    queryKey: ['applicant', 'dossiers', status ?? null],
    queryFn: ({ pageParam, signal }) =>
      ok(
        applicantApi.GET('/api/v1/applicant/dossiers', {
          params: {
            query: { limit: PAGE_SIZE, ...(status ? { status } : {}), ...(pageParam ? { cursor: pageParam } : {}) },
          },
          signal,
        }),
      ),
    initialPageParam: '',
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

export function fetchDossier(id: string, signal?: AbortSignal) {
  return ok(applicantApi.GET('/api/v1/applicant/dossiers/{id}', { params: { path: { id } }, signal }));
}

export function useDossier(id: string | null) {
  return useQuery({
    queryKey: dossierKey(id ?? ''),
    enabled: id !== null,
    queryFn: ({ signal }) => fetchDossier(id ?? '', signal),
  });
}

export function useDocuments() {
  return useInfiniteQuery({
    queryKey: ['applicant', 'documents'],
    queryFn: ({ pageParam, signal }) =>
      ok(
        applicantApi.GET('/api/v1/applicant/documents', {
          params: { query: { limit: PAGE_SIZE, ...(pageParam ? { cursor: pageParam } : {}) } },
          signal,
        }),
      ),
    initialPageParam: '',
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

export function openDossier(body: Opening, idempotencyKey: string) {
  return ok(
    applicantApi.POST('/api/v1/applicant/dossiers', {
      params: { header: { 'idempotency-key': idempotencyKey } },
      body,
    }),
  );
}

const ifMatch = (version: number) => ({ 'if-match': `"${version}"` });

export function saveDraft(id: string, version: number, eform: Record<string, unknown>) {
  return ok(
    applicantApi.PATCH('/api/v1/applicant/dossiers/{id}', {
      params: { path: { id }, header: ifMatch(version) },
      body: { eform },
    }),
  );
}

export async function discardDraft(id: string, version: number): Promise<void> {
  const { response, error } = await applicantApi.DELETE('/api/v1/applicant/dossiers/{id}', {
    params: { path: { id }, header: ifMatch(version) },
  });
  if (!response.ok) throw problemOf(response, error);
}

export function act(
  id: string,
  action: ApplicantAction,
  idempotencyKey: string,
  version: number,
  body: { reason?: string; note?: string } = {},
) {
  return ok(
    applicantApi.POST('/api/v1/applicant/dossiers/{id}/actions/{action}', {
      params: { path: { id, action }, header: { 'idempotency-key': idempotencyKey, ...ifMatch(version) } },
      body,
    }),
  );
}

export function rate(id: string, body: RatingInput) {
  return ok(applicantApi.PUT('/api/v1/applicant/dossiers/{id}/rating', { params: { path: { id } }, body }));
}

/** Sends one file for a component (1-based), with progress; the same bytes sent again give the stored file back. */
export function uploadComponentFile(id: string, component: number, file: File, options: UploadOptions) {
  const form = new FormData();
  form.append('component', String(component));
  form.append('file', file, file.name);
  return upload<ComponentFile>(`${base(id)}/components`, form, options);
}

export function reuseDocument(id: string, component: number, documentId: string) {
  return ok(
    applicantApi.POST('/api/v1/applicant/dossiers/{id}/components/reuse', {
      params: { path: { id } },
      body: { component, documentId },
    }),
  );
}

export async function removeFile(id: string, fileId: string): Promise<void> {
  const { response, error } = await applicantApi.DELETE('/api/v1/applicant/dossiers/{id}/components/files/{fileId}', {
    params: { path: { id, fileId } },
  });
  if (!response.ok) throw problemOf(response, error);
}

export const componentFileUrl = (id: string, fileId: string) => `${base(id)}/components/files/${fileId}`;
export const receiptUrl = (id: string) => `${base(id)}/forms/01.pdf`;
export const resultFileUrl = (id: string, resultId: string) => `${base(id)}/results/${resultId}/file`;

/** GET of an applicant route the generated types do not know yet (the results helper's routes). */
async function getJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  const response = await fetch(url, { signal, headers: { accept: 'application/json', ...csrfHeaders() } });
  const body = await response.json().catch(() => null);
  if (response.status === 401) sessionLost();
  if (!response.ok) throw problemOf(response, body);
  return body as T;
}

export function useResults(id: string, enabled: boolean) {
  return useQuery({
    queryKey: ['applicant', 'results', id],
    enabled,
    queryFn: ({ signal }) => getJson<{ items: ResultDocument[] }>(`${base(id)}/results`, signal),
  });
}

/** A result's signed PDF, to check its signatures on the verification page without downloading it first. */
export async function fetchResultFile(id: string, resultId: string): Promise<{ file: Blob; name: string }> {
  const response = await fetch(resultFileUrl(id, resultId));
  if (response.status === 401) sessionLost();
  if (!response.ok) throw problemOf(response, await response.json().catch(() => null));
  const disposition = response.headers.get('content-disposition') ?? '';
  const name = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1] ?? /filename="([^"]+)"/i.exec(disposition)?.[1];
  return { file: await response.blob(), name: name ? decodeURIComponent(name) : `ket-qua-${resultId}.pdf` };
}
