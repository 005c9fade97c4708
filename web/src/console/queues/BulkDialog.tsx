// Assigning or moving several dossiers at once. The dossiers are read when the dialog opens (their versions are
// what the person decides on), then each gets its own request; the outcome of each is shown on its own row.
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Modal } from 'antd';
import { useId, useState } from 'react';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { type ActionBody, useDossierRefresh } from '../api/dossiers.ts';
import { useAgencyStaff } from '../api/staff.ts';
import { useSession } from '../session.tsx';
import { type BulkOutcome, commonMoves, readAll, runBulk } from './bulk.ts';

export function BulkDialog({
  kind,
  ids,
  onClose,
}: {
  kind: 'assign' | 'move';
  ids: string[];
  onClose(done: string[]): void;
}) {
  const { t } = useI18n();
  const id = useId();
  const { agency } = useSession();
  const refresh = useDossierRefresh();
  const seen = useQuery({ queryKey: ['bulk-read', ids], queryFn: () => readAll(ids), staleTime: Infinity, gcTime: 0 });
  const staff = useAgencyStaff(agency.id, kind === 'assign');
  const moves = commonMoves(seen.data ?? []);
  const [assignee, setAssignee] = useState('');
  const [move, setMove] = useState('');
  const [text, setText] = useState('');
  const [outcomes, setOutcomes] = useState<Map<string, BulkOutcome>>(new Map());
  const [running, setRunning] = useState(false);
  const chosenMove = moves.find((m) => m.id === (move || moves[0]?.id));
  const finished = outcomes.size > 0 && !running;

  const run = async () => {
    if (!seen.data) return;
    const action = kind === 'assign' ? 'assign' : (chosenMove?.id ?? '');
    const body: ActionBody =
      kind === 'assign'
        ? { assignee }
        : Object.fromEntries((chosenMove?.needs ?? []).map((need) => [need, text.trim()]));
    setRunning(true);
    setOutcomes(new Map(seen.data.map((v) => [v.id, { id: v.id, status: 'pending' }])));
    await runBulk(
      seen.data,
      action,
      body,
      (outcome) => {
        if (outcome.status === 'done') refresh(outcome.view);
        setOutcomes((m) => new Map(m).set(outcome.id, outcome));
      },
      (view) => t.console.list.notAllowed(view.stepName),
    );
    setRunning(false);
  };

  const done = [...outcomes.values()].filter((o) => o.status === 'done').map((o) => o.id);
  const ready =
    kind === 'assign'
      ? assignee !== ''
      : chosenMove !== undefined && (chosenMove.needs.length === 0 || text.trim() !== '');

  return (
    <Modal
      open
      title={kind === 'assign' ? t.console.list.assignTitle(ids.length) : t.console.list.moveTitle(ids.length)}
      onCancel={() => onClose(done)}
      footer={
        finished ? (
          <Button type="primary" onClick={() => onClose(done)}>
            {t.console.close}
          </Button>
        ) : (
          <>
            <Button onClick={() => onClose(done)}>{t.console.cancel}</Button>
            <Button type="primary" onClick={() => void run()} loading={running} disabled={!ready || !seen.data}>
              {kind === 'assign' ? t.console.list.assign : t.console.list.move}
            </Button>
          </>
        )
      }
    >
      {seen.isError && <ProblemAlert error={seen.error} />}
      {seen.isPending && <p role="status">{t.site.loading}</p>}
      {seen.data && !finished && kind === 'assign' && (
        <div className="field">
          <label htmlFor={`${id}-assignee`}>{t.console.actions.assignee}</label>
          <select id={`${id}-assignee`} value={assignee} onChange={(e) => setAssignee(e.target.value)}>
            <option value="">{t.console.desk.choose}</option>
            {(staff.data ?? []).map((s) => (
              <option key={s.id} value={s.id}>
                {s.fullName}
                {s.position ? ` — ${s.position}` : ''}
              </option>
            ))}
          </select>
        </div>
      )}
      {seen.data && !finished && kind === 'move' && moves.length === 0 && (
        <Alert type="warning" showIcon title={t.console.list.noCommonMove} />
      )}
      {seen.data && !finished && kind === 'move' && moves.length > 0 && (
        <>
          <div className="field">
            <label htmlFor={`${id}-move`}>{t.console.list.moveTo}</label>
            <select id={`${id}-move`} value={chosenMove?.id ?? ''} onChange={(e) => setMove(e.target.value)}>
              {moves.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name}
                </option>
              ))}
            </select>
          </div>
          {(chosenMove?.needs.length ?? 0) > 0 && (
            <div className="field">
              <label htmlFor={`${id}-text`}>
                {chosenMove?.needs.includes('reason') ? t.console.actions.reason : t.console.actions.opinion}
              </label>
              <textarea
                id={`${id}-text`}
                className="textarea"
                rows={3}
                value={text}
                onChange={(e) => setText(e.target.value)}
              />
            </div>
          )}
        </>
      )}
      {outcomes.size > 0 && (
        <table className="data-table bulk-outcomes">
          <caption>{t.console.list.outcomes}</caption>
          <thead>
            <tr>
              <th scope="col">{t.console.list.code}</th>
              <th scope="col">{t.console.list.outcome}</th>
            </tr>
          </thead>
          <tbody>
            {(seen.data ?? []).map((v) => {
              const o = outcomes.get(v.id);
              return (
                <tr key={v.id}>
                  <td className="nowrap">{v.code ?? v.applicant.name}</td>
                  <td
                    className={
                      o?.status === 'done' ? 'row-outcome--ok' : o?.status === 'failed' ? 'row-outcome--failed' : ''
                    }
                    lang="vi"
                  >
                    {o?.status === 'done'
                      ? t.console.list.doneRow
                      : o?.status === 'failed'
                        ? o.problem
                        : t.console.list.pendingRow}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </Modal>
  );
}
