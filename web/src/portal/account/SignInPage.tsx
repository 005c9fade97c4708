// Đăng nhập: with the national electronic identity (VNeID) first, as most citizens have it, then with the e-mail
// or phone and password of a portal account. Afterwards the applicant goes back where they were heading.
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Divider, Form, Input } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ok } from '../../api/client.ts';
import { applicantApi, sessionOpened, useSessionRefresh } from '../../api/session.ts';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { useI18n } from '../../i18n/index.tsx';
import { showFieldProblems } from '../forms.ts';
import { safeNext } from './paths.ts';
import { VneidButton } from './VneidButton.tsx';
import '../portal.css';

interface Credentials {
  login: string;
  password: string;
}

export function SignInPage() {
  const { t } = useI18n();
  const a = t.portal.account;
  usePageTitle(a.signInTitle);
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const navigate = useNavigate();
  const refresh = useSessionRefresh();
  const [form] = Form.useForm<Credentials>();
  const [problem, setProblem] = useState<unknown>(null);
  const signIn = useMutation({
    mutationFn: (body: Credentials) => ok(applicantApi.POST('/api/v1/applicant/login', { body })),
    onSuccess: async (session) => {
      sessionOpened(session);
      await refresh();
      navigate(next, { replace: true });
    },
    onError: (error) => setProblem(showFieldProblems(form, error)),
  });

  return (
    <div className="narrow">
      <h1>{a.signInTitle}</h1>
      {params.has('het-han') && <Alert type="warning" showIcon title={a.expired} className="block" />}
      {next.startsWith('/nop-ho-so/') && !params.has('het-han') && (
        <Alert type="info" showIcon title={a.signInToSubmit} className="block" />
      )}
      <VneidButton next={next} />
      <Divider plain>{a.or}</Divider>
      {problem !== null && <ProblemAlert error={problem} />}
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={(values) => {
          setProblem(null);
          signIn.mutate({ login: values.login.trim(), password: values.password });
        }}
      >
        <Form.Item
          name="login"
          label={a.login}
          extra={a.loginHint}
          rules={[{ required: true, message: a.loginMissing }]}
        >
          <Input size="large" autoComplete="username" inputMode="email" />
        </Form.Item>
        <Form.Item name="password" label={a.password} rules={[{ required: true, message: a.passwordMissing }]}>
          <Input.Password size="large" autoComplete="current-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" size="large" block loading={signIn.isPending}>
          {a.signIn}
        </Button>
      </Form>
      <p className="section">
        {a.noAccount} <Link to={`/dang-ky?${new URLSearchParams({ next })}`}>{a.signUpLink}</Link>
      </p>
      <p>
        {a.unverified} <Link to={`/dang-ky?${new URLSearchParams({ next, buoc: 'xac-minh' })}`}>{a.enterCodeLink}</Link>
      </p>
    </div>
  );
}
