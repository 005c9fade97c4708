// The workflow routes as the administration uses them: the list, a workflow's versions, one version's definition
// (with its revision, the If-Match of the draft), validation without saving, saving the draft, publishing, and
// moving in-flight dossiers to the next version (dry run first).
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { WorkflowDefinition } from '../../../../../server/src/modules/workflow/definition.ts';
import type { paths } from '../../../api/schema';
import { call, consoleApi, typed } from '../../api/http.ts';

export type {
  ActionDefinition,
  DeclaredEffect,
  MacroStatus,
  Requirement,
  StepAllowance,
  StepDefinition,
  WorkflowDefinition,
} from '../../../../../server/src/modules/workflow/definition.ts';

export type WorkflowSummary =
  paths['/api/v1/workflows']['get']['responses'][200]['content']['application/json']['items'][number];

export type VersionStatus = 'draft' | 'published' | 'retired';

export interface WorkflowVersions {
  code: string;
  name: string;
  ownerAgencyId: string | null;
  /** Newest first. */
  versions: { version: number; status: VersionStatus; revision: number; publishedAt: string | null }[];
}

export interface StoredVersion {
  code: string;
  version: number;
  status: VersionStatus;
  revision: number;
  definition: WorkflowDefinition;
}

export interface DefinitionProblem {
  /** `definition.steps[1].actions[0].to` */
  field: string;
  message: string;
}

export interface MigrationReport {
  from: { code: string; version: number };
  to: { code: string; version: number };
  totals: { moves: number; blocked: number; skipped: number };
  moves: { dossierId: string; fromStep: string; toStep: string }[];
  blocked: { dossierId: string; step: string; reason: string }[];
  skipped: { dossierId: string; reason: string }[];
  /** Applied only: how many moved, and those that changed since they were planned. */
  moved: number;
  changed: { dossierId: string; reason: string }[];
}

const enc = encodeURIComponent;

export function useWorkflows() {
  return useQuery({
    queryKey: ['admin-workflows'],
    queryFn: async ({ signal }) => {
      const all: WorkflowSummary[] = [];
      let cursor: string | undefined;
      do {
        const page = await typed(
          consoleApi.GET('/api/v1/workflows', {
            params: { query: { limit: 100, ...(cursor ? { cursor } : {}) } },
            signal,
          }),
        );
        all.push(...page.items);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return all;
    },
  });
}

export function useWorkflow(code: string) {
  return useQuery({
    queryKey: ['admin-workflow', code],
    queryFn: async ({ signal }) => (await call<WorkflowVersions>(`/api/v1/workflows/${enc(code)}`, { signal })).data,
  });
}

export function useWorkflowVersion(code: string, version: number | null) {
  return useQuery({
    queryKey: ['admin-workflow', code, version],
    enabled: version !== null,
    queryFn: async ({ signal }) =>
      (await call<StoredVersion>(`/api/v1/workflows/${enc(code)}/versions/${version}`, { signal })).data,
  });
}

/** Forgets what was read of a workflow after it changed. */
export function useWorkflowRefresh() {
  const client = useQueryClient();
  return (code: string) =>
    Promise.all([
      client.invalidateQueries({ queryKey: ['admin-workflow', code] }),
      client.invalidateQueries({ queryKey: ['admin-workflows'] }),
    ]);
}

export const diagramUrl = (code: string, version: number) =>
  `/api/v1/workflows/${enc(code)}/versions/${version}/diagram.svg`;

export async function validateDefinition(definition: WorkflowDefinition, signal?: AbortSignal) {
  const init = {
    body: { definition: definition as unknown as Record<string, unknown> },
    ...(signal ? { signal } : {}),
  };
  return (await typed(consoleApi.POST('/api/v1/workflows/validate', init))).problems as DefinitionProblem[];
}

/** Saves the draft: If-Match its revision, or "0" to start the next version. Answers the new revision. */
export async function saveDraft(code: string, revision: number, definition: WorkflowDefinition) {
  const { data } = await call<{ version: number; revision: number }>(`/api/v1/workflows/${enc(code)}/draft`, {
    method: 'PUT',
    headers: { 'if-match': `"${revision}"` },
    body: { definition },
  });
  return data;
}

export async function publishDraft(code: string, revision: number) {
  const { data } = await call<{ version: number }>(`/api/v1/workflows/${enc(code)}/publish`, {
    method: 'POST',
    headers: { 'if-match': `"${revision}"` },
  });
  return data;
}

export async function migrateDossiers(
  code: string,
  request: { fromVersion: number; mapping: Record<string, string>; apply: boolean },
) {
  return (await call<MigrationReport>(`/api/v1/workflows/${enc(code)}/migrations`, { method: 'POST', body: request }))
    .data;
}
