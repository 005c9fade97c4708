// A procedure's page: the key facts first (time, fees, online level, the "apply online" button), then what to
// prepare, where to apply and the legal basis, in the order a citizen needs them.
import { Skeleton } from 'antd';
import { Link, useParams } from 'react-router';
import { type Procedure, useProcedure } from '../api/catalog.ts';
import { OnlineLevelTag } from '../components/OnlineLevelTag.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { usePageTitle } from '../components/usePageTitle.ts';
import { useI18n } from '../i18n/index.tsx';
import { Components, GeneralFacts, Offerings, Section } from './ProcedureSections.tsx';

export function ProcedurePage() {
  const { t } = useI18n();
  const { code = '' } = useParams();
  const procedure = useProcedure(code);
  usePageTitle(procedure.data?.name ?? (procedure.isError ? t.problem.title : undefined));
  if (procedure.isError) {
    return (
      <>
        <h1>{t.problem.title}</h1>
        <ProblemAlert error={procedure.error} onRetry={() => procedure.refetch()} />
        <p className="section">
          <Link to="/thu-tuc">{t.site.procedures}</Link>
        </p>
      </>
    );
  }
  if (!procedure.data) {
    return (
      <>
        <span className="visually-hidden" role="status">
          {t.site.loading}
        </span>
        <Skeleton active title={{ width: '60%' }} paragraph={{ rows: 8 }} />
      </>
    );
  }
  const p = procedure.data;
  return (
    <article className="procedure">
      <nav aria-label={t.procedure.breadcrumb} className="breadcrumb">
        <ol>
          <li>
            <Link to="/">{t.site.home}</Link>
          </li>
          <li>
            <Link to="/thu-tuc">{t.site.procedures}</Link>
          </li>
          <li>
            <Link to={`/thu-tuc?${new URLSearchParams({ field: p.field.code })}`} lang="vi">
              {p.field.name}
            </Link>
          </li>
        </ol>
      </nav>
      <h1 lang="vi">{p.name}</h1>
      <p className="procedure__tags">
        <span>
          {t.procedure.code}: {p.code}
        </span>
        <OnlineLevelTag level={p.onlineLevel} />
      </p>
      <div className="procedure__layout">
        <KeyFacts procedure={p} />
        <div className="procedure__body">
          <Components procedure={p} />
          <Section title={t.procedure.result}>
            <p>
              <span lang="vi">{p.result.name}</span> ({t.vocab.resultKind[p.result.kind]})
            </p>
            {p.result.electronic && <p>{t.procedure.electronicResult}</p>}
          </Section>
          <Offerings procedure={p} />
          <Section title={t.procedure.conditions}>
            {p.conditions ? (
              <p className="pre-line" lang="vi">
                {p.conditions}
              </p>
            ) : (
              <p>{t.procedure.noConditions}</p>
            )}
          </Section>
          <Section title={t.procedure.legalBasis}>
            <ul lang="vi">
              {p.legalBasis.map((law) => (
                <li key={law}>{law}</li>
              ))}
            </ul>
          </Section>
          <GeneralFacts procedure={p} />
        </div>
      </div>
    </article>
  );
}

/** What decides whether and how to go ahead: time, fees, online level, and the way to apply online. */
function KeyFacts({ procedure: p }: { procedure: Procedure }) {
  const { t } = useI18n();
  const online = p.receiptChannels.includes('online');
  return (
    <aside className="key-facts" aria-label={t.procedure.keyFacts}>
      <h2>{t.procedure.time}</h2>
      <ul className="plain">
        {p.processingTimes.map((time) => (
          <li key={time.channel}>
            {time.channel === 'any' ? '' : `${t.vocab.channel[time.channel]}: `}
            <strong>{t.vocab.duration(time.value, time.unit)}</strong>
          </li>
        ))}
      </ul>
      <h2>{t.procedure.fees}</h2>
      {p.fees.length === 0 ? (
        <p>{t.procedure.free}</p>
      ) : (
        <ul className="plain">
          {p.fees.map((fee) => (
            <li key={`${fee.kind}-${fee.name}`}>
              <span lang="vi">{fee.name}</span>: <strong>{t.vocab.money(fee.amount)}</strong>
              {fee.condition && (
                <span className="muted" lang="vi">
                  {' '}
                  ({fee.condition})
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
      <h2>{t.procedure.onlineLevel}</h2>
      <p>{online ? t.procedure.onlineNote[p.onlineLevel] : t.procedure.notOnline}</p>
      {online && (
        <Link to={`/nop-ho-so/${p.code}`} className="cta">
          {t.procedure.submitOnline}
        </Link>
      )}
    </aside>
  );
}
