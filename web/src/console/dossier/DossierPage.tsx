// The dossier workspace (/can-bo/ho-so/:id): the applicant and the e-form, the components with a viewer, the result
// documents, the deadline, the history and the papers; and only the actions the server allows this person now,
// each in its dialog. After an action that makes a paper for the applicant, that paper is offered for printing.
import { useQuery } from '@tanstack/react-query';
import { Alert, Button } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { type AvailableAction, type DossierView, formUrl, useDossier, useDossierRefresh } from '../api/dossiers.ts';
import { call } from '../api/http.ts';
import { useProcedureVersion } from '../api/procedures.ts';
import { resultFileUrl, useResults, useResultsRefresh } from '../api/results.ts';
import { eformFields } from '../desk/EFormFields.tsx';
import { formatDateTime, PageHeading, PageLoading } from '../parts.tsx';
import { ActionDialog } from './ActionDialog.tsx';
import { ComponentsPanel } from './ComponentsPanel.tsx';
import { DeadlineBar } from './DeadlineBar.tsx';
import { FormsPanel } from './FormsPanel.tsx';
import { History } from './History.tsx';

interface Definition {
  steps: { id: string; name: string; actions: { id: string; name: string }[] }[];
}

/** Step and action names of the dossier's workflow version, for the history. */
function useWorkflowNames(dossier: DossierView | undefined) {
  const { t } = useI18n();
  const workflow = dossier?.workflow;
  const definition = useQuery({
    queryKey: ['workflow-version', workflow?.code, workflow?.version],
    enabled: workflow !== undefined,
    staleTime: Infinity,
    queryFn: async ({ signal }) =>
      (
        await call<{ definition: Definition }>(
          `/api/v1/workflows/${encodeURIComponent(workflow?.code ?? '')}/versions/${workflow?.version}`,
          { signal },
        )
      ).data.definition,
  });
  const steps = new Map(definition.data?.steps.map((s) => [s.id, s.name]));
  const actions = new Map(definition.data?.steps.flatMap((s) => s.actions.map((a) => [a.id, a.name] as const)));
  return {
    stepName: (id: string) => steps.get(id) ?? id,
    actionName: (id: string) => actions.get(id) ?? t.console.actionNames[id] ?? id,
  };
}

/** The paper an action makes for the applicant, to print at once. */
const PAPER_OF: Record<string, '01' | '02' | '03' | '04'> = {
  accept: '01',
  request_supplement: '02',
  refuse: '03',
  extend: '04',
};

export function DossierPage() {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const dossier = useDossier(id);
  const refresh = useDossierRefresh();
  const refreshResults = useResultsRefresh();
  const names = useWorkflowNames(dossier.data);
  const [open, setOpen] = useState<AvailableAction | null>(null);
  const [done, setDone] = useState<{ action: string; view: DossierView } | null>(null);

  if (dossier.isError) {
    return (
      <>
        <PageHeading title={t.console.dossier.title('')} />
        <ProblemAlert error={dossier.error} onRetry={() => void dossier.refetch()} />
      </>
    );
  }
  if (!dossier.data) return <PageLoading />;
  const d = dossier.data;
  const paper = done ? PAPER_OF[done.action] : undefined;

  return (
    <>
      <PageHeading title={t.console.dossier.title(d.code ?? t.console.list.noCode)}>
        <span className="status-tag">{t.console.statuses[d.status] ?? d.statusName}</span>
      </PageHeading>
      <p className="dossier-summary">
        <span lang="vi">{d.procedure.name}</span> · {t.console.dossier.step}: <strong lang="vi">{d.stepName}</strong>
        {' · '}
        {t.vocab.channel[d.channel]}
        {d.receivedAt && <> · {t.console.dossier.receivedOn(formatDateTime(d.receivedAt))}</>}
      </p>

      {done && (
        <Alert
          type="success"
          showIcon
          role="status"
          title={t.console.dossier.done(names.actionName(done.action))}
          description={
            paper && (
              <a href={formUrl(d.id, paper, done.view.trackingSecret)} target="_blank" rel="noopener">
                {t.console.dossier.form[paper]}
              </a>
            )
          }
          closable={{ onClose: () => setDone(null) }}
        />
      )}

      <section className="panel actions-bar" aria-labelledby="actions-title">
        <h2 id="actions-title">{t.console.dossier.actions}</h2>
        {d.availableActions.length === 0 ? (
          <p className="muted">{t.console.dossier.noActions}</p>
        ) : (
          <div className="form-actions">
            {d.availableActions.map((a, i) => (
              <Button key={a.id} type={i === 0 ? 'primary' : 'default'} onClick={() => setOpen(a)}>
                {a.name}
              </Button>
            ))}
          </div>
        )}
      </section>

      <div className="workspace">
        <div className="workspace__main">
          <DeadlineBar dossier={d} />
          <ApplicantPanel dossier={d} />
          <ComponentsPanel dossier={d} canAttach={d.availableActions.length > 0} />
          <ResultsPanel dossier={d} />
        </div>
        <div className="workspace__side">
          <FormsPanel dossier={d} />
          <History entries={d.history} stepName={names.stepName} actionName={names.actionName} />
        </div>
      </div>

      {open && (
        <ActionDialog
          dossier={d}
          action={open}
          onClose={() => setOpen(null)}
          onReload={async () => (await dossier.refetch()).data}
          onDone={(view) => {
            refresh(view);
            void refreshResults(view.id);
            setDone({ action: open.id, view });
            setOpen(null);
          }}
        />
      )}
    </>
  );
}

