// The organisation as the administration reads and changes it: agencies (public) and their departments, the staff
// of an agency page by page with a search, and the changes: agencies (If-Match), departments, staff accounts
// (created with a temporary password, edited with If-Match, locked and unlocked), password resets, role grants.
import { keepPreviousData, useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Json } from '../../../api/client.ts';
import type { paths } from '../../../api/schema';
import { call, consoleApi, typed } from '../../api/http.ts';

type Body<P extends keyof paths, M extends 'post' | 'patch'> = paths[P][M] extends {
  requestBody?: { content: { 'application/json': infer T } };
}
  ? T
  : never;
export type StaffMember = Json<paths['/api/v1/staff']['get']['responses'][200]>['items'][number];
export type Grant = StaffMember['grants'][number];
export type NewStaff = Body<'/api/v1/staff', 'post'>;
export type StaffPatch = Body<'/api/v1/staff/{id}', 'patch'>;
export type NewAgency = Body<'/api/v1/agencies', 'post'>;
export type AgencyPatch = Body<'/api/v1/agencies/{id}', 'patch'>;
/** Shown once to the administrator, to hand over; the server keeps only its hash. */
export type TemporaryPassword = Json<paths['/api/v1/staff/{id}/password-reset']['post']['responses'][200]>;

export const STAFF_PAGE_SIZE = 50;

export function useDepartments(agencyId: string) {
  return useQuery({
    queryKey: ['admin-departments', agencyId],
    queryFn: ({ signal }) =>
      typed(consoleApi.GET('/api/v1/agencies/{id}/departments', { params: { path: { id: agencyId } }, signal })),
  });
}

/** The staff whose home is the agency, found by name or username, page after page ("load more"). */
export function useStaffOf(agencyId: string, q: string) {
  return useInfiniteQuery({
    queryKey: ['admin-staff', agencyId, q],
    queryFn: ({ pageParam, signal }) =>
      typed(
        consoleApi.GET('/api/v1/staff', {
          params: {
            query: {
              agency: agencyId,
              limit: STAFF_PAGE_SIZE,
              ...(q ? { q } : {}),
              ...(pageParam ? { cursor: pageParam } : {}),
            },
          },
          signal,
        }),
      ),
    initialPageParam: '',
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

export function useStaffRefresh() {
  const client = useQueryClient();
  return () =>
    Promise.all([
      client.invalidateQueries({ queryKey: ['admin-staff'] }),
      // The console's own lists of staff (assigning dossiers) read the same grants.
      client.invalidateQueries({ queryKey: ['agency-staff'] }),
    ]);
}

export function useOrgRefresh() {
  const client = useQueryClient();
  return () =>
    Promise.all([
      client.invalidateQueries({ queryKey: ['agencies'] }),
      client.invalidateQueries({ queryKey: ['admin-departments'] }),
    ]);
}

const ifMatch = (version: number) => ({ 'if-match': `"${version}"` });

export async function createAgency(body: NewAgency) {
  return (await call<{ id: string }>('/api/v1/agencies', { method: 'POST', body })).data;
}

export async function updateAgency(id: string, version: number, body: AgencyPatch) {
  await call(`/api/v1/agencies/${id}`, { method: 'PATCH', body, headers: ifMatch(version) });
}

export async function createDepartment(agencyId: string, code: string, name: string) {
  await call(`/api/v1/agencies/${agencyId}/departments`, { method: 'POST', body: { code, name } });
}

export async function createStaff(body: NewStaff) {
  return (await call<StaffMember & TemporaryPassword>('/api/v1/staff', { method: 'POST', body })).data;
}

export async function updateStaff(id: string, version: number, body: StaffPatch) {
  return (await call<StaffMember>(`/api/v1/staff/${id}`, { method: 'PATCH', body, headers: ifMatch(version) })).data;
}

export async function resetPassword(staffId: string) {
  return (await call<TemporaryPassword>(`/api/v1/staff/${staffId}/password-reset`, { method: 'POST' })).data;
}

export async function grantRole(staffId: string, role: string, agencyId: string) {
  return (await call<Grant>(`/api/v1/staff/${staffId}/grants`, { method: 'POST', body: { role, agencyId } })).data;
}

export async function revokeRole(staffId: string, grantId: string) {
  await call(`/api/v1/staff/${staffId}/grants/${grantId}`, { method: 'DELETE' });
}
