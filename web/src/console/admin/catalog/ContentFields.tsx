// A procedure version's content as forms, one per part: general information, components, fees and charges,
// processing times and where it is carried out. Each field shows the server's message for it (`components.2.name`).
import { Button } from 'antd';
import { type ReactNode, useState } from 'react';
import { useAgencies } from '../../../api/catalog.ts';
import { useI18n } from '../../../i18n/index.tsx';
import { Choices, SelectField, TextField } from '../common.tsx';
import { useWorkflows } from '../workflows/api.ts';
import {
  type Component,
  type Fee,
  type Offering,
  type ProcedureContent,
  type ProcessingTime,
  templateUrl,
  uploadTemplate,
} from './api.ts';

export interface PartProps {
  content: ProcedureContent;
  onChange(content: ProcedureContent): void;
  errorOf(field: string): string | undefined;
}

const FILE_TYPES = ['pdf', 'doc', 'docx', 'xls', 'xlsx', 'jpg', 'png'] as const;
const lines = (list: readonly string[]) => list.join('\n');
const unlines = (text: string) => text.split('\n').filter((l) => l.trim() !== '');
const numberOf = (text: string) => (text.trim() === '' ? 0 : Number(text));
const codes = <C extends string>(labels: Readonly<Record<C, string>>) => Object.keys(labels) as C[];
const options = (labels: Readonly<Record<string, string>>) => Object.entries(labels) as [string, string][];

export function GeneralFields({ content, onChange, errorOf }: PartProps) {
  const { t } = useI18n();
  const c = t.consoleAdmin.catalog;
  const agencies = useAgencies();
  const set = (change: Partial<ProcedureContent>) => onChange({ ...content, ...change });
  return (
    <div className="console-form">
      <TextField
        id="pc-name"
        label={c.name}
        value={content.name}
        rows={2}
        error={errorOf('name')}
        onChange={(name) => set({ name })}
      />
      <div className="field-grid-2">
        <TextField
          id="pc-field-code"
          label={c.fieldCode}
          value={content.field.code}
          error={errorOf('field.code')}
          onChange={(code) => set({ field: { ...content.field, code } })}
        />
        <TextField
          id="pc-field-name"
          label={c.field}
          value={content.field.name}
          error={errorOf('field.name')}
          onChange={(name) => set({ field: { ...content.field, name } })}
        />
        <SelectField
          id="pc-managing"
          label={c.managingAgency}
          value={content.managingAgency}
          error={errorOf('managingAgency')}
          options={agencyOptions(agencies.data, content.managingAgency)}
          onChange={(managingAgency) => set({ managingAgency })}
        />
        <SelectField
          id="pc-online"
          label={c.onlineLevel}
          value={content.onlineLevel}
          error={errorOf('onlineLevel')}
          options={options(t.vocab.onlineLevel)}
          onChange={(v) => set({ onlineLevel: v as ProcedureContent['onlineLevel'] })}
        />
        <SelectField
          id="pc-legacy"
          label={c.legacyLevel}
          value={String(content.legacyLevel)}
          error={errorOf('legacyLevel')}
          options={[
            ['2', c.legacy(2)],
            ['3', c.legacy(3)],
            ['4', c.legacy(4)],
          ]}
          onChange={(v) => set({ legacyLevel: Number(v) as ProcedureContent['legacyLevel'] })}
        />
      </div>
      <Choices
        id="pc-levels"
        legend={c.levels}
        codes={codes(t.vocab.level)}
        labels={t.vocab.level}
        chosen={content.levels}
        error={errorOf('levels')}
        onChange={(levels) => set({ levels })}
      />
      <Choices
        id="pc-applicants"
        legend={c.applicantTypes}
        codes={codes(t.vocab.applicant)}
        labels={t.vocab.applicant}
        chosen={content.applicantTypes}
        error={errorOf('applicantTypes')}
        onChange={(applicantTypes) => set({ applicantTypes })}
      />
      <Choices
        id="pc-channels"
        legend={c.receiptChannels}
        codes={codes(t.vocab.channel)}
        labels={t.vocab.channel}
        chosen={content.receiptChannels}
        error={errorOf('receiptChannels')}
        onChange={(receiptChannels) => set({ receiptChannels })}
      />
      <fieldset className="sub-fieldset">
        <legend>{c.result}</legend>
        <div className="field-grid-2">
          <TextField
            id="pc-result-name"
            label={c.resultName}
            value={content.result.name}
            error={errorOf('result.name')}
            onChange={(name) => set({ result: { ...content.result, name } })}
          />
          <SelectField
            id="pc-result-kind"
            label={c.resultKind}
            value={content.result.kind}
            error={errorOf('result.kind')}
            options={options(t.vocab.resultKind)}
            onChange={(kind) =>
              set({ result: { ...content.result, kind: kind as ProcedureContent['result']['kind'] } })
            }
          />
        </div>
        <Check
          label={c.resultElectronic}
          checked={content.result.electronic}
          onChange={(electronic) => set({ result: { ...content.result, electronic } })}
        />
      </fieldset>
      <TextField
        id="pc-legal"
        label={c.legalBasis}
        hint={c.onePerLine}
        rows={4}
        value={lines(content.legalBasis)}
        error={errorOf('legalBasis')}
        onChange={(text) => set({ legalBasis: unlines(text) })}
      />
      <TextField
        id="pc-conditions"
        label={c.conditions}
        hint={c.conditionsHint}
        rows={3}
        value={content.conditions ?? ''}
        error={errorOf('conditions')}
        onChange={(text) => set({ conditions: text.trim() ? text : null })}
      />
      <fieldset className="sub-fieldset">
        <legend>{c.nationalPortal}</legend>
        <Check
          label={c.nationalOffered}
          checked={content.nationalPortal.offered}
          onChange={(offered) => set({ nationalPortal: { ...content.nationalPortal, offered } })}
        />
        <TextField
          id="pc-national-code"
          label={c.nationalCode}
          value={content.nationalPortal.code ?? ''}
          error={errorOf('nationalPortal.code')}
          onChange={(code) => set({ nationalPortal: { ...content.nationalPortal, code: code.trim() ? code : null } })}
        />
      </fieldset>
    </div>
  );
}

