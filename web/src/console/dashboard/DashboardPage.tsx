// The leaders' dashboard (/can-bo/tong-hop): for a period and, optionally, one agency with those below it, the
// dossiers received by status now, the on-time rate of returned results by agency over the weeks (months for a
// long period) and the overdue dossiers. Every bar, point and row leads to the dossiers behind it (the list,
// filtered). Charts are drawn by ECharts, loaded with this page only; their figures are in tables too.
import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useId, useMemo } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useAgencies } from '../../api/catalog.ts';
import type { paths } from '../../api/schema';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { consoleApi, typed } from '../api/http.ts';
import { formatDate, formatDateTime, PageHeading, PageLoading, vnToday } from '../parts.tsx';
import { useSession } from '../session.tsx';

const EChart = lazy(() => import('./EChart.tsx').then((m) => ({ default: m.EChart })));

type Dashboard = paths['/api/v1/dossiers/dashboard']['get']['responses'][200]['content']['application/json'];
type Series = Dashboard['onTime'][number];

const DAY = 86_400_000;
const PALETTE = ['#b71c1c', '#0d47a1', '#1b5e20', '#6a1b9a', '#e65100', '#006064', '#4e342e', '#37474f'];

/** Early and on-time returns as a share of all returns, in per cent (null when nothing was returned). */
const rate = (p: { early: number; onTime: number; late: number }) => {
  const total = p.early + p.onTime + p.late;
  return total === 0 ? null : Math.round((1000 * (p.early + p.onTime)) / total) / 10;
};

function useDashboard(from: string, to: string, agency: string) {
  return useQuery({
    queryKey: ['dashboard', from, to, agency],
    queryFn: ({ signal }) =>
      typed(
        consoleApi.GET('/api/v1/dossiers/dashboard', {
          params: { query: { from, to, ...(agency ? { agency } : {}) } },
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
  const data = useDashboard(from, to, agency);
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
      </form>
      {data.isError && <ProblemAlert error={data.error} onRetry={() => void data.refetch()} />}
      {data.isPending && <PageLoading />}
      {data.data && <Boards data={data.data} />}
    </>
  );
}

function Boards({ data }: { data: Dashboard }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const list = (query: Record<string, string>) => `/can-bo/hang-doi?${new URLSearchParams({ hang: 'all', ...query })}`;
  const byStatusLink = (status: string) => list({ status, from: data.from, to: data.to });
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

      <OnTime data={data} onDrill={(query) => navigate(list(query))} listOf={list} />

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
        <Link to={list({ overdue: 'true' })}>{t.console.dashboard.allOverdue}</Link>
      </section>
    </div>
  );
}

function OnTime({
  data,
  onDrill,
  listOf,
}: {
  data: Dashboard;
  onDrill(query: Record<string, string>): void;
  listOf(query: Record<string, string>): string;
}) {
  const { t } = useI18n();
  const periods = useMemo(
    () => [...new Set(data.onTime.flatMap((s) => s.periods.map((p) => p.period)))].sort(),
    [data.onTime],
  );
  const returned = listOf({ status: 'returned', from: data.from, to: data.to });
  const option = useMemo(
    () => ({
      color: PALETTE,
      grid: { left: 8, right: 24, top: 48, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', valueFormatter: (v: number | null) => (v === null ? '—' : `${v}%`) },
      legend: { type: 'scroll', top: 0 },
      xAxis: { type: 'category', data: periods.map((p) => formatDate(`${p}T00:00:00+07:00`)) },
      yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
      series: data.onTime.map((s: Series) => ({
        type: 'line',
        name: s.agencyName,
        connectNulls: true,
        cursor: 'pointer',
        data: periods.map((p) => {
          const slot = s.periods.find((x) => x.period === p);
          return slot ? rate(slot) : null;
        }),
      })),
    }),
    [data.onTime, periods],
  );

  return (
    <section className="panel" aria-labelledby="on-time">
      <h2 id="on-time">{t.console.dashboard.onTime(data.granularity)}</h2>
      {data.onTime.length === 0 ? (
        <p className="muted">{t.console.dashboard.noReturns}</p>
      ) : (
        <>
          <Suspense fallback={<PageLoading />}>
            <EChart
              option={option}
              label={t.console.dashboard.onTimeChart}
              onClick={() => onDrill({ status: 'returned', from: data.from, to: data.to })}
            />
          </Suspense>
          <div className="table-wrap">
            <table className="data-table figures">
              <caption className="visually-hidden">{t.console.dashboard.onTimeChart}</caption>
              <thead>
                <tr>
                  <th scope="col">{t.console.dashboard.agency}</th>
                  <th scope="col" className="num">
                    {t.console.timeliness.early}
                  </th>
                  <th scope="col" className="num">
                    {t.console.timeliness.on_time}
                  </th>
                  <th scope="col" className="num">
                    {t.console.timeliness.late}
                  </th>
                  <th scope="col" className="num">
                    {t.console.dashboard.rate}
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.onTime.map((s) => {
                  const sum = s.periods.reduce(
                    (n, p) => ({ early: n.early + p.early, onTime: n.onTime + p.onTime, late: n.late + p.late }),
                    { early: 0, onTime: 0, late: 0 },
                  );
                  return (
                    <tr key={s.agencyId}>
                      <th scope="row" lang="vi">
                        {s.agencyName}
                      </th>
                      <td className="num">{t.console.count(sum.early)}</td>
                      <td className="num">{t.console.count(sum.onTime)}</td>
                      <td className="num">{t.console.count(sum.late)}</td>
                      <td className="num">{rate(sum) === null ? '—' : `${rate(sum)}%`}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <Link to={returned}>{t.console.dashboard.allReturned}</Link>
        </>
      )}
    </section>
  );
}
