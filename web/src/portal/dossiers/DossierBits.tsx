// What the pages about a dossier share: its status as a coloured label, its public timeline, and dates in
// Vietnam's time zone whatever the browser's.
import { useI18n } from '../../i18n/index.tsx';

/** The colour family of each status: going on, waiting on the applicant, done well, closed otherwise. */
const TONE: Record<string, 'progress' | 'action' | 'done' | 'closed' | 'draft'> = {
  draft: 'draft',
  waiting_receipt: 'progress',
  processing: 'progress',
  waiting_other_agency: 'progress',
  resolved: 'done',
  returned: 'done',
  supplement_requested: 'action',
  waiting_payment: 'action',
  refused: 'closed',
  withdrawn: 'closed',
  cancelled: 'closed',
};

/** The status in the interface's language, falling back on the server's Vietnamese name for a status it added. */
export function StatusTag({ status, name }: { status: string; name: string }) {
  const { t } = useI18n();
  const label = t.portal.status[status as keyof typeof t.portal.status];
  return (
    <span className={`status-tag status-tag--${TONE[status] ?? 'progress'}`} lang={label ? undefined : 'vi'}>
      {label ?? name}
    </span>
  );
}

export interface TimelineEntry {
  at: string;
  action: string;
  name: string;
}

/** What was done and when, oldest first; the action's name is the workflow's own (Vietnamese). */
export function Timeline({ entries }: { entries: readonly TimelineEntry[] }) {
  const { t } = useI18n();
  if (entries.length === 0) return <p className="muted">{t.portal.dossier.noHistory}</p>;
  return (
    <ol className="timeline">
      {entries.map((e, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: history rows are ordered and never reordered
        <li key={i}>
          <time dateTime={e.at}>{t.portal.dateTime(e.at)}</time>
          <span lang="vi">{e.name}</span>
        </li>
      ))}
    </ol>
  );
}
