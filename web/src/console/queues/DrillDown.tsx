// The conditions a dashboard figure adds to the list (resolving agency, handling department, days of return,
// outcome), named in words above the rows: they have no field of their own in the filter form, and whoever lands
// here must see why these dossiers and no others. One link takes them all away.
import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { useAgencies } from '../../api/catalog.ts';
import { useI18n } from '../../i18n/index.tsx';
import type { ListFilters } from '../api/dossiers.ts';
import { consoleApi, typed } from '../api/http.ts';
import { formatDate } from '../parts.tsx';

const DRILL_KEYS = ['agency', 'resolvingAgency', 'department', 'returnedFrom', 'returnedTo', 'outcome'] as const;

function useDepartmentName(agencyId: string | undefined, departmentId: string | undefined) {
  const departments = useQuery({
    queryKey: ['departments', agencyId],
    enabled: Boolean(agencyId && departmentId && departmentId !== 'none'),
    staleTime: Number.POSITIVE_INFINITY,
    queryFn: ({ signal }) =>
      typed(consoleApi.GET('/api/v1/agencies/{id}/departments', { params: { path: { id: agencyId ?? '' } }, signal })),
  });
  return departments.data?.find((d) => d.id === departmentId)?.name;
}

export function DrillDown({ filters }: { filters: ListFilters }) {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const agencies = useAgencies();
  const nameOf = (id: string) => agencies.data?.find((a) => a.id === id)?.name ?? '…';
  const department = useDepartmentName(filters.resolvingAgency, filters.department);
  if (!DRILL_KEYS.some((k) => filters[k])) return null;

  const day = (iso: string | undefined) => (iso ? formatDate(`${iso}T00:00:00+07:00`) : '…');
  const conditions = [
    filters.agency && t.console.list.resolvedWithin(nameOf(filters.agency)),
    filters.resolvingAgency && t.console.list.resolvedBy(nameOf(filters.resolvingAgency)),
    filters.department &&
      (filters.department === 'none' ? t.console.list.noDepartment : t.console.list.department(department ?? '…')),
    (filters.returnedFrom || filters.returnedTo) &&
      t.console.list.returned(day(filters.returnedFrom), day(filters.returnedTo)),
    filters.outcome && t.console.outcome[filters.outcome],
  ].filter((c): c is string => Boolean(c));
  const without = new URLSearchParams(params);
  for (const k of DRILL_KEYS) without.delete(k);

  return (
    <section className="drill-down" aria-label={t.console.list.drillDown}>
      <ul className="drill-down__conditions">
        {conditions.map((c) => (
          <li key={c} lang="vi">
            {c}
          </li>
        ))}
      </ul>
      <Link to={`?${without}`}>{t.console.list.clearDrillDown}</Link>
    </section>
  );
}
