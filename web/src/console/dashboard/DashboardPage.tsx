// The leaders' dashboard (/can-bo/tong-hop): for a period and, optionally, one agency with those below it, the
// dossiers received by status now, the on-time rate of returned results by agency and by the departments of one
// agency over the weeks or months, and the overdue dossiers. Every bar, point and figure leads to the dossiers
// behind it (the work-queue list, filtered). Charts are drawn by ECharts, loaded with this page only; their
// figures are in tables too.
import { useQuery } from '@tanstack/react-query';
import { Suspense, useId, useMemo } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useAgencies } from '../../api/catalog.ts';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { consoleApi, typed } from '../api/http.ts';
import { formatDateTime, PageHeading, PageLoading, vnToday } from '../parts.tsx';
import { useSession } from '../session.tsx';
import { Departments } from './Departments.tsx';
import { type Dashboard, type Drill, listOf, returnedBy } from './figures.ts';
import { EChart, OutcomeTable, RateOverTime, type Row } from './OnTimeParts.tsx';

const DAY = 86_400_000;
type Granularity = 'week' | 'month';

function useDashboard(from: string, to: string, agency: string, granularity: Granularity | '') {
  return useQuery({
    queryKey: ['dashboard', from, to, agency, granularity],
    queryFn: ({ signal }) =>
      typed(
        consoleApi.GET('/api/v1/dossiers/dashboard', {
          params: { query: { from, to, ...(agency ? { agency } : {}), ...(granularity ? { granularity } : {}) } },
          signal,
        }),
      ),
  });
}

/** The working agency and every agency below it: what the agency filter offers. */
function useSubtree(rootId: string) {
  const agencies = useAgencies();
  return useMemo(() => {
    const all = agencies.data ?? [];
    const below = new Set([rootId]);
    for (let grew = true; grew; ) {
      grew = false;
      for (const a of all) {
        if (a.parentId && below.has(a.parentId) && !below.has(a.id)) {
          below.add(a.id);
          grew = true;
        }
      }
    }
    return all.filter((a) => below.has(a.id));
  }, [agencies.data, rootId]);
}

