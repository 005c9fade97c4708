// Dossiers as the console reads and changes them. The dossier routes declare no response schema yet, so their
// answers are typed here, after `dossierView`/`eventView` (server/src/modules/dossiers/service.ts), `itemView` and
// `queueCounts` (list.ts) and `listComponents` (components.ts); keep them in step with those functions.
import { keepPreviousData, useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Json } from '../../api/client.ts';
import type { paths } from '../../api/schema';
import { call, newIdempotencyKey } from './http.ts';

export type QueueId = 'receive' | 'process' | 'approve' | 'sign' | 'return' | 'overdue';
export const QUEUE_IDS: readonly QueueId[] = ['receive', 'process', 'approve', 'sign', 'return', 'overdue'];
export type DueState = 'on_time' | 'due_soon' | 'overdue';
export type Outcome = 'early' | 'on_time' | 'late';
const OUTCOMES: readonly Outcome[] = ['early', 'on_time', 'late'];
export type Delivery = NonNullable<ActionBody['delivery']>;
export type InputNeed =
  | 'opinion'
  | 'documents'
  | 'signature'
  | 'payment'
  | 'reason'
  | 'delivery'
  | 'assignee'
  | 'agency'
  | 'new_date';

export interface Applicant {
  name: string;
  identityNumber?: string | null;
  phone?: string | null;
  email?: string | null;
  address?: string | null;
}

export interface AvailableAction {
  id: string;
  name: string;
  to: string | null;
  needs: InputNeed[];
}

export interface Effect {
  type: string;
  at?: number;
  [key: string]: unknown;
}

export interface HistoryEntry {
  seq: number;
  at: string;
  actor: { kind: 'staff' | 'applicant' | 'system'; id: string | null; label: string };
  action: string;
  fromStep: string;
  toStep: string;
  note: string | null;
  input: Record<string, unknown>;
  effects: Effect[];
}

export interface DossierView {
  id: string;
  code: string | null;
  status: string;
  statusName: string;
  step: string;
  stepName: string;
  procedure: { code: string; name: string; versionId: string };
  workflow: { code: string; version: number };
  channel: 'online' | 'desk' | 'post';
  receivingUnitId: string;
  resolvingAgencyId: string;
  currentAgencyId: string;
  applicant: Applicant;
  eform: Record<string, unknown>;
  assigneeId: string | null;
  openedAt: string;
  receivedAt: string | null;
  dueAt: string | null;
  originalDueAt: string | null;
  extendedDueAt: string | null;
  stepDueAt: string | null;
  returnedAt: string | null;
  outcome: Outcome | null;
  dueState: DueState | null;
  clock: 'idle' | 'running' | 'paused' | 'stopped';
  hold: { kind: string; since: number; reason?: string } | null;
  resultDocuments: string[];
  version: number;
  availableActions: AvailableAction[];
  history: HistoryEntry[];
  /** Only in the answer of the action that assigned the code (accept, certify): printed on Form 01, given once. */
  trackingSecret?: string;
}

