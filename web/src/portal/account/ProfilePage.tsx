// Tài khoản: the applicant's profile (name, personal identity number, tax code for a business, address with its
// commune), saved with If-Match so that two tabs never overwrite each other silently; the server checks the
// identity number and the tax code (DOMAIN.md §2) and names the field at fault. Sign-out and password change here.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { ok, ProblemError } from '../../api/client.ts';
import { applicantApi, type Profile, SESSION_KEY, signOut } from '../../api/session.ts';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { useI18n } from '../../i18n/index.tsx';
import { showFieldProblems } from '../forms.ts';
import { AdminUnitPicker } from './AdminUnitPicker.tsx';
import { useApplicant } from './ApplicantArea.tsx';

interface ProfileForm {
  fullName: string;
  identityNumber: string;
  taxCode: string;
  businessName: string;
  address: { line: string; adminUnitId: string | null };
}

const orNull = (s: string | undefined) => (s?.trim() ? s.trim() : null);

export function ProfilePage() {
  const { t } = useI18n();
  const p = t.portal.profile;
  usePageTitle(p.title);
  const me = useApplicant();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [form] = Form.useForm<ProfileForm>();
  const [problem, setProblem] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const business = me.kind === 'business';

  const save = useMutation({
    mutationFn: (values: ProfileForm) => {
      const unitId = values.address.adminUnitId ?? me.address?.adminUnit.id ?? null;
      const line = orNull(values.address.line);
      const body = {
        fullName: orNull(values.fullName),
        ...(me.identityVerified ? {} : { identityNumber: orNull(values.identityNumber) }),
        ...(business ? { taxCode: orNull(values.taxCode), businessName: orNull(values.businessName) } : {}),
        address: line && unitId ? { line, adminUnitId: unitId } : null,
      };
      return ok(
        applicantApi.PATCH('/api/v1/applicant/me', {
          params: { header: { 'if-match': `"${me.version}"` } },
          body,
        }),
      );
    },
    onSuccess: (profile: Profile) => {
      queryClient.setQueryData(SESSION_KEY, profile);
      setSaved(true);
    },
    onError: (error) => {
      // Changed in another tab: read it again; what is typed here stays in the form.
      if (error instanceof ProblemError && error.status === 412)
        queryClient.invalidateQueries({ queryKey: SESSION_KEY });
      setProblem(showFieldProblems(form, error));
    },
  });

  const needsAddressPair = (values: ProfileForm) =>
    Boolean(orNull(values.address.line)) !== Boolean(values.address.adminUnitId ?? me.address?.adminUnit.id);

  return (
    <div className="narrow">
      <h1>{p.title}</h1>
      <section className="panel" aria-labelledby="account-heading">
        <h2 id="account-heading">{p.account}</h2>
        <dl className="facts">
          <div>
            <dt>{p.kind}</dt>
            <dd>{business ? t.portal.account.business : t.portal.account.citizen}</dd>
          </div>
          {me.email && (
            <div>
              <dt>{p.email}</dt>
              <dd>
                {me.email} {me.emailVerified && <span className="status-tag status-tag--done">{p.verified}</span>}
              </dd>
            </div>
          )}
          {me.phone && (
            <div>
              <dt>{p.phone}</dt>
              <dd>
                {me.phone} {me.phoneVerified && <span className="status-tag status-tag--done">{p.verified}</span>}
              </dd>
            </div>
          )}
        </dl>
        <Button
          className="block-top"
          onClick={async () => {
            await signOut();
            queryClient.removeQueries({ queryKey: ['applicant'] });
            queryClient.setQueryData(SESSION_KEY, null);
            navigate('/', { replace: true });
          }}
        >
          {p.signOut}
        </Button>
      </section>

      <section className="panel" aria-labelledby="profile-heading">
        <h2 id="profile-heading">{p.details}</h2>
        <p className="muted">{p.detailsLead}</p>
        {saved && <Alert type="success" showIcon title={p.saved} className="block" />}
        {problem !== null && <ProblemAlert error={problem} />}
        <Form
          form={form}
          layout="vertical"
          requiredMark={false}
          initialValues={{
            fullName: me.fullName ?? '',
            identityNumber: me.identityNumber ?? '',
            taxCode: me.taxCode ?? '',
            businessName: me.businessName ?? '',
            address: { line: me.address?.line ?? '', adminUnitId: null },
          }}
          onValuesChange={() => setSaved(false)}
          onFinish={(values) => {
            setProblem(null);
            if (needsAddressPair(values)) {
              form.setFields([{ name: ['address', 'line'], errors: [p.addressPair] }]);
              return;
            }
            save.mutate(values);
          }}
        >
          <Form.Item name="fullName" label={business ? t.portal.account.representative : t.portal.account.fullName}>
            <Input size="large" autoComplete="name" maxLength={200} />
          </Form.Item>
          <Form.Item
            name="identityNumber"
            label={p.identityNumber}
            extra={me.identityVerified ? p.identityVerified : p.identityHint}
            rules={[{ pattern: /^\s*(\d\s*){12}$|^\s*(\d\s*){9}$/, message: p.identityFormat }]}
          >
            <Input size="large" inputMode="numeric" maxLength={30} disabled={me.identityVerified} />
          </Form.Item>
          {business && (
            <>
              <Form.Item name="businessName" label={p.businessName}>
                <Input size="large" autoComplete="organization" maxLength={300} />
              </Form.Item>
              <Form.Item name="taxCode" label={p.taxCode} extra={p.taxCodeHint}>
                <Input size="large" inputMode="numeric" maxLength={30} />
              </Form.Item>
            </>
          )}
          <fieldset className="fieldset">
            <legend>{p.address}</legend>
            <Form.Item name={['address', 'line']} label={p.addressLine}>
              <Input size="large" autoComplete="street-address" maxLength={300} />
            </Form.Item>
            {/* Each level of the picker carries its own label. */}
            <Form.Item name={['address', 'adminUnitId']}>
              <AdminUnitPicker
                current={me.address ? { id: me.address.adminUnit.id, name: me.address.adminUnit.name } : null}
              />
            </Form.Item>
          </fieldset>
          <Button type="primary" htmlType="submit" size="large" loading={save.isPending}>
            {p.save}
          </Button>
        </Form>
      </section>
    </div>
  );
}
