// After the decision: the dossier's code and appointment, and its paper to print for the applicant. Form 01 is
// printed with the tracking secret given once by the accept action (docs/dossiers.md); it opens at once, and the
// focused link opens it again.
import { Button, Result } from 'antd';
import { useEffect, useRef } from 'react';
import { Link } from 'react-router';
import { useI18n } from '../../i18n/index.tsx';
import { type DossierView, formUrl } from '../api/dossiers.ts';
import { formatDateTime, PageHeading } from '../parts.tsx';
import type { Decision } from './desk-api.ts';

export interface Received {
  dossier: DossierView;
  decision: Decision;
}

const FORM_OF: Record<Decision, '01' | '02' | '03'> = { accept: '01', request_supplement: '02', refuse: '03' };

export function ReceptionDone({ received, onNext }: { received: Received; onNext(): void }) {
  const { t } = useI18n();
  const { dossier, decision } = received;
  const form = FORM_OF[decision];
  const url = formUrl(dossier.id, form, decision === 'accept' ? dossier.trackingSecret : undefined);
  const print = useRef<HTMLAnchorElement & HTMLButtonElement>(null);
  useEffect(() => {
    print.current?.focus();
    // The officer hands the paper over now: open it for printing straight away (the link stays if it is blocked).
    window.open(url, '_blank', 'noopener');
  }, [url]);

  return (
    <>
      <PageHeading title={t.console.desk.doneTitle[decision]} />
      <Result
        status={decision === 'refuse' ? 'warning' : 'success'}
        title={
          <span role="status">
            {decision === 'accept' ? t.console.desk.accepted(dossier.code ?? '') : t.console.desk.decided[decision]}
          </span>
        }
        subTitle={
          <>
            <span lang="vi">{dossier.procedure.name}</span> · <span lang="vi">{dossier.applicant.name}</span>
            {dossier.dueAt && (
              <>
                <br />
                {t.console.desk.appointment(formatDateTime(dossier.dueAt))}
              </>
            )}
          </>
        }
        extra={
          <div className="form-actions form-actions--center">
            <Button ref={print} type="primary" href={url} target="_blank" rel="noopener">
              {t.console.desk.print[form]}
            </Button>
            <Button onClick={onNext}>{t.console.desk.next}</Button>
            <Link to={`/can-bo/ho-so/${dossier.id}`}>{t.console.desk.open}</Link>
          </div>
        }
      />
    </>
  );
}
