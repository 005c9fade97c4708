// System settings (/can-bo/quan-tri/cai-dat), for system administrators: the province's operational settings, each
// a form of its own saved with its version (a conflict keeps what was typed) and put back to its default after a
// confirmation; then the process configuration, read-only, its secrets masked by the server.
import { Button } from 'antd';
import { useId, useState } from 'react';
import { useI18n } from '../../../i18n/index.tsx';
import { formatDateTime, PageHeading, PageLoading } from '../../parts.tsx';
import { ConfirmDialog, EditProblem, fieldProblem, ListState, TextField } from '../common.tsx';
import {
  resetSetting,
  type Setting,
  saveSetting,
  useProcessConfiguration,
  useSettingChanged,
  useSettings,
  useSettingsReload,
} from './api.ts';
import './settings.css';

const textOf = (value: unknown) => (value === null || value === undefined ? '' : String(value));

/** What the form sends: a whole number for an integer setting when it reads as one, else the text as typed (the
 * server then names what is wrong with it). */
function sentValue(setting: Setting, text: string): unknown {
  return setting.schema.type === 'integer' && /^\s*-?\d+\s*$/.test(text) ? Number(text) : text;
}

export function SettingsPage() {
  const { t, lang } = useI18n();
  const s = t.consoleAdmin.settings;
  const settings = useSettings();
  const reload = useSettingsReload();
  const [reloads, setReloads] = useState(0);
  const again = () => void reload().then(() => setReloads((n) => n + 1));
  return (
    <>
      <PageHeading title={s.title} />
      {settings.data && <p className="muted">{s.lead(settings.data.refreshSeconds)}</p>}
      <ListState
        loading={settings.isPending}
        error={settings.error}
        empty={settings.data?.items.length === 0}
        onRetry={() => void settings.refetch()}
      />
      {settings.data?.items.map((setting) => (
        <SettingForm key={`${setting.key}-${reloads}`} setting={setting} onReload={again} />
      ))}
      <ProcessConfiguration
        labels={Object.fromEntries((settings.data?.items ?? []).map((setting) => [setting.key, setting.label[lang]]))}
      />
    </>
  );
}

function SettingForm({ setting, onReload }: { setting: Setting; onReload(): void }) {
  const { t, lang } = useI18n();
  const s = t.consoleAdmin.settings;
  const id = useId();
  const changed = useSettingChanged();
  const [text, setText] = useState(textOf(setting.value));
  const [problem, setProblem] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const [asking, setAsking] = useState(false);
  const dirty = text !== textOf(setting.value);
  const label = setting.label[lang];
  const shown = (value: unknown) => textOf(value) || s.empty;

  const run = async (work: () => Promise<Setting>, message: string) => {
    setBusy(true);
    setProblem(null);
    setDone(null);
    try {
      const after = await work();
      changed(after);
      setText(textOf(after.value));
      setDone(message);
    } catch (error) {
      setProblem(error);
    } finally {
      setBusy(false);
      setAsking(false);
    }
  };

  return (
    <section className="panel setting" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{label}</h2>
      <form
        className="console-form"
        onSubmit={(e) => {
          e.preventDefault();
          void run(() => saveSetting(setting.key, setting.version, sentValue(setting, text)), s.saved);
        }}
      >
        <EditProblem error={problem} onReload={onReload} />
        <TextField
          id={`${id}-value`}
          label={s.value}
          value={text}
          onChange={setText}
          error={fieldProblem(problem, 'value')}
          hint={setting.help[lang]}
          {...(setting.schema.type === 'integer' ? { type: 'number' as const } : {})}
          {...((setting.schema.maxLength ?? 0) > 100 ? { rows: 3 } : {})}
        />
        <ul className="setting__facts">
          <li>{s.defaultIs(shown(setting.default), setting.variable)}</li>
          <li>
            {setting.source === 'default'
              ? s.fromDefault
              : s.changedBy(setting.updatedBy ?? '', formatDateTime(setting.updatedAt))}
          </li>
          {setting.public && <li>{s.publicNote}</li>}
        </ul>
        <div className="form-actions">
          <Button type="primary" htmlType="submit" loading={busy && !asking} disabled={!dirty}>
            {s.save}
          </Button>
          <Button onClick={() => setAsking(true)} disabled={setting.source === 'default'}>
            {s.reset}
          </Button>
          <span className="save-state" role="status">
            {done && !dirty ? done : ''}
          </span>
        </div>
      </form>
      {asking && (
        <ConfirmDialog
          title={s.resetTitle(label)}
          confirm={s.reset}
          busy={busy}
          onConfirm={() => void run(() => resetSetting(setting.key, setting.version), s.wasReset)}
          onClose={() => setAsking(false)}
        >
          <p>{s.resetText(shown(setting.default))}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}

/** `labels`: the settings' labels by key, for the variables that give a setting its default. */
function ProcessConfiguration({ labels }: { labels: Readonly<Record<string, string>> }) {
  const { t } = useI18n();
  const s = t.consoleAdmin.settings;
  const id = useId();
  const variables = useProcessConfiguration();
  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{s.process}</h2>
      <p className="muted">{s.processLead}</p>
      {variables.data ? (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a region that scrolls sideways on a phone must take focus
        <section className="table-wrap" tabIndex={0} aria-label={s.process}>
          <table className="data-table process-table">
            <caption className="visually-hidden">{s.process}</caption>
            <thead>
              <tr>
                <th scope="col">{s.variable}</th>
                <th scope="col">{s.effective}</th>
                <th scope="col">{s.set}</th>
              </tr>
            </thead>
            <tbody>
              {variables.data.map((v) => (
                <tr key={v.name}>
                  <th scope="row">
                    <code>{v.name}</code>
                  </th>
                  <td className="process-table__value">
                    {v.value ?? s.none}
                    {v.secret && v.value && <span className="muted"> ({s.secret})</span>}
                    {v.defaultOf && <div className="muted">{s.defaultOf(labels[v.defaultOf] ?? v.defaultOf)}</div>}
                  </td>
                  <td>{v.set ? s.yes : s.no}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : variables.isError ? (
        <ListState loading={false} error={variables.error} empty={false} onRetry={() => void variables.refetch()} />
      ) : (
        <PageLoading />
      )}
    </section>
  );
}
