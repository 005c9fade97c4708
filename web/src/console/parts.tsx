// Small pieces every console page uses: the page heading (which also names the browser tab), loading and
// not-found states, dates as Vietnamese offices write them, and the due-state tag.
import { Skeleton } from 'antd';
import { type ReactNode, useEffect } from 'react';
import { Link } from 'react-router';
import { useI18n } from '../i18n/index.tsx';
import type { DueState } from './api/dossiers.ts';

export function PageHeading({ title, children }: { title: string; children?: ReactNode }) {
  const { t } = useI18n();
  useEffect(() => {
    document.title = `${title} · ${t.console.name}`;
  }, [title, t]);
  return (
    <div className="page-heading">
      <h1>{title}</h1>
      {children && <div className="page-heading__tools">{children}</div>}
    </div>
  );
}

export function PageLoading() {
  const { t } = useI18n();
  return (
    <div className="console-main__loading">
      <span className="visually-hidden" role="status">
        {t.site.loading}
      </span>
      <Skeleton active aria-hidden />
    </div>
  );
}

export function ConsoleNotFound() {
  const { t } = useI18n();
  return (
    <>
      <PageHeading title={t.notFound.title} />
      <p>{t.console.notFound}</p>
      <Link to="/can-bo">{t.console.home}</Link>
    </>
  );
}

const VN = 'Asia/Ho_Chi_Minh';
const dateFormat = new Intl.DateTimeFormat('vi-VN', {
  timeZone: VN,
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
});
const timeFormat = new Intl.DateTimeFormat('vi-VN', { timeZone: VN, hour: '2-digit', minute: '2-digit' });

/** 14/02/2025 (Vietnam time), or an empty string. */
export const formatDate = (iso: string | number | null | undefined) =>
  iso === null || iso === undefined ? '' : dateFormat.format(new Date(iso));

/** 14/02/2025 09:30 (Vietnam time), or an empty string. */
export const formatDateTime = (iso: string | number | null | undefined) =>
  iso === null || iso === undefined ? '' : `${dateFormat.format(new Date(iso))} ${timeFormat.format(new Date(iso))}`;

/** Today in Vietnam as YYYY-MM-DD. */
export const vnToday = (now = Date.now()) => new Date(now + 7 * 3_600_000).toISOString().slice(0, 10);

export function DueTag({ state }: { state: DueState | null }) {
  const { t } = useI18n();
  if (!state) return null;
  return <span className={`due-tag due-tag--${state}`}>{t.console.dueState[state]}</span>;
}

/** A label above its control; `error` (the server's message for this field) is read out with it. */
export function Field({
  id,
  label,
  error,
  hint,
  children,
}: {
  id: string;
  label: ReactNode;
  error?: string | undefined;
  hint?: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className={`field${error ? ' field--error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children}
      {hint && (
        <p className="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field__error" id={`${id}-error`} role="alert" lang="vi">
          {error}
        </p>
      )}
    </div>
  );
}

/** `aria-describedby` for a control inside `Field`. */
export const describedBy = (id: string, error?: string, hint?: boolean) =>
  [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
