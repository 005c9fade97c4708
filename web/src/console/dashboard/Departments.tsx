// The on-time rate of one resolving agency's departments (phòng thụ lý, docs/dossiers.md): for each department the
// results returned early, on time and late over the range (stacked bars), and its rate period by period (lines).
// The agency is one the reader's scope reaches; every bar, point and figure leads to the dossiers behind it.
import { Suspense, useId, useMemo } from 'react';
import { useNavigate } from 'react-router';
import { useI18n } from '../../i18n/index.tsx';
import { PageLoading } from '../parts.tsx';
import {
  type AgencyDepartments,
  type Dashboard,
  listOf,
  OUTCOME_COLOURS,
  OUTCOMES,
  outcomeCount,
  returnedBy,
} from './figures.ts';
import { EChart, OutcomeTable, RateOverTime, type Row } from './OnTimeParts.tsx';

export function Departments({
  data,
  agencyId,
  onAgency,
}: {
  data: Dashboard;
  /** The agency whose departments are shown: the reader's choice, else the first one with returns. */
  agencyId: string;
  onAgency(id: string): void;
}) {
  const { t } = useI18n();
  const id = useId();
  const agencies = data.byDepartment;
  const shown: AgencyDepartments | undefined = agencies.find((a) => a.agencyId === agencyId) ?? agencies[0];
  const rows = useMemo<Row[]>(
    () =>
      (shown?.departments ?? []).map((d) => ({
        key: d.departmentId ?? 'none',
        name: d.departmentId === null ? t.console.dashboard.unknownDepartment : d.departmentName,
        total: d.total,
        periods: d.periods,
        drill: ({ period, outcome } = {}) =>
          returnedBy(shown?.agencyId ?? '', period ?? { from: data.from, to: data.to }, {
            department: d.departmentId,
            ...(outcome ? { outcome } : {}),
          }),
      })),
    [shown, data.from, data.to, t],
  );

  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t.console.dashboard.byDepartment(data.granularity)}</h2>
      {!shown ? (
        <p className="muted">{t.console.dashboard.noDepartments}</p>
      ) : (
        <>
          <div className="field dashboard__agency">
            <label htmlFor={`${id}-agency`}>{t.console.dashboard.resolvingAgency}</label>
            <select id={`${id}-agency`} value={shown.agencyId} onChange={(e) => onAgency(e.target.value)}>
              {agencies.map((a) => (
                <option key={a.agencyId} value={a.agencyId}>
                  {a.agencyName}
                </option>
              ))}
            </select>
          </div>
          <OutcomeBars rows={rows} />
          <OutcomeTable
            rows={rows}
            heading={t.console.dashboard.department}
            caption={t.console.dashboard.departmentTable(shown.agencyName)}
          />
          <h3>{t.console.dashboard.departmentRates(data.granularity)}</h3>
          <RateOverTime
            rows={rows}
            label={t.console.dashboard.departmentRateChart}
            caption={t.console.dashboard.departmentRateChart}
          />
        </>
      )}
    </section>
  );
}

/** Early, on-time and late returns of each department, stacked; a segment leads to its dossiers. */
function OutcomeBars({ rows }: { rows: Row[] }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const option = useMemo(
    () => ({
      grid: { left: 8, right: 24, top: 40, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0 },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', inverse: true, data: rows.map((r) => r.name) },
      series: OUTCOMES.map((o) => ({
        type: 'bar',
        stack: 'returned',
        name: t.console.timeliness[o],
        cursor: 'pointer',
        itemStyle: { color: OUTCOME_COLOURS[o] },
        label: { show: true, color: '#fff', formatter: ({ value }: { value: number }) => (value ? String(value) : '') },
        data: rows.map((r) => outcomeCount(r.total, o)),
      })),
    }),
    [rows, t],
  );
  return (
    <Suspense fallback={<PageLoading />}>
      <EChart
        option={option}
        label={t.console.dashboard.departmentChart}
        height={Math.max(160, 56 * rows.length + 48)}
        onClick={(e) => {
          const row = rows[e.dataIndex];
          const outcome = OUTCOMES[e.seriesIndex ?? -1];
          if (row && outcome) navigate(listOf(row.drill({ outcome })));
        }}
      />
    </Suspense>
  );
}
