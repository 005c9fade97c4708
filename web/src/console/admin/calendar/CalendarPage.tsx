// The working calendar (/can-bo/quan-tri/lich): the province's (system administrators) or the override of the
// agency one works at, one year at a time: its days off and make-up days on twelve months, the list to edit, the
// confirmation of a provisional year once the government has announced it, and the working hours.
import { Alert, Button } from 'antd';
import { useId, useState } from 'react';
import { useSearchParams } from 'react-router';
import { ProblemAlert } from '../../../components/ProblemAlert.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { PageHeading, PageLoading, vnToday } from '../../parts.tsx';
import { useSession } from '../../session.tsx';
import { ConfirmDialog, EditProblem } from '../common.tsx';
import {
  type CalendarSettings,
  confirmYear,
  type Owner,
  useCalendarChanged,
  useCalendarReload,
  useCalendarSettings,
  useYearView,
  type YearView,
} from './api.ts';
import { EntriesPanel } from './EntriesPanel.tsx';
import { HoursForm } from './HoursForm.tsx';
import { YearGrid } from './YearGrid.tsx';

export function CalendarPage() {
  const { t } = useI18n();
  const k = t.consoleAdmin.calendar;
  const id = useId();
  const { roles, agency } = useSession();
  const [params, setParams] = useSearchParams();
  const owners: [Owner, string][] = [
    ...(roles.includes('system_admin') ? [['province', k.province] as [Owner, string]] : []),
    [agency.id, k.agencyCalendar(agency.name)],
  ];
  const owner = owners.find(([o]) => o === params.get('lich'))?.[0] ?? owners[0]?.[0] ?? agency.id;
  const year = Number(params.get('nam')) || Number(vnToday().slice(0, 4));
  const go = (next: { lich?: Owner; nam?: number }) =>
    setParams({ lich: next.lich ?? owner, nam: String(next.nam ?? year) }, { replace: true });
  const settings = useCalendarSettings(owner);
  const view = useYearView(owner, year);
  const reload = useCalendarReload();
  const [reloads, setReloads] = useState(0);
  const again = () => void reload(owner).then(() => setReloads((n) => n + 1));

  return (
    <>
      <PageHeading title={k.title} />
      <div className="calendar-tools">
        <label htmlFor={`${id}-owner`}>{k.owner}</label>
        <select
          id={`${id}-owner`}
          className="native-select"
          value={owner}
          onChange={(e) => go({ lich: e.target.value })}
        >
          {owners.map(([o, label]) => (
            <option key={o} value={o}>
              {label}
            </option>
          ))}
        </select>
        <nav className="year-nav" aria-label={k.yearNav}>
          <Button onClick={() => go({ nam: year - 1 })} aria-label={k.yearBefore(year - 1)}>
            ←
          </Button>
          <strong aria-live="polite">{k.year(year)}</strong>
          <Button onClick={() => go({ nam: year + 1 })} aria-label={k.yearAfter(year + 1)}>
            →
          </Button>
        </nav>
      </div>
      {(settings.isError || view.isError) && (
        <ProblemAlert error={settings.error ?? view.error} onRetry={() => void reload(owner)} />
      )}
      {settings.data && view.data ? (
        <div key={`${owner}-${year}-${reloads}`}>
          <YearStatus owner={owner} year={year} settings={settings.data} view={view.data} onReload={again} />
          <section className="panel" aria-labelledby={`${id}-grid`}>
            <h2 id={`${id}-grid`}>{k.yearTitle(year)}</h2>
            <YearGrid year={year} entries={view.data.entries} />
          </section>
          <EntriesPanel
            owner={owner}
            year={year}
            version={settings.data.version}
            listed={view.data.entries}
            onReload={again}
          />
          <HoursForm owner={owner} settings={settings.data} onReload={again} />
        </div>
      ) : (
        !settings.isError && !view.isError && <PageLoading />
      )}
    </>
  );
}

/** Whether the year is official, confirmed or provisional; a provisional year of the province can be confirmed. */
function YearStatus({
  owner,
  year,
  settings,
  view,
  onReload,
}: {
  owner: Owner;
  year: number;
  settings: CalendarSettings;
  view: YearView;
  onReload(): void;
}) {
  const { t } = useI18n();
  const k = t.consoleAdmin.calendar;
  const changed = useCalendarChanged();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<unknown>(null);
  const confirm = async () => {
    setBusy(true);
    setProblem(null);
    try {
      await changed(owner, await confirmYear(owner, year, settings.version));
    } catch (error) {
      setProblem(error);
    } finally {
      setBusy(false);
      setAsking(false);
    }
  };
  if (!view.provisional) {
    return (
      <p className="year-status">
        {k.status[view.status as keyof typeof k.status] ?? view.status}
        {view.confirmedAt && ` · ${k.confirmedAt(new Date(view.confirmedAt).toLocaleDateString('vi-VN'))}`}
      </p>
    );
  }
  return (
    <>
      <Alert
        type="warning"
        showIcon
        className="admin-notice"
        title={k.provisionalTitle(year)}
        description={
          <>
            <p>{k.provisionalText}</p>
            {owner === 'province' && <Button onClick={() => setAsking(true)}>{k.confirmYear(year)}</Button>}
          </>
        }
      />
      <EditProblem error={problem} onReload={onReload} />
      {asking && (
        <ConfirmDialog
          title={k.confirmTitle(year)}
          confirm={k.confirmYear(year)}
          busy={busy}
          onConfirm={() => void confirm()}
          onClose={() => setAsking(false)}
        >
          <p>{k.confirmText}</p>
        </ConfirmDialog>
      )}
    </>
  );
}