function Check({ label, checked, onChange }: { label: string; checked: boolean; onChange(checked: boolean): void }) {
  return (
    <label className="inline-check">
      <input type="checkbox" className="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />{' '}
      {label}
    </label>
  );
}

function agencyOptions(agencies: { identifier: string; name: string }[] | undefined, current: string) {
  const known = (agencies ?? []).map((a) => [a.identifier, `${a.name} (${a.identifier})`] as const);
  return known.some(([id]) => id === current) ? known : [[current, current] as const, ...known];
}

/** A list of items edited in place: each in a box of its own, with a button to remove it and one to add another. */
function ItemList<T>({
  items,
  legend,
  add,
  fresh,
  onChange,
  render,
  empty,
}: {
  items: readonly T[];
  legend(index: number, item: T): ReactNode;
  add: string;
  fresh(): T;
  onChange(items: T[]): void;
  render(item: T, index: number, set: (item: T) => void): ReactNode;
  empty: string;
}) {
  const { t } = useI18n();
  return (
    <div className="item-list">
      {items.length === 0 && <p className="muted">{empty}</p>}
      {items.map((item, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: an item is its place in the list (the STT of the exchange file)
        <fieldset key={i} className="action-editor">
          <legend>{legend(i, item)}</legend>
          {render(item, i, (next) => onChange(items.map((it, j) => (j === i ? next : it))))}
          <Button danger size="small" onClick={() => onChange(items.filter((_, j) => j !== i))}>
            {t.consoleAdmin.catalog.remove}
          </Button>
        </fieldset>
      ))}
      <Button onClick={() => onChange([...items, fresh()])}>{add}</Button>
    </div>
  );
}

