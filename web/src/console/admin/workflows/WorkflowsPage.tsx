// The electronic workflows (/can-bo/quan-tri/quy-trinh): each with its newest version and where it stands.
import { Link } from 'react-router';
import { labelOf, useI18n } from '../../../i18n/index.tsx';
import { PageHeading } from '../../parts.tsx';
import { ListState } from '../common.tsx';
import { adminPath } from '../paths.ts';
import { useWorkflows } from './api.ts';

export function WorkflowsPage() {
  const { t } = useI18n();
  const w = t.consoleAdmin.workflows;
  const list = useWorkflows();
  const items = list.data ?? [];
  return (
    <>
      <PageHeading title={w.title} />
      <p className="muted">{w.lead}</p>
      <div className="table-wrap">
        <table className="data-table">
          <caption className="visually-hidden">{w.title}</caption>
          <thead>
            <tr>
              <th scope="col">{w.name}</th>
              <th scope="col">{w.code}</th>
              <th scope="col">{w.latest}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((wf) => (
              <tr key={wf.code}>
                <td lang="vi">
                  <Link to={adminPath('workflows', `/${wf.code}`)}>{wf.name}</Link>
                </td>
                <td className="nowrap">
                  <code>{wf.code}</code>
                </td>
                <td className="nowrap">
                  {w.version(wf.latestVersion)}{' '}
                  <span className={`version-tag version-tag--${wf.latestStatus}`}>
                    {labelOf(w.statuses, wf.latestStatus)}
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ListState
        loading={list.isPending}
        error={list.error}
        empty={items.length === 0}
        emptyText={w.none}
        onRetry={() => void list.refetch()}
      />
    </>
  );
}
