// Choosing the dossier's result documents inside an action's dialog: tick those made already, make one from a
// template of the procedure, or upload a PDF. `single` (for a signature) keeps one chosen.
import { Button } from 'antd';
import { useId, useState } from 'react';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { useI18n } from '../../i18n/index.tsx';
import {
  type ResultDocument,
  resultFromTemplate,
  uploadResult,
  useResults,
  useResultsRefresh,
  useResultTemplates,
} from '../api/results.ts';

export function ResultPicker({
  dossierId,
  procedureCode,
  chosen,
  onChange,
  single,
}: {
  dossierId: string;
  procedureCode: string;
  chosen: string[];
  onChange(ids: string[]): void;
  single?: boolean;
}) {
  const { t } = useI18n();
  const id = useId();
  const results = useResults(dossierId);
  const templates = useResultTemplates(procedureCode, !single);
  const refresh = useResultsRefresh();
  const [template, setTemplate] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<unknown>(null);

  const add = async (make: () => Promise<ResultDocument>) => {
    setBusy(true);
    setProblem(null);
    try {
      const made = await make();
      await refresh(dossierId);
      onChange(single ? [made.id] : [...chosen, made.id]);
    } catch (error) {
      setProblem(error);
    } finally {
      setBusy(false);
    }
  };
  const toggle = (resultId: string, on: boolean) =>
    onChange(single ? [resultId] : on ? [...chosen, resultId] : chosen.filter((c) => c !== resultId));

  return (
    <fieldset className="result-picker">
      <legend>{single ? t.console.actions.signWhat : t.console.actions.documents}</legend>
      {results.isError && <ProblemAlert error={results.error} onRetry={() => void results.refetch()} />}
      {results.data?.length === 0 && <p className="muted">{t.console.actions.noResults}</p>}
      <ul className="plain result-picker__list">
        {(results.data ?? []).map((r) => (
          <li key={r.id}>
            <label>
              <input
                type={single ? 'radio' : 'checkbox'}
                name={`${id}-result`}
                className="checkbox"
                checked={chosen.includes(r.id)}
                onChange={(e) => toggle(r.id, e.target.checked)}
              />{' '}
              <span lang="vi">{r.title}</span>
              <span className="muted"> · {t.console.actions.signatures(r.signatures.length)}</span>
            </label>
          </li>
        ))}
      </ul>
      {!single && (
        <div className="result-picker__make">
          <div className="field">
            <label htmlFor={`${id}-template`}>{t.console.actions.fromTemplate}</label>
            <select id={`${id}-template`} value={template} onChange={(e) => setTemplate(e.target.value)}>
              <option value="">{t.console.desk.choose}</option>
              {(templates.data ?? []).map((tpl) => (
                <option key={tpl.code} value={tpl.code}>
                  {tpl.name}
                </option>
              ))}
            </select>
          </div>
          <Button
            disabled={!template || busy}
            loading={busy}
            onClick={() => void add(() => resultFromTemplate(dossierId, template))}
          >
            {t.console.actions.make}
          </Button>
          <div className="field">
            <label htmlFor={`${id}-upload`}>{t.console.actions.upload}</label>
            <input
              id={`${id}-upload`}
              type="file"
              accept=".pdf"
              onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            />
          </div>
          <Button
            disabled={!file || busy}
            onClick={() => file && void add(() => uploadResult(dossierId, file, file.name.replace(/\.pdf$/i, '')))}
          >
            {t.console.actions.attachFile}
          </Button>
        </div>
      )}
      {problem !== null && <ProblemAlert error={problem} />}
    </fieldset>
  );
}
