// Staff sign-in: the page at /can-bo/dang-nhap, and the same form in a dialog when the session ends in the middle
// of the work (the page and any open dialog stay as they were underneath; the request that failed is sent again).
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Input, Modal } from 'antd';
import { type FormEvent, useId, useState } from 'react';
import { Navigate, useSearchParams } from 'react-router';
import { usePageTitle } from '../components/usePageTitle.ts';
import { useI18n } from '../i18n/index.tsx';
import { ConsoleProblem, consoleApi, setCsrfToken, typed } from './api/http.ts';
import { ME_KEY, useSessionState } from './session.tsx';

function SignInForm({ username: fixed, onSignedIn }: { username?: string; onSignedIn(): void }) {
  const { t } = useI18n();
  const id = useId();
  const client = useQueryClient();
  const [username, setUsername] = useState(fixed ?? '');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      const answer = await typed(consoleApi.POST('/api/v1/auth/login', { body: { username, password } }));
      setCsrfToken(answer.csrfToken);
      await client.invalidateQueries({ queryKey: ME_KEY });
      onSignedIn();
    } catch (error) {
      setProblem(error instanceof ConsoleProblem ? error.title : t.problem.network);
      setBusy(false);
    }
  };

  return (
    <form className="console-form" onSubmit={submit} aria-describedby={problem ? `${id}-problem` : undefined}>
      {problem && <Alert id={`${id}-problem`} type="error" showIcon role="alert" title={problem} />}
      <div className="field">
        <label htmlFor={`${id}-user`}>{t.console.signIn.username}</label>
        <Input
          id={`${id}-user`}
          value={username}
          readOnly={fixed !== undefined}
          onChange={(e) => setUsername(e.target.value)}
          autoComplete="username"
          autoFocus={fixed === undefined}
          required
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-password`}>{t.console.signIn.password}</label>
        <Input.Password
          id={`${id}-password`}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          autoComplete="current-password"
          autoFocus={fixed !== undefined}
          required
        />
      </div>
      <Button type="primary" htmlType="submit" loading={busy} block>
        {t.console.signIn.submit}
      </Button>
    </form>
  );
}

export function SignInPage() {
  const { t } = useI18n();
  const state = useSessionState();
  const [params] = useSearchParams();
  usePageTitle(t.console.signIn.title);
  const next = params.get('next');
  if (state.status === 'signed-in') return <Navigate to={next?.startsWith('/can-bo') ? next : '/can-bo'} replace />;
  return (
    <main id="main" className="sign-in">
      <div className="sign-in__card">
        <img src="/favicon.svg" alt="" width="48" height="48" />
        <h1>{t.console.signIn.title}</h1>
        <p className="muted">{t.console.name}</p>
        <SignInForm onSignedIn={() => undefined} />
      </div>
    </main>
  );
}

export function SignInDialog({
  username,
  onSignedIn,
  onSignOut,
}: {
  username: string;
  onSignedIn(): void;
  onSignOut(): void;
}) {
  const { t } = useI18n();
  return (
    <Modal
      open
      title={t.console.signIn.expiredTitle}
      closable={false}
      mask={{ closable: false }}
      keyboard={false}
      zIndex={2000}
      footer={<Button onClick={onSignOut}>{t.console.signOut}</Button>}
    >
      <p>{t.console.signIn.expired}</p>
      <SignInForm username={username} onSignedIn={onSignedIn} />
    </Modal>
  );
}
