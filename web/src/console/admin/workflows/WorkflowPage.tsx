// One workflow (/can-bo/quan-tri/quy-trinh/:code): its versions, the diagram of the one chosen, the way to its
// draft (or to a new version), and, once a new version is published, moving the in-flight dossiers onto it.
import { Alert } from 'antd';
import { useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { ProblemAlert } from '../../../components/ProblemAlert.tsx';
import { labelOf, useI18n } from '../../../i18n/index.tsx';
import { formatDateTime, PageHeading, PageLoading } from '../../parts.tsx';
import { adminPath } from '../paths.ts';
import { diagramUrl, useWorkflow } from './api.ts';
import { Diagram } from './Diagram.tsx';
import { MigrationPanel } from './MigrationPanel.tsx';

export function WorkflowPage() {
  const { t } = useI18n();
  const w = t.consoleAdmin.workflows;
  const code = useParams().code ?? '';
  const { state } = useLocation() as { state: { published?: number } | null };
  const workflow = useWorkflow(code);
  const [chosen, setChosen] = useState<number | null>(null);

  if (workflow.isPending) return <PageLoading />;
  if (workflow.isError) return <ProblemAlert error={workflow.error} onRetry={() => void workflow.refetch()} />;
  const { name, versions } = workflow.data;
  const draft = versions.find((v) => v.status === 'draft');
  const published = versions.find((v) => v.status === 'published');
  const shown = chosen ?? published?.version ?? versions[0]?.version ?? 1;

  return (
    <>
      <p className="admin-back">
        <Link to={adminPath('workflows')}>{w.back}</Link>
      </p>
      <PageHeading title={name}>
        <Link className="admin-link-button" to={adminPath('workflows', `/${code}/ban-nhap`)}>
          {draft ? w.continueDraft(draft.version) : w.newVersion}
        </Link>
      </PageHeading>
      {state?.published && (
        <Alert type="success" showIcon role="status" title={w.publishedNow(state.published)} className="admin-notice" />
      )}
      <div className="admin-split">
        <section className="panel" aria-labelledby="wf-versions">
          <h2 id="wf-versions">{w.versions}</h2>
          <div className="table-wrap">
            <table className="data-table">
              <caption className="visually-hidden">{w.versions}</caption>
              <thead>
                <tr>
                  <th scope="col">{w.versionCol}</th>
                  <th scope="col">{w.status}</th>
                  <th scope="col">{w.publishedAt}</th>
                  <th scope="col">{w.diagram}</th>
                </tr>
              </thead>
              <tbody>
                {versions.map((v) => (
                  <tr key={v.version} className={v.version === shown ? 'is-selected' : undefined}>
                    <td className="nowrap">{w.version(v.version)}</td>
                    <td>
                      <span className={`version-tag version-tag--${v.status}`}>{labelOf(w.statuses, v.status)}</span>
                    </td>
                    <td className="nowrap">{formatDateTime(v.publishedAt)}</td>
                    <td>
                      <button
                        type="button"
                        className="link-button"
                        aria-pressed={v.version === shown}
                        onClick={() => setChosen(v.version)}
                      >
                        {w.show}
                        <span className="visually-hidden"> {w.diagramOf(v.version)}</span>
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
        <Diagram caption={w.diagramOf(shown)}>
          <img src={diagramUrl(code, shown)} alt={w.diagramAlt(name, shown)} />
        </Diagram>
      </div>
      {published && published.version > 1 && (
        <MigrationPanel code={code} fromVersion={published.version - 1} toVersion={published.version} />
      )}
    </>
  );
}
