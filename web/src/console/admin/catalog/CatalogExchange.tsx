// Exporting the catalogue in force (JSON, lossless, or an XLSX workbook) and importing a file of procedures: the
// upload shows its progress, then the server checks the whole file and imports all of it or nothing, naming each
// problem (a JSON path, or a workbook's sheet, row and column).
import { Alert, Progress } from 'antd';
import { useId, useRef, useState } from 'react';
import { ProblemAlert } from '../../../components/ProblemAlert.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { ConsoleProblem } from '../../api/http.ts';
import { exportUrl, type ImportReport, importCatalog, useCatalogRefresh } from './api.ts';

type Stage =
  | { kind: 'idle' }
  | { kind: 'sending'; sent: number }
  | { kind: 'checking' }
  | { kind: 'done'; report: ImportReport };

export function CatalogExchange() {
  const { t } = useI18n();
  const c = t.consoleAdmin.catalog;
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [stage, setStage] = useState<Stage>({ kind: 'idle' });
  const [problem, setProblem] = useState<unknown>(null);
  const refresh = useCatalogRefresh();

  const send = async (file: File) => {
    setProblem(null);
    setStage({ kind: 'sending', sent: 0 });
    try {
      const report = await importCatalog(file, (sent) =>
        setStage(sent < 1 ? { kind: 'sending', sent } : { kind: 'checking' }),
      );
      setStage({ kind: 'done', report });
      await Promise.all(report.created.concat(report.updated).map((code) => refresh(code)));
    } catch (error) {
      setProblem(error);
      setStage({ kind: 'idle' });
    } finally {
      if (input.current) input.current.value = '';
    }
  };

  const busy = stage.kind === 'sending' || stage.kind === 'checking';
  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{c.exchange}</h2>
      <h3>{c.exportTitle}</h3>
      <p className="muted">{c.exportLead}</p>
      <p className="form-actions">
        <a className="admin-link-button" href={exportUrl('xlsx')} download>
          {c.exportXlsx}
        </a>
        <a className="admin-link-button admin-link-button--plain" href={exportUrl('json')} download>
          {c.exportJson}
        </a>
      </p>
      <h3>{c.importTitle}</h3>
      <p className="muted">{c.importLead}</p>
      <label htmlFor={`${id}-file`} className="file-label">
        {c.importFile}
      </label>
      <input
        ref={input}
        id={`${id}-file`}
        type="file"
        accept=".json,.xlsx,application/json"
        disabled={busy}
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) void send(file);
        }}
      />
      <div aria-live="polite">
        {stage.kind === 'sending' && (
          <Progress percent={Math.round(stage.sent * 100)} aria-label={c.sending} status="active" />
        )}
        {stage.kind === 'sending' && <p>{c.sending}</p>}
        {stage.kind === 'checking' && (
          <>
            <Progress percent={100} status="active" aria-label={c.checking} />
            <p>{c.checking}</p>
          </>
        )}
        {stage.kind === 'done' && (
          <Alert
            type="success"
            showIcon
            title={c.imported(stage.report.created.length, stage.report.updated.length, stage.report.unchanged.length)}
          />
        )}
      </div>
      {problem !== null && <ImportProblem error={problem} />}
    </section>
  );
}

/** A refused file: the title, then every problem the server found, where it found it. */
function ImportProblem({ error }: { error: unknown }) {
  if (!(error instanceof ConsoleProblem) || error.errors.length === 0) return <ProblemAlert error={error} />;
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={<span lang="vi">{error.title}</span>}
      description={
        <ul className="problem-list" lang="vi">
          {error.errors.slice(0, 50).map((e) => (
            <li key={`${e.field}: ${e.message}`}>
              <code>{e.field}</code>: {e.message}
            </li>
          ))}
        </ul>
      }
    />
  );
}
