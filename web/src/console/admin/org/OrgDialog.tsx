// What the organisation's dialogs share: a form in a dialog whose refusal keeps what was typed (admin/common.tsx
// EditProblem), and the one-time display of a temporary password, to copy and hand over.
import { Alert, Button, Modal } from 'antd';
import { type ReactNode, useId, useState } from 'react';
import { useI18n } from '../../../i18n/index.tsx';
import { formatDateTime } from '../../parts.tsx';
import { EditProblem, fieldProblem } from '../common.tsx';
import type { TemporaryPassword } from './api.ts';

/**
 * A change sent from a dialog: busy while it runs, its refusal kept to show. Answers the props of a FormDialog
 * (spread them), whose `problem` also names the fields at fault.
 */
export function useFormSubmit(work: () => Promise<void>) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<unknown>(null);
  const run = async (step: () => Promise<void>) => {
    setBusy(true);
    setProblem(null);
    try {
      await step();
    } catch (error) {
      setProblem(error);
    } finally {
      setBusy(false);
    }
  };
  return { form: { busy, problem, onSubmit: () => void run(work) }, run };
}

/**
 * An edit sent with If-Match (the version read): when someone else saved first, what was typed stays, and the
 * newer version replaces it only when asked (`onReload`).
 */
export function useVersionedEdit<R extends { version: number }, D>(
  record: R,
  detailsOf: (record: R) => D,
  io: { save(version: number, details: D): Promise<unknown>; load(): Promise<R>; refresh(): Promise<unknown> },
  onSaved: () => void,
) {
  const [version, setVersion] = useState(record.version);
  const [details, setDetails] = useState(() => detailsOf(record));
  const { form, run } = useFormSubmit(async () => {
    await io.save(version, details);
    await io.refresh();
    onSaved();
  });
  const onReload = () =>
    void run(async () => {
      const newest = await io.load();
      setVersion(newest.version);
      setDetails(detailsOf(newest));
      await io.refresh();
    });
  return { details, setDetails, form: { ...form, onReload } };
}

/** An optional text as the API takes it: empty means none. */
export const orNull = (text: string) => text.trim() || null;

/** Binds the text fields of a form's state to their inputs, each with the server's message for it. */
export function bindFields<V extends Record<string, string>>(
  id: string,
  value: V,
  onChange: (next: V) => void,
  problem: unknown,
) {
  return (name: keyof V & string) => ({
    id: `${id}-${name}`,
    value: value[name],
    onChange: (text: string) => onChange({ ...value, [name]: text }),
    error: fieldProblem(problem, name),
  });
}

export function FormDialog({
  title,
  submit,
  busy,
  problem,
  onSubmit,
  onClose,
  onReload,
  children,
}: {
  title: string;
  submit: string;
  busy: boolean;
  problem: unknown;
  onSubmit(): void;
  onClose(): void;
  onReload?: () => void;
  children: ReactNode;
}) {
  const { t } = useI18n();
  const id = useId();
  return (
    <Modal
      open
      title={title}
      onCancel={onClose}
      mask={{ closable: false }}
      footer={
        <>
          <Button onClick={onClose}>{t.console.cancel}</Button>
          <Button type="primary" htmlType="submit" form={id} loading={busy}>
            {submit}
          </Button>
        </>
      }
    >
      <form
        id={id}
        className="console-form org-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          onSubmit();
        }}
      >
        <EditProblem error={problem} onReload={onReload} />
        {children}
      </form>
    </Modal>
  );
}

/** The temporary password, this once: the server keeps only its hash and will not show it again. */
export function TemporaryPasswordDialog({
  name,
  username,
  temporary,
  onClose,
}: {
  name: string;
  username: string;
  temporary: TemporaryPassword;
  onClose(): void;
}) {
  const { t } = useI18n();
  const o = t.consoleAdmin.org;
  const [copied, setCopied] = useState<boolean | null>(null);
  const copy = () =>
    navigator.clipboard.writeText(temporary.temporaryPassword).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  return (
    <Modal
      open
      title={o.temporaryTitle(name)}
      onCancel={onClose}
      mask={{ closable: false }}
      footer={
        <Button type="primary" onClick={onClose}>
          {o.temporaryDone}
        </Button>
      }
    >
      <p>{o.temporaryLead(username)}</p>
      <p className="temporary-password">
        <span>{o.temporaryPassword}:</span>
        <code>{temporary.temporaryPassword}</code>
        <Button onClick={() => void copy()}>{o.copy}</Button>
      </p>
      <p role="status" className="small-note">
        {copied === true && o.copied}
        {copied === false && o.copyFailed}
      </p>
      <Alert type="info" showIcon title={o.temporaryUntil(formatDateTime(temporary.temporaryPasswordUntil))} />
    </Modal>
  );
}
