// Hồ sơ của tôi: the applicant's dossiers, newest first, each with its status and appointment; drafts lead back to
// the wizard. Filtered by status (kept in the address), page after page ("Xem thêm").
import { Button, Empty } from 'antd';
import { useId } from 'react';
import { Link, useSearchParams } from 'react-router';
import { type DossierSummary, type MacroStatus, useMyDossiers } from '../../api/dossiers.ts';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { ProcedureListSkeleton } from '../../components/ProcedureList.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { codeIn, useI18n } from '../../i18n/index.tsx';
import { StatusTag } from './DossierBits.tsx';

export function MyDossiersPage() {
  const { t } = useI18n();
  const m = t.portal.mine;
  usePageTitle(m.title);
  const [params, setParams] = useSearchParams();
  const status = codeIn(t.portal.status, params.get('trang-thai')) as MacroStatus | undefined;
  const dossiers = useMyDossiers(status);
  const items = dossiers.data?.pages.flatMap((p) => p.items) ?? [];
  const selectId = useId();

  return (
    <>
      <div className="page-head">
        <h1>{m.title}</h1>
        <Link to="/thu-tuc" className="cta cta--inline">
          {m.newDossier}
        </Link>
      </div>
      <div className="filters__item filters__item--inline">
        <label htmlFor={selectId}>{m.status}</label>
        <select
          id={selectId}
          value={status ?? ''}
          onChange={(e) => setParams(e.target.value ? { 'trang-thai': e.target.value } : {})}
        >
          <option value="">{t.catalogue.all}</option>
          {Object.entries(t.portal.status).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <section className="section-tight" aria-label={m.list}>
        {dossiers.isError && !dossiers.isFetchNextPageError ? (
          <ProblemAlert error={dossiers.error} onRetry={() => dossiers.refetch()} />
        ) : !dossiers.data ? (
          <ProcedureListSkeleton rows={3} />
        ) : items.length === 0 ? (
          <Empty
            image={Empty.PRESENTED_IMAGE_SIMPLE}
            description={
              <>
                <p>{status ? m.emptyStatus : m.empty}</p>
                {!status && <Link to="/thu-tuc">{m.findProcedure}</Link>}
              </>
            }
          />
        ) : (
          <ol className={`dossier-list${dossiers.isPlaceholderData ? ' procedure-list--stale' : ''}`}>
            {items.map((d) => (
              <DossierCard key={d.id} dossier={d} />
            ))}
          </ol>
        )}
        {dossiers.isFetchNextPageError && <ProblemAlert error={dossiers.error} />}
        {dossiers.hasNextPage && !dossiers.isPlaceholderData && (
          <Button
            className="load-more"
            size="large"
            loading={dossiers.isFetchingNextPage}
            onClick={() => dossiers.fetchNextPage()}
          >
            {t.catalogue.loadMore}
          </Button>
        )}
      </section>
    </>
  );
}

function DossierCard({ dossier: d }: { dossier: DossierSummary }) {
  const { t } = useI18n();
  const m = t.portal.mine;
  const draft = d.status === 'draft';
  const to = draft
    ? `/nop-ho-so/${d.procedure.code}?${new URLSearchParams({ 'ho-so': d.id })}`
    : `/ho-so-cua-toi/${d.id}`;
  return (
    <li className="dossier-card">
      <Link to={to} className="dossier-card__name" lang="vi">
        {d.procedure.name}
      </Link>
      <p className="dossier-card__meta">
        <StatusTag status={d.status} name={d.statusName} />
        <span>{d.code ?? (draft ? m.draftNoCode : m.noCode)}</span>
      </p>
      <dl className="dossier-card__facts">
        {d.dueAt && (
          <div>
            <dt>{m.appointment}</dt>
            <dd>
              {t.portal.dateTime(d.dueAt)}
              {d.dueState === 'overdue' && <span className="due-tag due-tag--late"> {m.overdue}</span>}
            </dd>
          </div>
        )}
        <div>
          <dt>{draft ? m.savedAt : m.updatedAt}</dt>
          <dd>{t.portal.dateTime(d.updatedAt)}</dd>
        </div>
      </dl>
      {draft && <p className="small">{m.continueDraft}</p>}
      {d.ratable && <p className="small strong">{m.rateInvite}</p>}
    </li>
  );
}
