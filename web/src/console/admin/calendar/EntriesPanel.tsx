// The days of a year that differ from the ordinary week, listed; the calendar's own ones can be changed or removed
// and new ones added. Each change sends the year's whole list with the calendar's version (If-Match); a refused
// change leaves the form as it was typed, with the server's message beside the field it names (`entries.3.date`).
import { Button } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../../i18n/index.tsx';
import { formatDate } from '../../parts.tsx';
import { ConfirmDialog, EditProblem, fieldProblem, SelectField, TextField } from '../common.tsx';
import { type Entry, type EntryKind, type ListedEntry, type Owner, replaceEntries, useCalendarChanged } from './api.ts';

const blank = (year: number): Entry => ({ date: `${year}-01-01`, kind: 'holiday', name: '', legalNote: '' });
const KINDS: EntryKind[] = ['holiday', 'substitute', 'swap', 'make_up'];

/** The entries this calendar holds itself (an agency's view also lists those it inherits from the province). */
export const ownEntries = (entries: readonly ListedEntry[], owner: Owner): Entry[] =>
  entries
    .filter((e) =>
      owner === 'province' ? e.source === 'province' : e.source === 'agency' && e.sourceAgencyId === owner,
    )
    .map(({ date, kind, name, legalNote }) => ({ date, kind: kind as EntryKind, name, legalNote }));

export function EntriesPanel({
  owner,
  year,
  version,
  listed,
  onReload,
}: {
  owner: Owner;
  year: number;
  version: number;
  listed: readonly ListedEntry[];
  onReload(): void;
}) {
  const { t } = useI18n();
  const k = t.consoleAdmin.calendar;
  const changed = useCalendarChanged();
  const own = ownEntries(listed, owner);
  /** The entry in the form, and its place in the list (the list's length for a new one). */
  const [editing, setEditing] = useState<{ index: number; entry: Entry }>({ index: own.length, entry: blank(year) });
  const [removing, setRemoving] = useState<number | null>(null);
  const [problem, setProblem] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const isNew = editing.index >= own.length;
  const at = (field: string) => fieldProblem(problem, `entries.${editing.index}${field ? `.${field}` : ''}`);

  const send = async (entries: Entry[], after: () => void) => {
    setBusy(true);
    setProblem(null);
    try {
      await changed(owner, await replaceEntries(owner, year, version, entries));
      after();
    } catch (error) {
      setProblem(error);
    } finally {
      setBusy(false);
      setRemoving(null);
    }
  };
  const save = () => {
    const entries = isNew ? [...own, editing.entry] : own.map((e, i) => (i === editing.index ? editing.entry : e));
    void send(entries, () => setEditing({ index: entries.length, entry: blank(year) }));
  };
  const set = (change: Partial<Entry>) => setEditing({ ...editing, entry: { ...editing.entry, ...change } });
  const sourceOf = (e: ListedEntry) => (e.source === 'province' ? k.fromProvince : k.fromAgency);

  return (
    <section className="panel" aria-labelledby="cal-entries">
      <h2 id="cal-entries">{k.entries(year)}</h2>
      <div className="table-wrap">
        <table className="data-table">
          <caption className="visually-hidden">{k.entries(year)}</caption>
          <thead>
            <tr>
              <th scope="col">{k.date}</th>
              <th scope="col">{k.kind}</th>
              <th scope="col">{k.name}</th>
              <th scope="col">{k.source}</th>
              <th scope="col">
                <span className="visually-hidden">{k.change}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {listed.map((e) => {
              const index = own.findIndex((o) => o.date === e.date);
              return (
                <tr key={e.date} className={index >= 0 && index === editing.index ? 'is-selected' : undefined}>
                  <td className="nowrap">
                    {k.weekdays[e.weekday]}, {formatDate(e.date)}
                  </td>
                  <td>
                    {k.kinds[e.kind as EntryKind] ?? e.kind}
                    {e.provisional && <span className="version-tag version-tag--draft"> {k.provisionalTag}</span>}
                  </td>
                  <td lang="vi">
                    {e.name}
                    {e.legalNote && <span className="muted small-note">{e.legalNote}</span>}
                  </td>
                  <td>{sourceOf(e)}</td>
                  <td className="nowrap">
                    {index >= 0 && (
                      <>
                        <Button size="small" onClick={() => setEditing({ index, entry: own[index] as Entry })}>
                          {k.edit}
                        </Button>{' '}
                        <Button size="small" danger onClick={() => setRemoving(index)}>
                          {k.remove}
                        </Button>
                      </>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {listed.length === 0 && <p className="empty-list">{k.noEntries}</p>}
      <form
        className="console-form entry-form"
        onSubmit={(e) => {
          e.preventDefault();
          save();
        }}
      >
        <h3>{isNew ? k.addTitle : k.editTitle(formatDate(own[editing.index]?.date))}</h3>
        <EditProblem error={problem} onReload={onReload} />
        {at('') && (
          <p className="field__error" role="alert" lang="vi">
            {at('')}
          </p>
        )}
        <div className="field-grid-2">
          <TextField
            id="cal-date"
            label={k.date}
            type="date"
            value={editing.entry.date}
            error={at('date')}
            onChange={(date) => set({ date })}
          />
          <SelectField
            id="cal-kind"
            label={k.kind}
            value={editing.entry.kind}
            options={KINDS.map((kind) => [kind, k.kinds[kind]] as const)}
            error={at('kind')}
            onChange={(kind) => set({ kind: kind as EntryKind })}
          />
        </div>
        <TextField
          id="cal-name"
          label={k.name}
          value={editing.entry.name}
          error={at('name')}
          onChange={(name) => set({ name })}
        />
        <TextField
          id="cal-note"
          label={k.legalNote}
          hint={k.legalNoteHint}
          value={editing.entry.legalNote}
          error={at('legalNote')}
          onChange={(legalNote) => set({ legalNote })}
        />
        <div className="form-actions">
          <Button type="primary" htmlType="submit" loading={busy}>
            {isNew ? k.add : k.saveEntry}
          </Button>
          {!isNew && (
            <Button onClick={() => setEditing({ index: own.length, entry: blank(year) })}>{k.cancelEdit}</Button>
          )}
        </div>
      </form>
      {removing !== null && own[removing] && (
        <ConfirmDialog
          title={k.removeTitle(formatDate(own[removing].date))}
          confirm={k.remove}
          busy={busy}
          onConfirm={() =>
            void send(
              own.filter((_, i) => i !== removing),
              () => setEditing({ index: own.length - 1, entry: blank(year) }),
            )
          }
          onClose={() => setRemoving(null)}
        >
          <p lang="vi">{own[removing].name}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
