// Moving the dossiers still running on version N onto version N+1, once N+1 is published: each old step is mapped
// to a new one (the same id by default), a dry run says what would move, what cannot and why, and what is left
// alone; only then can the moves be applied, after a confirmation. The server plans again for each dossier as it
// moves, so a dossier that moved on meanwhile is reported, never forced.
import { Button } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { ProblemAlert } from '../../../components/ProblemAlert.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { ConsoleProblem } from '../../api/http.ts';
import { describedBy, Field } from '../../parts.tsx';
import { ConfirmDialog } from '../common.tsx';
import { type MigrationReport, migrateDossiers, type StepDefinition, useWorkflowVersion } from './api.ts';
import { StepOptions } from './StepFields.tsx';

type Mapping = Record<string, string>;

/** Each open step of the old version to the new step of the same id, where there is one. */
function sameIds(from: readonly StepDefinition[], to: readonly StepDefinition[]): Mapping {
  const ids = new Set(to.map((s) => s.id));
  return Object.fromEntries(from.filter((s) => !s.terminal && ids.has(s.id)).map((s) => [s.id, s.id]));
}

export function MigrationPanel({
  code,
  fromVersion,
  toVersion,
}: {
  code: string;
  fromVersion: number;
  toVersion: number;
}) {
  const { t } = useI18n();
  const m = t.consoleAdmin.migration;
  const from = useWorkflowVersion(code, fromVersion);
  const to = useWorkflowVersion(code, toVersion);
  const [edited, setEdited] = useState<Mapping | null>(null);
  const [report, setReport] = useState<{ mapping: string; report: MigrationReport; applied: boolean } | null>(null);
  const [problem, setProblem] = useState<unknown>(null);
  const [busy, setBusy] = useState<'dry' | 'apply' | null>(null);
  const [asking, setAsking] = useState(false);
  const oldSteps = (from.data?.definition.steps ?? []).filter((s) => !s.terminal);
  const newSteps = to.data?.definition.steps ?? [];
  const mapping = edited ?? sameIds(oldSteps, newSteps);
  const key = JSON.stringify(mapping);
  const planned = report && report.mapping === key && !report.applied ? report.report : null;

  const run = async (apply: boolean) => {
    setBusy(apply ? 'apply' : 'dry');
    setProblem(null);
    try {
      const answer = await migrateDossiers(code, { fromVersion, mapping, apply });
      setReport({ mapping: key, report: answer, applied: apply });
    } catch (error) {
      setProblem(error);
    } finally {
      setBusy(null);
      setAsking(false);
    }
  };

  const errorOf = (step: string) =>
    problem instanceof ConsoleProblem ? problem.messageFor(`mapping.${step}`) : undefined;

  return (
    <section className="panel" aria-labelledby="migration-heading">
      <h2 id="migration-heading">{m.title(fromVersion, toVersion)}</h2>
      <p className="muted">{m.lead}</p>
      {(from.isError || to.isError) && <ProblemAlert error={from.error ?? to.error} />}
      {/* Until both versions are here the default mapping is not known: a select showing "keep" would be a lie. */}
      {(from.isPending || to.isPending) && <p role="status">{t.site.loading}</p>}
      {from.data && to.data && (
        <form
          className="console-form"
          onSubmit={(e) => {
            e.preventDefault();
            void run(false);
          }}
        >
          <div className="mapping-grid">
            {oldSteps.map((step) => {
              const id = `mapping-${step.id}`;
              return (
                <Field key={step.id} id={id} label={m.oldStep(step.name, step.id)} error={errorOf(step.id)}>
                  <select
                    id={id}
                    value={mapping[step.id] ?? ''}
                    aria-describedby={describedBy(id, errorOf(step.id))}
                    onChange={(e) => {
                      const { [step.id]: _old, ...rest } = mapping;
                      setEdited(e.target.value ? { ...rest, [step.id]: e.target.value } : rest);
                    }}
                  >
                    <option value="">{m.keep}</option>
                    <StepOptions steps={newSteps} />
                  </select>
                </Field>
              );
            })}
          </div>
          {problem !== null && <ProblemAlert error={problem} />}
          <div className="form-actions">
            <Button htmlType="submit" loading={busy === 'dry'}>
              {m.dryRun}
            </Button>
            <Button
              type="primary"
              danger
              disabled={!planned || planned.totals.moves === 0}
              onClick={() => setAsking(true)}
            >
              {m.apply(planned?.totals.moves ?? 0)}
            </Button>
          </div>
          {!planned && !report?.applied && <p className="muted">{m.dryRunFirst}</p>}
        </form>
      )}
      {report && <MigrationResult report={report.report} applied={report.applied} />}
      {asking && planned && (
        <ConfirmDialog
          title={m.confirmTitle(planned.totals.moves, toVersion)}
          confirm={m.confirm}
          busy={busy === 'apply'}
          onConfirm={() => void run(true)}
          onClose={() => setAsking(false)}
        >
          <p>{m.confirmText(planned.totals.blocked, planned.totals.skipped)}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}

function DossierLink({ id }: { id: string }) {
  return (
    <Link to={`/can-bo/ho-so/${id}`}>
      <code>{id.slice(0, 8)}</code>
    </Link>
  );
}

function MigrationResult({ report, applied }: { report: MigrationReport; applied: boolean }) {
  const { t } = useI18n();
  const m = t.consoleAdmin.migration;
  const { totals } = report;
  return (
    <div className="migration-result">
      <div role="status">
        <h3>{applied ? m.appliedTitle : m.dryRunTitle}</h3>
        <ul className="totals">
          {applied && <li className="totals__moved">{m.moved(report.moved)}</li>}
          <li>{applied ? m.plannedMoves(totals.moves) : m.moves(totals.moves)}</li>
          <li>{m.blocked(totals.blocked)}</li>
          <li>{m.skipped(totals.skipped)}</li>
          {applied && report.changed.length > 0 && <li>{m.changed(report.changed.length)}</li>}
        </ul>
      </div>
      {report.moves.length > 0 && (
        <details>
          <summary>{m.movesList(totals.moves)}</summary>
          <table className="data-table">
            <caption className="visually-hidden">{m.movesList(totals.moves)}</caption>
            <thead>
              <tr>
                <th scope="col">{m.dossier}</th>
                <th scope="col">{m.fromStep}</th>
                <th scope="col">{m.toStep}</th>
              </tr>
            </thead>
            <tbody>
              {report.moves.map((row) => (
                <tr key={row.dossierId}>
                  <td>
                    <DossierLink id={row.dossierId} />
                  </td>
                  <td>
                    <code>{row.fromStep}</code>
                  </td>
                  <td>
                    <code>{row.toStep}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
      <ReasonList title={m.blockedList(totals.blocked)} rows={report.blocked} />
      <ReasonList title={m.skippedList(totals.skipped)} rows={report.skipped} />
      {applied && <ReasonList title={m.changedList(report.changed.length)} rows={report.changed} />}
    </div>
  );
}

function ReasonList({ title, rows }: { title: string; rows: { dossierId: string; reason: string; step?: string }[] }) {
  const { t } = useI18n();
  const m = t.consoleAdmin.migration;
  if (rows.length === 0) return null;
  return (
    <details>
      <summary>{title}</summary>
      <table className="data-table">
        <caption className="visually-hidden">{title}</caption>
        <thead>
          <tr>
            <th scope="col">{m.dossier}</th>
            <th scope="col">{m.reason}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.dossierId}>
              <td>
                <DossierLink id={row.dossierId} />
              </td>
              <td lang="vi">
                {row.step && <code>{row.step}</code>} {row.reason}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
