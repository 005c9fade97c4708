// The draft of a workflow (/can-bo/quan-tri/quy-trinh/:code/ban-nhap): its steps and actions edited as forms, the
// diagram redrawn as they change, every problem of the server's validation shown beside its field, then saved
// (If-Match: the draft's revision, or "0" for a new version started from the version in force) and published.
// What is typed stays in the page whatever the server answers; only "load the newest" replaces it.
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Input } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ProblemAlert } from '../../../components/ProblemAlert.tsx';
import { useDebouncedValue } from '../../../components/useDebouncedValue.ts';
import { useI18n } from '../../../i18n/index.tsx';
import { describedBy, Field, PageHeading, PageLoading } from '../../parts.tsx';
import { ConfirmDialog, EditProblem } from '../common.tsx';
import { adminPath } from '../paths.ts';
import {
  publishDraft,
  saveDraft,
  useWorkflow,
  useWorkflowRefresh,
  useWorkflowVersion,
  validateDefinition,
  type WorkflowDefinition,
} from './api.ts';
import { Diagram } from './Diagram.tsx';
import { addStep, controlId, liveDiagram, problemPath, problemsByPath } from './draft.ts';
import { StepFields, StepOptions } from './StepFields.tsx';

interface Start {
  definition: WorkflowDefinition;
  /** The draft's revision; 0 when the draft does not exist yet (the first save starts the next version). */
  revision: number;
  version: number;
}

export function DraftPage() {
  const code = useParams().code ?? '';
  const workflow = useWorkflow(code);
  const versions = workflow.data?.versions ?? [];
  const draft = versions.find((v) => v.status === 'draft');
  const base = draft ?? versions.find((v) => v.status === 'published') ?? versions[0];
  const stored = useWorkflowVersion(code, base?.version ?? null);
  const refresh = useWorkflowRefresh();
  // What the editor starts from is taken once: a save changes what is stored (a first save creates the draft), and
  // the editor, which holds what is typed, must stay as it is. Only "load the newest" starts it again.
  const [wanted, setWanted] = useState(1);
  const [loaded, setLoaded] = useState<{ start: Start; n: number } | null>(null);
  const ready = stored.data !== undefined && stored.data.version === base?.version;
  useEffect(() => {
    if (loaded?.n === wanted || !ready || !stored.data) return;
    const start: Start = {
      definition: stored.data.definition,
      revision: draft ? stored.data.revision : 0,
      version: draft ? draft.version : (versions[0]?.version ?? 0) + 1,
    };
    setLoaded({ n: wanted, start });
  }, [loaded, wanted, ready, stored.data, draft, versions]);

  if (workflow.isError) return <ProblemAlert error={workflow.error} onRetry={() => void workflow.refetch()} />;
  if (stored.isError) return <ProblemAlert error={stored.error} onRetry={() => void stored.refetch()} />;
  if (!loaded || loaded.n !== wanted) return <PageLoading />;
  const reload = async () => {
    await refresh(code);
    setWanted((n) => n + 1);
  };
  return <DraftEditor key={loaded.n} code={code} start={loaded.start} onReload={() => void reload()} />;
}

function useLiveProblems(definition: WorkflowDefinition) {
  const settled = useDebouncedValue(definition, 400);
  const json = useMemo(() => JSON.stringify(settled), [settled]);
  return useQuery({
    queryKey: ['admin-workflow-validate', json],
    queryFn: ({ signal }) => validateDefinition(settled, signal),
    placeholderData: (previous) => previous,
    staleTime: Infinity,
  });
}

const def0 = (start: Start) => ({ ...start.definition, version: start.version });

