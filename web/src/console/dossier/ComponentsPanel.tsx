// The dossier's components with their files: each file opens in the viewer below the list (PDF pages or the
// image), or downloads. Staff who may act on the dossier attach more files here (a supplement brought to the desk).
import { Button } from 'antd';
import { lazy, Suspense, useId, useState } from 'react';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { type DossierView, fileUrl, uploadComponent, useComponents } from '../api/dossiers.ts';
import { formatDateTime } from '../parts.tsx';
import type { ViewedFile } from './DocumentViewer.tsx';

const DocumentViewer = lazy(() => import('./DocumentViewer.tsx'));

const kb = (size: number) => `${Math.max(1, Math.round(size / 1024))} KB`;

export function ComponentsPanel({ dossier, canAttach }: { dossier: DossierView; canAttach: boolean }) {
  const { t } = useI18n();
  const id = useId();
  const components = useComponents(dossier.id);
  const [viewed, setViewed] = useState<ViewedFile | null>(null);
  const [upload, setUpload] = useState<{ component: number; file: File } | null>(null);
  const [problem, setProblem] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const attach = async () => {
    if (!upload) return;
    setBusy(true);
    setProblem(null);
    try {
      await uploadComponent(dossier.id, upload.component, upload.file);
      setUpload(null);
      await components.refetch();
    } catch (error) {
      setProblem(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel" aria-labelledby="components-title">
      <h2 id="components-title">{t.console.desk.components.replace(/^\d+\.\s*/, '')}</h2>
      {components.isError && <ProblemAlert error={components.error} onRetry={() => void components.refetch()} />}
      <ol className="components-list">
        {(components.data ?? []).map((c) => (
          <li key={c.index}>
            <p className="components-list__name" lang="vi">
              {c.name}
              {c.required && <span className="required-mark"> *</span>}
            </p>
            {c.files.length === 0 && <p className="muted">{t.console.dossier.noFile}</p>}
            <ul className="plain">
              {c.files.map((f) => (
                <li key={f.id} className="components-list__file">
                  <Button
                    size="small"
                    aria-pressed={viewed?.url === fileUrl(dossier.id, f.id)}
                    onClick={() => setViewed({ url: fileUrl(dossier.id, f.id), name: f.fileName, mime: f.mime })}
                  >
                    {t.console.dossier.view(f.fileName)}
                  </Button>
                  <a href={fileUrl(dossier.id, f.id)} download={f.fileName}>
                    {t.console.dossier.download}
                  </a>
                  <span className="muted">
                    {kb(f.size)} · {formatDateTime(f.uploadedAt)}
                  </span>
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ol>
      {canAttach && components.data && components.data.length > 0 && (
        <div className="attach-row">
          <div className="field">
            <label htmlFor={`${id}-component`}>{t.console.dossier.attachTo}</label>
            <select
              id={`${id}-component`}
              value={upload?.component ?? 1}
              onChange={(e) => setUpload((u) => (u ? { ...u, component: Number(e.target.value) } : u))}
            >
              {components.data.map((c) => (
                <option key={c.index} value={c.index}>
                  {c.index}. {c.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-file`}>{t.console.dossier.file}</label>
            <input
              id={`${id}-file`}
              type="file"
              onChange={(e) => {
                const file = e.target.files?.[0];
                const component = Number((document.getElementById(`${id}-component`) as HTMLSelectElement).value);
                setUpload(file ? { component, file } : null);
              }}
            />
          </div>
          <Button onClick={() => void attach()} disabled={!upload} loading={busy}>
            {t.console.dossier.attach}
          </Button>
        </div>
      )}
      {problem !== null && <ProblemAlert error={problem} />}
      {viewed && (
        <div className="viewer-box">
          <div className="viewer-box__head">
            <strong>{viewed.name}</strong>
            <Button size="small" onClick={() => setViewed(null)}>
              {t.console.close}
            </Button>
          </div>
          <Suspense fallback={<p role="status">{t.site.loading}</p>}>
            <DocumentViewer file={viewed} />
          </Suspense>
        </div>
      )}
    </section>
  );
}
