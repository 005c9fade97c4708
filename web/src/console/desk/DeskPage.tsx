// The reception desk (/can-bo/tiep-nhan): an applicant at the counter, one screen, the keyboard alone. Find the
// procedure, enter the applicant (an identity number already known fills the rest), fill the e-form, tick the
// components received and attach their scans, then accept (Form 01 printed), ask for a supplement (Form 02) or
// refuse (Form 03). Beside it, the online dossiers waiting to be received.
import { Alert, Button } from 'antd';
import { type FormEvent, useEffect, useId, useMemo, useRef, useState } from 'react';
import { Link } from 'react-router';
import { useAgencies } from '../../api/catalog.ts';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { useDossierList, useDossierRefresh } from '../api/dossiers.ts';
import { ConsoleProblem } from '../api/http.ts';
import { useProcedureVersion } from '../api/procedures.ts';
import { DueTag, formatDateTime, PageHeading } from '../parts.tsx';
import { useSession } from '../session.tsx';
import {
  ApplicantFields,
  type ApplicantValues,
  applicantOf,
  emptyApplicant,
  identityProblem,
} from './ApplicantFields.tsx';
import { type Checklist, ComponentChecklist } from './ComponentChecklist.tsx';
import { type Decision, newProgress, type Progress, receive, useHandsOff } from './desk-api.ts';
import { EFormFields, type EFormValues, eformData } from './EFormFields.tsx';
import { type ChosenProcedure, ProcedurePicker } from './ProcedurePicker.tsx';
import { type Received, ReceptionDone } from './ReceptionDone.tsx';

/** E-form fields the applicant's own details fill, as the demo procedures name them. */
const FROM_APPLICANT: Record<string, keyof ApplicantValues> = {
  hoTen: 'name',
  nguoiDaiDien: 'name',
  soDinhDanh: 'identityNumber',
  noiCuTru: 'address',
  soDienThoai: 'phone',
};

