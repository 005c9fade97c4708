// The draft being edited, as plain data: changes that keep its references whole (renaming a step renames every
// action going to it), the problems of the server's validation placed by path, and the diagram drawn in the page
// by the very function the server draws stored versions with.
import { toSvg } from '../../../../../server/src/modules/workflow/diagram.ts';
import type { ActionDefinition, DefinitionProblem, StepDefinition, WorkflowDefinition } from './api.ts';

/** `definition.steps[1].actions[0].by[2]` → `steps[1].actions[0].by`: the field the form shows it beside. */
export function problemPath(field: string): string {
  return field.replace(/^definition\.?/, '').replace(/\.(by|requires|effects|allows)\[\d+\]$/, '.$1');
}

/** Messages by the path of the field they belong to. */
export function problemsByPath(problems: readonly DefinitionProblem[]): Map<string, string[]> {
  const byPath = new Map<string, string[]>();
  for (const { field, message } of problems) {
    const path = problemPath(field);
    byPath.set(path, [...(byPath.get(path) ?? []), message]);
  }
  return byPath;
}

/** The id of the control that edits `path` (`steps[1].name` → `wf-steps-1-name`), so a problem can focus it. */
export const controlId = (path: string) => `wf-${path.replace(/[^A-Za-z0-9]+/g, '-').replace(/-$/, '')}`;

export function replaceStep(def: WorkflowDefinition, index: number, step: StepDefinition): WorkflowDefinition {
  return { ...def, steps: def.steps.map((s, i) => (i === index ? step : s)) };
}

export function updateStep(def: WorkflowDefinition, index: number, change: Partial<StepDefinition>) {
  const step = def.steps[index];
  return step ? replaceStep(def, index, { ...step, ...change }) : def;
}

type OptionalKey = 'role' | 'department' | 'timeAllowed' | 'terminal' | 'allows';

/** The step with an optional field set, or left out when empty (as the stored definitions write them). */
export function withOptional<K extends OptionalKey>(
  step: StepDefinition,
  key: K,
  value: StepDefinition[K] | undefined,
): StepDefinition {
  const empty = value === undefined || value === '' || value === false || (Array.isArray(value) && value.length === 0);
  if (!empty) return { ...step, [key]: value };
  const { [key]: _dropped, ...rest } = step;
  return rest as StepDefinition;
}

export function updateAction(def: WorkflowDefinition, step: number, index: number, change: Partial<ActionDefinition>) {
  const actions = def.steps[step]?.actions.map((a, i) => (i === index ? { ...a, ...change } : a)) ?? [];
  return updateStep(def, step, { actions });
}

/** A new id for the step, and every reference to the old one follows (the start, the actions going to it). */
export function renameStep(def: WorkflowDefinition, index: number, id: string): WorkflowDefinition {
  const old = def.steps[index]?.id;
  if (old === undefined) return def;
  const follow = (ref: string) => (ref === old ? id : ref);
  return {
    ...def,
    start: follow(def.start),
    steps: def.steps.map((s, i) => ({
      ...s,
      id: i === index ? id : s.id,
      actions: s.actions.map((a) => ({ ...a, to: follow(a.to) })),
    })),
  };
}

/** An id not used yet in `taken`: `base`, `base_2`, `base_3`… */
function freshId(base: string, taken: readonly string[]): string {
  if (!taken.includes(base)) return base;
  let n = 2;
  while (taken.includes(`${base}_${n}`)) n++;
  return `${base}_${n}`;
}

export function addStep(def: WorkflowDefinition, name: string): WorkflowDefinition {
  const step: StepDefinition = {
    id: freshId(
      'buoc_moi',
      def.steps.map((s) => s.id),
    ),
    name,
    status: 'processing',
    actions: [],
  };
  return { ...def, steps: [...def.steps, step] };
}

export function removeStep(def: WorkflowDefinition, index: number): WorkflowDefinition {
  return { ...def, steps: def.steps.filter((_, i) => i !== index) };
}

export function addAction(def: WorkflowDefinition, step: number, name: string): WorkflowDefinition {
  const actions = def.steps[step]?.actions ?? [];
  const action: ActionDefinition = {
    id: freshId(
      'thao_tac_moi',
      actions.map((a) => a.id),
    ),
    name,
    to: def.steps[step]?.id ?? def.start,
    by: [],
  };
  return updateStep(def, step, { actions: [...actions, action] });
}

export function removeAction(def: WorkflowDefinition, step: number, index: number): WorkflowDefinition {
  return updateStep(def, step, { actions: (def.steps[step]?.actions ?? []).filter((_, i) => i !== index) });
}

/** Optional lists are left out when empty, as the stored definitions write them. */
export function withList<K extends 'requires' | 'effects' | 'by'>(
  action: ActionDefinition,
  key: K,
  list: NonNullable<ActionDefinition[K]>,
): ActionDefinition {
  if (key === 'by' || list.length > 0) return { ...action, [key]: list };
  const { [key]: _dropped, ...rest } = action;
  return rest as ActionDefinition;
}

/** The draft drawn as an image, or null while it is too incomplete to draw. */
export function liveDiagram(def: WorkflowDefinition): string | null {
  if (def.steps.length === 0) return null;
  try {
    return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(toSvg(def))}`;
  } catch {
    return null;
  }
}
