// One action on the dossier, in a dialog that asks for exactly what the action needs (its `needs` from the
// server): an opinion, a reason, result documents, a signature, the payment, how the result is returned, who to
// assign, the agency to hand it to, the new appointment (Form 04). The request carries the version the person read
// (If-Match) and one Idempotency-Key. When someone else acted first, the server's conflict is shown and what was
// typed stays, ready to be sent again on the dossier as it now is.
import { Alert, Button, Input, Modal } from 'antd';
import { useId, useState } from 'react';
import { useAgencies } from '../../api/catalog.ts';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { useI18n } from '../../i18n/index.tsx';
import {
  type ActionBody,
  type AvailableAction,
  type Delivery,
  type DossierView,
  type InputNeed,
  takeAction,
} from '../api/dossiers.ts';
import { ConsoleProblem, newIdempotencyKey } from '../api/http.ts';
import { signResult } from '../api/results.ts';
import { useAgencyStaff } from '../api/staff.ts';
import { describedBy, Field } from '../parts.tsx';
import { ResultPicker } from './ResultPicker.tsx';

const DELIVERIES: Delivery[] = ['desk', 'post', 'electronic'];

interface Values {
  opinion: string;
  reason: string;
  note: string;
  documents: string[];
  signWith: string[];
  paymentRef: string;
  delivery: Delivery | '';
  assignee: string;
  agencyId: string;
  newDate: string;
}

const empty = (dossier: DossierView): Values => ({
  opinion: '',
  reason: '',
  note: '',
  documents: [...dossier.resultDocuments],
  signWith: [],
  paymentRef: '',
  delivery: '',
  assignee: '',
  agencyId: '',
  newDate: '',
});

/** `2025-02-14T16:00` typed in Vietnam → ISO 8601 with the offset the server wants. */
const vnInstant = (local: string) => (local ? `${local}:00+07:00` : '');

function bodyOf(needs: InputNeed[], v: Values, signed: string | null): ActionBody {
  const body: ActionBody = {};
  if (needs.includes('opinion')) body.opinion = v.opinion.trim();
  if (needs.includes('reason')) body.reason = v.reason.trim();
  if (needs.includes('documents') && v.documents.length) body.documents = v.documents;
  if (needs.includes('signature') && signed) body.signedDocumentId = signed;
  if (needs.includes('payment')) body.paymentRef = v.paymentRef.trim();
  if (needs.includes('delivery') && v.delivery) body.delivery = v.delivery;
  if (needs.includes('assignee')) body.assignee = v.assignee;
  if (needs.includes('agency')) body.agencyId = v.agencyId;
  if (needs.includes('new_date')) body.newDate = vnInstant(v.newDate);
  if (v.note.trim()) body.note = v.note.trim();
  return body;
}

