// Nộp hồ sơ trực tuyến, a wizard in four steps: where to apply (the offering), the e-form, the components' files,
// then review and submit. The draft is made on the server at the first step and saved as the applicant goes; the
// step and the draft are in the address (?ho-so=…&buoc=…), so a reload, "back", or a sign-in after the session
// expired returns to the same place with what was typed.
import { Skeleton } from 'antd';
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { type Procedure, useProcedure } from '../../api/catalog.ts';
import type { FieldProblem } from '../../api/client.ts';
import { type DossierDetail, useDossier } from '../../api/dossiers.ts';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { useI18n } from '../../i18n/index.tsx';
import { ComponentsStep } from './ComponentsStep.tsx';
import { EformStep } from './EformStep.tsx';
import { OfferingStep } from './OfferingStep.tsx';
import { ReviewStep } from './ReviewStep.tsx';
import { STEPS, type Step, WizardSteps } from './WizardSteps.tsx';

export function SubmitPage() {
  const { t } = useI18n();
  const s = t.portal.submit;
  const { code = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const procedure = useProcedure(code);
  const dossierId = params.get('ho-so');
  const dossier = useDossier(dossierId);
  const asked = params.get('buoc') as Step | null;
  const step: Step = dossierId && asked && STEPS.includes(asked) ? asked : dossierId ? 'to-khai' : 'noi-nop';
  usePageTitle(`${s.steps[step]} · ${s.title}`);

  /** The fields the server refused at the last submission, shown at their step until the applicant changes them. */
  const [refused, setRefused] = useState<readonly FieldProblem[]>([]);
  const go = (next: Step, id = dossierId) => {
    setParams(id ? { 'ho-so': id, buoc: next } : {});
    window.scrollTo({ top: 0 });
  };
  const refuse = (at: Step, problems: readonly FieldProblem[]) => {
    setRefused(problems);
    go(at);
  };

  const failed = procedure.error ?? dossier.error;
  if (failed) {
    return (
      <>
        <h1>{s.title}</h1>
        <ProblemAlert error={failed} onRetry={() => (procedure.isError ? procedure.refetch() : dossier.refetch())} />
        <p className="section">
          <Link to={`/thu-tuc/${code}`}>{s.backToProcedure}</Link>
        </p>
      </>
    );
  }
  if (!procedure.data || (dossierId && !dossier.data)) {
    return (
      <>
        <h1>{s.title}</h1>
        <span className="visually-hidden" role="status">
          {t.site.loading}
        </span>
        <Skeleton active paragraph={{ rows: 8 }} />
      </>
    );
  }
  const p = procedure.data;
  return (
    <div className="wizard">
      <h1>{s.title}</h1>
      <p className="wizard__procedure" lang="vi">
        {p.name}
      </p>
      <WizardSteps current={step} reachable={dossierId !== null} onGo={go} />
      {dossier.data && dossier.data.status !== 'draft' ? (
        <NotADraft dossier={dossier.data} />
      ) : (
        <StepBody
          step={step}
          procedure={p}
          dossier={dossier.data ?? null}
          refused={refused}
          go={go}
          onRefused={refuse}
        />
      )}
    </div>
  );
}

interface StepBodyProps {
  step: Step;
  procedure: Procedure;
  dossier: DossierDetail | null;
  refused: readonly FieldProblem[];
  go(step: Step, id?: string): void;
  onRefused(step: Step, problems: readonly FieldProblem[]): void;
}

function StepBody({ step, procedure, dossier, refused, go, onRefused }: StepBodyProps) {
  if (!dossier || step === 'noi-nop') {
    return (
      <OfferingStep
        procedure={procedure}
        dossier={dossier}
        onOpened={(id) => go('to-khai', id)}
        onNext={() => go('to-khai')}
      />
    );
  }
  switch (step) {
    case 'to-khai':
      return (
        <EformStep
          key={refused.length}
          procedure={procedure}
          dossier={dossier}
          refused={refused}
          onBack={() => go('noi-nop')}
          onNext={() => go('thanh-phan')}
        />
      );
    case 'thanh-phan':
      return (
        <ComponentsStep dossier={dossier} refused={refused} onBack={() => go('to-khai')} onNext={() => go('xem-lai')} />
      );
    default:
      return (
        <ReviewStep procedure={procedure} dossier={dossier} onBack={() => go('thanh-phan')} onRefused={onRefused} />
      );
  }
}

/** A dossier already submitted (in another tab, or by a double click that arrived first) has its own page. */
function NotADraft({ dossier }: { dossier: DossierDetail }) {
  const { t } = useI18n();
  return (
    <div className="panel">
      <p>{t.portal.submit.alreadySubmitted}</p>
      <Link to={`/ho-so-cua-toi/${dossier.id}`} className="cta cta--inline">
        {t.portal.submit.openDossier}
      </Link>
    </div>
  );
}
