// Step 4, xem lại và nộp: everything the dossier holds as the server has it, the applicant's declaration, and the
// submission. The submission's Idempotency-Key is made once for this dossier and kept (sessionStorage) until the
// server accepts it: a double click, a retry after a dropped connection or a second tab all make one submission.
// A refusal naming fields sends the applicant to the step where they are, with the messages on them.

import type { RJSFSchema } from '@rjsf/utils';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Checkbox } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { Procedure } from '../../api/catalog.ts';
import { type FieldProblem, ProblemError } from '../../api/client.ts';
import { act, type DossierDetail, dossierKey, newIdempotencyKey } from '../../api/dossiers.ts';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { useI18n } from '../../i18n/index.tsx';
import type { Step } from './WizardSteps.tsx';
import { forgetDossier, keyFor } from './wizard-storage.ts';

interface ReviewStepProps {
  procedure: Procedure;
  dossier: DossierDetail;
  onBack(): void;
  /** The server refused fields: show them at their step. */
  onRefused(step: Step, problems: readonly FieldProblem[]): void;
}

type Properties = Record<string, { title?: string; format?: string }>;

export function ReviewStep({ procedure: p, dossier, onBack, onRefused }: ReviewStepProps) {
  const { t } = useI18n();
  const s = t.portal.submit;
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [declared, setDeclared] = useState(false);
  const [undeclared, setUndeclared] = useState(false);
  const submit = useMutation({
    mutationFn: () => act(dossier.id, 'submit', keyFor(`submit.${dossier.id}`, newIdempotencyKey), dossier.version),
    onSuccess: async () => {
      forgetDossier(dossier.id);
      await queryClient.invalidateQueries({ queryKey: ['applicant'] });
      navigate(`/ho-so-cua-toi/${dossier.id}?da-nop=1`, { replace: true });
    },
    onError: (error) => {
      if (!(error instanceof ProblemError)) return;
      if (error.status === 412) void queryClient.invalidateQueries({ queryKey: dossierKey(dossier.id) });
      const eform = error.errors.filter((e) => e.field.startsWith('eform.'));
      const components = error.errors.filter((e) => e.field.startsWith('components.'));
      if (eform.length) onRefused('to-khai', error.errors);
      else if (components.length) onRefused('thanh-phan', error.errors);
    },
  });
  const properties = ((p.eform.schema as RJSFSchema).properties ?? {}) as Properties;
  const offering = p.offerings.find((o) => o.agencyId === dossier.receivingUnitId);
  const answer = (key: string, value: unknown) =>
    properties[key]?.format === 'date' && typeof value === 'string' ? t.portal.date(value) : String(value);

  return (
    <section className="panel" aria-labelledby="review-heading">
      <h2 id="review-heading">{s.steps['xem-lai']}</h2>
      <h3>{s.steps['noi-nop']}</h3>
      <dl className="facts">
        <div>
          <dt>{s.agency}</dt>
          <dd lang="vi">{offering?.name ?? '—'}</dd>
        </div>
        <div>
          <dt>{s.applicantName}</dt>
          <dd>{String(dossier.applicant.name ?? '')}</dd>
        </div>
      </dl>
      <h3>{s.steps['to-khai']}</h3>
      {Object.keys(dossier.eform).length === 0 ? (
        <p className="muted">{s.eformEmpty}</p>
      ) : (
        <dl className="facts" lang="vi">
          {Object.entries(properties)
            .filter(([key]) => dossier.eform[key] !== undefined && dossier.eform[key] !== '')
            .map(([key, field]) => (
              <div key={key}>
                <dt>{field.title ?? key}</dt>
                <dd>{answer(key, dossier.eform[key])}</dd>
              </div>
            ))}
        </dl>
      )}
      <h3>{s.steps['thanh-phan']}</h3>
      <ol className="review-components">
        {dossier.components.map((c) => (
          <li key={c.index}>
            <span lang="vi">{c.name}</span>:{' '}
            {c.files.length ? (
              <span className="strong">{c.files.map((f) => f.fileName).join(', ')}</span>
            ) : (
              <span className="muted">{s.noFile}</span>
            )}
          </li>
        ))}
      </ol>
      <div className="declaration">
        <Checkbox
          checked={declared}
          onChange={(e) => {
            setDeclared(e.target.checked);
            setUndeclared(false);
          }}
        >
          {s.declaration}
        </Checkbox>
        {undeclared && (
          <p className="field-error" role="alert">
            {s.declarationMissing}
          </p>
        )}
      </div>
      {submit.isError && <ProblemAlert error={submit.error} onRetry={() => submit.mutate()} />}
      <div className="wizard__actions">
        <Button size="large" onClick={onBack}>
          {s.back}
        </Button>
        <Button
          type="primary"
          size="large"
          loading={submit.isPending}
          onClick={() => {
            if (!declared) return setUndeclared(true);
            // While one submission is on its way, a second click sends nothing more.
            if (!submit.isPending) submit.mutate();
          }}
        >
          {s.submit}
        </Button>
      </div>
    </section>
  );
}
