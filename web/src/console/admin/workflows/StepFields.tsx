// One step of the draft as a form: its name and id, the status the applicant sees, whose queue it waits in, the
// time allowed, whether it ends the dossier, the interruptions it permits, and its actions (each with its target
// step, who may take it, what it needs and what it does). Each problem of the validation sits beside its field.
import { Button, Input } from 'antd';
import { useI18n } from '../../../i18n/index.tsx';
import { describedBy, Field } from '../../parts.tsx';
import { Choices } from '../common.tsx';
import type {
  ActionDefinition,
  DeclaredEffect,
  MacroStatus,
  Requirement,
  StepAllowance,
  StepDefinition,
  WorkflowDefinition,
} from './api.ts';
import {
  addAction,
  controlId,
  removeAction,
  removeStep,
  renameStep,
  replaceStep,
  updateAction,
  updateStep,
  withList,
  withOptional,
} from './draft.ts';

type Unit = NonNullable<StepDefinition['timeAllowed']>['unit'];

interface StepProps {
  def: WorkflowDefinition;
  index: number;
  open: boolean;
  onToggle(open: boolean): void;
  problems: Map<string, string[]>;
  problemCount: number;
  onChange(def: WorkflowDefinition): void;
}

export function StepFields({ def, index, open, onToggle, problems, problemCount, onChange }: StepProps) {
  const { t } = useI18n();
  const w = t.consoleAdmin.workflows;
  const step = def.steps[index] as StepDefinition;
  const at = (field: string) => `steps[${index}]${field ? `.${field}` : ''}`;
  const errorOf = (field: string) => problems.get(at(field))?.join(' ');
  const set = (change: Partial<StepDefinition>) => onChange(updateStep(def, index, change));
  const setOptional = <K extends 'role' | 'department' | 'timeAllowed' | 'terminal' | 'allows'>(
    key: K,
    value: StepDefinition[K] | undefined,
  ) => onChange(replaceStep(def, index, withOptional(step, key, value)));
  const setTime = (unit: Unit | '', amount: number) => setOptional('timeAllowed', unit ? { unit, amount } : undefined);
  const text = (field: 'id' | 'name' | 'department', label: string, value: string, change: (v: string) => void) => {
    const id = controlId(at(field));
    return (
      <Field id={id} label={label} error={errorOf(field)}>
        <Input
          id={id}
          value={value}
          onChange={(e) => change(e.target.value)}
          aria-invalid={errorOf(field) ? true : undefined}
          aria-describedby={describedBy(id, errorOf(field))}
        />
      </Field>
    );
  };
  const whole = [errorOf(''), errorOf('actions')].filter(Boolean);

  return (
    <details className="step-editor" open={open} onToggle={(e) => onToggle((e.target as HTMLDetailsElement).open)}>
      <summary id={controlId(at(''))}>
        <span className="step-editor__title">
          {w.stepN(index + 1)}: <span lang="vi">{step.name}</span> <code>{step.id}</code>
        </span>
        {step.timeAllowed && (
          <span className="step-editor__time">{t.vocab.duration(step.timeAllowed.amount, step.timeAllowed.unit)}</span>
        )}
        {problemCount > 0 && <span className="problem-count">{w.problems(problemCount)}</span>}
      </summary>
      <div className="step-editor__body console-form">
        {whole.map((message) => (
          <p key={message} className="field__error" role="alert" lang="vi">
            {message}
          </p>
        ))}
        <div className="field-grid-2">
          {text('name', w.stepName, step.name, (name) => set({ name }))}
          {text('id', w.stepId, step.id, (id) => onChange(renameStep(def, index, id)))}
          <Field id={controlId(at('status'))} label={w.stepStatus} error={errorOf('status')}>
            <select
              id={controlId(at('status'))}
              value={step.status}
              onChange={(e) => set({ status: e.target.value as MacroStatus })}
              aria-describedby={describedBy(controlId(at('status')), errorOf('status'))}
            >
              {Object.entries(t.console.statuses).map(([code, label]) => (
                <option key={code} value={code}>
                  {label}
                </option>
              ))}
            </select>
          </Field>
          <Field id={controlId(at('role'))} label={w.stepRole} error={errorOf('role')}>
            <select
              id={controlId(at('role'))}
              value={step.role ?? ''}
              onChange={(e) => setOptional('role', (e.target.value || undefined) as StepDefinition['role'])}
              aria-describedby={describedBy(controlId(at('role')), errorOf('role'))}
            >
              <option value="">{w.noRole}</option>
              {Object.entries(t.console.roles).map(([code, label]) => (
                <option key={code} value={code}>
                  {label}
                </option>
              ))}
            </select>
          </Field>
        </div>
        <div className="field-grid-3">
          {text('department', w.department, step.department ?? '', (department) =>
            setOptional('department', department),
          )}
          <Field
            id={controlId(at('timeAllowed.amount'))}
            label={w.timeAllowed}
            error={errorOf('timeAllowed.amount') ?? errorOf('timeAllowed')}
          >
            <input
              id={controlId(at('timeAllowed.amount'))}
              className="number-input"
              type="number"
              min={0}
              step={0.5}
              disabled={!step.timeAllowed}
              value={step.timeAllowed?.amount ?? ''}
              onChange={(e) => setTime(step.timeAllowed?.unit ?? 'working_days', e.target.valueAsNumber || 0)}
              aria-describedby={describedBy(controlId(at('timeAllowed.amount')), errorOf('timeAllowed.amount'))}
            />
          </Field>
          <Field id={controlId(at('timeAllowed.unit'))} label={w.timeUnit} error={errorOf('timeAllowed.unit')}>
            <select
              id={controlId(at('timeAllowed.unit'))}
              value={step.timeAllowed?.unit ?? ''}
              onChange={(e) => setTime(e.target.value as Unit | '', step.timeAllowed?.amount ?? 1)}
            >
              <option value="">{w.noTime}</option>
              <option value="working_days">{w.units.working_days}</option>
              <option value="working_hours">{w.units.working_hours}</option>
            </select>
          </Field>
        </div>
        <label className="inline-check">
          <input
            type="checkbox"
            className="checkbox"
            id={controlId(at('terminal'))}
            checked={step.terminal === true}
            onChange={(e) => setOptional('terminal', e.target.checked)}
          />{' '}
          {w.terminal}
        </label>
        {errorOf('terminal') && (
          <p className="field__error" role="alert" lang="vi">
            {errorOf('terminal')}
          </p>
        )}
        <Choices<StepAllowance>
          id={controlId(at('allows'))}
          legend={w.allows}
          codes={Object.keys(w.allowances) as StepAllowance[]}
          labels={w.allowances}
          chosen={step.allows ?? []}
          error={errorOf('allows')}
          onChange={(allows) => setOptional('allows', allows)}
        />
        <h3 className="admin-subheading">{w.actions}</h3>
        {step.actions.length === 0 && <p className="muted">{w.noActions}</p>}
        {step.actions.map((action, j) => (
          <ActionFields
            // biome-ignore lint/suspicious/noArrayIndexKey: an action is its place in the list; its id is being edited
            key={j}
            def={def}
            step={index}
            index={j}
            action={action}
            problems={problems}
            onChange={onChange}
          />
        ))}
        <div className="form-actions">
          <Button onClick={() => onChange(addAction(def, index, w.newActionName))}>{w.addAction}</Button>
          <Button danger onClick={() => onChange(removeStep(def, index))}>
            {w.removeStep(step.name)}
          </Button>
        </div>
      </div>
    </details>
  );
}

