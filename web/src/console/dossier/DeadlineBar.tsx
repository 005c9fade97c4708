// The deadline at a glance: a bar of the time used, the time paused and the time left until the appointment, with
// the same figures in words for screen readers and for anyone who prefers to read them.
import { useI18n } from '../../i18n/index.tsx';
import type { DossierView } from '../api/dossiers.ts';
import { DueTag, formatDateTime } from '../parts.tsx';
import { deadlineOf, spanParts } from './deadline.ts';

export function DeadlineBar({ dossier }: { dossier: DossierView }) {
  const { t } = useI18n();
  const d = deadlineOf(dossier, Date.now());
  if (!d) return null;
  const span = (ms: number) => t.console.dossier.span(spanParts(ms));
  const total = d.used + d.paused + Math.max(d.left, 0);
  const pct = (ms: number) => `${total > 0 ? (100 * ms) / total : 0}%`;
  const overdue = d.left < 0;
  const leftLabel = d.stopped
    ? overdue
      ? t.console.dossier.returnedLate
      : t.console.dossier.returnedEarly
    : overdue
      ? t.console.dossier.late
      : t.console.dossier.left;
  return (
    <section className="deadline panel" aria-labelledby="deadline-title">
      <div className="deadline__head">
        <h2 id="deadline-title">{t.console.dossier.deadline}</h2>
        <span>
          {t.console.dossier.dueOn(formatDateTime(dossier.dueAt))} <DueTag state={dossier.dueState} />
          {dossier.outcome && <span className="status-tag">{t.console.outcome[dossier.outcome]}</span>}
        </span>
      </div>
      <div className={`deadline__bar${overdue ? ' deadline__bar--overdue' : ''}`} aria-hidden>
        <span className="deadline__used" style={{ width: pct(d.used) }} />
        <span className="deadline__paused" style={{ width: pct(d.paused) }} />
        <span className="deadline__left" style={{ width: pct(Math.max(d.left, 0)) }} />
      </div>
      <p className="deadline__words">
        <span>
          <span className="deadline__key deadline__key--used" aria-hidden /> {t.console.dossier.used}: {span(d.used)}
        </span>
        <span>
          <span className="deadline__key deadline__key--paused" aria-hidden /> {t.console.dossier.paused}:{' '}
          {span(d.paused)}
          {d.pausedNow && ` (${t.console.dossier.pausedNow})`}
        </span>
        <span>
          <span className="deadline__key deadline__key--left" aria-hidden /> {leftLabel}: {span(d.left)}
        </span>
        {dossier.extendedDueAt && <span>{t.console.dossier.extended(formatDateTime(dossier.originalDueAt))}</span>}
      </p>
    </section>
  );
}
