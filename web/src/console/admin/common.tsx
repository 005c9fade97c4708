// What the administration areas share: a refusal shown so that nothing typed is lost (a conflict with another
// administrator names the server's title and offers to load the newer version, without loading it by itself),
// lists of checkboxes, a confirmation dialog, and the server's field problems looked up by field.
import { Alert, Button, Modal } from 'antd';
import type { ReactNode } from 'react';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { ConsoleProblem } from '../api/http.ts';
import { describedBy, Field } from '../parts.tsx';

/** Another administrator changed the same thing first (412 stale version, 409 conflict). */
export const isEditConflict = (error: unknown): error is ConsoleProblem =>
  error instanceof ConsoleProblem && (error.isConflict || error.status === 409);

/**
 * A refused save or publication. A conflict says what the server said and that the form still holds what was
 * typed; `onReload` (when given) discards it for the stored version, only when asked.
 */
export function EditProblem({ error, onReload }: { error: unknown; onReload?: (() => void) | undefined }) {
  const { t } = useI18n();
  if (error === null || error === undefined) return null;
  if (!isEditConflict(error)) {
    const invalid = error instanceof ConsoleProblem && error.status === 400 && error.errors.length > 0;
    return invalid ? (
      <Alert
        type="error"
        showIcon
        role="alert"
        title={<span lang="vi">{error.title}</span>}
        description={t.consoleAdmin.fieldsBelow(error.errors.length)}
      />
    ) : (
      <ProblemAlert error={error} />
    );
  }
  return (
    <Alert
      type="warning"
      showIcon
      role="alert"
      title={<span lang="vi">{error.title}</span>}
      description={
        <>
          <p>{t.consoleAdmin.conflictKept}</p>
          {onReload && <Button onClick={onReload}>{t.consoleAdmin.loadNewest}</Button>}
        </>
      }
    />
  );
}

/** The server's message for one field of a refused request (400 with `errors`). */
export function fieldProblem(error: unknown, field: string): string | undefined {
  return error instanceof ConsoleProblem ? error.messageFor(field) : undefined;
}

/** A fieldset of checkboxes over a closed list of codes. */
export function Choices<C extends string>({
  legend,
  codes,
  labels,
  chosen,
  onChange,
  error,
  id,
}: {
  legend: ReactNode;
  codes: readonly C[];
  labels: Readonly<Record<string, string>>;
  chosen: readonly C[];
  onChange(next: C[]): void;
  error?: string | undefined;
  id: string;
}) {
  const toggle = (code: C) =>
    onChange(
      chosen.includes(code) ? chosen.filter((c) => c !== code) : codes.filter((c) => c === code || chosen.includes(c)),
    );
  return (
    <fieldset
      className={`choices${error ? ' field--error' : ''}`}
      id={id}
      aria-describedby={error ? `${id}-error` : undefined}
    >
      <legend>{legend}</legend>
      {codes.map((code) => (
        <label key={code}>
          <input type="checkbox" className="checkbox" checked={chosen.includes(code)} onChange={() => toggle(code)} />{' '}
          {labels[code] ?? code}
        </label>
      ))}
      {error && (
        <p className="field__error" id={`${id}-error`} role="alert" lang="vi">
          {error}
        </p>
      )}
    </fieldset>
  );
}

/** A question before something that cannot be undone (publish, move dossiers, revoke a role). */
export function ConfirmDialog({
  title,
  confirm,
  busy,
  onConfirm,
  onClose,
  children,
}: {
  title: string;
  confirm: string;
  busy: boolean;
  onConfirm(): void;
  onClose(): void;
  children: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <Modal
      open
      title={title}
      onCancel={onClose}
      mask={{ closable: false }}
      footer={
        <>
          <Button onClick={onClose}>{t.console.cancel}</Button>
          <Button type="primary" danger loading={busy} onClick={onConfirm}>
            {confirm}
          </Button>
        </>
      }
    >
      {children}
    </Modal>
  );
}

/** The contents of a list while it loads, fails or is empty; null once there is something to show. */
export function ListState({
  loading,
  error,
  empty,
  emptyText,
  onRetry,
}: {
  loading: boolean;
  error: unknown;
  empty: boolean;
  emptyText?: string;
  onRetry?: () => void;
}) {
  const { t } = useI18n();
  if (error) return <ProblemAlert error={error} {...(onRetry ? { onRetry } : {})} />;
  if (loading) return <p role="status">{t.site.loading}</p>;
  if (empty) return <p className="empty-list">{emptyText ?? t.consoleAdmin.empty}</p>;
  return null;
}

/** A labelled text box (one line, or several with `rows`), with the server's message for it. */
export function TextField({
  id,
  label,
  value,
  onChange,
  error,
  hint,
  rows,
  type = 'text',
}: {
  id: string;
  label: ReactNode;
  value: string;
  onChange(value: string): void;
  error?: string | undefined;
  hint?: ReactNode;
  rows?: number;
  type?: 'text' | 'number' | 'date' | 'time';
}) {
  const common = {
    id,
    value,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy(id, error, Boolean(hint)),
  };
  return (
    <Field id={id} label={label} error={error} hint={hint}>
      {rows ? (
        <textarea {...common} className="textarea" rows={rows} onChange={(e) => onChange(e.target.value)} />
      ) : (
        <input {...common} className="text-input" type={type} onChange={(e) => onChange(e.target.value)} />
      )}
    </Field>
  );
}

/** A labelled native select over codes and their labels. */
export function SelectField({
  id,
  label,
  value,
  options,
  onChange,
  error,
}: {
  id: string;
  label: ReactNode;
  value: string;
  options: readonly (readonly [string, string])[];
  onChange(value: string): void;
  error?: string | undefined;
}) {
  return (
    <Field id={id} label={label} error={error}>
      <select
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error)}
      >
        {options.map(([code, text]) => (
          <option key={code} value={code}>
            {text}
          </option>
        ))}
      </select>
    </Field>
  );
}
