// The home page: the province's notice when there is one, one search box answering as the visitor types, and the
// fields (lĩnh vực) as ways in.
import { useQuery } from '@tanstack/react-query';
import { Alert, Empty, Skeleton } from 'antd';
import { useId } from 'react';
import { Link, useNavigate } from 'react-router';
import { useFields, useProcedureSearch } from '../api/catalog.ts';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { ProcedureList, ProcedureListSkeleton } from '../components/ProcedureList.tsx';
import { SearchBox } from '../components/SearchBox.tsx';
import { usePageTitle } from '../components/usePageTitle.ts';
import { useSearchText } from '../components/useSearchText.ts';
import { useI18n } from '../i18n/index.tsx';

const LIVE_RESULTS = 5;

export function HomePage() {
  const { t } = useI18n();
  usePageTitle(undefined);
  const navigate = useNavigate();
  const { text, setText, q } = useSearchText();
  return (
    <>
      <PortalNotice />
      <section className="hero">
        <h1>{t.home.title}</h1>
        <p className="hero__lead">{t.home.lead}</p>
        <SearchBox
          value={text}
          onChange={setText}
          onSubmit={() => navigate(`/thu-tuc?${new URLSearchParams(text.trim() ? { q: text.trim() } : {})}`)}
        />
      </section>
      {q && <LiveResults q={q} />}
      <Fields />
    </>
  );
}

function LiveResults({ q }: { q: string }) {
  const { t } = useI18n();
  const search = useProcedureSearch({ q }, LIVE_RESULTS);
  const page = search.data?.pages[0];
  const current = page && !search.isPlaceholderData;
  const heading = useId();
  return (
    <section className="section" aria-labelledby={heading}>
      <h2 id={heading} className="visually-hidden">
        {t.search.results}
      </h2>
      <p className="result-count" aria-live="polite">
        {current && t.search.found(page.total)}
      </p>
      {search.isError ? (
        <ProblemAlert error={search.error} onRetry={() => search.refetch()} />
      ) : !page ? (
        <ProcedureListSkeleton rows={3} />
      ) : page.total === 0 ? (
        <Empty description={t.search.noneHint} image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <>
          <ProcedureList procedures={page.items} stale={!current} />
          {page.total > page.items.length && (
            <Link to={`/thu-tuc?${new URLSearchParams({ q })}`}>{t.search.seeAll(page.total)}</Link>
          )}
        </>
      )}
    </section>
  );
}

function Fields() {
  const { t } = useI18n();
  const fields = useFields();
  const heading = useId();
  return (
    <section className="section" aria-labelledby={heading}>
      <h2 id={heading}>{t.home.fields}</h2>
      {fields.isError ? (
        <ProblemAlert error={fields.error} onRetry={() => fields.refetch()} />
      ) : !fields.data ? (
        <Skeleton active paragraph={{ rows: 4 }} />
      ) : (
        <ul className="field-grid">
          {fields.data.map((f) => (
            <li key={f.value}>
              <Link to={`/thu-tuc?${new URLSearchParams({ field: f.value })}`} className="field-card">
                <span className="field-card__name" lang="vi">
                  {f.label}
                </span>
                <span className="field-card__count">{t.home.fieldCount(f.count)}</span>
              </Link>
            </li>
          ))}
        </ul>
      )}
      <p>
        <Link to="/thu-tuc">{t.home.browseAll}</Link>
      </p>
    </section>
  );
}

/** The notice set in the console's settings (portal.notice); nothing while it loads, if it is empty or fails. */
function PortalNotice() {
  const { t } = useI18n();
  const notice = useQuery({
    queryKey: ['portal-notice'],
    queryFn: async ({ signal }) => {
      const response = await fetch('/api/v1/portal/notice', { signal });
      return response.ok ? ((await response.json()) as { text: string | null }) : { text: null };
    },
  });
  const text = notice.data?.text;
  if (!text) return null;
  return (
    <Alert
      type="info"
      showIcon
      role="note"
      className="portal-notice"
      title={t.home.notice}
      description={<span lang="vi">{text}</span>}
    />
  );
}
