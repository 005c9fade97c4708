// The catalogue: search with filters, all held in the address (so a result list can be shared or bookmarked),
// and "show more" pages through the results.
import { Button, Empty } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { type SearchFilters, useProcedureSearch } from '../api/catalog.ts';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { ProcedureList, ProcedureListSkeleton } from '../components/ProcedureList.tsx';
import { SearchBox } from '../components/SearchBox.tsx';
import { usePageTitle } from '../components/usePageTitle.ts';
import { useSearchText } from '../components/useSearchText.ts';
import { codeIn, useI18n } from '../i18n/index.tsx';
import { CatalogueFilters, type FilterName } from './CatalogueFilters.tsx';

const PAGE_SIZE = 20;
const WIDE = '(min-width: 768px)';

export function CataloguePage() {
  const { t } = useI18n();
  usePageTitle(t.catalogue.title);
  const [params, setParams] = useSearchParams();
  const { text, setText, q } = useSearchText();
  const filters: SearchFilters = {
    ...(q ? { q } : {}),
    ...(params.get('field') ? { field: params.get('field') ?? '' } : {}),
    ...(params.get('agency') ? { agency: params.get('agency') ?? '' } : {}),
    level: codeIn(t.vocab.level, params.get('level')),
    onlineLevel: codeIn(t.vocab.onlineLevel, params.get('onlineLevel')),
    applicant: codeIn(t.vocab.applicant, params.get('applicant')),
  };
  const search = useProcedureSearch(filters, PAGE_SIZE);
  const chosen = Object.entries(filters).filter(([name, value]) => name !== 'q' && value).length;
  const [filtersOpen, setFiltersOpen] = useState(() => window.matchMedia(WIDE).matches);

  const setFilter = (name: FilterName, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next);
  };
  const items = search.data?.pages.flatMap((p) => p.items) ?? [];
  const total = search.data?.pages[0]?.total ?? 0;

  return (
    <>
      <h1>{t.catalogue.title}</h1>
      <SearchBox value={text} onChange={setText} />
      <div className="catalogue">
        <details
          className="catalogue__filters"
          open={filtersOpen}
          onToggle={(e) => setFiltersOpen(e.currentTarget.open)}
        >
          <summary>
            {t.catalogue.filters}
            {chosen > 0 && ` (${chosen})`}
          </summary>
          <CatalogueFilters
            filters={filters}
            onChange={setFilter}
            onClear={chosen > 0 ? () => setParams(q ? { q } : {}) : undefined}
          />
        </details>
        <section className="catalogue__results" aria-label={t.search.results}>
          <p className="result-count" aria-live="polite">
            {search.data && !search.isPlaceholderData && t.catalogue.shown(items.length, total)}
          </p>
          {search.isError && !search.isFetchNextPageError ? (
            <ProblemAlert error={search.error} onRetry={() => search.refetch()} />
          ) : !search.data ? (
            <ProcedureListSkeleton rows={6} />
          ) : total === 0 ? (
            <Empty description={`${t.catalogue.empty} ${t.catalogue.emptyHint}`} image={Empty.PRESENTED_IMAGE_SIMPLE} />
          ) : (
            <ProcedureList procedures={items} stale={search.isPlaceholderData} />
          )}
          {search.isFetchNextPageError && <ProblemAlert error={search.error} />}
          {search.hasNextPage && !search.isPlaceholderData && (
            <Button
              className="load-more"
              size="large"
              loading={search.isFetchingNextPage}
              onClick={() => search.fetchNextPage()}
            >
              {t.catalogue.loadMore}
            </Button>
          )}
        </section>
      </div>
    </>
  );
}