function DraftEditor({ code, start, onReload }: { code: string; start: Start; onReload(): void }) {
  const { t } = useI18n();
  const w = t.consoleAdmin.workflows;
  const navigate = useNavigate();
  const refresh = useWorkflowRefresh();
  const [def, setDef] = useState(() => def0(start));
  const [revision, setRevision] = useState(start.revision);
  const [saved, setSaved] = useState(start.revision > 0 ? JSON.stringify(def0(start)) : '');
  const [problem, setProblem] = useState<unknown>(null);
  const [busy, setBusy] = useState<'save' | 'publish' | null>(null);
  const [asking, setAsking] = useState(false);
  const [open, setOpen] = useState<Set<number>>(new Set());
  const [focus, setFocus] = useState<string | null>(null);
  const live = useLiveProblems(def);
  const problems = live.data ?? [];
  const byPath = useMemo(() => problemsByPath(problems), [problems]);
  const diagram = useMemo(() => liveDiagram(def), [def]);
  const dirty = JSON.stringify(def) !== saved;
  const errorOf = (path: string) => byPath.get(path)?.join(' ');

  // A problem chosen in the summary: its step opens, then its field takes the focus.
  useEffect(() => {
    if (!focus) return;
    (
      document.getElementById(controlId(focus)) ?? document.getElementById(controlId(focus.replace(/\.[^.]*$/, '')))
    )?.focus();
    setFocus(null);
  }, [focus]);

  const goTo = (path: string) => {
    const step = /^steps\[(\d+)\]/.exec(path)?.[1];
    if (step !== undefined) setOpen((o) => new Set(o).add(Number(step)));
    setFocus(path);
  };

  const save = async () => {
    setBusy('save');
    setProblem(null);
    try {
      const answer = await saveDraft(code, revision, def);
      setRevision(answer.revision);
      setSaved(JSON.stringify(def));
      await refresh(code);
    } catch (error) {
      setProblem(error);
    } finally {
      setBusy(null);
    }
  };

  const publish = async () => {
    setBusy('publish');
    setProblem(null);
    try {
      const answer = await publishDraft(code, revision);
      await refresh(code);
      navigate(adminPath('workflows', `/${code}`), { state: { published: answer.version } });
    } catch (error) {
      setProblem(error);
      setAsking(false);
    } finally {
      setBusy(null);
    }
  };

  const canPublish = revision > 0 && !dirty && problems.length === 0 && !live.isFetching;
  const stepIds = def.steps.map((s) => s.id);

  return (
    <>
      <p className="admin-back">
        <Link to={adminPath('workflows', `/${code}`)}>{w.backTo(def.name)}</Link>
      </p>
      <PageHeading title={w.draftTitle(start.version)}>
        <span className="save-state" aria-live="polite">
          {dirty ? w.unsaved : revision > 0 ? w.saved : ''}
        </span>
        <Button onClick={() => void save()} loading={busy === 'save'} disabled={!dirty}>
          {w.save}
        </Button>
        <Button type="primary" onClick={() => setAsking(true)} disabled={!canPublish}>
          {w.publish}
        </Button>
      </PageHeading>
      {!canPublish && (
        <p className="muted">{dirty || revision === 0 ? w.saveFirst : problems.length ? w.fixFirst : ''}</p>
      )}
      <EditProblem error={problem} onReload={onReload} />
      <div className="draft-layout">
        <div className="draft-layout__form">
          <ProblemSummary
            problems={problems.map((p) => ({ path: problemPath(p.field), message: p.message }))}
            onGo={goTo}
            checking={live.isFetching}
          />
          <fieldset className="panel">
            <legend>{w.general}</legend>
            <div className="console-form">
              <Field id={controlId('name')} label={w.wfName} error={errorOf('name')}>
                <Input
                  id={controlId('name')}
                  value={def.name}
                  onChange={(e) => setDef({ ...def, name: e.target.value })}
                  aria-invalid={errorOf('name') ? true : undefined}
                  aria-describedby={describedBy(controlId('name'), errorOf('name'))}
                />
              </Field>
              <Field id={controlId('description')} label={w.description} error={errorOf('description')}>
                <textarea
                  id={controlId('description')}
                  className="textarea"
                  rows={2}
                  value={def.description ?? ''}
                  onChange={(e) => {
                    const { description: _old, ...rest } = def;
                    setDef(e.target.value ? { ...rest, description: e.target.value } : rest);
                  }}
                />
              </Field>
              <div className="field-grid-2">
                <Field id={controlId('start')} label={w.start} error={errorOf('start')}>
                  <select
                    id={controlId('start')}
                    value={def.start}
                    onChange={(e) => setDef({ ...def, start: e.target.value })}
                    aria-describedby={describedBy(controlId('start'), errorOf('start'))}
                  >
                    {!stepIds.includes(def.start) && <option value={def.start}>{def.start}</option>}
                    <StepOptions steps={def.steps} />
                  </select>
                </Field>
                <Field
                  id={controlId('settings.supplementClock')}
                  label={w.supplementClock}
                  error={errorOf('settings.supplementClock')}
                >
                  <select
                    id={controlId('settings.supplementClock')}
                    value={def.settings.supplementClock}
                    onChange={(e) =>
                      setDef({ ...def, settings: { supplementClock: e.target.value as 'restart' | 'resume' } })
                    }
                  >
                    <option value="restart">{w.clock.restart}</option>
                    <option value="resume">{w.clock.resume}</option>
                  </select>
                </Field>
              </div>
            </div>
          </fieldset>
          <h2 className="admin-subheading">{w.steps}</h2>
          {def.steps.map((_, i) => (
            <StepFields
              // biome-ignore lint/suspicious/noArrayIndexKey: a step is its place in the list; its id is being edited
              key={i}
              def={def}
              index={i}
              open={open.has(i)}
              onToggle={(isOpen) =>
                setOpen((o) => {
                  const next = new Set(o);
                  if (isOpen) next.add(i);
                  else next.delete(i);
                  return next;
                })
              }
              problems={byPath}
              problemCount={problems.filter((p) => problemPath(p.field).startsWith(`steps[${i}]`)).length}
              onChange={setDef}
            />
          ))}
          <Button
            onClick={() => {
              setDef(addStep(def, w.newStepName));
              setOpen((o) => new Set(o).add(def.steps.length));
            }}
          >
            {w.addStep}
          </Button>
        </div>
        <Diagram caption={w.liveDiagram} className="draft-layout__diagram">
          {diagram ? <img src={diagram} alt={w.diagramAlt(def.name, start.version)} /> : <p>{w.noDiagram}</p>}
        </Diagram>
      </div>
      {asking && (
        <ConfirmDialog
          title={w.publishTitle(start.version)}
          confirm={w.publish}
          busy={busy === 'publish'}
          onConfirm={() => void publish()}
          onClose={() => setAsking(false)}
        >
          <p>{w.publishText}</p>
        </ConfirmDialog>
      )}
    </>
  );
}

function ProblemSummary({
  problems,
  onGo,
  checking,
}: {
  problems: { path: string; message: string }[];
  onGo(path: string): void;
  checking: boolean;
}) {
  const { t } = useI18n();
  const w = t.consoleAdmin.workflows;
  if (problems.length === 0) {
    return (
      <p className="draft-check draft-check--ok" role="status">
        {checking ? w.checking : w.valid}
      </p>
    );
  }
  return (
    <Alert
      type="warning"
      showIcon
      className="draft-check"
      title={w.problems(problems.length)}
      description={
        <ul className="problem-list">
          {problems.map((p) => (
            <li key={`${p.path}: ${p.message}`}>
              <button type="button" className="link-button" onClick={() => onGo(p.path)}>
                {p.path || w.whole}
              </button>
              : <span lang="vi">{p.message}</span>
            </li>
          ))}
        </ul>
      }
    />
  );
}