export interface DossierItem {
  id: string;
  code: string | null;
  status: string;
  statusName: string;
  step: string;
  queue: string | null;
  procedure: { code: string; name: string };
  applicantName: string;
  channel: string;
  receivingUnitId: string;
  currentAgencyId: string;
  assigneeId: string | null;
  receivedAt: string | null;
  dueAt: string | null;
  stepDueAt: string | null;
  dueState: DueState | null;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface QueueCount {
  id: QueueId;
  name: string;
  count: number;
}

export interface ComponentFile {
  id: string;
  fileName: string;
  /** The sniffed type: pdf, jpg, png… */
  type: string;
  mime: string;
  size: number;
  sha256: string;
  uploadedAt: string;
}

export interface DossierComponent {
  index: number;
  name: string;
  required: boolean;
  acceptedTypes: string[];
  maxSizeMb: number;
  files: ComponentFile[];
}

export interface ListFilters {
  queue?: QueueId | undefined;
  procedure?: string | undefined;
  status?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  overdue?: boolean | undefined;
  q?: string | undefined;
  sort?: 'due' | 'received' | undefined;
  /** The dashboard's drill-down (list.ts): resolved within or by an agency, handled by a department, returned how. */
  agency?: string | undefined;
  resolvingAgency?: string | undefined;
  department?: string | undefined;
  returnedFrom?: string | undefined;
  returnedTo?: string | undefined;
  outcome?: Outcome | undefined;
}

const SECOND = 1000;

export function useQueueCounts() {
  return useQuery({
    queryKey: ['dossier-queues'],
    queryFn: async ({ signal }) => (await call<{ items: QueueCount[] }>('/api/v1/dossiers/queues', { signal })).data,
    select: (answer) => answer.items,
    staleTime: 15 * SECOND,
  });
}

/** The filters of a list as the address gives them (`/can-bo/hang-doi?hang=…&q=…`); `queue` null when not named. */
export function filtersFrom(params: URLSearchParams): { queue: QueueId | 'all' | null; filters: ListFilters } {
  const get = (key: string) => params.get(key) || undefined;
  const hang = params.get('hang');
  const queue = hang === 'all' ? 'all' : (QUEUE_IDS.find((q) => q === hang) ?? null);
  const overdue = params.get('overdue');
  return {
    queue,
    filters: {
      queue: queue === 'all' || queue === null ? undefined : queue,
      q: get('q'),
      procedure: get('procedure'),
      status: get('status'),
      from: get('from'),
      to: get('to'),
      overdue: overdue === 'true' ? true : overdue === 'false' ? false : undefined,
      sort: params.get('sort') === 'received' ? 'received' : 'due',
      agency: get('agency'),
      resolvingAgency: get('resolvingAgency'),
      department: get('department'),
      returnedFrom: get('returnedFrom'),
      returnedTo: get('returnedTo'),
      outcome: OUTCOMES.find((o) => o === params.get('outcome')),
    },
  };
}

async function listPage(filters: ListFilters, pageSize: number, cursor: string, signal?: AbortSignal) {
  const query = { ...filters, limit: pageSize, cursor: cursor || undefined };
  return (await call<Page<DossierItem>>('/api/v1/dossiers', signal ? { query, signal } : { query })).data;
}

const listKey = (filters: ListFilters, pageSize: number) => JSON.stringify([filters, pageSize]);
const early = new Map<string, Promise<Page<DossierItem>>>();

/**
 * Asks for the first page of a list at once, before the session is read and the page drawn: on the console's
 * first load the rows then arrive with the page instead of after it. Used once by the list it was made for; if it
 * failed (say the session had ended), that list asks again.
 */
export function prefetchList(filters: ListFilters, pageSize: number): void {
  const request = listPage(filters, pageSize, '');
  request.catch(() => undefined);
  early.set(listKey(filters, pageSize), request);
}

export const LIST_PAGE_SIZE = 50;

export function useDossierList(filters: ListFilters, pageSize = LIST_PAGE_SIZE, enabled = true) {
  return useInfiniteQuery({
    queryKey: ['dossiers', filters, pageSize],
    enabled,
    queryFn: ({ pageParam, signal }) => {
      const key = listKey(filters, pageSize);
      const prefetched = pageParam ? undefined : early.get(key);
      early.delete(key);
      return prefetched
        ? prefetched.catch(() => listPage(filters, pageSize, '', signal))
        : listPage(filters, pageSize, pageParam, signal);
    },
    initialPageParam: '',
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
    staleTime: 15 * SECOND,
  });
}

export const dossierKey = (id: string) => ['dossier', id] as const;

export async function fetchDossier(id: string, signal?: AbortSignal): Promise<DossierView> {
  return (await call<DossierView>(`/api/v1/dossiers/${id}`, signal ? { signal } : {})).data;
}

export function useDossier(id: string) {
  return useQuery({ queryKey: dossierKey(id), queryFn: ({ signal }) => fetchDossier(id, signal) });
}

export function useComponents(id: string | null) {
  return useQuery({
    queryKey: ['dossier-components', id],
    enabled: id !== null,
    queryFn: async ({ signal }) =>
      (await call<{ items: DossierComponent[] }>(`/api/v1/dossiers/${id}/components`, { signal })).data.items,
  });
}

/** What an action sends: the fields its `needs` ask for, and a note (the route's declared body). */
export type ActionBody = Json<paths['/api/v1/dossiers/{id}/actions/{action}']['post']['requestBody']>;

/** One action the user means to take: its key is made once, so a retry (after signing in again) is the same action. */
export interface ActionRequest {
  dossierId: string;
  action: string;
  body: ActionBody;
  /** The version the user read (If-Match): the server refuses the action if someone acted since. */
  version: number;
  idempotencyKey: string;
}

export const actionRequest = (dossier: Pick<DossierView, 'id' | 'version'>, action: string, body: ActionBody = {}) => ({
  dossierId: dossier.id,
  action,
  body,
  version: dossier.version,
  idempotencyKey: newIdempotencyKey(),
});

export async function takeAction(request: ActionRequest): Promise<DossierView> {
  const answer = await call<DossierView>(`/api/v1/dossiers/${request.dossierId}/actions/${request.action}`, {
    method: 'POST',
    body: request.body,
    headers: { 'idempotency-key': request.idempotencyKey, 'if-match': `"${request.version}"` },
  });
  return answer.data;
}

export async function uploadComponent(dossierId: string, component: number, file: File) {
  const form = new FormData();
  form.set('component', String(component));
  form.set('file', file);
  return (await call<ComponentFile>(`/api/v1/dossiers/${dossierId}/components`, { method: 'POST', body: form })).data;
}

export const formUrl = (dossierId: string, form: '01' | '02' | '03' | '04' | '05', secret?: string) =>
  `/api/v1/dossiers/${dossierId}/forms/${form}.pdf${secret ? `?secret=${encodeURIComponent(secret)}` : ''}`;

export const fileUrl = (dossierId: string, fileId: string) =>
  `/api/v1/dossiers/${dossierId}/components/files/${fileId}`;

/** After an action: the dossier as answered, and every list and count that may have changed. */
export function useDossierRefresh() {
  const client = useQueryClient();
  return (view: DossierView) => {
    client.setQueryData(dossierKey(view.id), view);
    void client.invalidateQueries({ queryKey: ['dossiers'] });
    void client.invalidateQueries({ queryKey: ['dossier-queues'] });
  };
}
