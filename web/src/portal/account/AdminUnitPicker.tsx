// The commune (xã, phường, thị trấn) of an address, picked level by level from the administrative units in force
// today: province, then (where the three-level structure still stands) district, then commune. Native selects,
// each with its label: the phone's own picker and a control every screen reader knows.
import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useId, useState } from 'react';
import { api, type Json, ok } from '../../api/client.ts';
import type { paths } from '../../api/schema';
import { useI18n } from '../../i18n/index.tsx';

type AdminUnit = Json<paths['/api/v1/admin-units']['get']['responses'][200]>['items'][number];

/** Today in Vietnam, as the API's `at` filter reads dates. */
const today = () =>
  dayjs(Date.now() + 7 * 3_600_000)
    .toISOString()
    .slice(0, 10);

function useUnits(query: { level?: 'province'; parent?: string }) {
  return useQuery({
    queryKey: ['admin-units', query],
    staleTime: 60 * 60_000,
    queryFn: async ({ signal }) => {
      const all: AdminUnit[] = [];
      let cursor: string | undefined;
      do {
        const page = await ok(
          api.GET('/api/v1/admin-units', {
            params: { query: { ...query, at: today(), limit: 200, ...(cursor ? { cursor } : {}) } },
            signal,
          }),
        );
        all.push(...page.items);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return all.sort((a, b) => a.name.localeCompare(b.name, 'vi'));
    },
  });
}

interface AdminUnitPickerProps {
  /** The commune chosen, or null. */
  value?: string | null;
  onChange?(id: string | null): void;
  /** The commune the profile holds now, shown until another is picked. */
  current: { id: string; name: string } | null;
}

export function AdminUnitPicker({ value, onChange, current }: AdminUnitPickerProps) {
  const { t } = useI18n();
  const p = t.portal.profile;
  /** The units chosen so far, province first; the last is the commune once there is one. */
  const [path, setPath] = useState<AdminUnit[]>([]);
  const [changing, setChanging] = useState(current === null);

  if (!changing && current) {
    return (
      <div className="unit-picker__current">
        <span lang="vi">{current.name}</span>
        <button type="button" className="link-button" onClick={() => setChanging(true)}>
          {p.changeUnit}
        </button>
      </div>
    );
  }
  const choose = (depth: number, unit: AdminUnit | undefined) => {
    setPath([...path.slice(0, depth), ...(unit ? [unit] : [])]);
    onChange?.(unit?.level === 'commune' ? unit.id : null);
  };
  // One select per level: the provinces, then the units under each unit chosen until a commune is.
  const parents = [undefined, ...path.filter((u) => u.level !== 'commune')];
  return (
    <div className="unit-picker">
      {parents.map((parent, depth) => (
        <UnitSelect
          key={parent?.id ?? 'province'}
          parent={parent}
          value={path[depth]?.id ?? ''}
          onChange={(unit) => choose(depth, unit)}
        />
      ))}
      {!value && path.length > 0 && <p className="muted small">{p.pickCommune}</p>}
    </div>
  );
}

interface UnitSelectProps {
  /** The unit whose children are offered; none for the provinces. */
  parent: AdminUnit | undefined;
  value: string;
  onChange(unit: AdminUnit | undefined): void;
}

function UnitSelect({ parent, value, onChange }: UnitSelectProps) {
  const { t } = useI18n();
  const p = t.portal.profile;
  const id = useId();
  const units = useUnits(parent ? { parent: parent.id } : { level: 'province' });
  const label = !parent ? p.province : parent.level === 'province' ? p.districtOrCommune : p.commune;
  return (
    <div className="filters__item">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={value}
        disabled={!units.data}
        onChange={(event) => onChange(units.data?.find((u) => u.id === event.target.value))}
      >
        <option value="">{units.data ? p.choose : t.site.loading}</option>
        {units.data?.map((u) => (
          <option key={u.id} value={u.id} lang="vi">
            {u.name}
          </option>
        ))}
      </select>
    </div>
  );
}
