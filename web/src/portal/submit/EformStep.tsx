// Step 2, tờ khai điện tử: the form drawn from the procedure's JSON Schema by @rjsf (Ant Design theme), checked in
// the browser as the applicant goes on, and by the server, whose refusals (`eform.<field>`, at a draft save or at
// submission) are shown under the fields they name.
import RjsfForm from '@rjsf/antd';
import type { ErrorSchema, RJSFSchema, UiSchema } from '@rjsf/utils';
import { Alert, Button, ConfigProvider } from 'antd';
import { useMemo, useRef, useState } from 'react';
import type { Procedure } from '../../api/catalog.ts';
import { type FieldProblem, ProblemError } from '../../api/client.ts';
import type { DossierDetail } from '../../api/dossiers.ts';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { useApplicant } from '../account/ApplicantArea.tsx';
import { EformValidator } from './eform/validator.ts';
import { widgets } from './eform/widgets.tsx';
import { type SaveState, useEformDraft } from './useEformDraft.ts';

type Data = Record<string, unknown>;

/** The server's field problems under `eform.` as @rjsf's extra errors. */
export function eformErrorSchema(problems: readonly FieldProblem[]): ErrorSchema {
  const schema: Record<string, unknown> = {};
  for (const { field, message } of problems) {
    if (!field.startsWith('eform.')) continue;
    let node = schema;
    for (const key of field.split('.').slice(1)) {
      node[key] ??= {};
      node = node[key] as Record<string, unknown>;
    }
    node.__errors = [...((node.__errors as string[] | undefined) ?? []), message];
  }
  return schema as ErrorSchema;
}

/** What the account already says, for the e-form fields that ask it again (Decree 45: asked once). */
function fromAccount(schema: RJSFSchema, me: ReturnType<typeof useApplicant>): Data {
  const known: Data = {
    hoTen: me.fullName,
    soDinhDanh: me.identityNumber,
    email: me.email,
    soDienThoai: me.phone?.replace(/^\+84/, '0'),
  };
  const fields = Object.keys(schema.properties ?? {});
  return Object.fromEntries(Object.entries(known).filter(([k, v]) => fields.includes(k) && typeof v === 'string' && v));
}

interface EformStepProps {
  procedure: Procedure;
  dossier: DossierDetail;
  /** Refusals of the last submission, to show on their fields. */
  refused: readonly FieldProblem[];
  onBack(): void;
  onNext(): void;
}

export function EformStep({ procedure, dossier, refused, onBack, onNext }: EformStepProps) {
  const { t } = useI18n();
  const s = t.portal.submit;
  const me = useApplicant();
  const { title, ...schema } = procedure.eform.schema as RJSFSchema;
  const validator = useMemo(() => new EformValidator(t.portal.eformErrors), [t]);
  const draft = useEformDraft(dossier, schema, validator, fromAccount(schema, me));
  const form = useRef<{ validateForm(): boolean } | null>(null);
  const [serverErrors, setServerErrors] = useState<FieldProblem[]>([...refused]);
  const saveRefusal =
    draft.state.kind === 'failed' && draft.state.error instanceof ProblemError ? draft.state.error : null;
  const shown = useMemo(
    () => eformErrorSchema([...serverErrors, ...(saveRefusal?.errors ?? [])]),
    [serverErrors, saveRefusal],
  );
  const [moving, setMoving] = useState(false);

  const change = (next: Data) => {
    // A field changed since the server refused it is the applicant's answer to the refusal.
    setServerErrors((errors) => errors.filter((e) => draft.data[e.field.slice(6)] === next[e.field.slice(6)]));
    draft.change(next);
  };
  const next = async () => {
    if (!form.current?.validateForm()) return;
    setMoving(true);
    const saved = await draft.saveNow();
    setMoving(false);
    if (saved) onNext();
  };

  return (
    <section className="panel" aria-labelledby="eform-heading">
      <h2 id="eform-heading">{s.steps['to-khai']}</h2>
      {title && (
        <p className="eform__title" lang="vi">
          {title}
        </p>
      )}
      <p className="muted">{s.eformLead}</p>
      {/* Large controls, as on the other steps: fingers on a phone. */}
      <ConfigProvider componentSize="large">
        <div className="eform" lang="vi">
          <RjsfForm
            ref={form as never}
            schema={schema}
            // No submit button of its own: the wizard's buttons below move on.
            uiSchema={{ ...(procedure.eform.ui as UiSchema), 'ui:submitButtonOptions': { norender: true } }}
            formData={draft.data}
            validator={validator}
            widgets={widgets}
            extraErrors={shown}
            showErrorList={false}
            noHtml5Validate
            focusOnFirstError
            onChange={(event) => change((event.formData ?? {}) as Data)}
          />
        </div>
      </ConfigProvider>
      <SaveStatus state={draft.state} onRetry={() => void draft.saveNow()} />
      <div className="wizard__actions">
        <Button size="large" onClick={onBack}>
          {s.back}
        </Button>
        <Button type="primary" size="large" loading={moving} onClick={next}>
          {s.next}
        </Button>
      </div>
    </section>
  );
}

/** Where the draft stands, announced politely: saved at a time, saving, or why it could not be saved. */
export function SaveStatus({ state, onRetry }: { state: SaveState; onRetry(): void }) {
  const { t } = useI18n();
  const s = t.portal.submit;
  return (
    <div className="save-status" aria-live="polite">
      {state.kind === 'saving' && <p className="muted small">{s.saving}</p>}
      {state.kind === 'saved' && <p className="muted small">{s.savedAt(t.portal.time(state.at))}</p>}
      {state.kind === 'overwritten' && <Alert type="info" showIcon title={s.overwritten} />}
      {state.kind === 'failed' &&
        (state.error instanceof ProblemError && state.error.status < 500 ? (
          <Alert
            type="warning"
            showIcon
            title={<span lang="vi">{state.error.title}</span>}
            description={s.notSavedFields}
          />
        ) : (
          <>
            <ProblemAlert error={state.error} onRetry={onRetry} />
            <p className="muted small">{s.keptHere}</p>
          </>
        ))}
    </div>
  );
}