function ActionFields({
  def,
  step,
  index,
  action,
  problems,
  onChange,
}: {
  def: WorkflowDefinition;
  step: number;
  index: number;
  action: ActionDefinition;
  problems: Map<string, string[]>;
  onChange(def: WorkflowDefinition): void;
}) {
  const { t } = useI18n();
  const w = t.consoleAdmin.workflows;
  const at = (field: string) => `steps[${step}].actions[${index}]${field ? `.${field}` : ''}`;
  const errorOf = (field: string) => problems.get(at(field))?.join(' ');
  const replace = (next: ActionDefinition) =>
    onChange(
      updateStep(def, step, { actions: def.steps[step]?.actions.map((a, i) => (i === index ? next : a)) ?? [] }),
    );
  const set = (change: Partial<ActionDefinition>) => onChange(updateAction(def, step, index, change));
  const actors = { ...t.console.roles, ...w.actors };
  const input = (field: 'id' | 'name', label: string) => {
    const id = controlId(at(field));
    return (
      <Field id={id} label={label} error={errorOf(field)}>
        <Input
          id={id}
          value={action[field]}
          onChange={(e) => set({ [field]: e.target.value })}
          aria-invalid={errorOf(field) ? true : undefined}
          aria-describedby={describedBy(id, errorOf(field))}
        />
      </Field>
    );
  };
  return (
    <fieldset className="action-editor">
      <legend>
        {w.actionN(index + 1)}: <span lang="vi">{action.name}</span>
      </legend>
      {errorOf('') && (
        <p className="field__error" role="alert" lang="vi">
          {errorOf('')}
        </p>
      )}
      <div className="field-grid-2">
        {input('name', w.actionName)}
        {input('id', w.actionId)}
        <Field id={controlId(at('to'))} label={w.target} error={errorOf('to')}>
          <select
            id={controlId(at('to'))}
            value={action.to}
            onChange={(e) => set({ to: e.target.value })}
            aria-describedby={describedBy(controlId(at('to')), errorOf('to'))}
          >
            {!def.steps.some((s) => s.id === action.to) && <option value={action.to}>{action.to}</option>}
            <StepOptions steps={def.steps} />
          </select>
        </Field>
      </div>
      <Choices
        id={controlId(at('by'))}
        legend={w.by}
        codes={Object.keys(actors)}
        labels={actors}
        chosen={action.by}
        error={errorOf('by')}
        onChange={(by) => replace(withList(action, 'by', by as ActionDefinition['by']))}
      />
      <Choices<Requirement>
        id={controlId(at('requires'))}
        legend={w.requires}
        codes={Object.keys(w.requirements) as Requirement[]}
        labels={w.requirements}
        chosen={action.requires ?? []}
        error={errorOf('requires')}
        onChange={(requires) => replace(withList(action, 'requires', requires))}
      />
      <Choices<DeclaredEffect>
        id={controlId(at('effects'))}
        legend={w.effects}
        codes={Object.keys(w.effectNames) as DeclaredEffect[]}
        labels={w.effectNames}
        chosen={action.effects ?? []}
        error={errorOf('effects')}
        onChange={(effects) => replace(withList(action, 'effects', effects))}
      />
      <Button danger size="small" onClick={() => onChange(removeAction(def, step, index))}>
        {w.removeAction(action.name)}
      </Button>
    </fieldset>
  );
}

/** The steps of a definition as the options of a select: name, then id. */
export function StepOptions({ steps }: { steps: readonly StepDefinition[] }) {
  return steps.map((s) => (
    <option key={s.id} value={s.id}>
      {s.name} ({s.id})
    </option>
  ));
}
