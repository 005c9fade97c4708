// The catalogue routes as the administration uses them: searching, a procedure's versions with the revision that
// every edit sends back in If-Match, saving, discarding and publishing the draft, template files, and importing a
// whole catalogue with the upload's progress.
import { keepPreviousData, useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Json } from '../../../api/client.ts';
import type { paths } from '../../../api/schema';
import { call, consoleApi, consoleFetch, currentCsrfToken, problemOf, typed } from '../../api/http.ts';

export type AdminView = Json<paths['/api/v1/procedures/{code}/versions']['get']['responses'][200]>;
export type ProcedureVersion = AdminView['versions'][number];
export type ProcedureContent = ProcedureVersion['content'];
export type Component = ProcedureContent['components'][number];
export type Fee = ProcedureContent['fees'][number];
export type ProcessingTime = ProcedureContent['processingTimes'][number];
export type Offering = ProcedureContent['offerings'][number];
export type ImportReport = Json<paths['/api/v1/catalog/import']['post']['responses'][200]>;

const enc = encodeURIComponent;

export function useProcedureSearch(q: string) {
  return useInfiniteQuery({
    queryKey: ['admin-procedures', q],
    queryFn: ({ pageParam, signal }) =>
      typed(
        consoleApi.GET('/api/v1/procedures', {
          params: { query: { ...(q ? { q } : {}), limit: 25, ...(pageParam ? { cursor: pageParam } : {}) } },
          signal,
        }),
      ),
    initialPageParam: '',
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

export function useProcedureVersions(code: string) {
  return useQuery({
    queryKey: ['admin-procedure', code],
    queryFn: async ({ signal }) => (await call<AdminView>(`/api/v1/procedures/${enc(code)}/versions`, { signal })).data,
  });
}

export function useCatalogRefresh() {
  const client = useQueryClient();
  return (code: string) =>
    Promise.all([
      client.invalidateQueries({ queryKey: ['admin-procedure', code] }),
      client.invalidateQueries({ queryKey: ['admin-procedures'] }),
      client.invalidateQueries({ queryKey: ['procedure', code] }),
    ]);
}

const ifMatch = (revision: number) => ({ 'if-match': `"${revision}"` });

export async function saveDraft(code: string, revision: number, content: ProcedureContent) {
  return (
    await call<AdminView>(`/api/v1/procedures/${enc(code)}/draft`, {
      method: 'PUT',
      headers: ifMatch(revision),
      body: content,
    })
  ).data;
}

export async function discardDraft(code: string, revision: number) {
  await call(`/api/v1/procedures/${enc(code)}/draft`, { method: 'DELETE', headers: ifMatch(revision) });
}

export async function publishDraft(code: string, revision: number, validFrom: string) {
  return (
    await call<AdminView>(`/api/v1/procedures/${enc(code)}/publish`, {
      method: 'POST',
      headers: ifMatch(revision),
      body: validFrom ? { validFrom } : {},
    })
  ).data;
}

const base64Of = (file: File) =>
  new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });

/** Stores a template file (PDF, Word, Excel) and answers the reference a component keeps. */
export async function uploadTemplate(file: File) {
  const { data } = await call<{ fileName: string; sha256: string }>('/api/v1/catalog/templates', {
    method: 'POST',
    body: { fileName: file.name, contentBase64: await base64Of(file) },
  });
  return { fileName: data.fileName, sha256: data.sha256 };
}

export const templateUrl = (template: { fileName: string; sha256: string }) =>
  `/api/v1/catalog/templates/${template.sha256}?name=${enc(template.fileName)}`;

export const exportUrl = (format: 'json' | 'xlsx') => `/api/v1/catalog/export?format=${format}`;

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Imports a catalogue file (JSON or XLSX), reporting how much of it has been sent; once everything is sent the
 * server checks the whole file before importing anything. A session that ended meanwhile is renewed through
 * `consoleFetch`, which sends the file again.
 */
export function importCatalog(file: File, onProgress: (sent: number) => void): Promise<ImportReport> {
  const type = file.name.toLowerCase().endsWith('.xlsx') ? XLSX : 'application/json';
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/v1/catalog/import');
    xhr.setRequestHeader('content-type', type);
    const token = currentCsrfToken();
    if (token) xhr.setRequestHeader('x-csrf-token', token);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onerror = () => reject(new TypeError('Failed to fetch'));
    xhr.onload = async () => {
      const response =
        xhr.status === 401
          ? await consoleFetch(
              new Request('/api/v1/catalog/import', { method: 'POST', headers: { 'content-type': type }, body: file }),
            )
          : new Response(xhr.responseText, { status: xhr.status, statusText: xhr.statusText });
      if (!response.ok) reject(await problemOf(response));
      else resolve((await response.json()) as ImportReport);
    };
    xhr.send(file);
  });
}
