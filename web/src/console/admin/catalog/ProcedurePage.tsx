// One procedure (/can-bo/quan-tri/thu-tuc/:code): its versions, and the draft edited part by part (general
// information, components, fees, processing times, offerings, the e-form with its live preview). Saving sends the
// procedure's revision in If-Match (editing a published version starts a draft); publishing takes the date the
// version comes into force. What is typed stays in the page whatever the server answers.
import { Alert, Button, Tabs } from 'antd';
import { type ReactNode, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ProblemAlert } from '../../../components/ProblemAlert.tsx';
import { labelOf, useI18n } from '../../../i18n/index.tsx';
import { ConsoleProblem } from '../../api/http.ts';
import { formatDate, formatDateTime, PageHeading, PageLoading, vnToday } from '../../parts.tsx';
import { ConfirmDialog, EditProblem, TextField } from '../common.tsx';
import { adminPath } from '../paths.ts';
import {
  type AdminView,
  discardDraft,
  type ProcedureContent,
  publishDraft,
  saveDraft,
  useCatalogRefresh,
  useProcedureVersions,
} from './api.ts';
import {
  ComponentsFields,
  FeesFields,
  GeneralFields,
  OfferingsFields,
  type PartProps,
  TimesFields,
} from './ContentFields.tsx';
import { EFormEditor } from './EFormEditor.tsx';

export function ProcedurePage() {
  const code = useParams().code ?? '';
  const view = useProcedureVersions(code);
  const refresh = useCatalogRefresh();
  const [reloads, setReloads] = useState(0);
  const [notice, setNotice] = useState<string | null>(null);

  if (view.isError) return <ProblemAlert error={view.error} onRetry={() => void view.refetch()} />;
  if (!view.data) return <PageLoading />;
  const reload = async (message: string | null = null) => {
    await refresh(code);
    setNotice(message);
    setReloads((n) => n + 1);
  };
  return (
    <ProcedureEditor
      key={reloads}
      code={code}
      view={view.data}
      notice={notice}
      onReload={(message) => void reload(message)}
    />
  );
}

const PARTS = ['general', 'components', 'fees', 'times', 'offerings', 'eform'] as const;
type Part = (typeof PARTS)[number];

/** The fields each part edits, to count the server's problems on its tab. */
const PART_FIELDS: Record<Part, readonly string[]> = {
  general: [
    'name',
    'field',
    'managingAgency',
    'levels',
    'applicantTypes',
    'onlineLevel',
    'legacyLevel',
    'receiptChannels',
    'result',
    'legalBasis',
    'conditions',
    'nationalPortal',
  ],
  components: ['components'],
  fees: ['fees'],
  times: ['processingTimes'],
  offerings: ['offerings'],
  eform: ['eform'],
};

const PART_FORMS: Record<Part, (props: PartProps) => ReactNode> = {
  general: GeneralFields,
  components: ComponentsFields,
  fees: FeesFields,
  times: TimesFields,
  offerings: OfferingsFields,
  eform: EFormEditor,
};

