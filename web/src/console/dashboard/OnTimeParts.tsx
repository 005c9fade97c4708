// The pieces both on-time sections draw, for agencies and for the departments of one agency: the rate of each
// series over the periods (a line chart, and the same figures as a table of links), and the early / on-time / late
// counts of each series over the whole range (a table of links). A screen reader reads the tables; the charts are
// images to it.
import { lazy, Suspense, useMemo } from 'react';
import { Link, useNavigate } from 'react-router';
import { useI18n } from '../../i18n/index.tsx';
import { formatDate, PageLoading } from '../parts.tsx';
import {
  type Drill,
  type Figures,
  listOf,
  OUTCOMES,
  type Outcome,
  outcomeCount,
  PALETTE,
  type Period,
  percent,
  percentText,
  periodsOf,
} from './figures.ts';

export const EChart = lazy(() => import('./EChart.tsx').then((m) => ({ default: m.EChart })));

/** One line of a chart, one row of a table: an agency or a department. */
export interface Row {
  key: string;
  name: string;
  total: Figures;
  periods: Period[];
  /** The dossiers behind a figure of this row: a period's, an outcome's, or both; the whole range when neither. */
  drill(within?: { period?: Period; outcome?: Outcome }): Drill;
}

const slot = (row: Row, period: string) => row.periods.find((p) => p.period === period);
const dayLabel = (day: string) => formatDate(`${day}T00:00:00+07:00`);

export function RateOverTime({ rows, label, caption }: { rows: Row[]; label: string; caption: string }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const periods = useMemo(() => periodsOf(rows), [rows]);
  const option = useMemo(
    () => ({
      color: PALETTE,
      grid: { left: 8, right: 24, top: 48, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', valueFormatter: (v: number | null) => (v === null ? '—' : `${v}%`) },
      legend: { type: 'scroll', top: 0 },
      xAxis: { type: 'category', data: periods.map(dayLabel) },
      yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
      series: rows.map((row) => ({
        type: 'line',
        name: row.name,
        connectNulls: true,
        cursor: 'pointer',
        symbolSize: 8,
        data: periods.map((p) => percent(slot(row, p)?.rate ?? null)),
      })),
    }),
    [rows, periods],
  );
  return (
    <>
      <Suspense fallback={<PageLoading />}>
        <EChart
          option={option}
          label={label}
          onClick={(e) => {
            const row = rows[e.seriesIndex ?? 0];
            const period = row && slot(row, periods[e.dataIndex] ?? '');
            if (row && period) navigate(listOf(row.drill({ period })));
          }}
        />
      </Suspense>
      <div className="table-wrap">
        <table className="data-table figures">
          <caption className="visually-hidden">{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{t.console.dashboard.periodStart}</th>
              {rows.map((row) => (
                <th key={row.key} scope="col" className="num" lang="vi">
                  {row.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {periods.map((p) => (
              <tr key={p}>
                <th scope="row" className="nowrap">
                  {dayLabel(p)}
                </th>
                {rows.map((row) => {
                  const figures = slot(row, p);
                  return (
                    <td key={row.key} className="num">
                      {figures ? (
                        <Link to={listOf(row.drill({ period: figures }))}>{percentText(figures.rate)}</Link>
                      ) : (
                        '—'
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

export function OutcomeTable({ rows, heading, caption }: { rows: Row[]; heading: string; caption: string }) {
  const { t } = useI18n();
  return (
    <div className="table-wrap">
      <table className="data-table figures">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{heading}</th>
            {OUTCOMES.map((o) => (
              <th key={o} scope="col" className="num">
                {t.console.timeliness[o]}
              </th>
            ))}
            <th scope="col" className="num">
              {t.console.dashboard.rate}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              <th scope="row" lang="vi">
                <Link to={listOf(row.drill())}>{row.name}</Link>
              </th>
              {OUTCOMES.map((o) => (
                <td key={o} className="num">
                  <Link
                    to={listOf(row.drill({ outcome: o }))}
                    aria-label={t.console.dashboard.see(outcomeCount(row.total, o), t.console.timeliness[o], row.name)}
                  >
                    {t.console.count(outcomeCount(row.total, o))}
                  </Link>
                </td>
              ))}
              <td className="num">{percentText(row.total.rate)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