export function ComponentsFields({ content, onChange, errorOf }: PartProps) {
  const { t } = useI18n();
  const c = t.consoleAdmin.catalog;
  const fresh = (): Component => ({
    name: '',
    form: 'original_or_copy',
    copies: 1,
    required: true,
    template: null,
    acceptedTypes: ['pdf', 'jpg', 'png'],
    maxSizeMb: 10,
  });
  return (
    <ItemList
      items={content.components}
      legend={(i, item) => `${i + 1}. ${item.name || c.newComponent}`}
      add={c.addComponent}
      empty={c.noComponents}
      fresh={fresh}
      onChange={(components) => onChange({ ...content, components })}
      render={(item, i, set) => {
        const at = (f: string) => `components.${i}.${f}`;
        return (
          <>
            <TextField
              id={`pc-${at('name')}`}
              label={c.componentName}
              rows={2}
              value={item.name}
              error={errorOf(at('name'))}
              onChange={(name) => set({ ...item, name })}
            />
            <div className="field-grid-3">
              <SelectField
                id={`pc-${at('form')}`}
                label={c.componentForm}
                value={item.form}
                options={options(t.vocab.form)}
                error={errorOf(at('form'))}
                onChange={(form) => set({ ...item, form: form as Component['form'] })}
              />
              <TextField
                id={`pc-${at('copies')}`}
                label={c.copies}
                type="number"
                value={String(item.copies)}
                error={errorOf(at('copies'))}
                onChange={(v) => set({ ...item, copies: numberOf(v) })}
              />
              <TextField
                id={`pc-${at('maxSizeMb')}`}
                label={c.maxSize}
                type="number"
                value={String(item.maxSizeMb)}
                error={errorOf(at('maxSizeMb'))}
                onChange={(v) => set({ ...item, maxSizeMb: numberOf(v) })}
              />
            </div>
            <Check label={c.required} checked={item.required} onChange={(required) => set({ ...item, required })} />
            <Choices
              id={`pc-${at('acceptedTypes')}`}
              legend={c.acceptedTypes}
              codes={FILE_TYPES}
              labels={Object.fromEntries(FILE_TYPES.map((f) => [f, f.toUpperCase()]))}
              chosen={item.acceptedTypes as (typeof FILE_TYPES)[number][]}
              error={errorOf(at('acceptedTypes'))}
              onChange={(acceptedTypes) => set({ ...item, acceptedTypes })}
            />
            <TemplateField
              id={`pc-${at('template')}`}
              template={item.template}
              error={errorOf(at('template.sha256')) ?? errorOf(at('template.fileName'))}
              onChange={(template) => set({ ...item, template })}
            />
          </>
        );
      }}
    />
  );
}

/** The component's template form: a link to the stored file, replaced by uploading another or removed. */
function TemplateField({
  id,
  template,
  error,
  onChange,
}: {
  id: string;
  template: Component['template'];
  error: string | undefined;
  onChange(template: Component['template']): void;
}) {
  const { t } = useI18n();
  const c = t.consoleAdmin.catalog;
  const [problem, setProblem] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const upload = async (file: File) => {
    setBusy(true);
    setProblem(null);
    try {
      onChange(await uploadTemplate(file));
    } catch (e) {
      setProblem(e);
    } finally {
      setBusy(false);
    }
  };
  const message = error ?? (problem instanceof Error ? problem.message : undefined);
  return (
    <div className="template-field">
      <span className="template-field__label">{c.template}:</span>{' '}
      {template ? (
        <>
          <a href={templateUrl(template)} download>
            {template.fileName}
          </a>{' '}
          <Button size="small" onClick={() => onChange(null)}>
            {c.removeTemplate}
          </Button>
        </>
      ) : (
        <span className="muted">{c.noTemplate}</span>
      )}
      <label htmlFor={id} className="template-field__upload">
        {template ? c.replaceTemplate : c.uploadTemplate}
      </label>
      <input
        id={id}
        type="file"
        accept=".pdf,.doc,.docx,.xls,.xlsx"
        disabled={busy}
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) void upload(file);
          e.target.value = '';
        }}
      />
      {message && (
        <p className="field__error" role="alert" lang="vi">
          {message}
        </p>
      )}
    </div>
  );
}

export function FeesFields({ content, onChange, errorOf }: PartProps) {
  const { t } = useI18n();
  const c = t.consoleAdmin.catalog;
  return (
    <ItemList
      items={content.fees}
      legend={(i, fee) => `${i + 1}. ${fee.name || c.newFee} — ${t.vocab.money(fee.amount)}`}
      add={c.addFee}
      empty={c.noFees}
      fresh={(): Fee => ({ kind: 'charge', name: '', amount: 0, condition: null })}
      onChange={(fees) => onChange({ ...content, fees })}
      render={(fee, i, set) => {
        const at = (f: string) => `fees.${i}.${f}`;
        return (
          <div className="field-grid-2">
            <SelectField
              id={`pc-${at('kind')}`}
              label={c.feeKind}
              value={fee.kind}
              options={options(t.vocab.feeKind)}
              error={errorOf(at('kind'))}
              onChange={(kind) => set({ ...fee, kind: kind as Fee['kind'] })}
            />
            <TextField
              id={`pc-${at('name')}`}
              label={c.feeName}
              value={fee.name}
              error={errorOf(at('name'))}
              onChange={(name) => set({ ...fee, name })}
            />
            <TextField
              id={`pc-${at('amount')}`}
              label={c.amount}
              hint={c.amountHint}
              type="number"
              value={String(fee.amount)}
              error={errorOf(at('amount'))}
              onChange={(v) => set({ ...fee, amount: numberOf(v) })}
            />
            <TextField
              id={`pc-${at('condition')}`}
              label={c.feeCondition}
              value={fee.condition ?? ''}
              error={errorOf(at('condition'))}
              onChange={(v) => set({ ...fee, condition: v.trim() ? v : null })}
            />
          </div>
        );
      }}
    />
  );
}

