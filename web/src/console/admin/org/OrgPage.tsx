// The organisation (/can-bo/quan-tri/to-chuc): the agencies' tree beside the chosen agency, its departments and
// its staff with their roles, and the dialogs that change them. The chosen agency stays in the address (`?co-quan=`), the one worked at by default.
import { useSearchParams } from 'react-router';
import { useAgencies } from '../../../api/catalog.ts';
import { ProblemAlert } from '../../../components/ProblemAlert.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { PageHeading, PageLoading } from '../../parts.tsx';
import { useSession } from '../../session.tsx';
import { AgencyTree } from './AgencyTree.tsx';
import { StaffPanel } from './StaffPanel.tsx';
import './org.css';

export function OrgPage() {
  const { t } = useI18n();
  const { agency: mine } = useSession();
  const agencies = useAgencies();
  const [params, setParams] = useSearchParams();
  const all = agencies.data ?? [];
  const selected = all.find((a) => a.id === params.get('co-quan')) ?? all.find((a) => a.id === mine.id) ?? all[0];
  const select = (id: string) => setParams({ 'co-quan': id }, { replace: true });

  return (
    <>
      <PageHeading title={t.consoleAdmin.org.title} />
      {agencies.isError && <ProblemAlert error={agencies.error} onRetry={() => void agencies.refetch()} />}
      {agencies.isPending && <PageLoading />}
      {selected && (
        <div className="org-layout">
          <AgencyTree agencies={all} selected={selected.id} onSelect={select} />
          <StaffPanel key={selected.id} agency={selected} agencies={all} onSelect={select} />
        </div>
      )}
    </>
  );
}