function ProcedureEditor({
  code,
  view,
  notice,
  onReload,
}: {
  code: string;
  view: AdminView;
  notice: string | null;
  onReload(message?: string | null): void;
}) {
  const { t } = useI18n();
  const c = t.consoleAdmin.catalog;
  const refresh = useCatalogRefresh();
  const draft = view.versions.find((v) => v.status === 'draft');
  const current = view.versions.find((v) => v.status === 'published');
  const base = draft ?? current ?? view.versions[0];
  const [content, setContent] = useState<ProcedureContent | null>(base?.content ?? null);
  const [saved, setSaved] = useState(JSON.stringify(base?.content ?? null));
  const [revision, setRevision] = useState(view.revision);
  const [drafted, setDrafted] = useState(draft !== undefined);
  const [problem, setProblem] = useState<unknown>(null);
  const [busy, setBusy] = useState<'save' | 'publish' | 'discard' | null>(null);
  const [asking, setAsking] = useState<'publish' | 'discard' | null>(null);
  const [validFrom, setValidFrom] = useState(vnToday());
  const [part, setPart] = useState<Part>('general');
  if (!content) return <PageLoading />;
  const dirty = JSON.stringify(content) !== saved;
  const number = drafted ? (draft?.number ?? (current?.number ?? 0) + 1) : (current?.number ?? 0) + 1;
  const errorOf = (field: string) => (problem instanceof ConsoleProblem ? problem.messageFor(field) : undefined);
  const countOf = (p: Part) =>
    problem instanceof ConsoleProblem
      ? problem.errors.filter((e) => PART_FIELDS[p].some((f) => e.field === f || e.field.startsWith(`${f}.`))).length
      : 0;

  const run = async (kind: 'save' | 'publish' | 'discard', action: () => Promise<void>) => {
    setBusy(kind);
    setProblem(null);
    try {
      await action();
    } catch (error) {
      setProblem(error);
    } finally {
      setBusy(null);
      setAsking(null);
    }
  };
  const save = () =>
    run('save', async () => {
      const answer = await saveDraft(code, revision, content);
      setRevision(answer.revision);
      setDrafted(true);
      setSaved(JSON.stringify(content));
      await refresh(code);
    });
  const publish = () =>
    run('publish', async () => {
      const answer = await publishDraft(code, revision, validFrom);
      const published = answer.versions.find((v) => v.status === 'published');
      onReload(c.publishedNow(published?.number ?? number, formatDate(published?.validFrom ?? validFrom)));
    });
  const discard = () =>
    run('discard', async () => {
      await discardDraft(code, revision);
      onReload(c.discarded);
    });

  return (
    <>
      <p className="admin-back">
        <Link to={adminPath('catalog')}>{c.back}</Link>
      </p>
      <PageHeading title={content.name || code}>
        <span className="save-state" aria-live="polite">
          {dirty ? c.unsaved : drafted ? c.draftSaved : ''}
        </span>
        <Button onClick={() => void save()} loading={busy === 'save'} disabled={!dirty}>
          {c.save}
        </Button>
      </PageHeading>
      {notice && <Alert type="success" showIcon role="status" title={notice} className="admin-notice" />}
      <Versions view={view} />
      <section className="panel" aria-labelledby="pc-draft">
        <h2 id="pc-draft">{drafted ? c.draftOf(number) : c.newDraft(number)}</h2>
        {!drafted && <p className="muted">{c.newDraftLead}</p>}
        <EditProblem error={problem} onReload={() => onReload()} />
        <Tabs
          activeKey={part}
          onChange={(key) => setPart(key as Part)}
          items={PARTS.map((p) => {
            const Form = PART_FORMS[p];
            return {
              key: p,
              label: countOf(p) ? `${c.parts[p]} (${countOf(p)})` : c.parts[p],
              children: <Form content={content} onChange={setContent} errorOf={errorOf} />,
            };
          })}
        />
      </section>
      <section className="panel" aria-labelledby="pc-publish">
        <h2 id="pc-publish">{c.publishTitle}</h2>
        {drafted && !dirty ? (
          <div className="publish-row">
            <TextField
              id="pc-valid-from"
              label={c.validFrom}
              type="date"
              value={validFrom}
              error={errorOf('validFrom')}
              onChange={setValidFrom}
            />
            <Button type="primary" onClick={() => setAsking('publish')}>
              {c.publish(number)}
            </Button>
            <Button danger onClick={() => setAsking('discard')}>
              {c.discard}
            </Button>
          </div>
        ) : (
          <p className="muted">{c.saveFirst}</p>
        )}
      </section>
      {asking === 'publish' && (
        <ConfirmDialog
          title={c.publishConfirm(number, formatDate(validFrom))}
          confirm={c.publish(number)}
          busy={busy === 'publish'}
          onConfirm={() => void publish()}
          onClose={() => setAsking(null)}
        >
          <p>{c.publishText}</p>
        </ConfirmDialog>
      )}
      {asking === 'discard' && (
        <ConfirmDialog
          title={c.discardConfirm(number)}
          confirm={c.discard}
          busy={busy === 'discard'}
          onConfirm={() => void discard()}
          onClose={() => setAsking(null)}
        >
          <p>{c.discardText}</p>
        </ConfirmDialog>
      )}
    </>
  );
}

function Versions({ view }: { view: AdminView }) {
  const { t } = useI18n();
  const c = t.consoleAdmin.catalog;
  return (
    <section className="panel" aria-labelledby="pc-versions">
      <h2 id="pc-versions">{c.versions}</h2>
      <div className="table-wrap">
        <table className="data-table">
          <caption className="visually-hidden">{c.versions}</caption>
          <thead>
            <tr>
              <th scope="col">{c.version}</th>
              <th scope="col">{c.status}</th>
              <th scope="col">{c.validFrom}</th>
              <th scope="col">{c.validTo}</th>
              <th scope="col">{c.publishedAt}</th>
            </tr>
          </thead>
          <tbody>
            {view.versions.map((v) => (
              <tr key={v.id}>
                <td>{t.consoleAdmin.workflows.version(v.number)}</td>
                <td>
                  <span className={`version-tag version-tag--${v.status}`}>
                    {labelOf(t.consoleAdmin.workflows.statuses, v.status)}
                  </span>
                </td>
                <td>{formatDate(v.validFrom)}</td>
                <td>{formatDate(v.validTo)}</td>
                <td>{formatDateTime(v.publishedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