export function DashboardPage() {
  const { t } = useI18n();
  const id = useId();
  const { agency: working } = useSession();
  const [params, setParams] = useSearchParams();
  const today = vnToday();
  const from = params.get('from') ?? vnToday(Date.now() - 55 * DAY);
  const to = params.get('to') ?? today;
  const agency = params.get('agency') ?? '';
  const granularity = (['week', 'month'] as const).find((g) => g === params.get('granularity')) ?? '';
  const data = useDashboard(from, to, agency, granularity);
  const agencies = useSubtree(working.id);
  const set = (key: string, value: string) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );

  return (
    <>
      <PageHeading title={t.console.dashboard.title} />
      <form className="list-filters list-filters__form dashboard-filters" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor={`${id}-from`}>{t.console.dashboard.from}</label>
          <input
            id={`${id}-from`}
            type="date"
            className="native-select"
            value={from}
            max={to}
            onChange={(e) => set('from', e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-to`}>{t.console.dashboard.to}</label>
          <input
            id={`${id}-to`}
            type="date"
            className="native-select"
            value={to}
            min={from}
            onChange={(e) => set('to', e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-agency`}>{t.console.dashboard.agency}</label>
          <select id={`${id}-agency`} value={agency} onChange={(e) => set('agency', e.target.value)}>
            <option value="">{t.console.dashboard.allAgencies}</option>
            {agencies.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-granularity`}>{t.console.dashboard.granularity}</label>
          <select id={`${id}-granularity`} value={granularity} onChange={(e) => set('granularity', e.target.value)}>
            <option value="">{t.console.dashboard.automatic}</option>
            <option value="week">{t.console.dashboard.weekly}</option>
            <option value="month">{t.console.dashboard.monthly}</option>
          </select>
        </div>
      </form>
      {data.isError && <ProblemAlert error={data.error} onRetry={() => void data.refetch()} />}
      {data.isPending && <PageLoading />}
      {data.data && (
        <Boards
          data={data.data}
          within={agency}
          departmentsOf={params.get('departmentsOf') || agency || working.id}
          onDepartmentsOf={(value) => set('departmentsOf', value)}
        />
      )}
    </>
  );
}

function Boards({
  data,
  within,
  departmentsOf,
  onDepartmentsOf,
}: {
  data: Dashboard;
  /** The agency filter: its subtree bounds the status and overdue figures, and so their lists. */
  within: string;
  departmentsOf: string;
  onDepartmentsOf(id: string): void;
}) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const scoped = (query: Drill): Drill => (within ? { ...query, agency: within } : query);
  const byStatusLink = (status: string) => listOf(scoped({ status, from: data.from, to: data.to }));
  const total = data.byStatus.reduce((n, s) => n + s.count, 0);

  const statusOption = useMemo(
    () => ({
      grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: {
        type: 'category',
        inverse: true,
        data: data.byStatus.map((s) => t.console.statuses[s.status] ?? s.name),
      },
      series: [
        { type: 'bar', data: data.byStatus.map((s) => s.count), itemStyle: { color: '#b71c1c' }, cursor: 'pointer' },
      ],
    }),
    [data.byStatus, t],
  );

  return (
    <div className="dashboard">
      <section className="panel" aria-labelledby="by-status">
        <h2 id="by-status">{t.console.dashboard.byStatus(total)}</h2>
        <Suspense fallback={<PageLoading />}>
          {data.byStatus.length > 0 && (
            <EChart
              option={statusOption}
              label={t.console.dashboard.byStatusChart}
              height={Math.max(160, 40 * data.byStatus.length)}
              onClick={(e) => {
                const status = data.byStatus[e.dataIndex]?.status;
                if (status) navigate(byStatusLink(status));
              }}
            />
          )}
        </Suspense>
        <table className="data-table figures">
          <caption className="visually-hidden">{t.console.dashboard.byStatusChart}</caption>
          <thead>
            <tr>
              <th scope="col">{t.console.list.status}</th>
              <th scope="col" className="num">
                {t.console.dashboard.dossiers}
              </th>
            </tr>
          </thead>
          <tbody>
            {data.byStatus.map((s) => (
              <tr key={s.status}>
                <td>
                  <Link to={byStatusLink(s.status)}>{t.console.statuses[s.status] ?? s.name}</Link>
                </td>
                <td className="num">{t.console.count(s.count)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {data.byStatus.length === 0 && <p className="muted">{t.console.dashboard.none}</p>}
      </section>

      <OnTimeByAgency data={data} returned={listOf(scoped({ status: 'returned', from: data.from, to: data.to }))} />

      <Departments data={data} agencyId={departmentsOf} onAgency={onDepartmentsOf} />

      <section className="panel dashboard__overdue" aria-labelledby="overdue">
        <h2 id="overdue">{t.console.dashboard.overdue}</h2>
        {data.overdue.items.length === 0 ? (
          <p className="muted">{t.console.dashboard.noOverdue}</p>
        ) : (
          <div className="table-wrap">
            <table className="data-table">
              <caption className="visually-hidden">{t.console.dashboard.overdue}</caption>
              <thead>
                <tr>
                  <th scope="col">{t.console.list.code}</th>
                  <th scope="col">{t.console.list.procedure}</th>
                  <th scope="col">{t.console.dashboard.at}</th>
                  <th scope="col">{t.console.list.due}</th>
                </tr>
              </thead>
              <tbody>
                {data.overdue.items.map((d) => (
                  <tr key={d.id}>
                    <td className="nowrap">
                      <Link to={`/can-bo/ho-so/${d.id}`}>{d.code ?? d.applicantName}</Link>
                    </td>
                    <td lang="vi">{d.procedureName}</td>
                    <td lang="vi">{d.agencyName}</td>
                    <td className="nowrap">{formatDateTime(d.dueAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <Link to={listOf(scoped({ overdue: 'true' }))}>{t.console.dashboard.allOverdue}</Link>
      </section>
    </div>
  );
}

function OnTimeByAgency({ data, returned }: { data: Dashboard; returned: string }) {
  const { t } = useI18n();
  const rows = useMemo<Row[]>(
    () =>
      data.onTime.map((s) => ({
        key: s.agencyId,
        name: s.agencyName,
        total: s.total,
        periods: s.periods,
        drill: ({ period, outcome } = {}) =>
          returnedBy(s.agencyId, period ?? { from: data.from, to: data.to }, outcome ? { outcome } : {}),
      })),
    [data],
  );
  return (
    <section className="panel" aria-labelledby="on-time">
      <h2 id="on-time">{t.console.dashboard.onTime(data.granularity)}</h2>
      {rows.length === 0 ? (
        <p className="muted">{t.console.dashboard.noReturns}</p>
      ) : (
        <>
          <RateOverTime rows={rows} label={t.console.dashboard.onTimeChart} caption={t.console.dashboard.onTimeChart} />
          <OutcomeTable rows={rows} heading={t.console.dashboard.agency} caption={t.console.dashboard.onTimeTable} />
          <Link to={returned}>{t.console.dashboard.allReturned}</Link>
        </>
      )}
    </section>
  );
}
