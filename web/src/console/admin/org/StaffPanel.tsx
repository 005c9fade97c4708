// One agency: its details and departments, and its staff with the roles each holds (at this agency or another);
// a role is granted at a chosen agency, and revoked after a confirmation. The server says who may grant what
// (only a system administrator grants system administration); its refusal is shown as it words it.
import { Button } from 'antd';
import { useId, useState } from 'react';
import type { Agency } from '../../../api/catalog.ts';
import { ProblemAlert } from '../../../components/ProblemAlert.tsx';
import { labelOf, useI18n } from '../../../i18n/index.tsx';
import { ConfirmDialog, ListState, SelectField } from '../common.tsx';
import {
  type Grant,
  grantRole,
  revokeRole,
  type StaffMember,
  useDepartments,
  useStaffOf,
  useStaffRefresh,
} from './api.ts';

export function StaffPanel({ agency, agencies }: { agency: Agency; agencies: readonly Agency[] }) {
  const { t } = useI18n();
  const o = t.consoleAdmin.org;
  const departments = useDepartments(agency.id);
  const staff = useStaffOf(agency.id);
  const nameOf = (id: string) => agencies.find((a) => a.id === id)?.name ?? id;
  const departmentOf = (id: string | null) => departments.data?.find((d) => d.id === id)?.name ?? '';
  const [revoking, setRevoking] = useState<{ member: StaffMember; grant: Grant } | null>(null);
  const [problem, setProblem] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const refresh = useStaffRefresh();

  const revoke = async () => {
    if (!revoking) return;
    setBusy(true);
    setProblem(null);
    try {
      await revokeRole(revoking.member.id, revoking.grant.id);
      await refresh();
    } catch (error) {
      setProblem(error);
    } finally {
      setBusy(false);
      setRevoking(null);
    }
  };

  return (
    <div>
      <section className="panel" aria-labelledby="org-agency">
        <h2 id="org-agency" lang="vi">
          {agency.name}
        </h2>
        <dl className="facts">
          <div>
            <dt>{o.identifier}</dt>
            <dd>{agency.identifier}</dd>
          </div>
          {agency.address && (
            <div>
              <dt>{o.address}</dt>
              <dd lang="vi">{agency.address}</dd>
            </div>
          )}
          {agency.phone && (
            <div>
              <dt>{o.phone}</dt>
              <dd>{agency.phone}</dd>
            </div>
          )}
          <div>
            <dt>{o.departments}</dt>
            <dd lang="vi">
              {departments.data?.length ? departments.data.map((d) => `${d.name} (${d.code})`).join('; ') : o.none}
            </dd>
          </div>
        </dl>
      </section>
      <section className="panel" aria-labelledby="org-staff">
        <h2 id="org-staff">{o.staffOf(staff.data?.length ?? 0)}</h2>
        {problem !== null && <ProblemAlert error={problem} />}
        <ListState
          loading={staff.isPending}
          error={staff.error}
          empty={staff.data?.length === 0}
          emptyText={o.noStaff}
          onRetry={() => void staff.refetch()}
        />
        <ul className="staff-list">
          {(staff.data ?? []).map((member) => (
            <li key={member.id} className="staff-card">
              <div className="staff-card__head">
                <strong lang="vi">{member.fullName}</strong> <code>{member.username}</code>
                {!member.active && <span className="version-tag version-tag--retired">{o.inactive}</span>}
              </div>
              <p className="muted small-note" lang="vi">
                {[member.position, departmentOf(member.departmentId)].filter(Boolean).join(' · ')}
              </p>
              <ul className="grant-list" aria-label={o.rolesOf(member.fullName)}>
                {member.grants.map((g) => (
                  <li key={g.id}>
                    <span>
                      {labelOf(t.console.roles, g.role)}
                      {g.agencyId !== agency.id && <span className="muted"> · {nameOf(g.agencyId)}</span>}
                    </span>
                    <Button
                      size="small"
                      danger
                      aria-label={o.revokeLabel(labelOf(t.console.roles, g.role), member.fullName)}
                      onClick={() => setRevoking({ member, grant: g })}
                    >
                      {o.revoke}
                    </Button>
                  </li>
                ))}
                {member.grants.length === 0 && <li className="muted">{o.noRoles}</li>}
              </ul>
              <GrantForm member={member} agency={agency} agencies={agencies} />
            </li>
          ))}
        </ul>
      </section>
      {revoking && (
        <ConfirmDialog
          title={o.revokeTitle(labelOf(t.console.roles, revoking.grant.role), revoking.member.fullName)}
          confirm={o.revoke}
          busy={busy}
          onConfirm={() => void revoke()}
          onClose={() => setRevoking(null)}
        >
          <p>{o.revokeText(nameOf(revoking.grant.agencyId))}</p>
        </ConfirmDialog>
      )}
    </div>
  );
}

function GrantForm({ member, agency, agencies }: { member: StaffMember; agency: Agency; agencies: readonly Agency[] }) {
  const { t } = useI18n();
  const o = t.consoleAdmin.org;
  const id = useId();
  const refresh = useStaffRefresh();
  const [open, setOpen] = useState(false);
  const [role, setRole] = useState('');
  const [at, setAt] = useState(agency.id);
  const [problem, setProblem] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  if (!open) {
    return (
      <Button size="small" onClick={() => setOpen(true)} aria-label={o.grantTo(member.fullName)}>
        {o.grant}
      </Button>
    );
  }
  const grant = async () => {
    setBusy(true);
    setProblem(null);
    try {
      await grantRole(member.id, role, at);
      await refresh();
      setOpen(false);
      setRole('');
    } catch (error) {
      setProblem(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="grant-form"
      aria-label={o.grantTo(member.fullName)}
      onSubmit={(e) => {
        e.preventDefault();
        void grant();
      }}
    >
      <SelectField
        id={`${id}-role`}
        label={o.role}
        value={role}
        options={[['', t.console.desk.choose], ...Object.entries(t.console.roles)]}
        onChange={setRole}
      />
      <SelectField
        id={`${id}-agency`}
        label={o.atAgency}
        value={at}
        options={agencies.map((a) => [a.id, a.name] as const)}
        onChange={setAt}
      />
      <div className="form-actions">
        <Button type="primary" htmlType="submit" loading={busy} disabled={!role}>
          {o.grant}
        </Button>
        <Button onClick={() => setOpen(false)}>{t.console.cancel}</Button>
      </div>
      {problem !== null && <ProblemAlert error={problem} />}
    </form>
  );
}
