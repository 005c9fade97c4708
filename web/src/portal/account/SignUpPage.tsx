// Đăng ký: a citizen or a business makes an account with an e-mail address or a mobile number and a password; a
// six-digit code sent there proves the address and signs them in. The step is in the address (?buoc=xac-minh), so
// someone who closed the page can come back and enter the code.
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Radio } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ok } from '../../api/client.ts';
import { applicantApi, sessionOpened, useSessionRefresh } from '../../api/session.ts';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { useI18n } from '../../i18n/index.tsx';
import { showFieldProblems } from '../forms.ts';
import { safeNext } from './paths.ts';
import '../portal.css';

const MIN_PASSWORD = 10;
/** The server sends at most one new code a minute. */
const RESEND_PAUSE_S = 60;

interface SignUp {
  kind: 'citizen' | 'business';
  fullName: string;
  login: string;
  password: string;
  confirm: string;
}

export function SignUpPage() {
  const { t } = useI18n();
  usePageTitle(t.portal.account.signUpTitle);
  const [params, setParams] = useSearchParams();
  const verifying = params.get('buoc') === 'xac-minh';
  const toVerification = (login: string, sent: string) => {
    const nextParams = new URLSearchParams(params);
    nextParams.set('buoc', 'xac-minh');
    nextParams.set('login', login);
    setParams(nextParams);
    setSentMessage(sent);
  };
  const [sentMessage, setSentMessage] = useState<string | null>(null);
  return (
    <div className="narrow">
      <h1>{verifying ? t.portal.account.verifyTitle : t.portal.account.signUpTitle}</h1>
      {verifying ? (
        <VerifyStep login={params.get('login') ?? ''} sent={sentMessage} next={safeNext(params.get('next'))} />
      ) : (
        <SignUpStep onSent={toVerification} next={params.get('next')} />
      )}
    </div>
  );
}

function SignUpStep({ onSent, next }: { onSent(login: string, message: string): void; next: string | null }) {
  const { t } = useI18n();
  const a = t.portal.account;
  const [form] = Form.useForm<SignUp>();
  const [problem, setProblem] = useState<unknown>(null);
  const kind = Form.useWatch('kind', form) ?? 'citizen';
  const signUp = useMutation({
    mutationFn: ({ confirm: _, fullName, login, ...rest }: SignUp) =>
      ok(
        applicantApi.POST('/api/v1/applicant/signup', {
          body: { ...rest, login: login.trim(), ...(fullName.trim() ? { fullName: fullName.trim() } : {}) },
        }),
      ),
    onSuccess: (answer, values) => onSent(values.login.trim(), answer.message),
    onError: (error) => setProblem(showFieldProblems(form, error)),
  });
  return (
    <>
      <p className="hero__lead">{a.signUpLead}</p>
      {problem !== null && <ProblemAlert error={problem} />}
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ kind: 'citizen', fullName: '', login: '', password: '', confirm: '' }}
        onFinish={(values) => {
          setProblem(null);
          signUp.mutate(values);
        }}
      >
        <Form.Item name="kind" label={a.kind}>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            size="large"
            options={[
              { value: 'citizen', label: a.citizen },
              { value: 'business', label: a.business },
            ]}
          />
        </Form.Item>
        <Form.Item name="fullName" label={kind === 'business' ? a.representative : a.fullName}>
          <Input size="large" autoComplete="name" maxLength={200} />
        </Form.Item>
        <Form.Item
          name="login"
          label={a.login}
          extra={a.loginHint}
          rules={[{ required: true, message: a.loginMissing }]}
        >
          <Input size="large" autoComplete="username" inputMode="email" maxLength={254} />
        </Form.Item>
        <Form.Item
          name="password"
          label={a.password}
          extra={a.passwordHint(MIN_PASSWORD)}
          rules={[
            { required: true, message: a.passwordMissing },
            { min: MIN_PASSWORD, message: a.passwordHint(MIN_PASSWORD) },
          ]}
        >
          <Input.Password size="large" autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={a.confirm}
          dependencies={['password']}
          rules={[
            { required: true, message: a.confirmMissing },
            ({ getFieldValue }) => ({
              validator: (_, value) =>
                value === getFieldValue('password') ? Promise.resolve() : Promise.reject(new Error(a.confirmMismatch)),
            }),
          ]}
        >
          <Input.Password size="large" autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" size="large" block loading={signUp.isPending}>
          {a.signUp}
        </Button>
      </Form>
      <p className="section">
        {a.haveAccount} <Link to={`/dang-nhap?${new URLSearchParams(next ? { next } : {})}`}>{a.signInLink}</Link>
      </p>
    </>
  );
}

function VerifyStep({ login: sentTo, sent, next }: { login: string; sent: string | null; next: string }) {
  const { t } = useI18n();
  const a = t.portal.account;
  const navigate = useNavigate();
  const refresh = useSessionRefresh();
  const [form] = Form.useForm<{ login: string; code: string }>();
  const [problem, setProblem] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(sent);
  const [pause, setPause] = useState(sent ? RESEND_PAUSE_S : 0);
  useEffect(() => {
    if (pause <= 0) return;
    const timer = setTimeout(() => setPause((s) => s - 1), 1000);
    return () => clearTimeout(timer);
  }, [pause]);

  const verify = useMutation({
    mutationFn: (body: { login: string; code: string }) => ok(applicantApi.POST('/api/v1/applicant/verify', { body })),
    onSuccess: async (session) => {
      sessionOpened(session);
      await refresh();
      navigate(next, { replace: true });
    },
    onError: (error) => setProblem(showFieldProblems(form, error)),
  });
  const resend = useMutation({
    mutationFn: (login: string) => ok(applicantApi.POST('/api/v1/applicant/verify/resend', { body: { login } })),
    onSuccess: (answer) => {
      setNotice(answer.message);
      setPause(RESEND_PAUSE_S);
    },
    onError: setProblem,
  });

  return (
    <>
      {notice && <Alert type="success" showIcon title={<span lang="vi">{notice}</span>} className="block" />}
      <p>{a.verifyLead}</p>
      {problem !== null && <ProblemAlert error={problem} />}
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ login: sentTo, code: '' }}
        onFinish={(values) => {
          setProblem(null);
          verify.mutate({ login: values.login.trim(), code: values.code.replace(/\s/g, '') });
        }}
      >
        <Form.Item name="login" label={a.login} rules={[{ required: true, message: a.loginMissing }]}>
          <Input size="large" autoComplete="username" inputMode="email" />
        </Form.Item>
        <Form.Item
          name="code"
          label={a.code}
          extra={a.codeHint}
          rules={[{ required: true, pattern: /^\s*\d{6}\s*$/, message: a.codeFormat }]}
        >
          <Input size="large" inputMode="numeric" autoComplete="one-time-code" maxLength={8} className="code-input" />
        </Form.Item>
        <Button type="primary" htmlType="submit" size="large" block loading={verify.isPending}>
          {a.verify}
        </Button>
      </Form>
      <p className="section">
        <Button
          disabled={pause > 0}
          loading={resend.isPending}
          onClick={() => {
            const login = (form.getFieldValue('login') as string).trim();
            if (login) resend.mutate(login);
            else form.validateFields(['login']);
          }}
        >
          {pause > 0 ? a.resendIn(pause) : a.resend}
        </Button>
      </p>
    </>
  );
}