export function DeskPage() {
  const { t } = useI18n();
  const { agency } = useSession();
  const id = useId();
  const [procedure, setProcedure] = useState<ChosenProcedure | null>(null);
  const [channel, setChannel] = useState<'desk' | 'post'>('desk');
  const [resolvingAgencyId, setResolvingAgencyId] = useState('');
  const [applicant, setApplicant] = useState<ApplicantValues>(emptyApplicant);
  const [eform, setEform] = useState<EFormValues>({});
  const [typedInEform, setTypedInEform] = useState<Set<string>>(new Set());
  const [checklist, setChecklist] = useState<Checklist>({});
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<unknown>(null);
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState<Decision | null>(null);
  const [done, setDone] = useState<Received | null>(null);
  const progress = useRef<Progress>(newProgress());
  const refresh = useDossierRefresh();

  const details = useProcedureVersion(procedure?.code ?? null);
  const offering = details.data?.offerings.find((o) => o.agencyId === agency.id);
  const handsOff = useHandsOff(offering?.workflow ?? null);
  const agencies = useAgencies();
  const managing = agencies.data?.find((a) => a.identifier === details.data?.managingAgency.identifier);
  const channels = (details.data?.receiptChannels ?? []).filter((c) => c !== 'online') as ('desk' | 'post')[];

  // The e-form follows the applicant's details until the officer types in the field themselves.
  useEffect(() => {
    setEform((values) => {
      const next = { ...values };
      for (const [key, from] of Object.entries(FROM_APPLICANT)) if (!typedInEform.has(key)) next[key] = applicant[from];
      return next;
    });
  }, [applicant, typedInEform]);

  // The agency that manages the procedure resolves it, unless the officer names another.
  const resolving = resolvingAgencyId || managing?.id || '';

  // Once the procedure is chosen, the next thing typed is the applicant's identity number.
  useEffect(() => {
    if (procedure) document.getElementById(`${id}-applicant-identity`)?.focus();
  }, [procedure, id]);

  const locked = progress.current.dossier !== null;
  const serverError = (field: string) => (problem instanceof ConsoleProblem ? problem.messageFor(field) : undefined);
  const errorOf = (field: string) => localErrors[field] ?? serverError(field);

  const reset = () => {
    progress.current = newProgress();
    setProcedure(null);
    setApplicant(emptyApplicant);
    setEform({});
    setTypedInEform(new Set());
    setChecklist({});
    setReason('');
    setProblem(null);
    setLocalErrors({});
    setResolvingAgencyId('');
    setDone(null);
  };

  const check = (decision: Decision): Record<string, string> => {
    const errors: Record<string, string> = {};
    if (!procedure) errors.procedureCode = t.console.desk.needProcedure;
    if (!applicant.name.trim()) errors['applicant.name'] = t.console.desk.needName;
    const identity = identityProblem(applicant.identityNumber);
    if (identity) errors['applicant.identityNumber'] = identity;
    const components = details.data?.components ?? [];
    const missing = components.filter((c, i) => c.required && !checklist[i + 1]?.received);
    if (decision === 'accept' && missing.length) errors.components = t.console.desk.needComponents(missing.length);
    if (decision !== 'accept' && !reason.trim()) errors.reason = t.console.desk.needReason;
    return errors;
  };

  const decide = async (decision: Decision) => {
    const errors = check(decision);
    setLocalErrors(errors);
    setProblem(null);
    if (Object.keys(errors).length || !procedure || !details.data) {
      document.querySelector<HTMLElement>('[aria-invalid="true"], .field__error')?.focus();
      return;
    }
    setBusy(decision);
    try {
      const dossier = await receive(
        {
          procedureCode: procedure.code,
          channel,
          receivingUnitId: agency.id,
          ...(handsOff.data && resolving ? { resolvingAgencyId: resolving } : {}),
          applicant: applicantOf(applicant),
          eform: eformData(details.data.eform, eform),
          scans: Object.entries(checklist).flatMap(([n, c]) => c.files.map((file) => ({ component: Number(n), file }))),
          decision,
          reason: reason.trim(),
        },
        progress.current,
      );
      refresh(dossier);
      setDone({ dossier, decision });
    } catch (error) {
      setProblem(error);
    } finally {
      setBusy(null);
    }
  };

  if (done) return <ReceptionDone received={done} onNext={reset} />;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void decide('accept');
  };

  return (
    <>
      <PageHeading title={t.console.desk.title}>
        <span className="muted">
          {t.console.desk.at} <strong lang="vi">{agency.name}</strong>
        </span>
      </PageHeading>
      <div className="desk">
        <form className="desk__form" onSubmit={submit} noValidate aria-label={t.console.desk.title}>
          {problem !== null && (!(problem instanceof ConsoleProblem) || problem.errors.length === 0) && (
            <ProblemAlert error={problem} />
          )}
          {problem instanceof ConsoleProblem && problem.errors.length > 0 && (
            <Alert type="error" showIcon role="alert" title={<span lang="vi">{problem.title}</span>} />
          )}
          {locked && <Alert type="info" showIcon title={t.console.desk.draftKept} />}

          <fieldset className="panel">
            <legend>{t.console.desk.procedure}</legend>
            <ProcedurePicker
              agencyId={agency.id}
              chosen={procedure}
              locked={locked}
              onChoose={(p) => {
                setProcedure(p);
                setChecklist({});
                setChannel('desk');
                setResolvingAgencyId('');
              }}
            />
            {errorOf('procedureCode') && (
              <p className="field__error" role="alert" lang="vi">
                {errorOf('procedureCode')}
              </p>
            )}
            {details.isError && <ProblemAlert error={details.error} onRetry={() => void details.refetch()} />}
            {details.data && (
              <div className="field-grid-2 offering">
                <p className="muted">
                  {t.console.desk.offering(offering?.name ?? agency.name)}
                  <br />
                  {t.console.desk.time(
                    details.data.processingTimes.map((p) => t.vocab.duration(p.value, p.unit)).join('; '),
                  )}
                </p>
                {channels.length > 1 && (
                  <fieldset className="inline-choice">
                    <legend>{t.console.desk.channel}</legend>
                    {channels.map((c) => (
                      <label key={c}>
                        <input
                          type="radio"
                          name={`${id}-channel`}
                          checked={channel === c}
                          onChange={() => setChannel(c)}
                          disabled={locked}
                        />{' '}
                        {t.vocab.channel[c]}
                      </label>
                    ))}
                  </fieldset>
                )}
                {handsOff.data && (
                  <div className="field">
                    <label htmlFor={`${id}-resolving`}>{t.console.desk.resolvingAgency}</label>
                    <select
                      id={`${id}-resolving`}
                      value={resolving}
                      onChange={(e) => setResolvingAgencyId(e.target.value)}
                      disabled={locked}
                    >
                      {(agencies.data ?? []).map((a) => (
                        <option key={a.id} value={a.id}>
                          {a.name}
                        </option>
                      ))}
                    </select>
                  </div>
                )}
              </div>
            )}
          </fieldset>

          <fieldset className="panel" disabled={locked}>
            <legend>{t.console.desk.applicant}</legend>
            <ApplicantFields id={`${id}-applicant`} value={applicant} onChange={setApplicant} errorOf={errorOf} />
          </fieldset>

          <fieldset className="panel" disabled={locked}>
            <legend>{t.console.desk.eform}</legend>
            {details.data ? (
              <EFormFields
                eform={details.data.eform}
                values={eform}
                idPrefix={`${id}-eform`}
                errorOf={(key) => errorOf(`eform.${key}`)}
                onChange={(key, value) => {
                  setTypedInEform((typed) => new Set(typed).add(key));
                  setEform((values) => ({ ...values, [key]: value }));
                }}
              />
            ) : (
              <p className="muted">{t.console.desk.afterProcedure}</p>
            )}
          </fieldset>

          <fieldset className="panel">
            <legend>{t.console.desk.components}</legend>
            {details.data ? (
              <ComponentChecklist
                components={details.data.components}
                value={checklist}
                onChange={setChecklist}
                error={errorOf('components') ?? errorOf('file')}
                sent={progress.current.sent}
              />
            ) : (
              <p className="muted">{t.console.desk.afterProcedure}</p>
            )}
          </fieldset>

          <fieldset className="panel desk__decision">
            <legend>{t.console.desk.decision}</legend>
            <div className={`field${errorOf('reason') ? ' field--error' : ''}`}>
              <label htmlFor={`${id}-reason`}>{t.console.desk.reason}</label>
              <textarea
                id={`${id}-reason`}
                className="textarea"
                rows={2}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                aria-invalid={errorOf('reason') ? true : undefined}
                aria-describedby={errorOf('reason') ? `${id}-reason-error` : `${id}-reason-hint`}
              />
              <p className="field__hint" id={`${id}-reason-hint`}>
                {t.console.desk.reasonHint}
              </p>
              {errorOf('reason') && (
                <p className="field__error" id={`${id}-reason-error`} role="alert">
                  {errorOf('reason')}
                </p>
              )}
            </div>
            <div className="form-actions">
              <Button type="primary" htmlType="submit" loading={busy === 'accept'} disabled={busy !== null}>
                {t.console.desk.accept}
              </Button>
              <Button
                onClick={() => void decide('request_supplement')}
                loading={busy === 'request_supplement'}
                disabled={busy !== null}
              >
                {t.console.desk.supplement}
              </Button>
              <Button danger onClick={() => void decide('refuse')} loading={busy === 'refuse'} disabled={busy !== null}>
                {t.console.desk.refuse}
              </Button>
            </div>
          </fieldset>
        </form>
        <WaitingOnline />
      </div>
    </>
  );
}

