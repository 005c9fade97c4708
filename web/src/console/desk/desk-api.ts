// What the reception desk asks the server: the procedures offered where the officer works, whether a workflow
// hands the dossier to another agency, the earlier dossiers of an applicant, and the steps of receiving a dossier.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { ActionBody, Applicant, DossierItem, DossierView, Page } from '../api/dossiers.ts';
import { actionRequest, takeAction, uploadComponent } from '../api/dossiers.ts';
import { call, consoleApi, newIdempotencyKey, typed } from '../api/http.ts';

const MINUTES = 60_000;

/** Procedures offered at the agency, by name or code (diacritics and a few typos forgiven by the server). */
export function useOfferedProcedures(agencyId: string, q: string) {
  return useQuery({
    queryKey: ['desk-procedures', agencyId, q],
    enabled: q.trim().length > 0,
    queryFn: ({ signal }) =>
      typed(consoleApi.GET('/api/v1/procedures', { params: { query: { q, agency: agencyId, limit: 8 } }, signal })),
    placeholderData: keepPreviousData,
    staleTime: 5 * MINUTES,
  });
}

interface WorkflowStep {
  actions: { effects?: string[] }[];
}

/** Whether the published version of the workflow hands the dossier to another agency (a resolving agency is then named). */
export function useHandsOff(code: string | null) {
  return useQuery({
    queryKey: ['workflow-hands-off', code],
    enabled: code !== null,
    staleTime: 30 * MINUTES,
    queryFn: async ({ signal }) => {
      const path = `/api/v1/workflows/${encodeURIComponent(code ?? '')}`;
      const { versions } = (await call<{ versions: { version: number; status: string }[] }>(path, { signal })).data;
      const published = versions.find((v) => v.status === 'published');
      if (!published) return false;
      const { data } = await call<{ definition: { steps: WorkflowStep[] } }>(`${path}/versions/${published.version}`, {
        signal,
      });
      return data.definition.steps.some((s) => s.actions.some((a) => a.effects?.includes('agency.handOff')));
    },
  });
}

/** The applicant as given in their latest dossier, found by identity number (the dossier list's search). */
export function useEarlierApplicant(identityNumber: string | null) {
  return useQuery({
    queryKey: ['desk-earlier-applicant', identityNumber],
    enabled: identityNumber !== null,
    queryFn: async ({ signal }): Promise<{ applicant: Applicant; dossiers: number } | null> => {
      const { data } = await call<Page<DossierItem>>('/api/v1/dossiers', {
        query: { q: identityNumber, sort: 'received', limit: 20 },
        signal,
      });
      const latest = data.items[0];
      if (!latest) return null;
      const dossier = (await call<DossierView>(`/api/v1/dossiers/${latest.id}`, { signal })).data;
      return { applicant: dossier.applicant, dossiers: data.items.length };
    },
  });
}

export type Decision = 'accept' | 'request_supplement' | 'refuse';

export interface Reception {
  procedureCode: string;
  channel: 'desk' | 'post';
  receivingUnitId: string;
  resolvingAgencyId?: string;
  applicant: Applicant;
  eform: Record<string, unknown>;
  scans: { component: number; file: File }[];
  decision: Decision;
  reason: string;
}

/**
 * Where a reception stands, so that trying again after a failure (a refused scan, a dropped connection, a session
 * that ended) carries on from there: the same dossier, each scan sent once, each action with its own key.
 */
export interface Progress {
  openingKey: string;
  dossier: DossierView | null;
  sent: Set<File>;
  submitKey: string;
  decisionKey: string;
}

export const newProgress = (): Progress => ({
  openingKey: newIdempotencyKey(),
  dossier: null,
  sent: new Set(),
  submitKey: newIdempotencyKey(),
  decisionKey: newIdempotencyKey(),
});

/** Opens the dossier as a draft, sends the scans, submits it and takes the officer's decision. */
export async function receive(input: Reception, progress: Progress): Promise<DossierView> {
  if (!progress.dossier) {
    const { scans: _scans, decision: _decision, reason: _reason, ...opening } = input;
    progress.dossier = (
      await call<DossierView>('/api/v1/dossiers', {
        method: 'POST',
        body: { ...opening, draft: true },
        headers: { 'idempotency-key': progress.openingKey },
      })
    ).data;
  }
  const id = progress.dossier.id;
  for (const scan of input.scans) {
    if (progress.sent.has(scan.file)) continue;
    await uploadComponent(id, scan.component, scan.file);
    progress.sent.add(scan.file);
  }
  if (progress.dossier.status === 'draft') {
    progress.dossier = await takeAction({
      ...actionRequest(progress.dossier, 'submit'),
      idempotencyKey: progress.submitKey,
    });
  }
  const body: ActionBody = input.decision === 'accept' ? {} : { reason: input.reason };
  return takeAction({ ...actionRequest(progress.dossier, input.decision, body), idempotencyKey: progress.decisionKey });
}
