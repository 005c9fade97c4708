// Staff sign-in: the page at /can-bo/dang-nhap, and the same form in a dialog when the session ends in the middle
// of the work (the page and any open dialog stay as they were underneath; the request that failed is sent again).
// Someone who signed in with a temporary password from an administrator first chooses their own: the server
// refuses everything else until then.
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Input, Modal } from 'antd';
import { type FormEvent, useId, useState } from 'react';
import { Navigate, useSearchParams } from 'react-router';
import { usePageTitle } from '../components/usePageTitle.ts';
import { useI18n } from '../i18n/index.tsx';
import { ConsoleProblem, call, consoleApi, setCsrfToken, typed } from './api/http.ts';
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

/** Instead of the console while the password is a temporary one: choose a new password, or sign out. */
export function PasswordChangePage({ username, onSignOut }: { username: string; onSignOut(): void }) {
  const { t } = useI18n();
  const s = t.console.signIn;
  const id = useId();
  const client = useQueryClient();
  usePageTitle(s.changeTitle);
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [problem, setProblem] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const mismatch = repeat !== '' && repeat !== next;
  const fieldError = (field: string) => (problem instanceof ConsoleProblem ? problem.messageFor(field) : undefined);
  const errors = {
    current: fieldError('currentPassword'),
    next: fieldError('newPassword'),
    repeat: mismatch ? s.mismatch : undefined,
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (mismatch) return;
    setBusy(true);
    setProblem(null);
    try {
      await call('/api/v1/me/password', { method: 'POST', body: { currentPassword: current, newPassword: next } });
      await client.invalidateQueries({ queryKey: ME_KEY });
    } catch (error) {
      setProblem(error);
      setBusy(false);
    }
  };

  const passwordField = (key: keyof typeof errors, label: string, value: string, set: (v: string) => void) => (
    <div className={`field${errors[key] ? ' field--error' : ''}`}>
      <label htmlFor={`${id}-${key}`}>{label}</label>
      <Input.Password
        id={`${id}-${key}`}
        value={value}
        onChange={(e) => set(e.target.value)}
        autoComplete={key === 'current' ? 'current-password' : 'new-password'}
        aria-invalid={errors[key] ? true : undefined}
        aria-describedby={errors[key] ? `${id}-${key}-error` : undefined}
        required
      />
      {errors[key] && (
        <p className="field__error" id={`${id}-${key}-error`} role="alert" lang="vi">
          {errors[key]}
        </p>
      )}
    </div>
  );

  return (
    <main id="main" className="sign-in">
      <div className="sign-in__card">
        <img src="/favicon.svg" alt="" width="48" height="48" />
        <h1>{s.changeTitle}</h1>
        <p className="muted">{username}</p>
        <p>{s.changeLead}</p>
        <form className="console-form" onSubmit={submit}>
          {problem !== null && !(problem instanceof ConsoleProblem && problem.errors.length) && (
            <Alert
              type="error"
              showIcon
              role="alert"
              title={problem instanceof ConsoleProblem ? problem.title : t.problem.network}
            />
          )}
          {passwordField('current', s.temporaryPassword, current, setCurrent)}
          {passwordField('next', s.newPassword, next, setNext)}
          {passwordField('repeat', s.repeatPassword, repeat, setRepeat)}
          <Button type="primary" htmlType="submit" loading={busy} block>
            {s.changeSubmit}
          </Button>
          <Button type="link" onClick={onSignOut} block>
            {t.console.signOut}
          </Button>
        </form>
      </div>
    </main>
  );
}
