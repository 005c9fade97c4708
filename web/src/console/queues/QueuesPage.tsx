// Work queues (/can-bo/hang-doi): what waits on the signed-in staff member, queue by queue with counts, or every
// dossier they may read; filters, search without diacritics, sorting and "load more" all live in the address, so
// a view can be bookmarked and the dashboard can link to it. Rows can be chosen for a bulk assignment or move.
import { Button } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { useI18n } from '../../i18n/index.tsx';
import {
  type DossierItem,
  filtersFrom,
  LIST_PAGE_SIZE,
  type QueueId,
  useDossierList,
  useQueueCounts,
} from '../api/dossiers.ts';
import { readsStaff, useAgencyStaff } from '../api/staff.ts';
import { hasQueues } from '../navigation.ts';
import { DueTag, formatDate, formatDateTime, PageHeading } from '../parts.tsx';
import { useSession } from '../session.tsx';
import { BulkDialog } from './BulkDialog.tsx';
import { DrillDown } from './DrillDown.tsx';
import { ListFilterForm } from './ListFilterForm.tsx';

/** Marked once the first rows of a queue are on screen and can be used: what the e2e run reports. */
export const INTERACTIVE_MARK = 'congso:queue-interactive';

function useFilters() {
  const [params] = useSearchParams();
  return filtersFrom(params);
}

export function QueuesPage() {
  const { t } = useI18n();
  const { roles } = useSession();
  const queued = hasQueues(roles);
  const counts = useQueueCounts();
  const { queue, filters } = useFilters();
  const [, setParams] = useSearchParams();
  // Without a queue in the address: the first queue that has work, or every dossier for those without queues.
  const firstBusy = counts.data?.find((c) => c.id !== 'overdue' && c.count > 0)?.id;
  const shown: QueueId | 'all' | null = queue ?? (!queued ? 'all' : counts.isSuccess ? (firstBusy ?? 'all') : null);
  const listFilters = { ...filters, queue: shown === 'all' || shown === null ? undefined : shown };
  // Until the counts say which queue has work, nothing is asked for.
  const list = useDossierList(listFilters, LIST_PAGE_SIZE, shown !== null);
  const items = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);
  // A selection belongs to the list it was made in: another queue or filter starts with none.
  const view = JSON.stringify(listFilters);
  const [selection, setSelection] = useState<{ view: string; ids: Set<string> }>({ view, ids: new Set() });
  const selected = selection.view === view ? selection.ids : new Set<string>();
  const setSelected = (ids: Set<string>) => setSelection({ view, ids });
  const [bulk, setBulk] = useState<'assign' | 'move' | null>(null);

  const title = queued ? t.console.sections.queues : t.console.list.title;
  return (
    <>
      <PageHeading title={title} />
      {queued && (
        <nav className="queue-tabs" aria-label={t.console.list.queues}>
          {counts.isError && <ProblemAlert error={counts.error} onRetry={() => void counts.refetch()} />}
          {(counts.data ?? []).map((c) => (
            <Link
              key={c.id}
              to={`?hang=${c.id}`}
              className={`queue-tab${c.id === 'overdue' ? ' queue-tab--overdue' : ''}`}
              aria-current={shown === c.id ? 'page' : undefined}
            >
              {t.console.queues[c.id]} <span className="queue-tab__count">{t.console.count(c.count)}</span>
            </Link>
          ))}
          <Link to="?hang=all" className="queue-tab" aria-current={shown === 'all' ? 'page' : undefined}>
            {t.console.list.all}
          </Link>
        </nav>
      )}
      <ListFilterForm filters={filters} />
      <DrillDown filters={filters} />
      {list.isError && <ProblemAlert error={list.error} onRetry={() => void list.refetch()} />}
      <BulkBar
        count={selected.size}
        canAssign={readsStaff(roles)}
        onAssign={() => setBulk('assign')}
        onMove={() => setBulk('move')}
        onClear={() => setSelected(new Set())}
      />
      <DossierTable
        items={items}
        loading={list.isPending || shown === null}
        stale={list.isPlaceholderData}
        selected={selected}
        onSelect={setSelected}
        sort={filters.sort ?? 'due'}
        onSort={(sort) =>
          setParams((p) => {
            const next = new URLSearchParams(p);
            next.set('sort', sort);
            return next;
          })
        }
      />
      {list.hasNextPage && (
        <Button className="load-more" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
          {t.console.list.more}
        </Button>
      )}
      {bulk && (
        <BulkDialog
          kind={bulk}
          ids={[...selected]}
          onClose={(doneIds) => {
            setBulk(null);
            setSelected(new Set([...selected].filter((id) => !doneIds.includes(id))));
          }}
        />
      )}
    </>
  );
}

