import { Skeleton } from 'antd';
import { Link } from 'react-router';
import type { ProcedureSummary } from '../api/catalog.ts';
import { labelOf, useI18n } from '../i18n/index.tsx';
import { OnlineLevelTag } from './OnlineLevelTag.tsx';

/** Procedures found: each a link to its page, with its code, field, levels and online level. */
export function ProcedureList({ procedures, stale }: { procedures: ProcedureSummary[]; stale?: boolean }) {
  const { t } = useI18n();
  return (
    <ol className={`procedure-list${stale ? ' procedure-list--stale' : ''}`}>
      {procedures.map((p) => (
        <li key={p.code} className="procedure-card">
          <Link to={`/thu-tuc/${p.code}`} className="procedure-card__name" lang="vi">
            {p.name}
          </Link>
          <p className="procedure-card__meta">
            <span>{p.code}</span>
            <span lang="vi">{p.field.name}</span>
            <span>{p.levels.map((l) => labelOf(t.vocab.level, l)).join(', ')}</span>
            <OnlineLevelTag level={p.onlineLevel} />
          </p>
        </li>
      ))}
    </ol>
  );
}

/** Grey placeholders while procedures load; screen readers hear "loading" instead. */
export function ProcedureListSkeleton({ rows }: { rows: number }) {
  const { t } = useI18n();
  return (
    <div className="procedure-list">
      <span className="visually-hidden" role="status">
        {t.site.loading}
      </span>
      {Array.from({ length: rows }, (_, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: placeholders have nothing else to tell them apart
        <div key={i} className="procedure-card" aria-hidden>
          <Skeleton active title={{ width: '70%' }} paragraph={{ rows: 1, width: '45%' }} />
        </div>
      ))}
    </div>
  );
}
