// Sign-in through the national identity provider (VNeID / the national portal's SSO). The server redirects to
// the provider; when the province has not configured one, it answers a problem instead, which is asked for first
// so that the applicant reads a sentence rather than a page of JSON.
import { IdcardOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useState } from 'react';
import { problemOf } from '../../api/client.ts';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { useI18n } from '../../i18n/index.tsx';

export function VneidButton({ next }: { next: string }) {
  const { t } = useI18n();
  const [problem, setProblem] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const start = `/api/v1/applicant/oidc/start?${new URLSearchParams({ returnTo: next })}`;

  const go = async () => {
    setBusy(true);
    setProblem(null);
    try {
      // A redirect (opaque here) means a provider is there to go to.
      const probe = await fetch(start, { redirect: 'manual', credentials: 'same-origin' });
      if (probe.type === 'opaqueredirect' || (probe.status >= 300 && probe.status < 400)) {
        window.location.assign(start);
        return;
      }
      setProblem(problemOf(probe, await probe.json().catch(() => null)));
    } catch (error) {
      setProblem(error);
    }
    setBusy(false);
  };

  return (
    <>
      <Button
        size="large"
        block
        className="vneid-button"
        icon={<IdcardOutlined aria-hidden />}
        loading={busy}
        onClick={go}
      >
        {t.portal.account.vneid}
      </Button>
      <p className="muted small">{t.portal.account.vneidHint}</p>
      {problem !== null && <ProblemAlert error={problem} />}
    </>
  );
}