function BulkBar({
  count,
  canAssign,
  onAssign,
  onMove,
  onClear,
}: {
  count: number;
  canAssign: boolean;
  onAssign(): void;
  onMove(): void;
  onClear(): void;
}) {
  const { t } = useI18n();
  return (
    <div className="bulk-bar" role="toolbar" aria-label={t.console.list.bulk} hidden={count === 0}>
      <span aria-live="polite">{t.console.list.selected(count)}</span>
      {canAssign && <Button onClick={onAssign}>{t.console.list.assign}</Button>}
      <Button onClick={onMove}>{t.console.list.move}</Button>
      <Button type="text" onClick={onClear}>
        {t.console.list.clear}
      </Button>
    </div>
  );
}

function DossierTable({
  items,
  loading,
  stale,
  selected,
  onSelect,
  sort,
  onSort,
}: {
  items: DossierItem[];
  loading: boolean;
  stale: boolean;
  selected: Set<string>;
  onSelect(ids: Set<string>): void;
  sort: 'due' | 'received';
  onSort(sort: 'due' | 'received'): void;
}) {
  const { t } = useI18n();
  const { roles, agency, me } = useSession();
  const staff = useAgencyStaff(agency.id, readsStaff(roles));
  const nameOf = (id: string | null) =>
    id === null ? '' : id === me.id ? t.console.list.you : (staff.data?.find((s) => s.id === id)?.fullName ?? '✓');
  const marked = useRef(false);
  useEffect(() => {
    if (items.length && !marked.current) {
      marked.current = true;
      performance.mark(INTERACTIVE_MARK);
    }
  }, [items]);

  const all = items.length > 0 && items.every((d) => selected.has(d.id));
  const toggle = (id: string) => {
    const next = new Set(selected);
    if (!next.delete(id)) next.add(id);
    onSelect(next);
  };
  const sortHeader = (key: 'due' | 'received', label: string) => (
    <th scope="col" aria-sort={sort === key ? (key === 'due' ? 'ascending' : 'descending') : undefined}>
      <button type="button" className="sort-button" onClick={() => onSort(key)}>
        {label}
        {sort === key ? (key === 'due' ? ' ▲' : ' ▼') : ''}
      </button>
    </th>
  );

  return (
    <div className={`table-wrap${stale ? ' is-stale' : ''}`}>
      <table className="data-table dossier-table">
        <caption className="visually-hidden">{t.console.list.caption}</caption>
        <thead>
          <tr>
            <th scope="col">
              <input
                type="checkbox"
                className="checkbox"
                aria-label={t.console.list.selectAll}
                checked={all}
                onChange={() => onSelect(all ? new Set() : new Set(items.map((d) => d.id)))}
              />
            </th>
            <th scope="col">{t.console.list.code}</th>
            <th scope="col">{t.console.list.applicant}</th>
            <th scope="col">{t.console.list.procedure}</th>
            <th scope="col">{t.console.list.status}</th>
            {sortHeader('received', t.console.list.received)}
            {sortHeader('due', t.console.list.due)}
            <th scope="col">{t.console.list.assignee}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((d) => (
            <tr key={d.id} className={selected.has(d.id) ? 'is-selected' : undefined}>
              <td>
                <input
                  type="checkbox"
                  className="checkbox"
                  aria-label={t.console.list.select(d.code ?? d.applicantName)}
                  checked={selected.has(d.id)}
                  onChange={() => toggle(d.id)}
                />
              </td>
              <td className="nowrap">
                <Link to={`/can-bo/ho-so/${d.id}`}>{d.code ?? t.console.list.noCode}</Link>
              </td>
              <td lang="vi">{d.applicantName}</td>
              <td lang="vi">{d.procedure.name}</td>
              <td>{t.console.statuses[d.status] ?? d.statusName}</td>
              <td className="nowrap">{formatDate(d.receivedAt)}</td>
              <td className="nowrap">
                {formatDateTime(d.dueAt)} <DueTag state={d.dueState} />
              </td>
              <td>{nameOf(d.assigneeId)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {loading && <p role="status">{t.site.loading}</p>}
      {!loading && items.length === 0 && <p className="empty-list">{t.console.list.empty}</p>}
    </div>
  );
}