function ApplicantPanel({ dossier }: { dossier: DossierView }) {
  const { t } = useI18n();
  const a = dossier.applicant;
  const rows: [string, string | null | undefined][] = [
    [t.console.desk.applicantFields.name, a.name],
    [t.console.desk.identityNumber, a.identityNumber],
    [t.console.desk.applicantFields.phone, a.phone],
    [t.console.desk.applicantFields.email, a.email],
    [t.console.desk.applicantFields.address, a.address],
  ];
  const procedure = useProcedureVersion(dossier.procedure.code);
  const properties = (procedure.data?.eform.schema.properties ?? {}) as Record<string, { title?: string }>;
  // In the form's own order (its UI hints), then anything else the dossier holds.
  const order = procedure.data ? eformFields(procedure.data.eform).map((f) => f.key) : [];
  const rank = (key: string) => (order.includes(key) ? order.indexOf(key) : order.length);
  const eform = Object.entries(dossier.eform).sort(([a], [b]) => rank(a) - rank(b));
  return (
    <section className="panel" aria-labelledby="applicant-title">
      <h2 id="applicant-title">{t.console.desk.applicant.replace(/^\d+\.\s*/, '')}</h2>
      <dl className="facts facts--compact">
        {rows
          .filter(([, v]) => v)
          .map(([label, value]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd lang="vi">{value}</dd>
            </div>
          ))}
      </dl>
      {eform.length > 0 && (
        <>
          <h3>{t.console.desk.eform.replace(/^\d+\.\s*/, '')}</h3>
          <dl className="facts facts--compact">
            {eform.map(([key, value]) => (
              <div key={key}>
                <dt lang="vi">{properties[key]?.title ?? key}</dt>
                <dd lang="vi">{String(value)}</dd>
              </div>
            ))}
          </dl>
        </>
      )}
    </section>
  );
}

function ResultsPanel({ dossier }: { dossier: DossierView }) {
  const { t } = useI18n();
  const results = useResults(dossier.id);
  if (!results.data?.length && !results.isError) return null;
  return (
    <section className="panel" aria-labelledby="results-title">
      <h2 id="results-title">{t.console.dossier.results}</h2>
      {results.isError && <ProblemAlert error={results.error} onRetry={() => void results.refetch()} />}
      <ul className="plain results-list">
        {(results.data ?? []).map((r) => (
          <li key={r.id}>
            <a href={resultFileUrl(dossier.id, r.id)} target="_blank" rel="noopener" lang="vi">
              {r.title}
            </a>
            {r.numberSymbol && <span className="muted"> · {r.numberSymbol}</span>}
            <ul className="plain signatures">
              {r.signatures.map((s) => (
                <li key={s.signatureId} lang="vi">
                  ✓ {t.console.dossier.signedBy(s.signer, formatDateTime(s.signedAt))}
                </li>
              ))}
              {r.signatures.length === 0 && <li className="muted">{t.console.dossier.unsigned}</li>}
            </ul>
          </li>
        ))}
      </ul>
    </section>
  );
}
