// Staff of an agency (to assign a dossier to, and to name the one it is assigned to), for those who may read them.
import { useQuery } from '@tanstack/react-query';
import type { paths } from '../../api/schema';
import { consoleApi, typed } from './http.ts';

export type StaffMember =
  paths['/api/v1/staff']['get']['responses'][200]['content']['application/json']['items'][number];

/** Roles holding `staff.read` (server/src/platform/auth/roles.ts): heads, leaders and administrators. */
const READERS = new Set(['department_head', 'agency_leader', 'agency_admin', 'system_admin']);

export const readsStaff = (roles: readonly string[]) => roles.some((r) => READERS.has(r));

export function useAgencyStaff(agencyId: string | null, enabled = true) {
  return useQuery({
    queryKey: ['agency-staff', agencyId],
    enabled: enabled && agencyId !== null,
    staleTime: 10 * 60_000,
    queryFn: async ({ signal }) => {
      const all: StaffMember[] = [];
      let cursor: string | undefined;
      do {
        const page = await typed(
          consoleApi.GET('/api/v1/staff', {
            params: { query: { agency: agencyId ?? '', limit: 200, ...(cursor ? { cursor } : {}) } },
            signal,
          }),
        );
        all.push(...page.items);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return all.filter((s) => s.active);
    },
  });
}