/** The dossiers waiting at the reception step (submitted online, or entered here and not yet decided). */
function WaitingOnline() {
  const { t } = useI18n();
  const list = useDossierList({ queue: 'receive', sort: 'due' }, 20);
  const items = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);
  return (
    <aside className="panel desk__waiting" aria-labelledby="desk-waiting">
      <h2 id="desk-waiting">{t.console.desk.waiting}</h2>
      {list.isError && <ProblemAlert error={list.error} onRetry={() => void list.refetch()} />}
      {list.isSuccess && items.length === 0 && <p className="muted">{t.console.desk.noneWaiting}</p>}
      <ul className="waiting-list">
        {items.map((d) => (
          <li key={d.id}>
            <Link to={`/can-bo/ho-so/${d.id}`} lang="vi">
              {d.applicantName}
            </Link>
            <span className="muted" lang="vi">
              {d.procedure.name}
            </span>
            <span className="waiting-list__meta">
              {t.vocab.channel[d.channel as 'desk'] ?? d.channel} · {formatDateTime(d.stepDueAt ?? d.dueAt)}{' '}
              <DueTag state={d.dueState} />
            </span>
          </li>
        ))}
      </ul>
      <Link to="/can-bo/hang-doi?hang=receive">{t.console.desk.allWaiting}</Link>
    </aside>
  );
}
