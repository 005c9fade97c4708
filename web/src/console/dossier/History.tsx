// The dossier's history as a timeline: each action with when, who, the step it moved to, and what was said.
import { useI18n } from '../../i18n/index.tsx';
import type { HistoryEntry } from '../api/dossiers.ts';
import { formatDateTime } from '../parts.tsx';

const SAID = ['opinion', 'reason', 'note', 'paymentRef', 'delivery'] as const;

export function History({
  entries,
  stepName,
  actionName,
}: {
  entries: HistoryEntry[];
  stepName(id: string): string;
  actionName(id: string): string;
}) {
  const { t } = useI18n();
  return (
    <section className="panel" aria-labelledby="history-title">
      <h2 id="history-title">{t.console.dossier.history}</h2>
      <ol className="timeline" reversed>
        {[...entries].reverse().map((e) => (
          <li key={e.seq} className="timeline__item">
            <p className="timeline__what" lang="vi">
              <strong>{actionName(e.action)}</strong>
              {e.toStep !== e.fromStep && <> → {stepName(e.toStep)}</>}
            </p>
            <p className="timeline__who">
              <time dateTime={e.at}>{formatDateTime(e.at)}</time> · <span lang="vi">{e.actor.label}</span>
            </p>
            {SAID.map((key) => {
              const value = e.input[key] ?? (key === 'note' ? e.note : undefined);
              if (typeof value !== 'string' || !value) return null;
              // The server keeps the opinion or reason as the entry's note too: said once is enough.
              if (key === 'note' && (value === e.input.opinion || value === e.input.reason)) return null;
              return (
                <p key={key} className="timeline__said" lang="vi">
                  {t.console.dossier.said[key]}: {key === 'delivery' ? (t.console.delivery[value] ?? value) : value}
                </p>
              );
            })}
          </li>
        ))}
      </ol>
    </section>
  );
}
