// Working hours: the periods of each day of the week (Monday first on screen, Sunday first in the API), those of a
// make-up day, and the cut-off after which a paper dossier counts from the next working day. Saved with the
// calendar's version (If-Match); an agency's first save gives it hours of its own.
import { Button } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../../i18n/index.tsx';
import { EditProblem, fieldProblem } from '../common.tsx';
import {
  type CalendarSettings,
  type Owner,
  type Period,
  replaceHours,
  useCalendarChanged,
  type WorkingHours,
} from './api.ts';

const MONDAY_FIRST = [1, 2, 3, 4, 5, 6, 0] as const;

/** A time of day as offices write it, 24-hour HH:MM (the browser's time control may show AM/PM instead). */
function TimeInput({ label, value, onChange }: { label: string; value: string; onChange(value: string): void }) {
  return (
    <input
      type="text"
      className="text-input time-input"
      inputMode="numeric"
      maxLength={5}
      placeholder="07:30"
      aria-label={label}
      value={value}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}

function Periods({
  id,
  label,
  periods,
  error,
  onChange,
}: {
  id: string;
  label: string;
  periods: Period[];
  error: string | undefined;
  onChange(periods: Period[]): void;
}) {
  const { t } = useI18n();
  const k = t.consoleAdmin.calendar;
  const set = (i: number, change: Partial<Period>) =>
    onChange(periods.map((p, j) => (j === i ? { ...p, ...change } : p)));
  return (
    <fieldset className="periods" aria-describedby={error ? `${id}-error` : undefined}>
      <legend>{label}</legend>
      {periods.length === 0 && <span className="muted">{k.dayOff}</span>}
      {periods.map((p, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: periods are in order of the day and edited in place
        <span key={i} className="period">
          <TimeInput label={k.from(label, i + 1)} value={p.start} onChange={(start) => set(i, { start })} />
          –
          <TimeInput label={k.to(label, i + 1)} value={p.end} onChange={(end) => set(i, { end })} />
          <Button
            size="small"
            onClick={() => onChange(periods.filter((_, j) => j !== i))}
            aria-label={k.removePeriod(label, i + 1)}
          >
            ×
          </Button>
        </span>
      ))}
      <Button size="small" onClick={() => onChange([...periods, { start: '13:00', end: '17:00' }])}>
        {k.addPeriod}
      </Button>
      {error && (
        <p className="field__error" id={`${id}-error`} role="alert" lang="vi">
          {error}
        </p>
      )}
    </fieldset>
  );
}

export function HoursForm({
  owner,
  settings,
  onReload,
}: {
  owner: Owner;
  settings: CalendarSettings;
  onReload(): void;
}) {
  const { t } = useI18n();
  const k = t.consoleAdmin.calendar;
  const changed = useCalendarChanged();
  const [hours, setHours] = useState<WorkingHours>(settings.hours);
  const [problem, setProblem] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const dirty = JSON.stringify(hours) !== JSON.stringify(settings.hours);

  const save = async () => {
    setBusy(true);
    setProblem(null);
    setSaved(false);
    try {
      await changed(owner, await replaceHours(owner, settings.version, hours));
      setSaved(true);
    } catch (error) {
      setProblem(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel" aria-labelledby="cal-hours">
      <h2 id="cal-hours">{k.hours}</h2>
      {!settings.ownHours && <p className="muted">{k.inheritedHours}</p>}
      <form
        className="console-form"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <EditProblem error={problem} onReload={onReload} />
        {MONDAY_FIRST.map((day) => (
          <Periods
            key={day}
            id={`cal-week-${day}`}
            label={k.weekdays[day]}
            periods={hours.weekly[day] ?? []}
            error={fieldProblem(problem, `weekly.${day}`)}
            onChange={(periods) =>
              setHours({ ...hours, weekly: hours.weekly.map((p, d) => (d === day ? periods : p)) })
            }
          />
        ))}
        <Periods
          id="cal-make-up"
          label={k.makeUpDay}
          periods={hours.makeUpDay}
          error={fieldProblem(problem, 'makeUpDay')}
          onChange={(makeUpDay) => setHours({ ...hours, makeUpDay })}
        />
        <fieldset className="periods">
          <legend>{k.cutOff}</legend>
          <label className="inline-check">
            <input
              type="checkbox"
              className="checkbox"
              checked={hours.paperCutOff !== null}
              onChange={(e) => setHours({ ...hours, paperCutOff: e.target.checked ? '15:00' : null })}
            />{' '}
            {k.cutOffOn}
          </label>
          {hours.paperCutOff !== null && (
            <TimeInput
              label={k.cutOff}
              value={hours.paperCutOff}
              onChange={(paperCutOff) => setHours({ ...hours, paperCutOff })}
            />
          )}
          <p className="field__hint">{k.cutOffHint}</p>
        </fieldset>
        <div className="form-actions">
          <Button type="primary" htmlType="submit" loading={busy} disabled={!dirty}>
            {k.saveHours}
          </Button>
          <span className="save-state" role="status">
            {saved && !dirty ? k.hoursSaved : ''}
          </span>
        </div>
      </form>
    </section>
  );
}
