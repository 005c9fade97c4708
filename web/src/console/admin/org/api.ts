// The organisation as the administration reads and changes it: agencies (public), their departments, their staff
// with the roles granted to each, granting and revoking a role.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { paths } from '../../../api/schema';
import { call, consoleApi, typed } from '../../api/http.ts';

type Json<R> = R extends { content: { 'application/json': infer T } } ? T : never;
export type StaffMember = Json<paths['/api/v1/staff']['get']['responses'][200]>['items'][number];
export type Grant = StaffMember['grants'][number];

export function useDepartments(agencyId: string) {
  return useQuery({
    queryKey: ['admin-departments', agencyId],
    queryFn: ({ signal }) =>
      typed(consoleApi.GET('/api/v1/agencies/{id}/departments', { params: { path: { id: agencyId } }, signal })),
  });
}

/** The staff whose home is the agency, all of them (an agency has tens, at most a few hundred). */
export function useStaffOf(agencyId: string) {
  return useQuery({
    queryKey: ['admin-staff', agencyId],
    queryFn: async ({ signal }) => {
      const all: StaffMember[] = [];
      let cursor: string | undefined;
      do {
        const page = await typed(
          consoleApi.GET('/api/v1/staff', {
            params: { query: { agency: agencyId, limit: 200, ...(cursor ? { cursor } : {}) } },
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

export function useStaffRefresh() {
  const client = useQueryClient();
  return () =>
    Promise.all([
      client.invalidateQueries({ queryKey: ['admin-staff'] }),
      // The console's own lists of staff (assigning dossiers) read the same grants.
      client.invalidateQueries({ queryKey: ['agency-staff'] }),
    ]);
}

export async function grantRole(staffId: string, role: string, agencyId: string) {
  return (await call<Grant>(`/api/v1/staff/${staffId}/grants`, { method: 'POST', body: { role, agencyId } })).data;
}

export async function revokeRole(staffId: string, grantId: string) {
  await call(`/api/v1/staff/${staffId}/grants/${grantId}`, { method: 'DELETE' });
}
