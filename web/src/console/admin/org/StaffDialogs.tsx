// Adding a staff member to an agency, with the roles they hold there granted in the same step (the server answers a
// temporary password, shown once), and editing one (If-Match: a conflict keeps what was typed).
import { useId, useState } from 'react';
import type { Agency } from '../../../api/catalog.ts';
import { useI18n } from '../../../i18n/index.tsx';
import { consoleApi, typed } from '../../api/http.ts';
import { Choices, fieldProblem, SelectField, TextField } from '../common.tsx';
import {
  createStaff,
  type NewStaff,
  type StaffMember,
  type TemporaryPassword,
  updateStaff,
  useDepartments,
  useStaffRefresh,
} from './api.ts';
import { bindFields, FormDialog, orNull, useFormSubmit, useVersionedEdit } from './OrgDialog.tsx';

type Role = NonNullable<NewStaff['roles']>[number];
/** System administration is granted from a staff member's roles afterwards, by a system administrator. */
const ROLES: readonly Role[] = [
  'one_stop_officer',
  'specialist',
  'department_head',
  'agency_leader',
  'clerk',
  'reporting_officer',
  'agency_admin',
];

type Details = {
  fullName: string;
  position: string;
  email: string;
  phone: string;
  departmentId: string;
};

const detailsOf = (m: StaffMember): Details => ({
  fullName: m.fullName,
  position: m.position ?? '',
  email: m.email ?? '',
  phone: m.phone ?? '',
  departmentId: m.departmentId ?? '',
});

const patchOf = (d: Details) => ({
  fullName: d.fullName.trim(),
  position: orNull(d.position),
  email: orNull(d.email),
  phone: orNull(d.phone),
  departmentId: d.departmentId || null,
});

function DetailFields({
  agencyId,
  value,
  onChange,
  problem,
}: {
  agencyId: string;
  value: Details;
  onChange(next: Details): void;
  problem: unknown;
}) {
  const { t } = useI18n();
  const o = t.consoleAdmin.org;
  const id = useId();
  const departments = useDepartments(agencyId);
  const field = bindFields(id, value, onChange, problem);
  return (
    <>
      <TextField label={o.fullName} {...field('fullName')} />
      <TextField label={o.position} {...field('position')} />
      <SelectField
        label={o.department}
        {...field('departmentId')}
        options={[['', o.noDepartment], ...(departments.data ?? []).map((d) => [d.id, d.name] as const)]}
      />
      <div className="form-row">
        <TextField label={o.email} {...field('email')} />
        <TextField label={o.phone} {...field('phone')} />
      </div>
    </>
  );
}

export function NewStaffDialog({
  agency,
  onCreated,
  onClose,
}: {
  agency: Agency;
  onCreated(member: StaffMember, temporary: TemporaryPassword): void;
  onClose(): void;
}) {
  const { t } = useI18n();
  const o = t.consoleAdmin.org;
  const id = useId();
  const refresh = useStaffRefresh();
  const [username, setUsername] = useState('');
  const [details, setDetails] = useState<Details>({
    fullName: '',
    position: '',
    email: '',
    phone: '',
    departmentId: '',
  });
  const [roles, setRoles] = useState<Role[]>([]);
  const { form } = useFormSubmit(async () => {
    const created = await createStaff({ username: username.trim(), ...patchOf(details), agencyId: agency.id, roles });
    await refresh();
    const { temporaryPassword, temporaryPasswordUntil } = created;
    onCreated(created, { temporaryPassword, temporaryPasswordUntil });
  });
  return (
    <FormDialog title={o.newStaffTitle(agency.name)} submit={o.create} onClose={onClose} {...form}>
      <TextField
        id={`${id}-username`}
        label={t.console.signIn.username}
        hint={o.usernameHint}
        value={username}
        onChange={setUsername}
        error={fieldProblem(form.problem, 'username')}
      />
      <DetailFields agencyId={agency.id} value={details} onChange={setDetails} problem={form.problem} />
      <Choices
        id={`${id}-roles`}
        legend={o.rolesAt(agency.name)}
        codes={ROLES}
        labels={t.console.roles}
        chosen={roles}
        onChange={setRoles}
        error={fieldProblem(form.problem, 'roles')}
      />
      <p className="small-note muted">{o.temporaryNote}</p>
    </FormDialog>
  );
}

export function EditStaffDialog({ member, onClose }: { member: StaffMember; onClose(): void }) {
  const { t } = useI18n();
  const refresh = useStaffRefresh();
  const { details, setDetails, form } = useVersionedEdit(
    member,
    detailsOf,
    {
      save: (version, d) => updateStaff(member.id, version, patchOf(d)),
      load: () => typed(consoleApi.GET('/api/v1/staff/{id}', { params: { path: { id: member.id } } })),
      refresh,
    },
    onClose,
  );
  return (
    <FormDialog
      title={t.consoleAdmin.org.editStaffTitle(member.fullName)}
      submit={t.consoleAdmin.org.save}
      onClose={onClose}
      {...form}
    >
      <DetailFields agencyId={member.agencyId} value={details} onChange={setDetails} problem={form.problem} />
    </FormDialog>
  );
}
