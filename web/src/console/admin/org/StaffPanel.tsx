// One agency: its details and departments (edited, added to, an agency added under it), and its staff found by
// name, page after page, with the roles each holds (at this agency or another). From here an administrator
// onboards a person (account, roles, temporary password), edits them, gives them a new temporary password, and
// offboards them (locking the account ends their sessions at once). The server says who may do what; its refusal
// is shown as it words it.
import { Button, Input } from 'antd';
import { useId, useState } from 'react';
import type { Agency } from '../../../api/catalog.ts';
import { ProblemAlert } from '../../../components/ProblemAlert.tsx';
import { useDebouncedValue } from '../../../components/useDebouncedValue.ts';
import { labelOf, useI18n } from '../../../i18n/index.tsx';
import { formatDateTime } from '../../parts.tsx';
import { useSession } from '../../session.tsx';
import { ConfirmDialog, ListState, SelectField } from '../common.tsx';
import { EditAgencyDialog, NewAgencyDialog, NewDepartmentDialog } from './AgencyDialogs.tsx';
import {
  type Grant,
  grantRole,
  resetPassword,
  revokeRole,
  type StaffMember,
  type TemporaryPassword,
  updateStaff,
  useDepartments,
  useStaffOf,
  useStaffRefresh,
} from './api.ts';
import { TemporaryPasswordDialog } from './OrgDialog.tsx';
import { EditStaffDialog, NewStaffDialog } from './StaffDialogs.tsx';

type AgencyDialog = 'edit' | 'new-agency' | 'new-department' | null;
/** What is asked about one person: a confirmation first, or the temporary password once it is issued. */
type Pending =
  | { kind: 'revoke'; member: StaffMember; grant: Grant }
  | { kind: 'lock' | 'unlock' | 'reset' | 'edit'; member: StaffMember }
  | { kind: 'new' }
  | { kind: 'temporary'; member: StaffMember; temporary: TemporaryPassword };

