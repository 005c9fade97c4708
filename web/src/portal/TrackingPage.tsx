// Tra cứu hồ sơ: anyone holding a dossier's code and the tracking secret printed on the receipt (Form 01) sees
// its status, appointment and public timeline without signing in. The code may come in the address (?ma=…); the
// secret never does, so a shared link does not open the dossier.
import { useQuery } from '@tanstack/react-query';
import { Button, Form, Input, Skeleton } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, okAs, ProblemError } from '../api/client.ts';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { usePageTitle } from '../components/usePageTitle.ts';
import { labelOf, useI18n } from '../i18n/index.tsx';
import { StatusTag, Timeline, type TimelineEntry } from './dossiers/DossierBits.tsx';
import './portal.css';

interface Tracked {
  code: string;
  procedure: { code: string; name: string };
  status: string;
  statusName: string;
  receivedAt: string | null;
  appointment: string | null;
  originalAppointment: string | null;
  returnedAt: string | null;
  outcome: string | null;
  timeline: TimelineEntry[];
}

interface Question {
  code: string;
  secret: string;
}

export function TrackingPage() {
  const { t } = useI18n();
  const tr = t.portal.tracking;
  usePageTitle(tr.title);
  const [params, setParams] = useSearchParams();
  const [question, setQuestion] = useState<Question | null>(null);
  const tracked = useQuery({
    queryKey: ['tracking', question],
    enabled: question !== null,
    queryFn: ({ signal }) =>
      okAs<Tracked>(
        api.GET('/api/v1/public/dossiers/{code}', {
          params: { path: { code: question?.code ?? '' }, query: { secret: question?.secret ?? '' } },
          signal,
        }),
      ),
  });

  return (
    <>
      <h1>{tr.title}</h1>
      <p className="hero__lead">{tr.lead}</p>
      <div className="panel narrow-panel">
        <Form<Question>
          layout="vertical"
          requiredMark={false}
          initialValues={{ code: params.get('ma') ?? '', secret: '' }}
          onFinish={(values) => {
            const asked = { code: values.code.trim(), secret: values.secret.trim() };
            setParams({ ma: asked.code }, { replace: true });
            setQuestion(asked);
          }}
        >
          <Form.Item
            name="code"
            label={tr.code}
            extra={tr.codeHint}
            rules={[{ required: true, message: tr.codeMissing }]}
          >
            <Input size="large" autoComplete="off" spellCheck={false} maxLength={64} />
          </Form.Item>
          <Form.Item
            name="secret"
            label={tr.secret}
            extra={tr.secretHint}
            rules={[{ required: true, message: tr.secretMissing }]}
          >
            <Input size="large" autoComplete="off" spellCheck={false} maxLength={32} />
          </Form.Item>
          <Button type="primary" htmlType="submit" size="large" loading={tracked.isFetching}>
            {tr.submit}
          </Button>
        </Form>
        <p className="muted small section-tight">
          {tr.online} <Link to="/ho-so-cua-toi">{t.portal.nav.myDossiers}</Link>
        </p>
      </div>
      <section className="section" aria-live="polite" aria-label={tr.result}>
        {tracked.isError ? (
          <ProblemAlert
            error={
              tracked.error instanceof ProblemError && tracked.error.status === 404
                ? new ProblemError(404, tr.notFound, tracked.error.requestId)
                : tracked.error
            }
          />
        ) : tracked.isFetching ? (
          <Skeleton active paragraph={{ rows: 5 }} />
        ) : (
          tracked.data && <TrackedDossier dossier={tracked.data} />
        )}
      </section>
    </>
  );
}

function TrackedDossier({ dossier: d }: { dossier: Tracked }) {
  const { t } = useI18n();
  const tr = t.portal.tracking;
  const date = (iso: string | null) => (iso ? t.portal.dateTime(iso) : '—');
  const moved = d.originalAppointment && d.appointment !== d.originalAppointment;
  return (
    <article className="panel">
      <h2>
        {tr.dossier} {d.code}
      </h2>
      <p lang="vi" className="strong">
        {d.procedure.name}
      </p>
      <p>
        <StatusTag status={d.status} name={d.statusName} />
      </p>
      <dl className="facts">
        <div>
          <dt>{tr.received}</dt>
          <dd>{date(d.receivedAt)}</dd>
        </div>
        <div>
          <dt>{tr.appointment}</dt>
          <dd>
            {date(d.appointment)}
            {moved && <span className="muted"> ({tr.movedFrom(date(d.originalAppointment))})</span>}
          </dd>
        </div>
        {d.returnedAt && (
          <div>
            <dt>{tr.returned}</dt>
            <dd>
              {date(d.returnedAt)}
              {d.outcome && ` · ${labelOf(t.portal.outcome, d.outcome)}`}
            </dd>
          </div>
        )}
      </dl>
      <h3>{tr.timeline}</h3>
      <Timeline entries={d.timeline} />
    </article>
  );
}
