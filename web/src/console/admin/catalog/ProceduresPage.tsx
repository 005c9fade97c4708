// The procedure catalogue (/can-bo/quan-tri/thu-tuc): search as the portal does (diacritics and a mistyped letter
// forgiven), open a procedure to edit its draft; export the catalogue in force or import a file of procedures.
import { Button, Input } from 'antd';
import { useEffect, useId, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useDebouncedValue } from '../../../components/useDebouncedValue.ts';
import { labelOf, useI18n } from '../../../i18n/index.tsx';
import { PageHeading } from '../../parts.tsx';
import { ListState } from '../common.tsx';
import { adminPath } from '../paths.ts';
import { useProcedureSearch } from './api.ts';
import { CatalogExchange } from './CatalogExchange.tsx';

export function ProceduresPage() {
  const { t } = useI18n();
  const c = t.consoleAdmin.catalog;
  const id = useId();
  const [params, setParams] = useSearchParams();
  const [text, setText] = useState(params.get('q') ?? '');
  const q = useDebouncedValue(text.trim(), 300);
  const search = useProcedureSearch(q);
  // The search stays in the address, so coming back from a procedure finds the same list.
  useEffect(() => {
    setParams(q ? { q } : {}, { replace: true });
  }, [q, setParams]);
  const pages = search.data?.pages ?? [];
  const items = pages.flatMap((p) => p.items);
  const total = pages[0]?.total;

  return (
    <>
      <PageHeading title={c.title} />
      <div className="admin-split admin-split--wide">
        <section aria-labelledby={`${id}-list`}>
          <h2 id={`${id}-list`} className="visually-hidden">
            {c.list}
          </h2>
          <search className="catalog-search">
            <label htmlFor={`${id}-q`}>{c.search}</label>
            <Input
              id={`${id}-q`}
              type="search"
              value={text}
              placeholder={c.searchPlaceholder}
              onChange={(e) => setText(e.target.value)}
            />
          </search>
          <p className="muted" role="status">
            {total !== undefined && c.found(total)}
          </p>
          <div className={`table-wrap${search.isPlaceholderData ? ' is-stale' : ''}`}>
            <table className="data-table">
              <caption className="visually-hidden">{c.list}</caption>
              <thead>
                <tr>
                  <th scope="col">{c.code}</th>
                  <th scope="col">{c.name}</th>
                  <th scope="col">{c.field}</th>
                  <th scope="col">{c.onlineLevel}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((p) => (
                  <tr key={p.code}>
                    <td className="nowrap">{p.code}</td>
                    <td lang="vi">
                      <Link to={adminPath('catalog', `/${p.code}`)}>{p.name}</Link>
                    </td>
                    <td lang="vi">{p.field.name}</td>
                    <td>{labelOf(t.vocab.onlineLevel, p.onlineLevel)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <ListState
            loading={search.isPending}
            error={search.error}
            empty={items.length === 0}
            emptyText={c.none}
            onRetry={() => void search.refetch()}
          />
          {search.hasNextPage && (
            <Button
              className="load-more"
              loading={search.isFetchingNextPage}
              onClick={() => void search.fetchNextPage()}
            >
              {c.more}
            </Button>
          )}
        </section>
        <CatalogExchange />
      </div>
    </>
  );
}