export function TimesFields({ content, onChange, errorOf }: PartProps) {
  const { t } = useI18n();
  const c = t.consoleAdmin.catalog;
  const units = t.consoleAdmin.workflows.units;
  return (
    <ItemList
      items={content.processingTimes}
      legend={(_, time) => `${c.timeChannels[time.channel]}: ${t.vocab.duration(time.value, time.unit)}`}
      add={c.addTime}
      empty={c.noTimes}
      fresh={(): ProcessingTime => ({ channel: 'any', value: 1, unit: 'working_days' })}
      onChange={(processingTimes) => onChange({ ...content, processingTimes })}
      render={(time, i, set) => {
        const at = (f: string) => `processingTimes.${i}.${f}`;
        return (
          <div className="field-grid-3">
            <SelectField
              id={`pc-${at('channel')}`}
              label={c.timeChannel}
              value={time.channel}
              options={options(c.timeChannels)}
              error={errorOf(at('channel'))}
              onChange={(channel) => set({ ...time, channel: channel as ProcessingTime['channel'] })}
            />
            <TextField
              id={`pc-${at('value')}`}
              label={c.timeValue}
              type="number"
              value={String(time.value)}
              error={errorOf(at('value'))}
              onChange={(v) => set({ ...time, value: numberOf(v) })}
            />
            <SelectField
              id={`pc-${at('unit')}`}
              label={c.timeUnit}
              value={time.unit}
              options={options(units)}
              error={errorOf(at('unit'))}
              onChange={(unit) => set({ ...time, unit: unit as ProcessingTime['unit'] })}
            />
          </div>
        );
      }}
    />
  );
}

export function OfferingsFields({ content, onChange, errorOf }: PartProps) {
  const { t } = useI18n();
  const c = t.consoleAdmin.catalog;
  const agencies = useAgencies();
  const workflows = useWorkflows();
  const workflowOptions = (current: string | null): [string, string][] => {
    const known = (workflows.data ?? []).map((w) => [w.code, `${w.name} (${w.code})`] as [string, string]);
    const listed = current === null || known.some(([code]) => code === current);
    return [['', c.noWorkflow], ...(listed ? [] : [[current, current] as [string, string]]), ...known];
  };
  const nameOf = (identifier: string) => agencies.data?.find((a) => a.identifier === identifier)?.name ?? identifier;
  return (
    <ItemList
      items={content.offerings}
      legend={(i, o) => `${i + 1}. ${o.agency ? nameOf(o.agency) : c.newOffering}`}
      add={c.addOffering}
      empty={c.noOfferings}
      fresh={(): Offering => ({ agency: '', workflow: null })}
      onChange={(offerings) => onChange({ ...content, offerings })}
      render={(o, i, set) => {
        const at = (f: string) => `offerings.${i}.${f}`;
        return (
          <div className="field-grid-2">
            <SelectField
              id={`pc-${at('agency')}`}
              label={c.offeringAgency}
              value={o.agency}
              options={[['', t.console.desk.choose], ...agencyOptions(agencies.data, o.agency).filter(([id]) => id)]}
              error={errorOf(at('agency'))}
              onChange={(agency) => set({ ...o, agency })}
            />
            <SelectField
              id={`pc-${at('workflow')}`}
              label={c.offeringWorkflow}
              value={o.workflow ?? ''}
              options={workflowOptions(o.workflow)}
              error={errorOf(at('workflow'))}
              onChange={(workflow) => set({ ...o, workflow: workflow || null })}
            />
          </div>
        );
      }}
    />
  );
}
