// A dossier's result documents (module results, docs/results.md): made from a template or uploaded as a PDF,
// signed through the signing backends, named by id in the workflow's `documents` and `signature` inputs. The
// routes declare no response schema yet: the shapes follow `resultView` and `templateView` in its service.ts.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { call } from './http.ts';

export interface ResultSignature {
  revision: number;
  layout: 'signer' | 'seal' | 'attachment';
  signer: string;
  agency: string;
  signedAt: string;
  signatureId: string;
}

export interface ResultDocument {
  id: string;
  dossierId: string;
  title: string;
  source: string;
  templateCode: string | null;
  numberSymbol: string | null;
  issuedOn: string | null;
  revision: number;
  sha256: string;
  size: number;
  signatureSlots: number;
  signatures: ResultSignature[];
  createdAt: string;
}

export interface ResultTemplate {
  code: string;
  version: number;
  name: string;
  kind: string;
  inForce: boolean;
}

const resultsKey = (dossierId: string) => ['dossier-results', dossierId] as const;

export function useResults(dossierId: string) {
  return useQuery({
    queryKey: resultsKey(dossierId),
    queryFn: async ({ signal }) =>
      (await call<{ items: ResultDocument[] }>(`/api/v1/dossiers/${dossierId}/results`, { signal })).data.items,
  });
}

export function useResultTemplates(procedureCode: string, enabled: boolean) {
  return useQuery({
    queryKey: ['result-templates', procedureCode],
    enabled,
    staleTime: 10 * 60_000,
    queryFn: async ({ signal }) =>
      (
        await call<{ items: ResultTemplate[] }>('/api/v1/results/templates', {
          query: { procedure: procedureCode },
          signal,
        })
      ).data.items.filter((t) => t.inForce),
  });
}

export function useResultsRefresh() {
  const client = useQueryClient();
  return (dossierId: string) => client.invalidateQueries({ queryKey: resultsKey(dossierId) });
}

export async function resultFromTemplate(dossierId: string, template: string): Promise<ResultDocument> {
  return (await call<ResultDocument>(`/api/v1/dossiers/${dossierId}/results`, { method: 'POST', body: { template } }))
    .data;
}

export async function uploadResult(dossierId: string, file: File, title: string): Promise<ResultDocument> {
  const form = new FormData();
  form.set('title', title);
  form.set('file', file);
  return (await call<ResultDocument>(`/api/v1/dossiers/${dossierId}/results`, { method: 'POST', body: form })).data;
}

export async function signResult(dossierId: string, resultId: string): Promise<ResultDocument> {
  const path = `/api/v1/dossiers/${dossierId}/results/${resultId}/sign`;
  return (await call<ResultDocument>(path, { method: 'POST', body: { layout: 'signer' } })).data;
}

export const resultFileUrl = (dossierId: string, resultId: string) =>
  `/api/v1/dossiers/${dossierId}/results/${resultId}/file`;
