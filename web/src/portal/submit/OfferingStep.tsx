// Step 1, nơi nộp hồ sơ: the agency that receives the dossier, among those offering the procedure, and the name
// the dossier is filed under (from the account). Continuing opens the draft on the server, once: the opening
// carries an Idempotency-Key kept in this tab until the server answered, so a double click or a retry after a
// dropped connection makes one draft.
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Input, Popconfirm } from 'antd';
import { useId, useState } from 'react';
import { useNavigate } from 'react-router';
import type { Procedure } from '../../api/catalog.ts';
import { ProblemError } from '../../api/client.ts';
import { type DossierDetail, discardDraft, newIdempotencyKey, openDossier } from '../../api/dossiers.ts';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { useApplicant } from '../account/ApplicantArea.tsx';
import { forgetDossier, forgetKey, keyFor } from './wizard-storage.ts';

interface OfferingStepProps {
  procedure: Procedure;
  dossier: DossierDetail | null;
  onOpened(id: string): void;
  onNext(): void;
}

export function OfferingStep({ procedure: p, dossier, onOpened, onNext }: OfferingStepProps) {
  const { t } = useI18n();
  const s = t.portal.submit;
  const me = useApplicant();
  const [agencyId, setAgencyId] = useState(p.offerings.length === 1 ? (p.offerings[0]?.agencyId ?? '') : '');
  const [name, setName] = useState(me.fullName ?? me.businessName ?? '');
  const [missing, setMissing] = useState<'agency' | 'name' | null>(null);
  const nameId = useId();
  const purpose = `open.${p.code}`;
  const open = useMutation({
    mutationFn: () =>
      openDossier(
        { procedureCode: p.code, receivingUnitId: agencyId, applicant: { name: name.trim() }, eform: {}, draft: true },
        keyFor(purpose, newIdempotencyKey),
      ),
    onSuccess: (view) => {
      forgetKey(purpose);
      onOpened(view.id);
    },
    onError: (error) => {
      // A refusal is final for this request: the next attempt is a new one.
      if (error instanceof ProblemError) forgetKey(purpose);
    },
  });

  if (dossier) return <ChosenOffering procedure={p} dossier={dossier} onNext={onNext} />;
  if (!p.receiptChannels.includes('online')) return <Alert type="warning" showIcon title={s.notOnline} />;

  const next = () => {
    if (!agencyId) return setMissing('agency');
    if (!name.trim()) return setMissing('name');
    setMissing(null);
    open.mutate();
  };
  return (
    <section className="panel" aria-labelledby="offering-heading">
      <h2 id="offering-heading">{s.steps['noi-nop']}</h2>
      <fieldset className="choice-list" aria-describedby={missing === 'agency' ? 'offering-missing' : undefined}>
        <legend>{s.chooseAgency}</legend>
        {p.offerings.map((o) => (
          <label key={o.agencyId} className={`choice${agencyId === o.agencyId ? ' choice--chosen' : ''}`}>
            <input
              type="radio"
              name="offering"
              value={o.agencyId}
              checked={agencyId === o.agencyId}
              onChange={() => setAgencyId(o.agencyId)}
            />
            <span>
              <span className="choice__title" lang="vi">
                {o.name}
              </span>
              {o.address && (
                <span className="choice__detail" lang="vi">
                  {o.address}
                </span>
              )}
            </span>
          </label>
        ))}
        {missing === 'agency' && (
          <p id="offering-missing" className="field-error" role="alert">
            {s.agencyMissing}
          </p>
        )}
      </fieldset>
      <div className="field">
        <label htmlFor={nameId}>{s.applicantName}</label>
        <Input
          id={nameId}
          size="large"
          value={name}
          maxLength={200}
          autoComplete="name"
          status={missing === 'name' ? 'error' : undefined}
          aria-describedby={`${nameId}-hint`}
          onChange={(e) => setName(e.target.value)}
        />
        <p id={`${nameId}-hint`} className={missing === 'name' ? 'field-error' : 'muted small'}>
          {missing === 'name' ? s.nameMissing : s.applicantNameHint}
        </p>
      </div>
      {open.isError && <ProblemAlert error={open.error} onRetry={() => open.mutate()} />}
      <div className="wizard__actions">
        <Button type="primary" size="large" loading={open.isPending} onClick={next}>
          {s.next}
        </Button>
      </div>
    </section>
  );
}

/** Once the draft exists its agency is fixed: to apply elsewhere, the draft is discarded and a new one made. */
function ChosenOffering({
  procedure: p,
  dossier,
  onNext,
}: {
  procedure: Procedure;
  dossier: DossierDetail;
  onNext(): void;
}) {
  const { t } = useI18n();
  const s = t.portal.submit;
  const navigate = useNavigate();
  const offering = p.offerings.find((o) => o.agencyId === dossier.receivingUnitId);
  const discard = useMutation({
    mutationFn: () => discardDraft(dossier.id, dossier.version),
    onSuccess: () => {
      forgetDossier(dossier.id);
      navigate(`/nop-ho-so/${p.code}`, { replace: true });
    },
  });
  return (
    <section className="panel" aria-labelledby="offering-heading">
      <h2 id="offering-heading">{s.steps['noi-nop']}</h2>
      <dl className="facts">
        <div>
          <dt>{s.agency}</dt>
          <dd lang="vi">{offering?.name ?? dossier.receivingUnitId}</dd>
        </div>
        <div>
          <dt>{s.applicantName}</dt>
          <dd>{String(dossier.applicant.name ?? '')}</dd>
        </div>
      </dl>
      <p className="muted">{s.agencyFixed}</p>
      {discard.isError && <ProblemAlert error={discard.error} />}
      <div className="wizard__actions">
        <Popconfirm
          title={s.discardConfirm}
          okText={s.discard}
          cancelText={s.keep}
          okButtonProps={{ danger: true }}
          onConfirm={() => discard.mutate()}
        >
          <Button danger loading={discard.isPending}>
            {s.discard}
          </Button>
        </Popconfirm>
        <Button type="primary" size="large" onClick={onNext}>
          {s.next}
        </Button>
      </div>
    </section>
  );
}
