// Adding an agency under the chosen one (its QCVN 102:2016 identifier checked as it is typed), editing an agency
// (If-Match: when another administrator saved first, what was typed stays and the newer version loads only when
// asked), and adding a department.
import { useId, useState } from 'react';
import { parentAgencyCode, parseAgencyCode } from '../../../../../server/src/modules/org/agency-code.ts';
import type { Agency } from '../../../api/catalog.ts';
import { labelOf, useI18n } from '../../../i18n/index.tsx';
import { consoleApi, typed } from '../../api/http.ts';
import { vnToday } from '../../parts.tsx';
import { fieldProblem, SelectField, TextField } from '../common.tsx';
import { createAgency, createDepartment, updateAgency, useOrgRefresh } from './api.ts';
import { bindFields, FormDialog, orNull, useFormSubmit, useVersionedEdit } from './OrgDialog.tsx';

const KINDS = ['peoples_committee', 'department', 'office', 'service_centre', 'one_stop_desk'] as const;

type Details = {
  name: string;
  shortName: string;
  kind: string;
  address: string;
  phone: string;
  email: string;
};

const detailsOf = (a: Agency): Details => ({
  name: a.name,
  shortName: a.shortName ?? '',
  kind: a.kind,
  address: a.address ?? '',
  phone: a.phone ?? '',
  email: a.email ?? '',
});

const EMPTY: Details = { name: '', shortName: '', kind: 'department', address: '', phone: '', email: '' };

/** The fields an agency is created and edited with. */
function DetailFields({
  value,
  onChange,
  problem,
}: {
  value: Details;
  onChange(next: Details): void;
  problem: unknown;
}) {
  const { t } = useI18n();
  const o = t.consoleAdmin.org;
  const id = useId();
  const field = bindFields(id, value, onChange, problem);
  const kinds = KINDS.includes(value.kind as (typeof KINDS)[number]) ? KINDS : [...KINDS, value.kind];
  return (
    <>
      <TextField label={o.name} {...field('name')} />
      <TextField label={o.shortName} {...field('shortName')} />
      <SelectField label={o.kind} {...field('kind')} options={kinds.map((k) => [k, labelOf(o.kinds, k)] as const)} />
      <TextField label={o.address} {...field('address')} />
      <div className="form-row">
        <TextField label={o.phone} {...field('phone')} />
        <TextField label={o.email} {...field('email')} />
      </div>
    </>
  );
}

const patchOf = (d: Details) => ({
  name: d.name.trim(),
  shortName: orNull(d.shortName),
  kind: d.kind,
  address: orNull(d.address),
  phone: orNull(d.phone),
  email: orNull(d.email),
});

export function NewAgencyDialog({
  parent,
  onCreated,
  onClose,
}: {
  parent: Agency;
  onCreated(id: string): void;
  onClose(): void;
}) {
  const { t } = useI18n();
  const o = t.consoleAdmin.org;
  const id = useId();
  const refresh = useOrgRefresh();
  const [identifier, setIdentifier] = useState('');
  const [validFrom, setValidFrom] = useState(vnToday());
  const [details, setDetails] = useState<Details>(EMPTY);
  const code = parseAgencyCode(identifier.trim());
  const typedWrong = identifier.trim().length >= 13 && !code;
  const notUnder = code && parentAgencyCode(code) !== parent.identifier;
  const { form } = useFormSubmit(async () => {
    const created = await createAgency({
      identifier: identifier.trim(),
      ...patchOf(details),
      parentId: parent.id,
      adminUnitId: parent.adminUnitId,
      validFrom,
    });
    await refresh();
    onCreated(created.id);
  });
  return (
    <FormDialog title={o.newAgencyTitle(parent.name)} submit={o.create} onClose={onClose} {...form}>
      <TextField
        id={`${id}-identifier`}
        label={o.identifier}
        value={identifier}
        onChange={setIdentifier}
        hint={notUnder ? o.identifierNotUnder(parent.identifier) : o.identifierHint}
        error={fieldProblem(form.problem, 'identifier') ?? (typedWrong ? o.identifierRule : undefined)}
      />
      <DetailFields value={details} onChange={setDetails} problem={form.problem} />
      <TextField
        id={`${id}-from`}
        type="date"
        label={o.validFrom}
        value={validFrom}
        onChange={setValidFrom}
        error={fieldProblem(form.problem, 'validFrom')}
      />
    </FormDialog>
  );
}

export function EditAgencyDialog({ agency, onClose }: { agency: Agency; onClose(): void }) {
  const { t } = useI18n();
  const refresh = useOrgRefresh();
  const { details, setDetails, form } = useVersionedEdit(
    agency,
    detailsOf,
    {
      save: (version, d) => updateAgency(agency.id, version, patchOf(d)),
      load: () => typed(consoleApi.GET('/api/v1/agencies/{id}', { params: { path: { id: agency.id } } })),
      refresh,
    },
    onClose,
  );
  const o = t.consoleAdmin.org;
  return (
    <FormDialog title={o.editAgencyTitle(agency.name)} submit={o.save} onClose={onClose} {...form}>
      <DetailFields value={details} onChange={setDetails} problem={form.problem} />
    </FormDialog>
  );
}

export function NewDepartmentDialog({ agency, onClose }: { agency: Agency; onClose(): void }) {
  const { t } = useI18n();
  const o = t.consoleAdmin.org;
  const id = useId();
  const refresh = useOrgRefresh();
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const { form } = useFormSubmit(async () => {
    await createDepartment(agency.id, code.trim(), name.trim());
    await refresh();
    onClose();
  });
  return (
    <FormDialog title={o.newDepartmentTitle(agency.name)} submit={o.create} onClose={onClose} {...form}>
      <TextField
        id={`${id}-code`}
        label={o.departmentCode}
        hint={o.departmentCodeHint}
        value={code}
        onChange={setCode}
        error={fieldProblem(form.problem, 'code')}
      />
      <TextField
        id={`${id}-name`}
        label={o.name}
        value={name}
        onChange={setName}
        error={fieldProblem(form.problem, 'name')}
      />
    </FormDialog>
  );
}