export function StaffPanel({
  agency,
  agencies,
  onSelect,
}: {
  agency: Agency;
  agencies: readonly Agency[];
  onSelect(id: string): void;
}) {
  const { t } = useI18n();
  const o = t.consoleAdmin.org;
  const id = useId();
  const { me } = useSession();
  const departments = useDepartments(agency.id);
  const [text, setText] = useState('');
  const q = useDebouncedValue(text.trim(), 300);
  const staff = useStaffOf(agency.id, q);
  const members = staff.data?.pages.flatMap((p) => p.items) ?? [];
  const nameOf = (agencyId: string) => agencies.find((a) => a.id === agencyId)?.name ?? agencyId;
  const departmentOf = (depId: string | null) => departments.data?.find((d) => d.id === depId)?.name ?? '';
  const [agencyDialog, setAgencyDialog] = useState<AgencyDialog>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const [problem, setProblem] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const refresh = useStaffRefresh();

  /** Does what was confirmed; the dialog closes either way and a refusal shows above the list. */
  const confirmed = async () => {
    if (!pending) return;
    setBusy(true);
    setProblem(null);
    let next: Pending | null = null;
    try {
      if (pending.kind === 'revoke') await revokeRole(pending.member.id, pending.grant.id);
      if (pending.kind === 'lock' || pending.kind === 'unlock') {
        await updateStaff(pending.member.id, pending.member.version, { active: pending.kind === 'unlock' });
      }
      if (pending.kind === 'reset') {
        next = { kind: 'temporary', member: pending.member, temporary: await resetPassword(pending.member.id) };
      }
      await refresh();
    } catch (error) {
      setProblem(error);
    } finally {
      setBusy(false);
      setPending(next);
    }
  };

  return (
    <div>
      <section className="panel" aria-labelledby="org-agency">
        <h2 id="org-agency" lang="vi">
          {agency.name}
        </h2>
        <div className="org-actions">
          <Button onClick={() => setAgencyDialog('edit')}>{o.editAgency}</Button>
          <Button onClick={() => setAgencyDialog('new-department')}>{o.newDepartment}</Button>
          <Button onClick={() => setAgencyDialog('new-agency')}>{o.newAgency}</Button>
        </div>
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
        <h2 id="org-staff">{o.staff}</h2>
        <div className="org-actions org-actions--search">
          <label htmlFor={`${id}-q`} className="visually-hidden">
            {o.findStaff}
          </label>
          <Input
            id={`${id}-q`}
            type="search"
            placeholder={o.findStaff}
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
          <Button type="primary" onClick={() => setPending({ kind: 'new' })}>
            {o.newStaff}
          </Button>
        </div>
        {problem !== null && <ProblemAlert error={problem} />}
        <ListState
          loading={staff.isPending}
          error={staff.error}
          empty={members.length === 0}
          emptyText={q ? o.noStaffFound : o.noStaff}
          onRetry={() => void staff.refetch()}
        />
        <ul className="staff-list">
          {members.map((member) => (
            <li key={member.id} className="staff-card">
              <div className="staff-card__head">
                <strong lang="vi">{member.fullName}</strong> <code>{member.username}</code>
                {!member.active && <span className="version-tag version-tag--retired">{o.inactive}</span>}
                {member.temporaryPasswordUntil && (
                  <span className="version-tag">
                    {o.temporaryPending(formatDateTime(member.temporaryPasswordUntil))}
                  </span>
                )}
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
                      onClick={() => setPending({ kind: 'revoke', member, grant: g })}
                    >
                      {o.revoke}
                    </Button>
                  </li>
                ))}
                {member.grants.length === 0 && <li className="muted">{o.noRoles}</li>}
              </ul>
              <div className="org-actions">
                <Button
                  size="small"
                  aria-label={o.editLabel(member.fullName)}
                  onClick={() => setPending({ kind: 'edit', member })}
                >
                  {o.edit}
                </Button>
                <Button
                  size="small"
                  aria-label={o.resetLabel(member.fullName)}
                  onClick={() => setPending({ kind: 'reset', member })}
                >
                  {o.reset}
                </Button>
                {member.id !== me.id && (
                  <Button
                    size="small"
                    danger={member.active}
                    aria-label={(member.active ? o.lockLabel : o.unlockLabel)(member.fullName)}
                    onClick={() => setPending({ kind: member.active ? 'lock' : 'unlock', member })}
                  >
                    {member.active ? o.lock : o.unlock}
                  </Button>
                )}
                <GrantForm member={member} agency={agency} agencies={agencies} />
              </div>
            </li>
          ))}
        </ul>
        {staff.hasNextPage && (
          <Button onClick={() => void staff.fetchNextPage()} loading={staff.isFetchingNextPage}>
            {o.more}
          </Button>
        )}
      </section>
      {agencyDialog === 'edit' && <EditAgencyDialog agency={agency} onClose={() => setAgencyDialog(null)} />}
      {agencyDialog === 'new-department' && (
        <NewDepartmentDialog agency={agency} onClose={() => setAgencyDialog(null)} />
      )}
      {agencyDialog === 'new-agency' && (
        <NewAgencyDialog parent={agency} onCreated={onSelect} onClose={() => setAgencyDialog(null)} />
      )}
      {pending?.kind === 'new' && (
        <NewStaffDialog
          agency={agency}
          onCreated={(member, temporary) => setPending({ kind: 'temporary', member, temporary })}
          onClose={() => setPending(null)}
        />
      )}
      {pending?.kind === 'edit' && <EditStaffDialog member={pending.member} onClose={() => setPending(null)} />}
      {pending?.kind === 'temporary' && (
        <TemporaryPasswordDialog
          name={pending.member.fullName}
          username={pending.member.username}
          temporary={pending.temporary}
          onClose={() => setPending(null)}
        />
      )}
      {pending && ['revoke', 'lock', 'unlock', 'reset'].includes(pending.kind) && (
        <Confirmation
          pending={pending}
          agencyName={nameOf}
          busy={busy}
          onConfirm={confirmed}
          onClose={() => setPending(null)}
        />
      )}
    </div>
  );
}

/** The question asked before revoking a role, locking or unlocking an account, or resetting a password. */
function Confirmation({
  pending,
  agencyName,
  busy,
  onConfirm,
  onClose,
}: {
  pending: Pending;
  agencyName(id: string): string;
  busy: boolean;
  onConfirm(): Promise<void>;
  onClose(): void;
}) {
  const { t } = useI18n();
  const o = t.consoleAdmin.org;
  if (pending.kind === 'new') return null;
  const name = pending.member.fullName;
  const [title, confirm, text] =
    pending.kind === 'revoke'
      ? [
          o.revokeTitle(labelOf(t.console.roles, pending.grant.role), name),
          o.revoke,
          o.revokeText(agencyName(pending.grant.agencyId)),
        ]
      : pending.kind === 'lock'
        ? [o.lockTitle(name), o.lock, o.lockText]
        : pending.kind === 'unlock'
          ? [o.unlockTitle(name), o.unlock, o.unlockText]
          : [o.resetTitle(name), o.reset, o.resetText];
  return (
    <ConfirmDialog title={title} confirm={confirm} busy={busy} onConfirm={() => void onConfirm()} onClose={onClose}>
      <p>{text}</p>
    </ConfirmDialog>
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
