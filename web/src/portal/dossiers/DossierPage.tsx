// One of the applicant's dossiers: where it stands and what comes next, what they can do now (supplement when
// asked, withdraw), the papers (the receipt, Form 01, and the electronic results with a check of their
// signatures), the components, the timeline, and the rating once it is over. Payment and feedback come later;
// their places are held with a "sắp có" note rather than buttons that do nothing.
import { Alert, Skeleton } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { type DossierDetail, useDossier } from '../../api/dossiers.ts';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { labelOf, useI18n } from '../../i18n/index.tsx';
import { ComponentFiles } from '../files/ComponentFiles.tsx';
import { StatusTag, Timeline } from './DossierBits.tsx';
import { Papers } from './Papers.tsx';
import { RatingSection } from './RatingSection.tsx';
import { SupplementPanel } from './SupplementPanel.tsx';
import { WithdrawButton } from './WithdrawButton.tsx';

export function DossierPage() {
  const { t } = useI18n();
  const d = t.portal.dossier;
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  // "Đã nộp hồ sơ." once, right after submitting: not again when the page is reloaded days later.
  const [justSubmitted] = useState(() => params.has('da-nop'));
  useEffect(() => {
    if (params.has('da-nop')) setParams({}, { replace: true });
  }, [params, setParams]);
  const dossier = useDossier(id);
  usePageTitle(dossier.data ? (dossier.data.code ?? d.title) : d.title);
  if (dossier.isError) {
    return (
      <>
        <h1>{d.title}</h1>
        <ProblemAlert error={dossier.error} onRetry={() => dossier.refetch()} />
        <p className="section">
          <Link to="/ho-so-cua-toi">{d.backToList}</Link>
        </p>
      </>
    );
  }
  if (!dossier.data) {
    return (
      <>
        <h1>{d.title}</h1>
        <span className="visually-hidden" role="status">
          {t.site.loading}
        </span>
        <Skeleton active paragraph={{ rows: 8 }} />
      </>
    );
  }
  const x = dossier.data;
  const supplementing = x.availableActions.some((a) => a.id === 'supplement');
  return (
    <article className="dossier">
      <nav aria-label={t.procedure.breadcrumb} className="breadcrumb">
        <ol>
          <li>
            <Link to="/ho-so-cua-toi">{t.portal.nav.myDossiers}</Link>
          </li>
        </ol>
      </nav>
      {justSubmitted && x.status !== 'draft' && (
        <Alert type="success" showIcon title={d.submitted} description={d.submittedNext} className="block" />
      )}
      <h1 lang="vi">{x.procedure.name}</h1>
      <p className="dossier__tags">
        <StatusTag status={x.status} name={x.statusName} />
        <span>
          {d.code}: <strong>{x.code ?? d.noCode}</strong>
        </span>
      </p>
      <div className="dossier__layout">
        <div className="dossier__main">
          <NextStep dossier={x} />
          <Facts dossier={x} />
          {supplementing && <SupplementPanel dossier={x} />}
          <Papers dossier={x} />
          <RatingSection dossier={x} />
          {!supplementing && (
            <section className="panel" aria-labelledby="components-heading">
              <h2 id="components-heading">{t.procedure.components}</h2>
              <div className="components-stack">
                {x.components.map((slot) => (
                  <ComponentFiles key={slot.index} dossierId={x.id} slot={slot} editable={false} />
                ))}
              </div>
            </section>
          )}
        </div>
        <aside className="dossier__side">
          <section className="panel" aria-labelledby="timeline-heading">
            <h2 id="timeline-heading">{d.timeline}</h2>
            <Timeline entries={x.timeline} />
          </section>
          <ComingSoon />
        </aside>
      </div>
    </article>
  );
}

function Facts({ dossier: x }: { dossier: DossierDetail }) {
  const { t } = useI18n();
  const d = t.portal.dossier;
  const when = (iso: string | null) => (iso ? t.portal.dateTime(iso) : '—');
  return (
    <section className="panel" aria-labelledby="facts-heading">
      <h2 id="facts-heading">{d.facts}</h2>
      <dl className="facts facts--strip">
        <div>
          <dt>{d.openedAt}</dt>
          <dd>{when(x.openedAt)}</dd>
        </div>
        <div>
          <dt>{d.receivedAt}</dt>
          <dd>{when(x.receivedAt)}</dd>
        </div>
        <div>
          <dt>{d.dueAt}</dt>
          <dd>
            {when(x.dueAt)}
            {x.extendedDueAt && x.originalDueAt && (
              <span className="muted"> ({t.portal.tracking.movedFrom(when(x.originalDueAt))})</span>
            )}
            {x.dueState === 'overdue' && <span className="due-tag due-tag--late"> {t.portal.mine.overdue}</span>}
          </dd>
        </div>
        {x.returnedAt && (
          <div>
            <dt>{d.returnedAt}</dt>
            <dd>
              {when(x.returnedAt)}
              {x.outcome && ` · ${labelOf(t.portal.outcome, x.outcome)}`}
            </dd>
          </div>
        )}
      </dl>
    </section>
  );
}

/** What the applicant should know or do now, in one sentence, with the action when there is one. */
function NextStep({ dossier: x }: { dossier: DossierDetail }) {
  const { t } = useI18n();
  const d = t.portal.dossier;
  const sentence = labelOf(d.next, x.status);
  const withdrawable = x.availableActions.some((a) => a.id === 'withdraw');
  return (
    <section className="panel next-step" aria-labelledby="next-heading">
      <h2 id="next-heading">{d.nextTitle}</h2>
      <p>{sentence}</p>
      {x.hold?.reason && x.status === 'supplement_requested' && (
        <p>
          {d.reason}: <span lang="vi">{x.hold.reason}</span>
        </p>
      )}
      {x.status === 'draft' && (
        <Link
          to={`/nop-ho-so/${x.procedure.code}?${new URLSearchParams({ 'ho-so': x.id })}`}
          className="cta cta--inline"
        >
          {d.continueDraft}
        </Link>
      )}
      {withdrawable && <WithdrawButton dossier={x} />}
    </section>
  );
}

/** Places kept for what later issues bring: online payment, feedback and petitions about the dossier. */
function ComingSoon() {
  const { t } = useI18n();
  const d = t.portal.dossier;
  return (
    <section className="panel coming-soon" aria-labelledby="soon-heading">
      <h2 id="soon-heading">{d.soonTitle}</h2>
      <dl className="facts facts--stacked">
        <div>
          <dt>{d.payment}</dt>
          <dd>{d.soon}</dd>
        </div>
        <div>
          <dt>{d.feedback}</dt>
          <dd>{d.soon}</dd>
        </div>
      </dl>
    </section>
  );
}
