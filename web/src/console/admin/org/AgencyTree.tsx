// The agencies as a tree (province → departments and districts → communes), each opened or closed on demand; a
// search by name, diacritics ignored, shows the matches with their ancestors.
import { Input } from 'antd';
import { useId, useMemo, useState } from 'react';
import type { Agency } from '../../../api/catalog.ts';
import { useI18n } from '../../../i18n/index.tsx';

const fold = (text: string) =>
  text.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();

function childrenOf(agencies: readonly Agency[]) {
  const ids = new Set(agencies.map((a) => a.id));
  const children = new Map<string | null, Agency[]>();
  for (const a of agencies) {
    const parent = a.parentId && ids.has(a.parentId) ? a.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), a]);
  }
  return children;
}

/** The ids of an agency's ancestors, nearest first. */
function ancestors(agencies: readonly Agency[], id: string): string[] {
  const byId = new Map(agencies.map((a) => [a.id, a]));
  const chain: string[] = [];
  for (let a = byId.get(id); a?.parentId && byId.has(a.parentId); a = byId.get(a.parentId)) chain.push(a.parentId);
  return chain;
}

export function AgencyTree({
  agencies,
  selected,
  onSelect,
}: {
  agencies: readonly Agency[];
  selected: string;
  onSelect(id: string): void;
}) {
  const { t } = useI18n();
  const o = t.consoleAdmin.org;
  const id = useId();
  const children = useMemo(() => childrenOf(agencies), [agencies]);
  const [open, setOpen] = useState<Set<string>>(
    () => new Set([...(children.get(null) ?? []).map((a) => a.id), ...ancestors(agencies, selected)]),
  );
  const [text, setText] = useState('');
  const query = fold(text.trim());
  const shown = useMemo(() => {
    if (!query) return null;
    const hits = agencies.filter((a) => fold(a.name).includes(query) || a.identifier.includes(query));
    return new Set(hits.flatMap((a) => [a.id, ...ancestors(agencies, a.id)]));
  }, [agencies, query]);

  const toggle = (agencyId: string) =>
    setOpen((current) => {
      const next = new Set(current);
      if (!next.delete(agencyId)) next.add(agencyId);
      return next;
    });

  const branch = (parent: string | null, depth: number) => {
    const list = (children.get(parent) ?? []).filter((a) => !shown || shown.has(a.id));
    if (list.length === 0) return null;
    return (
      <ul className={depth === 0 ? 'agency-tree' : undefined}>
        {list.map((a) => {
          const kids = children.get(a.id)?.length ?? 0;
          const expanded = shown !== null || open.has(a.id);
          return (
            <li key={a.id}>
              <span className="agency-tree__row">
                {kids > 0 ? (
                  <button
                    type="button"
                    className="agency-tree__toggle"
                    aria-expanded={expanded}
                    aria-label={expanded ? o.close(a.name) : o.open(a.name)}
                    onClick={() => toggle(a.id)}
                  >
                    {expanded ? '▾' : '▸'}
                  </button>
                ) : (
                  <span className="agency-tree__leaf" aria-hidden />
                )}
                <button
                  type="button"
                  className="agency-tree__name"
                  aria-current={a.id === selected ? 'true' : undefined}
                  onClick={() => onSelect(a.id)}
                >
                  {a.name}
                </button>
              </span>
              {kids > 0 && expanded && branch(a.id, depth + 1)}
            </li>
          );
        })}
      </ul>
    );
  };

  return (
    <nav className="panel agency-tree-panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{o.agencies}</h2>
      <label htmlFor={`${id}-q`} className="visually-hidden">
        {o.findAgency}
      </label>
      <Input
        id={`${id}-q`}
        type="search"
        placeholder={o.findAgency}
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      {branch(null, 0) ?? <p className="empty-list">{o.noAgency}</p>}
    </nav>
  );
}