export function ActionDialog({
  dossier,
  action,
  onDone,
  onClose,
  onReload,
}: {
  dossier: DossierView;
  action: AvailableAction;
  onDone(view: DossierView): void;
  onClose(): void;
  onReload(): Promise<DossierView | undefined>;
}) {
  const { t } = useI18n();
  const id = useId();
  const needs = action.needs;
  const [values, setValues] = useState<Values>(() => empty(dossier));
  const [version, setVersion] = useState(dossier.version);
  const [key, setKey] = useState(newIdempotencyKey);
  const [problem, setProblem] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  // A result signed in this dialog is not signed again when the action itself has to be sent again.
  const [signedHere, setSignedHere] = useState<string | null>(null);
  const staff = useAgencyStaff(dossier.currentAgencyId, needs.includes('assignee'));
  const agencies = useAgencies();
  const set = <K extends keyof Values>(field: K, value: Values[K]) => setValues((v) => ({ ...v, [field]: value }));
  const errorOf = (field: string) => (problem instanceof ConsoleProblem ? problem.messageFor(field) : undefined);
  const conflict = problem instanceof ConsoleProblem && (problem.isConflict || problem.status === 409);

  const submit = async () => {
    setBusy(true);
    setProblem(null);
    try {
      // A signature first signs the chosen result with the signer's own key; the action then names it.
      const signed = needs.includes('signature') && values.signWith[0] ? values.signWith[0] : null;
      if (signed && signed !== signedHere) {
        await signResult(dossier.id, signed);
        setSignedHere(signed);
      }
      const body = bodyOf(needs, values, signed);
      onDone(await takeAction({ dossierId: dossier.id, action: action.id, body, version, idempotencyKey: key }));
    } catch (error) {
      setProblem(error);
      setBusy(false);
    }
  };

  // After a conflict: read the dossier again; what was typed stays, and the next try is a new request.
  const reload = async () => {
    const fresh = await onReload();
    if (!fresh) return;
    setVersion(fresh.version);
    setKey(newIdempotencyKey());
    setProblem(null);
    if (!fresh.availableActions.some((a) => a.id === action.id)) {
      setProblem(new ConsoleProblem(409, t.console.actions.gone, undefined, 'action-not-allowed', undefined, []));
    }
  };

  const text = (field: 'opinion' | 'reason' | 'note', label: string, required: boolean) => {
    const fieldId = `${id}-${field}`;
    const error = errorOf(field);
    return (
      <Field id={fieldId} label={label} error={error}>
        <Input.TextArea
          id={fieldId}
          rows={3}
          value={values[field]}
          onChange={(e) => set(field, e.target.value)}
          required={required}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(fieldId, error)}
          maxLength={4000}
        />
      </Field>
    );
  };

  return (
    <Modal
      open
      title={action.name}
      onCancel={onClose}
      mask={{ closable: false }}
      footer={
        <>
          <Button onClick={onClose}>{t.console.cancel}</Button>
          <Button type="primary" loading={busy} onClick={() => void submit()} disabled={conflict}>
            {t.console.actions.confirm}
          </Button>
        </>
      }
    >
      <form
        className="console-form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        {conflict && (
          <Alert
            type="warning"
            showIcon
            role="alert"
            title={<span lang="vi">{(problem as ConsoleProblem).title}</span>}
            description={
              <>
                <p>{t.console.actions.conflict}</p>
                <Button onClick={() => void reload()}>{t.console.actions.reload}</Button>
              </>
            }
          />
        )}
        {problem !== null && !conflict && <ProblemAlert error={problem} />}
        {needs.includes('opinion') && text('opinion', t.console.actions.opinion, true)}
        {needs.includes('reason') && text('reason', t.console.actions.reason, true)}
        {needs.includes('documents') && (
          <ResultPicker
            dossierId={dossier.id}
            procedureCode={dossier.procedure.code}
            chosen={values.documents}
            onChange={(ids) => set('documents', ids)}
          />
        )}
        {needs.includes('signature') && (
          <ResultPicker
            dossierId={dossier.id}
            procedureCode={dossier.procedure.code}
            chosen={values.signWith}
            onChange={(ids) => set('signWith', ids)}
            single
          />
        )}
        {needs.includes('payment') && (
          <Field id={`${id}-payment`} label={t.console.actions.payment} error={errorOf('paymentRef')}>
            <Input id={`${id}-payment`} value={values.paymentRef} onChange={(e) => set('paymentRef', e.target.value)} />
          </Field>
        )}
        {needs.includes('delivery') && (
          <fieldset className="inline-choice">
            <legend>{t.console.actions.delivery}</legend>
            {DELIVERIES.map((d) => (
              <label key={d}>
                <input
                  type="radio"
                  name={`${id}-delivery`}
                  checked={values.delivery === d}
                  onChange={() => set('delivery', d)}
                />{' '}
                {t.console.delivery[d]}
              </label>
            ))}
          </fieldset>
        )}
        {needs.includes('assignee') && (
          <Field id={`${id}-assignee`} label={t.console.actions.assignee} error={errorOf('assignee')}>
            {staff.isError && <ProblemAlert error={staff.error} />}
            <select id={`${id}-assignee`} value={values.assignee} onChange={(e) => set('assignee', e.target.value)}>
              <option value="">{t.console.desk.choose}</option>
              {(staff.data ?? []).map((s) => (
                <option key={s.id} value={s.id}>
                  {s.fullName}
                  {s.position ? ` — ${s.position}` : ''}
                </option>
              ))}
            </select>
          </Field>
        )}
        {needs.includes('agency') && (
          <Field id={`${id}-agency`} label={t.console.actions.agency} error={errorOf('agencyId')}>
            <select id={`${id}-agency`} value={values.agencyId} onChange={(e) => set('agencyId', e.target.value)}>
              <option value="">{t.console.desk.choose}</option>
              {(agencies.data ?? [])
                .filter((a) => a.id !== dossier.currentAgencyId)
                .map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.name}
                  </option>
                ))}
            </select>
          </Field>
        )}
        {needs.includes('new_date') && (
          <Field
            id={`${id}-date`}
            label={t.console.actions.newDate}
            error={errorOf('newDate')}
            hint={t.console.actions.newDateHint}
          >
            <input
              id={`${id}-date`}
              type="datetime-local"
              className="native-select"
              value={values.newDate}
              onChange={(e) => set('newDate', e.target.value)}
              aria-describedby={describedBy(`${id}-date`, errorOf('newDate'), true)}
            />
          </Field>
        )}
        {!needs.includes('opinion') && text('note', t.console.actions.note, false)}
      </form>
    </Modal>
  );
}
